import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import type { TestProject } from "vitest/node";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * The cluster tests run real server processes against the PostgreSQL and Redis they are given:
 * without both there is nothing to test, so they fail rather than skip.
 *
 * Builds the production bundle once per run, into a folder of its own under .cache/ (not build/,
 * which a concurrent `npm run build`, e.g. Playwright's, would rewrite under the running nodes).
 * The folder looks like a project root to `server/paths.ts`: a package.json, the build, and links
 * to public/ and db/ (for the migrations); npm packages resolve from the real node_modules above.
 */
export default async function setup(project: TestProject) {
  const missing = ["DATABASE_URL", "REDIS_URL"].filter((name) => !process.env[name]);
  if (missing.length) {
    throw new Error(
      `The cluster tests need PostgreSQL and Redis: set ${missing.join(" and ")} ` +
        `(e.g. NPLEX_CLUSTER=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 npm run test:cluster).`,
    );
  }
  // Builds left behind by runs that were killed before their teardown.
  for (const entry of existsSync(path.join(root, ".cache")) ? readdirSync(path.join(root, ".cache")) : []) {
    const pid = Number(/^cluster-(\d+)$/.exec(entry)?.[1]);
    if (pid && !isAlive(pid)) rmSync(path.join(root, ".cache", entry), { recursive: true, force: true });
  }
  const dir = path.join(root, ".cache", `cluster-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const buildDir = path.join(dir, "build");
  const remix = path.join(root, "node_modules/@remix-run/dev/dist/cli.js");
  try {
    execFileSync(process.execPath, [remix, "vite:build", "--config", "tests/support/cluster.vite.config.ts"], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production", NPLEX_BUILD_DIR: buildDir },
      stdio: "pipe",
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`The production build for the cluster tests failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
  await build({
    entryPoints: [path.join(root, "server/main.ts")],
    outfile: path.join(buildDir, "main.js"),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "nplex-cluster-build", private: true, type: "module" }));
  symlinkSync(path.join(root, "public"), path.join(dir, "public"));
  symlinkSync(path.join(root, "db"), path.join(dir, "db"));
  project.provide("clusterServer", path.join(buildDir, "main.js"));
  return () => rmSync(dir, { recursive: true, force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    clusterServer?: string;
  }
}
