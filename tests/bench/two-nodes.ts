/**
 * Benchmark 7, two nodes behind Redis: the same crowd split over two nplex servers sharing the
 * database and the Redis adapter, bids sent to node A one at a time. Each bid's latency, from its
 * `placedAt` (read under the listing's lock, before the commit) to a watcher's `bid` handler, for
 * the watchers on node A (the bid's own node) and on node B (the event crossed Redis). Target: the
 * cross-node p99 within 1.5 times the same-node p99, both measured in the same run.
 */
import { randomUUID } from "node:crypto";
import type { BenchSetup } from "./setup";
import { createHttpClient, distribution, heading, line, ms, sleep, type Distribution, type NplexServer } from "./lib";
import { startWatchersOnBoth, type WatcherPool } from "./pool";

export interface TwoNodesResult {
  watchersPerNode: number;
  bids: number;
  sameNode: Distribution;
  crossNode: Distribution;
  missing: number;
  ratio: number;
}

export async function benchTwoNodes(
  a: NplexServer,
  b: NplexServer,
  setup: BenchSetup,
  options: { watchersPerNode: number; bids: number; warmupBids: number; gapMs: number; perWorker: number },
): Promise<TwoNodesResult> {
  heading(`7. Two nodes behind Redis: ${options.watchersPerNode} watchers on each, bids sent to node A`);
  const listingId = setup.listings.fanout;
  const listingPath = `/api/v1/listings/${listingId}`;
  const client = createHttpClient(a.url, 4);
  const pools: WatcherPool[] = [];
  try {
    const initial = await client.request("GET", listingPath);
    let amount: string = initial.body.listing.nextMinimumBid;
    let leader: string | null = initial.body.listing.leaderBidderCode;
    await startWatchersOnBoth(
      { a, b },
      {
        listingId,
        afterSeq: initial.body.listing.lastSeq,
        count: options.watchersPerNode,
        perWorker: options.perWorker,
        label: "two nodes",
      },
      pools,
    );
    line("watchers", pools.map((p, i) => `node ${i ? "B" : "A"}: ${p.connected} in ${p.joinSeconds.toFixed(1)} s`).join(", "));
    await sleep(1_500);
    const two = setup.bidders.slice(0, 2);
    const sent: { seq: number; placedAt: number }[] = [];
    for (let i = 0; i < options.warmupBids + options.bids; i++) {
      const bidder = two.find((x) => x.bidderCode !== leader)!;
      const response = await client.request(
        "POST",
        `${listingPath}/bids`,
        { cookie: bidder.cookie, origin: a.url },
        { amount, idempotencyKey: randomUUID() },
      );
      if (response.status !== 201)
        throw new Error(`two-node bid refused: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
      amount = response.body.listing.nextMinimumBid;
      leader = bidder.bidderCode;
      const seq: number = response.body.bid.seq;
      await Promise.all(pools.map((pool) => pool.waitSeq(seq, 10_000)));
      if (i >= options.warmupBids) sent.push({ seq, placedAt: Date.parse(response.body.bid.placedAt) });
      await sleep(options.gapMs);
    }
    const [onA, onB] = await Promise.all(pools.map((pool) => pool.report()));
    let missing = 0;
    const latencies = (report: typeof onA, pool: WatcherPool) => {
      const values: number[] = [];
      for (const bid of sent) {
        const times = report!.receipts.get(bid.seq) ?? [];
        missing += pool.connected - times.length;
        for (const t of times) values.push(t - bid.placedAt);
      }
      return distribution(values);
    };
    const sameNode = latencies(onA, pools[0]!);
    const crossNode = latencies(onB, pools[1]!);
    line("same node (A) p50 / p99", `${ms(sameNode.p50)} / ${ms(sameNode.p99)}`);
    line("cross node (B) p50 / p99", `${ms(crossNode.p50)} / ${ms(crossNode.p99)}`);
    if (missing) line("missing receipts", String(missing));
    const ratio = crossNode.p99 / sameNode.p99;
    line("ratio cross p99 / same p99", ratio.toFixed(2));
    return { watchersPerNode: options.watchersPerNode, bids: sent.length, sameNode, crossNode, missing, ratio };
  } finally {
    for (const pool of pools) await pool.close();
    client.close();
  }
}
