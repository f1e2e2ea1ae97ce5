import { execFile } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { buildServer } from "../../scripts/build-server.mjs";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * The production build (`npm run build`) into a folder of its own, for tests and benchmarks that
 * run server processes: a concurrent `npm run build` (Playwright's) cannot swap it under them.
 * The folder looks like a project root to `server/paths.ts`: a package.json, the build, and links
 * to public/ and db/ (for the migrations); npm packages resolve from the real node_modules above.
 * Returns the server entry to run with `node`, and the build's output for a log.
 */
export async function privateBuild(dir: string): Promise<{ main: string; output: string }> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const buildDir = path.join(dir, "build");
  const remix = path.join(root, "node_modules/@remix-run/dev/dist/cli.js");
  let output: string;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [remix, "vite:build"], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production", NPLEX_BUILD_DIR: buildDir },
      maxBuffer: 64 * 1024 * 1024,
    });
    output = stdout + stderr;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`The production build failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
  const main = await buildServer(buildDir);
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "nplex-private-build", private: true, type: "module" }));
  symlinkSync(path.join(root, "public"), path.join(dir, "public"));
  symlinkSync(path.join(root, "db"), path.join(dir, "db"));
  return { main, output };
}
