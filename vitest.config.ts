import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: ["tests/unit/**/*.test.ts", "server/**/*.test.ts", "app/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          // After the unit tests, with their own worker limit.
          sequence: { groupOrder: 1 },
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // PGlite instances are heavy; two workers fit the machine.
          maxWorkers: 2,
        },
      },
    ],
  },
});
