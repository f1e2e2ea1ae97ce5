import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);

/**
 * End-to-end tests run the production build on its own port and a fresh embedded database
 * (or PostgreSQL when DATABASE_URL is set), in Debian's Chromium: no browser is downloaded.
 */
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  // The slowest test without a timeout of its own measured 15.5 s under load (a listing page's
  // accessibility, in two languages): ~3x. Slower tests set theirs, each from its own measurement.
  timeout: 45_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    },
  },
  projects: [
    // First: the live auction room's tests watch test lots that end seconds and minutes after the
    // server starts (db/seed/e2e.ts); run later, behind the other tests, they would find them over.
    { name: "live", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: /auction\.spec\.ts/ },
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testIgnore: [/auction\.spec\.ts/, /responsive\.spec\.ts/, /\.clock\.spec\.ts/],
      dependencies: ["live"],
    },
    {
      name: "mobile",
      use: { ...devices["Pixel 7"], channel: undefined },
      testMatch: /responsive\.spec\.ts/,
      dependencies: ["live"],
    },
    // Tests that move the server's clock forward run last: days pass for every listing at once.
    {
      name: "clock",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testMatch: /\.clock\.spec\.ts/,
      dependencies: ["desktop", "mobile"],
    },
  ],
  webServer: {
    // E2E_REUSE_BUILD=1 (.ci/run's second pass, over the sources the first pass built) serves the build as it is.
    command:
      process.env.E2E_REUSE_BUILD === "1" && existsSync("build/main.js")
        ? "bash tests/e2e/serve.sh"
        : "npm run build && bash tests/e2e/serve.sh",
    url: `http://localhost:${port}/api/v1/time`,
    // Build, seed and start: 27-51 s measured, about 90 s under the heaviest load seen: ~3x.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
  },
});
