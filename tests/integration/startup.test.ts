import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function startServer(env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "nplex-start-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("starting the server", () => {
  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://localhost/x"],
    ["REDIS_URL", "not a url"],
  ])("stops with one clear line when %s=%s", async (name, value) => {
    const server = startServer({ [name]: value, DATA_DIR: tempDir() });
    expect(await server.exited).toBe(1);
    const { stderr } = server.output();
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${name} `));
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it("refuses to start in production without a session secret", async () => {
    const server = startServer({ NODE_ENV: "production", SESSION_SECRET: "", DATA_DIR: tempDir() });
    expect(await server.exited).toBe(1);
    expect(server.output().stderr.trim()).toMatch(/^Invalid configuration: SESSION_SECRET is required in production/);
  });

  // From source the first request builds the app on demand; with the other suites running beside it
  // on two cores that can take minutes, so the budget is generous: this test is about stopping.
  it("serves, then stops cleanly on SIGTERM and releases the embedded database", { timeout: 300_000 }, async () => {
    const dataDir = tempDir();
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const server = startServer({ PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: undefined, REDIS_URL: undefined });
    let body: { serverTime?: string } = {};
    for (let i = 0; i < 480 && !body.serverTime; i += 1) {
      await new Promise((r) => setTimeout(r, 500));
      body = await fetch(`http://127.0.0.1:${port}/api/v1/time`)
        .then((r) => r.json() as Promise<{ serverTime?: string }>)
        .catch(() => ({}));
    }
    expect(body.serverTime, `no answer; the server said: ${JSON.stringify(server.output()).slice(-3000)}`).toBeDefined();
    expect(existsSync(path.join(dataDir, "pglite", "nplex.pid"))).toBe(true);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(existsSync(path.join(dataDir, "pglite", "nplex.pid"))).toBe(false);
    expect(server.output().stdout).toContain("nplex-demo-2026");
  });
});
