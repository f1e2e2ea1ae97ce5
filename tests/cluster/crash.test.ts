import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, bids, listings, registrations, type Listing } from "../../db/schema";
import { makeListing } from "../../db/seed/factories";
import {
  bankAsset,
  clusterDatabase,
  demoBidders,
  demoListing,
  postBid,
  startTwoNodes,
  stopCluster,
  signIn,
  sleep,
  until,
  watcher,
  type ClusterDatabase,
  type ServerNode,
} from "../support/cluster";

const HOUR = 3_600_000;

let cluster: ClusterDatabase;
let a: ServerNode;
let b: ServerNode;
/** Listings made to end while node A alone is down, and while both are. */
let endingWhileADown: Listing[];
let endingWhileAllDown: Listing[];

beforeAll(async () => {
  cluster = await clusterDatabase();
  const { bank, asset } = await bankAsset(cluster, {
    kind: "movable",
    title: "Two tower cranes, Suzhou",
    region: "Jiangsu · Suzhou",
  });
  const lots = [];
  for (let i = 0; i < 10; i += 1) {
    lots.push(
      await makeListing(cluster.services, {
        sellerOrgId: bank.id,
        assetId: asset.id,
        title: `Tower crane lot ${i + 1}`,
        status: "live",
        startingPrice: 80_000_000n,
        startsAt: new Date(Date.now() - HOUR),
        endsAt: new Date(Date.now() + HOUR),
      }),
    );
  }
  endingWhileADown = lots.slice(0, 5);
  endingWhileAllDown = lots.slice(5);
  ({ a, b } = await startTwoNodes(cluster));
});
afterAll(() => stopCluster(cluster, a, b));

/** Ends listings now, as if their end had passed: they were live with an end an hour away. */
const endNow = (lots: Listing[]) =>
  cluster.db
    .update(listings)
    .set({ endsAt: new Date(Date.now() - 1_000) })
    .where(
      inArray(
        listings.id,
        lots.map((l) => l.id),
      ),
    );

const closedOnce = async (lots: Listing[]) => {
  const rows = await cluster.db
    .select({ entityId: auditLog.entityId })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, "listing.closed"),
        inArray(
          auditLog.entityId,
          lots.map((l) => l.id),
        ),
      ),
    );
  return rows.map((r) => r.entityId).sort();
};
const stillLive = async (lots: Listing[]) =>
  (
    await cluster.db
      .select({ id: listings.id })
      .from(listings)
      .where(
        and(
          inArray(
            listings.id,
            lots.map((l) => l.id),
          ),
          eq(listings.status, "live"),
        ),
      )
  ).length;

describe("a node killed during live bidding", () => {
  it("loses no accepted bid, lets a watcher catch up without gaps, and closes what ended while down exactly once", async () => {
    const listing = await demoListing(cluster, "Guaranteed claim on a Ningbo logistics company");
    const bidders = await demoBidders(cluster, listing.id);
    const sessions = await Promise.all(bidders.map((bidder) => signIn(a, bidder.email)));
    const watching = watcher(a, [listing.id]);
    await watching.watching();

    // Two loops bid as fast as the nodes answer, each turn on the next node that is up.
    const accepted: { key: string; seq: number; amount: string; bidderNo: string; placedAt: string }[] = [];
    const unanswered: { key: string; bidder: number; amount: bigint; node: string; error: string }[] = [];
    const unexpected: unknown[] = [];
    let nextMinimum = listing.startingPrice;
    const learn = (value: unknown) => {
      const amount = BigInt(String(value));
      if (amount > nextMinimum) nextMinimum = amount;
    };
    let bidding = true;
    const loop = async (first: number) => {
      for (let turn = first; bidding; turn += 2) {
        const up = [a, b].filter((node) => node.ready);
        if (up.length === 0) {
          await sleep(20);
          continue;
        }
        const node = up[turn % up.length]!;
        const bidder = turn % bidders.length;
        const key = randomUUID();
        const amount = nextMinimum;
        try {
          const answer = await postBid(node, sessions[bidder]!, listing.id, amount, key);
          if (answer.status === 201) {
            accepted.push({ key, ...answer.body.bid! });
            learn(answer.body.listing!.nextMinimumBid);
          } else if (answer.body.error?.code === "BID_TOO_LOW") {
            learn(answer.body.error.details.nextMinimumBid);
          } else if (answer.body.error?.code !== "ALREADY_LEADING") {
            unexpected.push({ node: node.name, ...answer });
          }
        } catch (error) {
          // The node died with the request in flight: the bid may or may not have committed.
          unanswered.push({ key, bidder, amount, node: node.name, error: String(error) });
        }
      }
    };
    const loops = [loop(0), loop(1)];
    let heardBeforeRestart = 0;
    try {
      await until("20 accepted bids", () => accepted.length >= 20, 30_000);
      await a.crash();

      // A is down: bidding goes on through B, which also closes what ends meanwhile.
      const beforeOutage = accepted.length;
      await endNow(endingWhileADown);
      await until("15 bids accepted by B while A is down", () => accepted.length >= beforeOutage + 15, 30_000);
      await until("B to close what ended while A was down", async () => (await stillLive(endingWhileADown)) === 0, 10_000);
      heardBeforeRestart = watching.contiguous(listing.id);
      await a.start();
      await until("the watcher to reconnect to A", () => watching.connections >= 2, 10_000);
      const afterRestart = accepted.length;
      await until("10 more bids with both nodes up", () => accepted.length >= afterRestart + 10, 30_000);
    } finally {
      bidding = false;
      await Promise.all(loops);
    }

    // Then the whole cluster goes down at once; what ends meanwhile closes when the nodes come back.
    await Promise.all([a.crash(), b.crash()]);
    await endNow(endingWhileAllDown);
    const restartedAt = Date.now();
    await Promise.all([a.start(), b.start()]);
    await until(
      "the nodes to close on start-up what ended while they were down",
      async () => (await stillLive(endingWhileAllDown)) === 0,
      10_000,
    );

    // A request cut off by the crash is settled by retrying it with its key.
    for (const lost of unanswered) {
      const answer = await postBid(b, sessions[lost.bidder]!, listing.id, lost.amount, lost.key);
      if (answer.status === 201) accepted.push({ key: lost.key, ...answer.body.bid! });
    }

    console.info(
      `kill -9 during bidding: ${accepted.length} bids accepted, ${unanswered.length} requests cut off (${unanswered.map((u) => u.error).join("; ")})`,
    );
    expect(unexpected).toEqual([]);
    const [after] = await cluster.db.select().from(listings).where(eq(listings.id, listing.id));
    const rows = await cluster.db
      .select({
        seq: bids.seq,
        amount: bids.amount,
        key: bids.idempotencyKey,
        placedAt: bids.placedAt,
        bidderNo: registrations.bidderCode,
      })
      .from(bids)
      .innerJoin(registrations, eq(bids.registrationId, registrations.id))
      .where(eq(bids.listingId, listing.id))
      .orderBy(asc(bids.seq));
    // Seq 1..last without a gap, and every 201 the clients got is there as they were told.
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: after!.lastSeq }, (_, i) => i + 1));
    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    for (const answer of accepted) {
      expect(bySeq.get(answer.seq)).toEqual({
        seq: answer.seq,
        amount: BigInt(answer.amount),
        key: answer.key,
        placedAt: new Date(answer.placedAt),
        bidderNo: answer.bidderNo,
      });
    }
    // Nothing else: every row is a bid some client sent (a 201, or a request the crash cut off).
    const sent = new Set([...accepted.map((x) => x.key), ...unanswered.map((x) => x.key)]);
    expect(rows.filter((r) => !sent.has(r.key!))).toEqual([]);
    expect(new Set(accepted.map((x) => x.seq)).size).toBe(rows.length);

    // The watcher reconnected with afterSeq, was sent what it missed, and holds every bid once.
    await until("the watcher to catch up", () => watching.contiguous(listing.id) === after!.lastSeq, 10_000);
    const rewatch = watching.watches.find((w) => w.afterSeq > 0)!;
    expect(rewatch.afterSeq).toBe(heardBeforeRestart);
    expect((rewatch.ack as { lastSeq: number }).lastSeq).toBeGreaterThan(rewatch.afterSeq);
    for (const row of rows) {
      expect(watching.bids.get(listing.id)!.get(row.seq)).toMatchObject({
        amount: row.amount.toString(),
        bidderNo: row.bidderNo,
      });
    }
    watching.close();

    // What ended while a node was down closed exactly once: by B during A's outage, on start-up after the full one.
    expect(await closedOnce(endingWhileADown)).toEqual(endingWhileADown.map((l) => l.id).sort());
    expect(await closedOnce(endingWhileAllDown)).toEqual(endingWhileAllDown.map((l) => l.id).sort());
    const restartClosed = await cluster.db
      .select()
      .from(listings)
      .where(
        inArray(
          listings.id,
          endingWhileAllDown.map((l) => l.id),
        ),
      );
    for (const row of restartClosed) {
      expect(row).toMatchObject({ status: "failed", outcome: "no_bids" });
      expect(row.closedAt!.getTime()).toBeGreaterThanOrEqual(restartedAt);
    }
    expect([...a.errors(), ...b.errors()]).toEqual([]);
  });
});
