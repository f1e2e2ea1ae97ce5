import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { privateBuild } from "./private-build";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * The cluster tests run real server processes against the PostgreSQL and Redis they are given:
 * without both there is nothing to test, so they fail rather than skip.
 *
 * Builds the production bundle once per run, into a folder of its own under .cache/.
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
  const { main } = await privateBuild(dir);
  project.provide("clusterServer", main);
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
