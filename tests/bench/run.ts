/**
 * `npm run bench`: builds the app for production, seeds a fresh database, starts
 * `node <build>/main.js` as production would (NODE_ENV=production, LOG_LEVEL=warn) and runs the
 * benchmarks, each target against its baseline measured in the same run:
 *
 *   1. capacity      bid requests answered/s on one hot listing, any outcome  vs  raw single-row UPDATE/s (the server's pool size in connections)
 *   1d. floor        the same bidders against the least server answering a bid too low (node:http, one prepared statement)
 *   1c. latency      open loop, 100 bid requests/s on one listing: accepted-bid p99
 *   3. many listings 1,000 live listings, 200 bidders: accepted bids/s  vs  single-row UPDATE/s spread over 1,000 rows (PostgreSQL)
 *   2. fan-out       bid -> watcher latency at 1,000 and 5,000 watchers (from the bid's placedAt)  vs  a bare socket.io broadcast;
 *                    joins: how long 5,000 watchers take to join, and the open-loop bids' p99 meanwhile
 *   6. reading       10,000 listings and 1,000,000 bids: the search, the listings, a listing and its page, p95 (PostgreSQL)
 *   7. two nodes     the same crowd over two servers behind Redis: cross-node p99 / same-node p99 (BENCH_REDIS_URL or REDIS_URL)
 *   8. storm         200 bidders on one listing over two nodes, node A killed mid-storm and restarted: nothing acknowledged
 *                    lost or doubled, every watcher gap-free after catch-up, and how long A's watchers took to rejoin (Redis, PostgreSQL)
 *   4. memory        server RSS and heap per idle watcher at 10,000 watchers (clients in other processes)
 *   5. tapes         a 100,000-loan tape imported over the API (CSV, then XLSX): wall time and peak RSS
 *
 * Database: PostgreSQL when BENCH_DATABASE_URL or DATABASE_URL is set (used as an admin URL: the
 * bench creates its own database there and drops it afterwards), otherwise the embedded PGlite in
 * a temporary DATA_DIR. Everything listens on 127.0.0.1, and every process, database and folder
 * the bench creates is removed at the end, also on failure, Ctrl-C or the time limit.
 *
 * Knobs (environment):
 *   BENCH_ONLY=hot,latency,many,fanout,reading,twonodes,storm,memory,tapes   BENCH_TAPE_ROWS=100000   BENCH_TAPE_FORMATS=csv,xlsx   BENCH_SECONDS=10   BENCH_WARMUP_SECONDS=3   BENCH_BIDDERS=32
 *   BENCH_AUTH=cookie|bearer         BENCH_FANOUT_SIZES=1000,5000   BENCH_FANOUT_BIDS=30
 *   BENCH_FANOUT_GAP_MS=100          BENCH_MEMORY_WATCHERS=10000    BENCH_WATCHERS_PER_WORKER=2500
 *   BENCH_BUILD=npm                  run `npm run build` and use build/ (default: a private build)
 *   BENCH_SKIP_BUILD=1               use build/ as it is
 *   BENCH_JSON=<file>                also write the figures as JSON
 *   BENCH_STRICT=1                   exit 2 when a target is missed
 *   BENCH_REDIS_URL=<url>            run the servers with the Redis adapter (and the two-node benchmark; REDIS_URL does for that too)
 *   BENCH_READ_LISTINGS=10000        BENCH_READ_BIDS=1000000        BENCH_MANY_LISTINGS=1000   BENCH_MANY_BIDDERS=200
 *   BENCH_STORM_BIDDERS=200          BENCH_STORM_SECONDS=30         BENCH_STORM_WATCHERS=2500 (on each node)
 *   BENCH_TIMEOUT_SECONDS=1200       hard stop
 *   BENCH_SERVER_NODE_ARGS="..."     extra node flags for the server, e.g. --cpu-prof --cpu-prof-dir=/tmp/prof
 *   BENCH_KEEP=1                     keep the temporary folder (logs)
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { privateBuild } from "../support/private-build";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { benchFanout, type FanoutResult } from "./fanout";
import { benchHotListing, benchUpdateBaseline, type HotListingResult, type UpdateBaselineResult } from "./hot-listing";
import {
  envList,
  envNumber,
  heading,
  line,
  load,
  onCleanup,
  ratio,
  root,
  runCleanups,
  startNplex,
  stopChild,
  track,
  waitForExit,
} from "./lib";
import { benchMemory, type MemoryResult } from "./memory";
import { benchTapeImport, makeBenchTapes, type TapeImportResult } from "./tapes";
import { benchOpenLoop, type OpenLoopResult } from "./latency";
import { benchManyListings, benchReading, type ManyListingsResult, type ReadingResult } from "./scale";
import { benchTwoNodes, type TwoNodesResult } from "./two-nodes";
import { benchStorm, type StormResult } from "./storm";
import { summary, type Figures } from "./summary";
import { benchFloor, type FloorResult } from "./floor";
import type { BenchSetup } from "./setup";

const benchmarkNames = ["hot", "latency", "many", "fanout", "reading", "twonodes", "storm", "memory", "tapes"];
const options = {
  only: new Set(
    (process.env.BENCH_ONLY ?? benchmarkNames.join(","))
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  ),
  seconds: envNumber("BENCH_SECONDS", 10),
  warmupSeconds: envNumber("BENCH_WARMUP_SECONDS", 3),
  bidders: envNumber("BENCH_BIDDERS", 32),
  auth: (process.env.BENCH_AUTH ?? "cookie") as "cookie" | "bearer",
  fanoutSizes: envList("BENCH_FANOUT_SIZES", [1000, 5000]),
  fanoutBids: envNumber("BENCH_FANOUT_BIDS", 30),
  fanoutWarmupBids: 3,
  fanoutGapMs: envNumber("BENCH_FANOUT_GAP_MS", 100),
  memoryWatchers: envNumber("BENCH_MEMORY_WATCHERS", 10_000),
  perWorker: envNumber("BENCH_WATCHERS_PER_WORKER", 2_500),
  settleSeconds: 3,
  tapeRows: envNumber("BENCH_TAPE_ROWS", 100_000),
  tapeFormats: (process.env.BENCH_TAPE_FORMATS ?? "csv,xlsx").split(",").map((s) => s.trim()),
  /** The server's database pool (db/client.ts): the baselines use as many connections. */
  poolConnections: 10,
  openLoopRate: 100,
  manyListings: envNumber("BENCH_MANY_LISTINGS", 1_000),
  manyBidders: envNumber("BENCH_MANY_BIDDERS", 200),
  readListings: envNumber("BENCH_READ_LISTINGS", 10_000),
  readBids: envNumber("BENCH_READ_BIDS", 1_000_000),
  twoNodeWatchers: envNumber("BENCH_TWO_NODE_WATCHERS", 1_000),
  stormBidders: envNumber("BENCH_STORM_BIDDERS", 200),
  stormSeconds: envNumber("BENCH_STORM_SECONDS", 30),
  stormWatchers: envNumber("BENCH_STORM_WATCHERS", 2_500),
};
const twoNodeRedis = process.env.BENCH_REDIS_URL || process.env.REDIS_URL || "";
for (const format of options.tapeFormats) {
  if (format !== "csv" && format !== "xlsx") throw new Error(`BENCH_TAPE_FORMATS: unknown format "${format}" (csv, xlsx)`);
}
for (const name of options.only) {
  if (!benchmarkNames.includes(name)) throw new Error(`BENCH_ONLY: unknown benchmark "${name}" (${benchmarkNames.join(", ")})`);
}
if (options.auth !== "cookie" && options.auth !== "bearer") throw new Error("BENCH_AUTH must be cookie or bearer");

// ---------------------------------------------------------------------------------------------
// Enough file descriptors: the server holds one per watcher. Re-exec under a raised `ulimit -n`.

function fileLimit(flag: "-Sn" | "-Hn"): number {
  const value = execFileSync("bash", ["-c", `ulimit ${flag}`], { encoding: "utf8" }).trim();
  return value === "unlimited" ? Number.POSITIVE_INFINITY : Number(value);
}

const neededFiles =
  Math.max(
    options.only.has("memory") ? options.memoryWatchers : 0,
    options.only.has("fanout") ? Math.max(...options.fanoutSizes) : 0,
  ) + 1024;
// Node raises its soft limit to the hard one when it starts, so only a hard limit can be short here:
// raising that needs privileges (root with CAP_SYS_RESOURCE), which `ulimit -n` in a new shell tries.
const softLimit = fileLimit("-Sn");
if (softLimit < neededFiles && !process.env.BENCH_REEXEC) {
  console.log(
    `The open-file limit (${softLimit}) is below the ${neededFiles} needed: re-running under bash -c "ulimit -n 65536; ..."`,
  );
  const child = spawn(
    "bash",
    [
      "-c",
      'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"',
      "bash",
      process.execPath,
      ...process.execArgv,
      ...process.argv.slice(1),
    ],
    { stdio: "inherit", env: { ...process.env, BENCH_REEXEC: "1" } },
  );
  // The terminal's Ctrl-C reaches the child directly; it cleans up and exits, and so do we.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await main();
}

// ---------------------------------------------------------------------------------------------

async function main() {
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${signal}: stopping and cleaning up...`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
  process.on("uncaughtException", (error) => {
    // While stopping, connections dropped under a client (the database is dropped WITH (FORCE))
    // may throw from a socket callback: the cleanup goes on.
    if (interrupted) {
      console.error(`  (while stopping) ${error.message}`);
      return;
    }
    interrupted = true;
    console.error(`\nbenchmark failed: ${error.stack ?? error.message}`);
    void runCleanups().finally(() => process.exit(1));
  });
  // A hard stop, so that a stuck phase cannot keep servers, workers and the database around.
  const limitSeconds = envNumber("BENCH_TIMEOUT_SECONDS", 1200);
  setTimeout(() => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\nthe benchmarks took longer than ${limitSeconds} s (BENCH_TIMEOUT_SECONDS): stopping and cleaning up...`);
    void runCleanups().finally(() => process.exit(1));
  }, limitSeconds * 1000).unref();
  let exitCode = 0;
  try {
    exitCode = await benchmarks();
  } catch (error) {
    console.error(`\nbenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    exitCode = 1;
  } finally {
    await runCleanups();
  }
  process.exit(exitCode);
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

async function runLogged(label: string, command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string) {
  const log = openSync(logFile, "a");
  const child = track(spawn(command, args, { cwd: root, env, stdio: ["ignore", log, log] }));
  closeSync(log);
  const stop = onCleanup(label, () => stopChild(child, 5_000));
  await waitForExit(child, 30 * 60_000);
  await stop();
  if (child.exitCode !== 0) {
    const tail = readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n");
    throw new Error(`${label} failed (exit ${child.exitCode ?? child.signalCode}):\n${tail}`);
  }
}

/**
 * The production build the bench runs. By default a private one, made by the same two steps as
 * `npm run build` (Remix's Vite build, then esbuild of server/main.ts) into .cache/bench-<pid>/,
 * laid out like a project root for server/paths.ts; so a concurrent `npm run build` elsewhere
 * cannot change the code under the running server, nor this build anyone else's.
 * BENCH_BUILD=npm runs `npm run build` and uses build/; BENCH_SKIP_BUILD=1 uses build/ as it is.
 */
async function buildApp(tmp: string): Promise<string> {
  const started = Date.now();
  const took = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  if (process.env.BENCH_SKIP_BUILD) {
    line("build", "skipped (BENCH_SKIP_BUILD): running build/main.js as it is");
    return path.join(root, "build", "main.js");
  }
  if (process.env.BENCH_BUILD === "npm") {
    console.log("  building (npm run build)...");
    await runLogged(
      "npm run build",
      "npm",
      ["run", "build"],
      { ...process.env, NODE_ENV: "production" },
      path.join(tmp, "build.log"),
    );
    line("build", `npm run build, done in ${took()}: running build/main.js`);
    return path.join(root, "build", "main.js");
  }
  const dir = path.join(root, ".cache", `bench-${process.pid}`);
  onCleanup(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  console.log(`  building into ${path.relative(root, dir)}/ (remix vite:build, then esbuild of server/main.ts)...`);
  const { main, output } = await privateBuild(dir);
  writeFileSync(path.join(tmp, "build.log"), output);
  line("build", `private production build in ${took()}: running ${path.relative(root, main)}`);
  return main;
}

async function benchmarks(): Promise<number> {
  const started = Date.now();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "nplex-bench-"));
  onCleanup(`remove ${tmp}`, () => {
    if (process.env.BENCH_KEEP) console.log(`  kept ${tmp} (BENCH_KEEP)`);
    else rmSync(tmp, { recursive: true, force: true });
  });

  heading("nplex benchmarks");
  const adminUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || "";
  line("machine", `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, load ${load()}`);
  line("node", process.version);
  const files = fileLimit("-Sn");
  line(
    "open-file limit",
    files >= neededFiles ? String(files) : `${files}: below the ${neededFiles} needed, watchers will fail to join`,
  );

  // The server's environment: production, loopback only, nothing inherited that would change the setup.
  const serverEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of [
    "DATABASE_URL",
    "BENCH_DATABASE_URL",
    "REDIS_URL",
    "PORT",
    "HOST",
    "PUBLIC_URL",
    "DATA_DIR",
    "STRIPE_SECRET_KEY",
  ])
    delete serverEnv[key];
  Object.assign(serverEnv, {
    NODE_ENV: "production",
    SESSION_SECRET: randomBytes(24).toString("hex"),
    SEALING_KEY: randomBytes(24).toString("hex"),
    DATA_KEY: randomBytes(24).toString("hex"),
    // Each server is given its own origin when it starts (tests/bench/lib.ts); the seeding needs one too.
    PUBLIC_URL: "http://127.0.0.1",
    // Production asks for the escrow account bidders pay into.
    ESCROW_BANK: "Test Bank, Shanghai Branch",
    ESCROW_ACCOUNT_NAME: "nplex Client Escrow (test)",
    ESCROW_ACCOUNT_NUMBER: "6216 0000 0000 0001",
    LOG_LEVEL: "warn",
    BID_RATE_LIMIT: "100000",
    DATA_DIR: path.join(tmp, "data"),
  });
  if (process.env.BENCH_REDIS_URL) serverEnv.REDIS_URL = process.env.BENCH_REDIS_URL;

  let databaseLabel: string;
  let databaseUrl: string | undefined;
  if (adminUrl) {
    const name = `nplex_bench_${process.pid}_${randomBytes(3).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database ${name}`);
    } finally {
      await admin.end({ timeout: 5 });
    }
    onCleanup(`drop database ${name}`, async () => {
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    });
    databaseUrl = withDatabase(adminUrl, name);
    serverEnv.DATABASE_URL = databaseUrl;
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const [{ version }] = (await sql`select version()`) as unknown as [{ version: string }];
    await sql.end({ timeout: 5 });
    databaseLabel = `PostgreSQL, fresh database ${name} on ${redact(adminUrl)} (${version.split(" on ")[0]})`;
  } else {
    databaseLabel = `PGlite (embedded, DATA_DIR ${serverEnv.DATA_DIR}); set BENCH_DATABASE_URL or DATABASE_URL for PostgreSQL`;
  }
  line("database", databaseLabel);
  line("realtime adapter", serverEnv.REDIS_URL ? `Redis (${redact(serverEnv.REDIS_URL)})` : "in-memory (one node)");

  const serverMain = await buildApp(tmp);

  let setup: BenchSetup;
  {
    const t = Date.now();
    const out = path.join(tmp, "setup.json");
    await runLogged(
      "seeding (tests/bench/setup.ts)",
      process.execPath,
      ["--import", "tsx", path.join("tests", "bench", "setup.ts")],
      {
        ...serverEnv,
        BENCH_SETUP_OUT: out,
        BENCH_BIDDERS: String(
          Math.max(
            options.bidders,
            options.only.has("many") ? options.manyBidders : 0,
            options.only.has("storm") ? options.stormBidders : 0,
          ),
        ),
      },
      path.join(tmp, "setup.log"),
    );
    setup = JSON.parse(readFileSync(out, "utf8")) as BenchSetup;
    line("seed", `${setup.bidders.length} bidders, 3 live listings, in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }

  let hot: HotListingResult | undefined;
  let baseline: UpdateBaselineResult | undefined;
  let floor: FloorResult | undefined;
  let openLoop: OpenLoopResult | undefined;
  let many: ManyListingsResult | undefined;
  let fanout: FanoutResult[] = [];
  let reading: ReadingResult | undefined;
  let twoNodes: TwoNodesResult | undefined;
  let storm: StormResult | undefined;
  let memory: MemoryResult | undefined;
  const postgresOnly = (name: string) => {
    if (databaseUrl) return true;
    line(name, "skipped: it needs PostgreSQL (set BENCH_DATABASE_URL or DATABASE_URL)");
    return false;
  };

  if (["hot", "latency", "many", "fanout", "reading"].some((name) => options.only.has(name))) {
    const server = await startNplex({
      main: serverMain,
      env: serverEnv,
      logFile: path.join(tmp, "server-a.log"),
      label: "nplex server",
    });
    line("nplex server", `pid ${server.pid} at ${server.url}`);
    try {
      if (options.only.has("hot")) {
        hot = await benchHotListing(server, setup, {
          bidders: options.bidders,
          warmupSeconds: options.warmupSeconds,
          seconds: options.seconds,
          auth: options.auth,
        });
        baseline = await benchUpdateBaseline(databaseUrl ? { kind: "postgres", url: databaseUrl } : { kind: "pglite" }, {
          connections: options.poolConnections,
          warmupSeconds: Math.min(options.warmupSeconds, 2),
          seconds: options.seconds,
        });
        line("ratio bid requests answered/s / raw UPDATE/s", ratio(hot.bidRequestsPerSecond / baseline.updatesPerSecond));
        if (databaseUrl) {
          floor = await benchFloor(databaseUrl, setup, {
            bidders: options.bidders,
            connections: options.poolConnections,
            warmupSeconds: Math.min(options.warmupSeconds, 2),
            seconds: options.seconds,
          });
          line("ratio floor / raw UPDATE/s", ratio(floor.answeredPerSecond / baseline.updatesPerSecond));
          line("ratio nplex / floor", ratio(hot.bidRequestsPerSecond / floor.answeredPerSecond));
        }
      }
      if (options.only.has("latency")) {
        openLoop = await benchOpenLoop(server, setup, { rate: options.openLoopRate, seconds: options.seconds });
      }
      if (options.only.has("many") && postgresOnly("many listings")) {
        many = await benchManyListings(server, setup, databaseUrl!, {
          listings: options.manyListings,
          bidders: options.manyBidders,
          seconds: options.seconds,
          connections: options.poolConnections,
        });
      }
      if (options.only.has("fanout")) {
        fanout = await benchFanout(server, setup, {
          sizes: options.fanoutSizes,
          bids: options.fanoutBids,
          warmupBids: options.fanoutWarmupBids,
          gapMs: options.fanoutGapMs,
          perWorker: options.perWorker,
          loadWhileJoining: { rate: options.openLoopRate, listingId: setup.listings.hot },
        });
      }
      if (options.only.has("reading") && postgresOnly("reading at scale")) {
        reading = await benchReading(server, setup, databaseUrl!, {
          listings: options.readListings,
          bids: options.readBids,
          requests: 200,
        });
      }
    } finally {
      await server.stop();
    }
  }

  if (options.only.has("twonodes") || options.only.has("storm")) {
    if (!twoNodeRedis) line("two nodes", "skipped: it needs Redis (set BENCH_REDIS_URL or REDIS_URL)");
    else if (postgresOnly("two nodes and the storm")) {
      const env = { ...serverEnv, REDIS_URL: twoNodeRedis };
      const startA = (port?: number) =>
        startNplex({
          main: serverMain,
          env,
          logFile: path.join(tmp, "server-node-a.log"),
          label: port ? "nplex node A (restarted)" : "nplex node A",
          port,
        });
      let a = await startA();
      try {
        const b = await startNplex({
          main: serverMain,
          env,
          logFile: path.join(tmp, "server-node-b.log"),
          label: "nplex node B",
        });
        try {
          if (options.only.has("twonodes")) {
            twoNodes = await benchTwoNodes(a, b, setup, {
              watchersPerNode: options.twoNodeWatchers,
              bids: options.fanoutBids,
              warmupBids: options.fanoutWarmupBids,
              gapMs: options.fanoutGapMs,
              perWorker: options.perWorker,
            });
          }
          if (options.only.has("storm")) {
            ({ result: storm, a } = await benchStorm({ a, b, restartA: startA }, setup, databaseUrl!, {
              bidders: options.stormBidders,
              seconds: options.stormSeconds,
              watchersPerNode: options.stormWatchers,
              perWorker: options.perWorker,
            }));
          }
        } finally {
          await b.stop();
        }
      } finally {
        await a.stop();
      }
    }
  }

  if (options.only.has("memory")) {
    // A fresh server: memory freed by earlier benchmarks would otherwise be reused and hide the cost.
    const server = await startNplex({
      main: serverMain,
      env: serverEnv,
      logFile: path.join(tmp, "server-b.log"),
      label: "nplex server (memory)",
    });
    try {
      memory = await benchMemory(server, setup, {
        watchers: options.memoryWatchers,
        perWorker: options.perWorker,
        settleSeconds: options.settleSeconds,
      });
    } finally {
      await server.stop();
    }
  }

  const tapes: TapeImportResult[] = [];
  if (options.only.has("tapes")) {
    const files = await makeBenchTapes(options.tapeRows);
    for (const format of options.tapeFormats as ("csv" | "xlsx")[]) {
      const server = await startNplex({
        main: serverMain,
        env: serverEnv,
        logFile: path.join(tmp, `server-tape-${format}.log`),
        label: `nplex server (${format} tape)`,
      });
      try {
        tapes.push(await benchTapeImport(server, setup.tapeSeller.token, format, files[format], options.tapeRows));
      } finally {
        await server.stop();
      }
    }
  }

  const figures: Figures = { hot, baseline, floor, openLoop, many, fanout, reading, twoNodes, storm, memory, tapes };
  const missed = summary(databaseLabel, Boolean(databaseUrl), figures);
  console.log(`\n  total time ${((Date.now() - started) / 1000).toFixed(0)} s; load average now ${load()}`);
  console.log("  The figures depend on what else the machine is doing: compare runs on a quiet machine.");

  if (process.env.BENCH_JSON) {
    writeFileSync(
      process.env.BENCH_JSON,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          database: databaseLabel,
          options: { ...options, only: [...options.only] },
          ...figures,
        },
        null,
        2,
      ),
    );
    console.log(`  figures written to ${process.env.BENCH_JSON}`);
  }
  return missed && process.env.BENCH_STRICT ? 2 : 0;
}
