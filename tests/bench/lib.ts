/**
 * Shared pieces of the benchmarks: a clock comparable across processes, statistics, a small
 * keep-alive HTTP client, the nplex server process (with a memory probe) and a cleanup registry
 * that runs even when a benchmark fails or the run is interrupted.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const benchDir = path.join(root, "tests", "bench");

/**
 * Wall-clock milliseconds with sub-millisecond resolution. `performance.timeOrigin` is taken from
 * the system clock when each process starts, so values from different processes on one machine
 * compare directly (Date.now() does too, but only to the millisecond).
 */
export const now = () => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number (got ${JSON.stringify(raw)})`);
  return value;
}

export function envList(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  return raw.split(",").map((part) => {
    const value = Number(part.trim());
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a comma-separated list of positive integers`);
    return value;
  });
}

// ---------------------------------------------------------------------------------------------
// Statistics and printing

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface Distribution {
  count: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function distribution(values: number[]): Distribution {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : 1)} ms` : "n/a");
export const perSecond = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)}/s` : "n/a");
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const ratio = (value: number) => (!Number.isFinite(value) ? "n/a" : value < 0.1 ? value.toPrecision(2) : value.toFixed(2));

export function heading(title: string) {
  console.log(`\n=== ${title} ${"=".repeat(Math.max(0, 76 - title.length))}`);
}

export function line(label: string, value: string) {
  console.log(`  ${label.padEnd(44)} ${value}`);
}

export function table(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ");
  console.log(fmt(header));
  console.log(widths.map((w) => "-".repeat(w)).join("-+-"));
  for (const row of rows) console.log(fmt(row));
}

/** The machine's load, printed with each figure: the numbers mean little on a busy machine. */
export const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

// ---------------------------------------------------------------------------------------------
// Cleanup

const cleanups: { label: string; run: () => Promise<void> | void }[] = [];
const children = new Set<ChildProcess>();

/** Registers an undo step; steps run in reverse order, each at most once. Returns a runner. */
export function onCleanup(label: string, run: () => Promise<void> | void): () => Promise<void> {
  let done = false;
  const entry = {
    label,
    run: async () => {
      if (done) return;
      done = true;
      await run();
    },
  };
  cleanups.push(entry);
  return async () => {
    const index = cleanups.indexOf(entry);
    if (index >= 0) cleanups.splice(index, 1);
    await entry.run();
  };
}

export async function runCleanups() {
  while (cleanups.length) {
    const entry = cleanups.pop()!;
    try {
      await entry.run();
    } catch (error) {
      console.error(`  cleanup "${entry.label}" failed: ${(error as Error).message}`);
    }
  }
}

/** Every child process the bench starts, so that none outlives it. */
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

process.once("exit", () => {
  // Last resort (synchronous): anything still running dies with the bench.
  for (const child of children) {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }
});

export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  if (!(await waitForExit(child, graceMs))) {
    child.kill("SIGKILL");
    await waitForExit(child, 5_000);
  }
}

// ---------------------------------------------------------------------------------------------
// Network

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface JsonResponse {
  status: number;
  body: any;
}

/** A small JSON client over node:http with keep-alive: lighter than fetch, so the load generator takes less CPU. */
export function createHttpClient(baseUrl: string, maxSockets = 256) {
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  const base = new URL(baseUrl);
  function request(
    method: string,
    pathname: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ): Promise<JsonResponse> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method,
          path: pathname,
          headers: {
            accept: "application/json",
            ...(payload === undefined
              ? {}
              : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              // Not JSON: kept as text for the error message.
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${pathname} timed out`)));
      req.end(payload);
    });
  }
  return { request, close: () => agent.destroy() };
}

export type HttpClient = ReturnType<typeof createHttpClient>;

// ---------------------------------------------------------------------------------------------
// The nplex server process

export interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export interface NplexServer {
  url: string;
  port: number;
  pid: number;
  logFile: string;
  /** The server's own process.memoryUsage(), after two full collections when `gc` is set. */
  memory(gc?: boolean): Promise<MemoryUsage>;
  /** CPU seconds (user + system) the server process has used so far, from /proc. */
  cpuSeconds(): number;
  stop(): Promise<void>;
  /** SIGKILL, as a crash: no shutdown, connections cut mid-request. */
  crash(): Promise<void>;
}

const clockTicks = 100; // USER_HZ: 100 on every Linux the bench runs on.

export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return Number.NaN;
  }
}

/** BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
const extraNodeArgs = () => (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);

/**
 * Starts `node <build>/main.js` as production would, with `tests/bench/probe.mjs` preloaded so that
 * the bench can ask the process for its memory over the IPC channel. Resolves once the server
 * answers `GET /api/v1/time`.
 */
export async function startNplex(options: {
  main: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  label: string;
  /** The port to listen on (a restart takes its crashed self's); a free one otherwise. */
  port?: number;
}): Promise<NplexServer> {
  const port = options.port ?? (await freePort());
  const log = openSync(options.logFile, "a");
  const probe = pathToFileURL(path.join(benchDir, "probe.mjs")).href;
  const child = track(
    spawn(process.execPath, ["--expose-gc", "--enable-source-maps", ...extraNodeArgs(), "--import", probe, options.main], {
      cwd: root,
      env: { ...options.env, PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: `http://127.0.0.1:${port}` },
      stdio: ["ignore", log, log, "ipc"],
    }),
  );
  closeSync(log);
  const stop = onCleanup(`stop ${options.label} (pid ${child.pid})`, () => stopChild(child, 15_000));
  const url = `http://127.0.0.1:${port}`;
  const tail = () => readFileSync(options.logFile, "utf8").split("\n").slice(-30).join("\n");

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${options.label} exited during start (code ${child.exitCode}, signal ${child.signalCode}). Log:\n${tail()}`,
      );
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${options.label} did not answer within 120 s. Log:\n${tail()}`);
    }
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get(`${url}/api/v1/time`, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on("error", () => resolve(false));
      req.setTimeout(2_000, () => req.destroy());
    });
    if (ok) break;
    await sleep(200);
  }

  let nextId = 1;
  const pending = new Map<number, (usage: MemoryUsage) => void>();
  child.on("message", (message: any) => {
    if (message?.type === "bench:memory") pending.get(message.id)?.(message.usage);
  });

  return {
    url,
    port,
    pid: child.pid!,
    logFile: options.logFile,
    memory(gc = true) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error("the server did not answer the memory probe (is tests/bench/probe.mjs loaded?)"));
        }, 30_000);
        pending.set(id, (usage) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(usage);
        });
        child.send({ type: "bench:memory", id, gc });
      });
    },
    cpuSeconds: () => cpuSecondsOf(child.pid!),
    stop,
    async crash() {
      child.kill("SIGKILL");
      if (!(await waitForExit(child, 10_000))) throw new Error(`${options.label} (pid ${child.pid}) outlived SIGKILL by 10 s`);
      await stop();
    },
  };
}
