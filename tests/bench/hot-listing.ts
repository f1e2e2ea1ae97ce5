/**
 * Benchmark 1, the hot listing: accepted bids per second through the HTTP API with many bidders
 * on one listing, against the raw single-row UPDATE rate of the same database (pgbench-style).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { BenchSetup } from "./setup";
import {
  createHttpClient,
  distribution,
  onCleanup,
  heading,
  line,
  load,
  ms,
  now,
  perSecond,
  sleep,
  type Distribution,
  type NplexServer,
} from "./lib";

export interface HotListingResult {
  bidders: number;
  auth: "cookie" | "bearer";
  warmupSeconds: number;
  seconds: number;
  accepted: number;
  acceptedPerSecond: number;
  requestsPerSecond: number;
  bidRequestsPerSecond: number;
  outcomes: Record<string, number>;
  acceptedLatency: Distribution;
  serverCpuPercent: number;
  benchCpuPercent: number;
  consistent: boolean;
  consistencyNote: string;
  load: string;
}

export interface UpdateBaselineResult {
  engine: string;
  connections: number;
  seconds: number;
  updates: number;
  updatesPerSecond: number;
  latency: Distribution;
  consistent: boolean;
  load: string;
}

/**
 * Each bidder loops until the end: bid the listing's next minimum as last learnt (from its own 201,
 * from BID_TOO_LOW's details, or, after ALREADY_LEADING, from GET /api/v1/listings/:id), with a
 * fresh idempotency key per attempt. Only 201s whose response arrives inside the measured window
 * count; the warm-up's bids do not.
 */
export async function benchHotListing(
  server: NplexServer,
  setup: BenchSetup,
  options: { bidders: number; warmupSeconds: number; seconds: number; auth: "cookie" | "bearer" },
): Promise<HotListingResult> {
  heading(`1. Hot listing: ${options.bidders} bidders on one listing over HTTP (${options.auth} auth)`);
  const listingId = setup.listings.hot;
  const client = createHttpClient(server.url, options.bidders * 2);
  const bidders = setup.bidders.slice(0, options.bidders);
  if (bidders.length < options.bidders) throw new Error(`setup made ${bidders.length} bidders, ${options.bidders} wanted`);
  const origin = server.url;
  const headersOf = (b: BenchSetup["bidders"][number]): Record<string, string> =>
    options.auth === "bearer" ? { authorization: `Bearer ${b.token}` } : { cookie: b.cookie, origin };

  const listingPath = `/api/v1/listings/${listingId}`;
  const before = await client.request("GET", listingPath);
  if (before.status !== 200) throw new Error(`GET ${listingPath} answered ${before.status}`);
  const startSeq: number = before.body.listing.lastSeq;

  const outcomes: Record<string, number> = {};
  const latencies: number[] = [];
  let acceptedTotal = 0;
  let acceptedInWindow = 0;
  let requestsInWindow = 0;
  let bidRequestsInWindow = 0;
  let firstUnexpected: string | null = null;

  const t0 = now();
  const windowStart = t0 + options.warmupSeconds * 1000;
  const windowEnd = windowStart + options.seconds * 1000;
  // CPU of the server and of this process (the load generator) over the measured window.
  const benchCpu = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  };
  let cpuAtStart = Number.NaN;
  let benchCpuAtStart = Number.NaN;
  const cpuTimer = setTimeout(() => {
    cpuAtStart = server.cpuSeconds();
    benchCpuAtStart = benchCpu();
  }, options.warmupSeconds * 1000);
  let cpuAtEnd = Number.NaN;
  let benchCpuAtEnd = Number.NaN;
  const cpuEndTimer = setTimeout(
    () => {
      cpuAtEnd = server.cpuSeconds();
      benchCpuAtEnd = benchCpu();
    },
    (options.warmupSeconds + options.seconds) * 1000,
  );

  const count = (key: string, at: number, bid = true) => {
    if (at >= windowStart && at < windowEnd) {
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      requestsInWindow += 1;
      if (bid) bidRequestsInWindow += 1;
    }
  };

  async function bidder(b: BenchSetup["bidders"][number]) {
    const headers = headersOf(b);
    let amount: string = before.body.listing.nextMinimumBid;
    while (now() < windowEnd) {
      const started = now();
      let response;
      try {
        response = await client.request("POST", `${listingPath}/bids`, headers, { amount, idempotencyKey: randomUUID() });
      } catch (error) {
        const at = now();
        count("network error", at);
        firstUnexpected ??= (error as Error).message;
        await sleep(10);
        continue;
      }
      const at = now();
      const code: string | undefined = response.body?.error?.code;
      if (response.status === 201) {
        acceptedTotal += 1;
        if (at >= windowStart && at < windowEnd) {
          acceptedInWindow += 1;
          latencies.push(at - started);
        }
        count("201 accepted", at);
        amount = response.body.listing.nextMinimumBid;
      } else if (code === "BID_TOO_LOW") {
        count("422 BID_TOO_LOW", at);
        amount = response.body.error.details.nextMinimumBid;
      } else if (code === "ALREADY_LEADING") {
        count("409 ALREADY_LEADING", at);
        const fresh = await client.request("GET", listingPath, headers);
        count("GET listing (after ALREADY_LEADING)", now(), false);
        if (fresh.status === 200) amount = fresh.body.listing.nextMinimumBid;
      } else {
        count(`${response.status} ${code ?? "?"}`, at);
        firstUnexpected ??= `${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
        if (response.status === 429 || response.status >= 500) await sleep(50);
      }
    }
  }

  const loadAtStart = load();
  await Promise.all(bidders.map((b) => bidder(b)));
  clearTimeout(cpuTimer);
  clearTimeout(cpuEndTimer);
  if (!Number.isFinite(cpuAtEnd)) cpuAtEnd = server.cpuSeconds();
  if (!Number.isFinite(benchCpuAtEnd)) benchCpuAtEnd = benchCpu();

  // Consistency: every 201 is exactly one new seq, and the bid log agrees (no proxies here).
  const after = await client.request("GET", `${listingPath}/bids?afterSeq=${startSeq}&limit=1`);
  client.close();
  const lastSeq: number = after.body?.lastSeq ?? Number.NaN;
  const consistent = lastSeq - startSeq === acceptedTotal;
  const consistencyNote = `${acceptedTotal} 201s in total, seq ${startSeq} -> ${lastSeq}`;

  const result: HotListingResult = {
    bidders: options.bidders,
    auth: options.auth,
    warmupSeconds: options.warmupSeconds,
    seconds: options.seconds,
    accepted: acceptedInWindow,
    acceptedPerSecond: acceptedInWindow / options.seconds,
    requestsPerSecond: requestsInWindow / options.seconds,
    bidRequestsPerSecond: bidRequestsInWindow / options.seconds,
    outcomes,
    acceptedLatency: distribution(latencies),
    serverCpuPercent: ((cpuAtEnd - cpuAtStart) / options.seconds) * 100,
    benchCpuPercent: ((benchCpuAtEnd - benchCpuAtStart) / options.seconds) * 100,
    consistent,
    consistencyNote,
    load: `${loadAtStart} -> ${load()}`,
  };
  line("window", `${options.warmupSeconds} s warm-up, then ${options.seconds} s measured`);
  line("accepted bids (201) in the window", `${acceptedInWindow}`);
  line("accepted bids per second", perSecond(result.acceptedPerSecond));
  line("bid requests answered per second (any outcome)", perSecond(result.bidRequestsPerSecond));
  line("all requests per second (with the GETs)", perSecond(result.requestsPerSecond));
  for (const [key, value] of Object.entries(outcomes).sort((a, b) => b[1] - a[1])) line(`  ${key}`, String(value));
  line(
    "201 latency p50 / p99 / max",
    `${ms(result.acceptedLatency.p50)} / ${ms(result.acceptedLatency.p99)} / ${ms(result.acceptedLatency.max)}`,
  );
  line(
    "CPU in the window: server / load generator",
    `${result.serverCpuPercent.toFixed(0)}% / ${result.benchCpuPercent.toFixed(0)}% of one core`,
  );
  line("consistency (201s = new seqs)", `${consistent ? "ok" : "MISMATCH"} (${consistencyNote})`);
  if (firstUnexpected) line("first unexpected answer", firstUnexpected);
  line("load average (1/5/15 min)", result.load);
  return result;
}

/**
 * The pgbench-style baseline: `connections` reserved connections, each running
 * `UPDATE bench_counter SET n = n + 1 WHERE id = 1` in autocommit back to back, postgres.js.
 * On PGlite (the embedded default) the same loop runs against a file-backed PGlite instance in a
 * temporary folder of the bench process: the server's own instance cannot be opened twice.
 */
export async function benchUpdateBaseline(
  target: { kind: "postgres"; url: string } | { kind: "pglite" },
  options: { connections: number; warmupSeconds: number; seconds: number },
): Promise<UpdateBaselineResult> {
  heading(`1b. Baseline: raw single-row UPDATE, ${options.connections} concurrent connections`);
  const statement = "UPDATE bench_counter SET n = n + 1 WHERE id = 1";
  let readCounter: () => Promise<number>;
  let close: () => Promise<void>;
  let engine: string;
  const workers: (() => Promise<void>)[] = [];

  if (target.kind === "postgres") {
    engine = "PostgreSQL (postgres.js, autocommit, reserved connections)";
    // One more than reserved: the counter is read on the spare connection while the others are held.
    const sql = postgres(target.url, { max: options.connections + 1, onnotice: () => {} });
    await sql`create table if not exists bench_counter (id integer primary key, n bigint not null)`;
    await sql`insert into bench_counter (id, n) values (1, 0) on conflict (id) do update set n = 0`;
    const reserved = await Promise.all(Array.from({ length: options.connections }, () => sql.reserve()));
    for (const connection of reserved) workers.push(async () => void (await connection.unsafe(statement, [], { prepare: true })));
    readCounter = async () => Number((await sql`select n from bench_counter where id = 1`)[0]!.n);
    close = onCleanup("close the UPDATE baseline's connections", async () => {
      for (const connection of reserved) connection.release();
      await sql`drop table if exists bench_counter`;
      await sql.end({ timeout: 5 });
    });
  } else {
    engine = "PGlite (file-backed, in the bench process)";
    const { PGlite } = await import("@electric-sql/pglite");
    const dir = mkdtempSync(path.join(os.tmpdir(), "nplex-bench-pglite-"));
    const pg = new PGlite(dir);
    await pg.waitReady;
    await pg.exec(
      "create table bench_counter (id integer primary key, n bigint not null); insert into bench_counter values (1, 0);",
    );
    for (let i = 0; i < options.connections; i++) workers.push(async () => void (await pg.query(statement)));
    readCounter = async () =>
      Number((await pg.query<{ n: string | number }>("select n from bench_counter where id = 1")).rows[0]!.n);
    close = onCleanup("close the UPDATE baseline's PGlite", async () => {
      await pg.close();
      rmSync(dir, { recursive: true, force: true });
    });
  }

  const t0 = now();
  const windowStart = t0 + options.warmupSeconds * 1000;
  const windowEnd = windowStart + options.seconds * 1000;
  let total = 0;
  let inWindow = 0;
  const latencies: number[] = [];
  const loadAtStart = load();
  const run = async () => {
    await Promise.all(
      workers.map(async (work) => {
        while (now() < windowEnd) {
          const started = now();
          await work();
          const at = now();
          total += 1;
          if (at >= windowStart && at < windowEnd) {
            inWindow += 1;
            latencies.push(at - started);
          }
        }
      }),
    );
  };
  let counter = Number.NaN;
  try {
    await run();
    counter = await readCounter();
  } finally {
    await close();
  }
  const result: UpdateBaselineResult = {
    engine,
    connections: options.connections,
    seconds: options.seconds,
    updates: inWindow,
    updatesPerSecond: inWindow / options.seconds,
    latency: distribution(latencies),
    consistent: counter === total,
    load: `${loadAtStart} -> ${load()}`,
  };
  line("engine", engine);
  line("window", `${options.warmupSeconds} s warm-up, then ${options.seconds} s measured`);
  line("updates in the window", String(inWindow));
  line("updates per second", perSecond(result.updatesPerSecond));
  line("latency p50 / p99 / max", `${ms(result.latency.p50)} / ${ms(result.latency.p99)} / ${ms(result.latency.max)}`);
  line("consistency (counter = updates)", `${result.consistent ? "ok" : "MISMATCH"} (n = ${counter}, ${total} completed)`);
  line("load average (1/5/15 min)", result.load);
  return result;
}
