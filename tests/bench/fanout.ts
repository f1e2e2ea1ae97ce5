/**
 * Benchmark 2, fan-out: how long a bid takes to reach every watcher of a listing, on nplex and on a
 * bare socket.io server (in this process) sending the same events to the same number of sockets.
 *
 * nplex, the target's figure: from the event's `placedAt` (the server's clock read once the bid
 * holds the listing's row lock, just before its writes and commit: so it counts the commit too) to a
 * watcher's `bid` handler; a second figure starts just before the bench sends the POST, covering
 * HTTP, authentication and the transaction too. Bare: the clock starts just before
 * `io.to(room).emit("bid", ...)`. Both servers send one event per bid.
 * One bid at a time: the next is sent once every watcher has the previous one (plus a short gap),
 * so each sample is one clean broadcast.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { Server } from "socket.io";
import type { BenchSetup } from "./setup";
import {
  createHttpClient,
  distribution,
  heading,
  line,
  load,
  ms,
  now,
  onCleanup,
  ratio,
  sleep,
  type Distribution,
  type NplexServer,
} from "./lib";
import { startWatchers, type WatcherPool } from "./pool";
import { openLoopBids, printOpenLoop, type OpenLoopResult } from "./latency";

export interface FanoutSample {
  target: "nplex" | "bare";
  watchers: number;
  connected: number;
  bids: number;
  latency: Distribution;
  /** nplex only: from the event's placedAt (server clock, read under the row lock, before the writes and the commit). */
  fromPlacedAt?: Distribution;
  /** nplex only: the POST's own round trip. */
  httpRoundTrip?: Distribution;
  /** nplex, the largest crowd: the open-loop bids sent while it joined. */
  whileJoining?: OpenLoopResult;
  missing: number;
  disconnects: number;
  timeouts: number;
  joinSeconds: number;
  load: string;
}

export interface FanoutResult {
  size: number;
  nplex: FanoutSample;
  bare: FanoutSample;
  /** bare p99 / nplex p99 (from the bid's placedAt): 1 means nplex adds nothing to a bare broadcast. */
  ratio: number;
}

interface Options {
  /** Bids sent on another listing on a fixed schedule while the largest crowd joins. */
  loadWhileJoining?: { rate: number; listingId: string };
  sizes: number[];
  bids: number;
  warmupBids: number;
  gapMs: number;
  perWorker: number;
}

export async function benchFanout(server: NplexServer, setup: BenchSetup, options: Options): Promise<FanoutResult[]> {
  const bare = await startBareServer();
  const results: FanoutResult[] = [];
  try {
    for (const size of options.sizes) {
      heading(`2. Fan-out: ${size} watchers of one listing, one node`);
      const nplex = await measureNplex(server, setup, size, options);
      print(nplex);
      await sleep(1_000);
      const baseline = await measureBare(bare, size, options);
      print(baseline);
      const result = { size, nplex, bare: baseline, ratio: baseline.latency.p99 / nplex.fromPlacedAt!.p99 };
      line("ratio bare p99 / nplex p99", ratio(result.ratio));
      results.push(result);
      await sleep(1_000);
    }
  } finally {
    await bare.close();
  }
  return results;
}

function print(sample: FanoutSample) {
  const label = sample.target === "nplex" ? "nplex" : "bare socket.io";
  line(
    `${label}: watchers connected`,
    `${sample.connected} of ${sample.watchers} (joined in ${sample.joinSeconds.toFixed(1)} s)`,
  );
  line(
    `${label}: latency p50 / p99 / max`,
    `${ms(sample.latency.p50)} / ${ms(sample.latency.p99)} / ${ms(sample.latency.max)} (${sample.latency.count} receipts of ${sample.bids} bids)`,
  );
  if (sample.fromPlacedAt) {
    line(
      `${label}: from placedAt p50 / p99`,
      `${ms(sample.fromPlacedAt.p50)} / ${ms(sample.fromPlacedAt.p99)} (server clock, ms resolution)`,
    );
  }
  if (sample.httpRoundTrip) {
    line(`${label}: POST round trip p50 / p99`, `${ms(sample.httpRoundTrip.p50)} / ${ms(sample.httpRoundTrip.p99)}`);
  }
  if (sample.missing || sample.disconnects || sample.timeouts) {
    line(`${label}: missing / disconnects / timeouts`, `${sample.missing} / ${sample.disconnects} / ${sample.timeouts}`);
  }
  if (sample.whileJoining) printOpenLoop(`${label}: bids while joining`, sample.whileJoining);
  line(`${label}: load average`, sample.load);
}

function collect(
  target: FanoutSample["target"],
  pool: WatcherPool,
  sent: { seq: number; t0: number; placedAt?: number; roundTrip?: number }[],
  receipts: Map<number, number[]>,
  disconnects: number,
  timeouts: number,
  loadAtStart: string,
): FanoutSample {
  const latencies: number[] = [];
  const fromPlacedAt: number[] = [];
  let missing = 0;
  for (const bid of sent) {
    const times = receipts.get(bid.seq) ?? [];
    missing += pool.connected - times.length;
    for (const t of times) {
      latencies.push(t - bid.t0);
      if (bid.placedAt !== undefined) fromPlacedAt.push(t - bid.placedAt);
    }
  }
  const roundTrips = sent.flatMap((b) => (b.roundTrip === undefined ? [] : [b.roundTrip]));
  return {
    target,
    watchers: pool.size,
    connected: pool.connected,
    bids: sent.length,
    latency: distribution(latencies),
    ...(target === "nplex" ? { fromPlacedAt: distribution(fromPlacedAt), httpRoundTrip: distribution(roundTrips) } : {}),
    missing,
    disconnects,
    timeouts,
    joinSeconds: pool.joinSeconds,
    load: `${loadAtStart} -> ${load()}`,
  };
}

function checkPool(pool: WatcherPool, label: string) {
  if (pool.connected === 0) throw new Error(`${label}: no watcher could connect (${pool.firstError ?? "no error reported"})`);
  if (pool.failed) console.log(`  ${label}: ${pool.failed} watchers failed to join (first error: ${pool.firstError})`);
}

async function measureNplex(server: NplexServer, setup: BenchSetup, size: number, options: Options): Promise<FanoutSample> {
  const listingId = setup.listings.fanout;
  const listingPath = `/api/v1/listings/${listingId}`;
  const client = createHttpClient(server.url, 4);
  try {
    const initial = await client.request("GET", listingPath);
    if (initial.status !== 200) throw new Error(`GET ${listingPath} answered ${initial.status}`);
    let amount: string = initial.body.listing.nextMinimumBid;
    let leader: string | null = initial.body.listing.leaderBidderCode;
    const joining = startWatchers({
      url: server.url,
      listingId,
      afterSeq: initial.body.listing.lastSeq,
      count: size,
      perWorker: options.perWorker,
      label: `nplex fan-out ${size}`,
    });
    // While the largest crowd joins, bids go on elsewhere at a fixed rate: for as long as a join took before.
    const underLoad = options.loadWhileJoining && size === Math.max(...options.sizes) ? options.loadWhileJoining : null;
    const [pool, whileJoining] = await Promise.all([
      joining,
      underLoad ? openLoopBids(server.url, setup, underLoad.listingId, { rate: underLoad.rate, seconds: 10 }) : undefined,
    ]);
    try {
      checkPool(pool, "nplex");
      await sleep(1_500); // Lets the server's throttled `watchers` count go out before measuring.
      const loadAtStart = load();
      const two = setup.bidders.slice(0, 2);
      const sent: { seq: number; t0: number; placedAt: number; roundTrip: number }[] = [];
      let timeouts = 0;
      for (let i = 0; i < options.warmupBids + options.bids; i++) {
        const bidder = two.find((b) => b.bidderCode !== leader)!;
        const t0 = now();
        const response = await client.request(
          "POST",
          `${listingPath}/bids`,
          { cookie: bidder.cookie, origin: server.url },
          { amount, idempotencyKey: randomUUID() },
        );
        const roundTrip = now() - t0;
        if (response.status !== 201)
          throw new Error(`fan-out bid refused: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
        amount = response.body.listing.nextMinimumBid;
        leader = bidder.bidderCode;
        const seq: number = response.body.bid.seq;
        if (!(await pool.waitSeq(seq, 10_000))) timeouts += 1;
        if (i >= options.warmupBids) sent.push({ seq, t0, placedAt: Date.parse(response.body.bid.placedAt), roundTrip });
        await sleep(options.gapMs);
      }
      const { receipts, disconnects } = await pool.report();
      return { ...collect("nplex", pool, sent, receipts, disconnects, timeouts, loadAtStart), whileJoining };
    } finally {
      await pool.close();
    }
  } finally {
    client.close();
  }
}

interface BareServer {
  url: string;
  io: Server;
  close(): Promise<void>;
}

/** The minimal socket.io server: same transports as nplex, `watch` joins the room and acknowledges. */
async function startBareServer(): Promise<BareServer> {
  const httpServer = createServer();
  const io = new Server(httpServer, { transports: ["websocket", "polling"], serveClient: false });
  io.on("connection", (socket) => {
    socket.emit("time", { serverTime: new Date().toISOString() });
    socket.on("watch", async (raw: { listingId?: string }, ack?: (body: unknown) => void) => {
      await socket.join(`listing:${raw?.listingId}`);
      if (typeof ack === "function") ack({ ok: true, lastSeq: 0 });
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  const close = onCleanup("stop the bare socket.io server", async () => {
    void io.close();
    httpServer.closeAllConnections();
    await new Promise((resolve) => httpServer.close(resolve));
  });
  return { url: `http://127.0.0.1:${port}`, io, close };
}

async function measureBare(bare: BareServer, size: number, options: Options): Promise<FanoutSample> {
  const listingId = "00000000-0000-4000-8000-000000000000";
  const room = `listing:${listingId}`;
  const pool = await startWatchers({
    url: bare.url,
    listingId,
    afterSeq: 0,
    count: size,
    perWorker: options.perWorker,
    label: `bare fan-out ${size}`,
  });
  try {
    checkPool(pool, "bare");
    await sleep(1_500);
    const loadAtStart = load();
    const sent: { seq: number; t0: number }[] = [];
    let timeouts = 0;
    let price = 1_000_000_00n;
    const endsAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    for (let i = 0; i < options.warmupBids + options.bids; i++) {
      const seq = i + 1;
      price += 1_000_00n;
      const bidderNo = i % 2 ? "B002" : "B001";
      // The one event nplex sends per accepted bid, in the same shape.
      const t0 = now();
      bare.io.to(room).emit("bid", {
        listingId,
        seq,
        amount: price.toString(),
        bidderNo,
        kind: "manual",
        placedAt: new Date().toISOString(),
        endsAt,
        reserveMet: true,
      });
      if (!(await pool.waitSeq(seq, 10_000))) timeouts += 1;
      if (i >= options.warmupBids) sent.push({ seq, t0 });
      await sleep(options.gapMs);
    }
    const { receipts, disconnects } = await pool.report();
    return collect("bare", pool, sent, receipts, disconnects, timeouts, loadAtStart);
  } finally {
    await pool.close();
  }
}
