/**
 * Benchmark 8, the storm: 200 bidders on one listing over two nodes behind Redis, each bidding the
 * next minimum as fast as its node answers; node A is killed (SIGKILL) a third of the way in and
 * started again on its port two thirds in. Watchers on both nodes follow as the room's client does
 * (reconnect, then watch again after the last seq held without a gap). Checked at the end, from the
 * database: seqs 1..n without a gap, every acknowledged bid there once at the seq it was told,
 * nothing unacknowledged (requests cut off by the crash are retried with their keys first), each
 * price above the last; and every watcher on either node holding every seq. Timed: how long node
 * A's watchers took to watch again once it answered after the restart.
 */
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import type { BenchSetup } from "./setup";
import {
  createHttpClient,
  distribution,
  heading,
  line,
  ms,
  now,
  perSecond,
  sleep,
  type Distribution,
  type HttpClient,
  type NplexServer,
} from "./lib";
import { startWatchersOnBoth, type WatcherPool } from "./pool";
import { copyListings, registerOn } from "./scale";

export interface StormResult {
  bidders: number;
  seconds: number;
  accepted: number;
  bidRequestsPerSecond: number;
  acceptedLatency: Distribution;
  cutOff: number;
  retried: { replayed: number; placed: number; refused: number };
  lost: number;
  doubled: number;
  unacknowledged: number;
  seqGaps: number;
  pricesRising: boolean;
  watchers: number;
  watchersBehind: number;
  reconnects: number;
  rejoinSeconds: number;
  ok: boolean;
}

export async function benchStorm(
  nodes: { a: NplexServer; b: NplexServer; restartA: (port: number) => Promise<NplexServer> },
  setup: BenchSetup,
  databaseUrl: string,
  options: { bidders: number; seconds: number; watchersPerNode: number; perWorker: number },
): Promise<{ result: StormResult; a: NplexServer }> {
  heading(`8. Storm: ${options.bidders} bidders over two nodes, node A killed mid-storm and restarted`);
  let { a } = nodes;
  const { b } = nodes;
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const pools: WatcherPool[] = [];
  const clients: HttpClient[] = [];
  try {
    const bidders = setup.bidders.slice(0, options.bidders);
    if (bidders.length < options.bidders) throw new Error(`setup made ${bidders.length} bidders, ${options.bidders} wanted`);
    const [listingId] = await copyListings(sql, setup.listings.idle, 1, "storm");
    await registerOn(
      sql,
      setup.listings.idle,
      bidders.map((bidder) => ({ listing: listingId!, code: bidder.bidderCode })),
    );
    const listingPath = `/api/v1/listings/${listingId}`;

    await startWatchersOnBoth(
      { a, b },
      {
        listingId: listingId!,
        afterSeq: 0,
        count: options.watchersPerNode,
        perWorker: options.perWorker,
        label: "storm",
        follow: true,
      },
      pools,
    );
    line("watchers", pools.map((p, i) => `node ${i ? "B" : "A"}: ${p.connected}`).join(", "));

    // One client per node; node A's is replaced when A comes back (its sockets died with it).
    const up = { a: true, b: true };
    const clientOf = { a: createHttpClient(a.url, options.bidders), b: createHttpClient(b.url, options.bidders) };
    clients.push(clientOf.a, clientOf.b);
    const first = await clientOf.b.request("GET", listingPath);
    let nextMinimum = BigInt(first.body.listing.nextMinimumBid as string);
    const learn = (value: unknown) => {
      const amount = BigInt(String(value));
      if (amount > nextMinimum) nextMinimum = amount;
    };

    const accepted: { key: string; seq: number }[] = [];
    const latencies: number[] = [];
    const cutOff: { key: string; bidder: number; amount: bigint }[] = [];
    const unexpected: string[] = [];
    let requests = 0;
    let storming = true;
    const started = now();
    const storm = bidders.map(async (bidder, i) => {
      const home = i % 2 ? "b" : "a";
      while (storming) {
        const name = up[home] ? home : home === "a" ? "b" : "a";
        if (!up[name]) {
          await sleep(20);
          continue;
        }
        const node = name === "a" ? a : b;
        const key = randomUUID();
        const amount = nextMinimum;
        const sentAt = now();
        try {
          const answer = await clientOf[name].request(
            "POST",
            `${listingPath}/bids`,
            { cookie: bidder.cookie, origin: node.url },
            { amount: amount.toString(), idempotencyKey: key },
          );
          requests += 1;
          const code: string | undefined = answer.body?.error?.code;
          if (answer.status === 201) {
            accepted.push({ key, seq: answer.body.bid.seq });
            latencies.push(now() - sentAt);
            learn(answer.body.listing.nextMinimumBid);
          } else if (code === "BID_TOO_LOW") learn(answer.body.error.details.nextMinimumBid);
          else if (code !== "ALREADY_LEADING") {
            unexpected.push(`${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
            await sleep(50);
          }
        } catch {
          // Cut off by the crash: it may or may not have committed; retried with its key below.
          cutOff.push({ key, bidder: i, amount });
          await sleep(20);
        }
      }
    });

    const third = (options.seconds * 1000) / 3;
    await sleep(third);
    const port = a.port;
    up.a = false;
    await a.crash();
    line("node A", `killed at ${((now() - started) / 1000).toFixed(1)} s, ${accepted.length} bids accepted by then`);
    await sleep(third);
    a = await nodes.restartA(port);
    const restartedAt = now();
    clients.push((clientOf.a = createHttpClient(a.url, options.bidders)));
    up.a = true;
    line("node A", `answering again at ${((restartedAt - started) / 1000).toFixed(1)} s`);
    await sleep(third);
    storming = false;
    await Promise.all(storm);
    const seconds = (now() - started) / 1000;

    const retried = { replayed: 0, placed: 0, refused: 0 };
    for (const lost of cutOff) {
      const answer = await clientOf.b.request(
        "POST",
        `${listingPath}/bids`,
        { cookie: bidders[lost.bidder]!.cookie, origin: b.url },
        { amount: lost.amount.toString(), idempotencyKey: lost.key },
      );
      if (answer.status === 201) {
        accepted.push({ key: lost.key, seq: answer.body.bid.seq });
        if (answer.body.replayed) retried.replayed += 1;
        else retried.placed += 1;
      } else retried.refused += 1;
    }

    // What the database holds.
    const [{ last_seq: lastSeq }] = await sql<[{ last_seq: number }]>`select last_seq from listings where id = ${listingId!}`;
    const rows = await sql<{ seq: number; key: string | null; amount: string }[]>`
      select seq, idempotency_key as key, amount::text as amount from bids where listing_id = ${listingId!} order by seq`;
    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    const byKey = new Map(rows.map((r) => [r.key, r]));
    let seqGaps = 0;
    for (let seq = 1; seq <= lastSeq; seq++) if (!bySeq.has(seq)) seqGaps += 1;
    let lost = 0;
    for (const ack of accepted) if (byKey.get(ack.key)?.seq !== ack.seq) lost += 1;
    const doubled = rows.length - byKey.size + (accepted.length - new Set(accepted.map((x) => x.key)).size);
    const acknowledged = new Set(accepted.map((x) => x.key));
    const unacknowledged = rows.filter((r) => !r.key || !acknowledged.has(r.key)).length;
    let pricesRising = true;
    for (let i = 1; i < rows.length; i++) if (BigInt(rows[i]!.amount) <= BigInt(rows[i - 1]!.amount)) pricesRising = false;

    // Every watcher on either node catches up to the last seq (up to a minute).
    let follow = await Promise.all(pools.map((pool) => pool.follow(lastSeq)));
    for (const deadline = now() + 60_000; follow.some((f) => f.behind > 0) && now() < deadline;) {
      await sleep(500);
      follow = await Promise.all(pools.map((pool) => pool.follow(lastSeq)));
    }
    const watchersBehind = follow.reduce((n, f) => n + f.behind, 0);
    const rejoinSeconds = follow[0]!.lastRewatchAt ? (follow[0]!.lastRewatchAt - restartedAt) / 1000 : Number.NaN;

    const result: StormResult = {
      bidders: options.bidders,
      seconds,
      accepted: accepted.length,
      bidRequestsPerSecond: requests / seconds,
      acceptedLatency: distribution(latencies),
      cutOff: cutOff.length,
      retried,
      lost,
      doubled,
      unacknowledged,
      seqGaps,
      pricesRising,
      watchers: pools.reduce((n, p) => n + p.connected, 0),
      watchersBehind,
      reconnects: follow.reduce((n, f) => n + f.reconnects, 0),
      rejoinSeconds,
      ok:
        lost === 0 &&
        doubled === 0 &&
        unacknowledged === 0 &&
        seqGaps === 0 &&
        pricesRising &&
        watchersBehind === 0 &&
        rows.length === lastSeq &&
        unexpected.length === 0,
    };
    line("storm", `${seconds.toFixed(1)} s, ${perSecond(result.bidRequestsPerSecond)} bid requests answered`);
    line("accepted bids (after the retries)", `${accepted.length}, seq 1 -> ${lastSeq}`);
    line("201 latency p50 / p99", `${ms(result.acceptedLatency.p50)} / ${ms(result.acceptedLatency.p99)}`);
    line(
      "cut off by the crash, retried with their keys",
      `${cutOff.length}: ${retried.replayed} had committed (replayed), ${retried.placed} placed now, ${retried.refused} refused`,
    );
    line("lost / doubled / unacknowledged rows / seq gaps", `${lost} / ${doubled} / ${unacknowledged} / ${seqGaps}`);
    line("each price above the last", pricesRising ? "yes" : "NO");
    line(
      "watchers holding every seq",
      `${result.watchers - watchersBehind} of ${result.watchers} (${result.reconnects} reconnections)`,
    );
    line("node A's watchers watching again", `${rejoinSeconds.toFixed(1)} s after A answered`);
    if (unexpected.length) line("unexpected answers", `${unexpected.length}, first: ${unexpected[0]}`);
    return { result, a };
  } finally {
    for (const pool of pools) await pool.close();
    for (const client of clients) client.close();
    await sql.end({ timeout: 5 });
  }
}

/** The storm's lines in the summary, each with whether it holds. */
export function stormRows(storm: StormResult): [string[], boolean][] {
  return [
    [
      [
        `Storm: ${storm.bidders} bidders, two nodes, A killed and restarted: lost / doubled / gaps`,
        `${storm.lost} / ${storm.doubled} / ${storm.seqGaps} of ${storm.accepted}`,
        "-",
        "-",
        "0, watchers gap-free",
      ],
      storm.ok,
    ],
    [
      [
        `Rejoin: node A's watchers after its restart (${storm.watchers.toLocaleString("en")} on both nodes)`,
        Number.isFinite(storm.rejoinSeconds) ? `${storm.rejoinSeconds.toFixed(1)} s` : "n/a",
        "-",
        "-",
        "<= 10 s",
      ],
      storm.rejoinSeconds <= 10,
    ],
  ];
}
