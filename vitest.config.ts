import { defineConfig } from "vitest/config";

/**
 * The cluster tests start real server processes against PostgreSQL and Redis, so they run only
 * when asked (NPLEX_CLUSTER=1, as `npm run test:cluster` and .ci/run do): a plain `vitest run`
 * on a machine without those services leaves them out instead of failing.
 */
const cluster = process.env.NPLEX_CLUSTER === "1";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: ["tests/unit/**/*.test.ts"],
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
      ...(cluster
        ? [
            {
              test: {
                name: "cluster",
                // Last, and one file at a time: each file runs two server processes of its own.
                sequence: { groupOrder: 2 },
                include: ["tests/cluster/**/*.test.ts"],
                environment: "node",
                globalSetup: ["tests/support/cluster-setup.ts"],
                testTimeout: 180_000,
                hookTimeout: 180_000,
                maxWorkers: 1,
              },
            },
          ]
        : []),
    ],
  },
});
