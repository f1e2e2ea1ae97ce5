import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../support/ports";

const root = path.resolve(import.meta.dirname, "../..");

/** `npm run dev` (the source through Vite), or `npm start` (the production build, built when stale). */
const commands = {
  dev: ["--import", "tsx", "server/main.ts"],
  start: ["scripts/start.mjs"],
} as const;

function startServer(env: Record<string, string | undefined>, command: keyof typeof commands = "dev") {
  const child = spawn(process.execPath, [...commands[command]], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  let running = true;
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      running = false;
      resolve(code);
    }),
  );
  return { child, exited, running: () => running, output: () => ({ stdout, stderr }) };
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
    const server = startServer({
      NODE_ENV: "production",
      PUBLIC_URL: "https://nplex.example",
      SESSION_SECRET: "",
      DATA_DIR: tempDir(),
    });
    expect(await server.exited).toBe(1);
    expect(server.output().stderr.trim()).toMatch(/^Invalid configuration: SESSION_SECRET is required in production/);
  });

  // From source the first request builds the app on demand; with the other suites running beside it
  // on two cores that can take minutes, so the budget is generous: this test is about stopping.
  it("serves, then stops cleanly on SIGTERM and releases the embedded database", { timeout: 300_000 }, async () => {
    const dataDir = tempDir();
    const port = await freePort();
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

/** Waits until the server answers, or fails with what it printed. */
async function answering(server: ReturnType<typeof startServer>, port: number) {
  for (let i = 0; i < 480 && server.running(); i += 1) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/time`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no answer; the server said: ${JSON.stringify(server.output()).slice(-3000)}`);
}

describe("what the start commands serve", () => {
  // The data folder sits inside the project, where the default `.data` does, holding a secret, the
  // embedded database and an uploaded file: none of it, nor any source or project file, is served.
  const dataDirName = `.data-served-${process.pid}`;
  const dataDir = path.join(root, dataDirName);
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const probes = [
    "/.data/session-secret",
    "/.data/sealing-key",
    `/${dataDirName}/session-secret`,
    `/${dataDirName}/sealing-key`,
    `/${dataDirName}/pglite/PG_VERSION`,
    `/${dataDirName}/files/ab/ab000000-0000-4000-8000-000000000000`,
    `/${dataDirName}%2fsession-secret`,
    "/db/seed/demo.ts?raw",
    "/db/seed/demo.ts",
    "/server/config.ts?raw",
    "/server/config.ts?raw??",
    "/server/config.ts",
    "/server/listings/schemas.ts?raw",
    "/app/lib/auth.server.ts",
    "/package.json",
    "/.git/config",
    "/README.md",
    "/build/main.js",
    "/scripts/start.mjs",
  ];

  async function expectNothingServed(port: number) {
    const secret = readFileSync(path.join(dataDir, "session-secret"), "utf8").trim();
    const sealingKey = readFileSync(path.join(dataDir, "sealing-key"), "utf8").trim();
    for (const probe of probes) {
      const response = await fetch(`http://127.0.0.1:${port}${probe}`);
      const body = await response.text();
      expect(response.status, probe).toBe(404);
      for (const leak of [secret, sealingKey, "objection attachment", "loadConfig", '"name": "nplex"', "idNumber"]) {
        expect(body, `${probe} carried ${leak.slice(0, 12)}`).not.toContain(leak);
      }
    }
  }

  function plantFiles() {
    mkdirSync(path.join(dataDir, "files", "ab"), { recursive: true });
    writeFileSync(path.join(dataDir, "files", "ab", "ab000000-0000-4000-8000-000000000000"), "objection attachment");
  }

  it("npm start serves the production build, and no secret, data or project file", { timeout: 300_000 }, async () => {
    plantFiles();
    const port = await freePort();
    const server = startServer({ PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: undefined, REDIS_URL: undefined }, "start");
    try {
      await answering(server, port);
      const home = await fetch(`http://127.0.0.1:${port}/`);
      const html = await home.text();
      expect(html).toMatch(/\/assets\/[\w-]+\.js/);
      expect(html).not.toContain("/@vite/client");
      expect(home.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[\w+/=]+'/);
      await expectNothingServed(port);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });

  it("npm run dev answers this machine only and serves only what the browser needs", { timeout: 300_000 }, async () => {
    plantFiles();
    const port = await freePort();
    const server = startServer({
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: undefined,
      REDIS_URL: undefined,
      HOST: undefined,
      LOG_LEVEL: "info",
    });
    try {
      await answering(server, port);
      expect(server.output().stdout).toMatch(/"host":"127\.0\.0\.1".*nplex is listening/);
      // The source, served on demand, as the browser asks for it.
      const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      expect(html).toContain('import("/app/entry.client.tsx")');
      expect((await fetch(`http://127.0.0.1:${port}/app/entry.client.tsx`)).status).toBe(200);
      await expectNothingServed(port);
      const external = Object.values(os.networkInterfaces())
        .flat()
        .find((address) => address && address.family === "IPv4" && !address.internal);
      if (external) {
        const reached = await fetch(`http://${external.address}:${port}/api/v1/time`).then(
          () => true,
          () => false,
        );
        expect(reached, `reachable at ${external.address}`).toBe(false);
      }
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });
});
