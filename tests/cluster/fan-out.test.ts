import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clusterDatabase,
  demoBidders,
  demoListing,
  postBid,
  startTwoNodes,
  stopCluster,
  signIn,
  until,
  watcher,
  type ClusterDatabase,
  type ServerNode,
} from "../support/cluster";

let cluster: ClusterDatabase;
let a: ServerNode;
let b: ServerNode;

beforeAll(async () => {
  cluster = await clusterDatabase();
  ({ a, b } = await startTwoNodes(cluster));
});
afterAll(() => stopCluster(cluster, a, b));

describe("two nodes sharing PostgreSQL and Redis", () => {
  it("tells a watcher on either node of a bid placed over HTTP on the other, within a second and once", async () => {
    const listing = await demoListing(cluster, "Guaranteed claim on a Ningbo logistics company");
    const bidders = await demoBidders(cluster, listing.id);
    const sessions = await Promise.all(bidders.map((bidder, i) => signIn(i % 2 ? b : a, bidder.email)));
    const onA = watcher(a, [listing.id]);
    const onB = watcher(b, [listing.id]);
    try {
      await Promise.all([onA.watching(), onB.watching()]);

      let next = BigInt(listing.startingPrice);
      const latencies: number[] = [];
      for (let i = 0; i < 12; i += 1) {
        const [from, to] = i % 2 ? [b, onA] : [a, onB];
        const sentAt = Date.now();
        const answer = await postBid(from, sessions[i % sessions.length]!, listing.id, next, randomUUID());
        expect(answer.status).toBe(201);
        const seq = answer.body.bid!.seq;
        await until(`bid ${seq} to reach the watcher on the other node`, () => to.bids.get(listing.id)!.has(seq), 2_000, 5);
        latencies.push(to.bids.get(listing.id)!.get(seq)!.receivedAt - sentAt);
        next = BigInt(answer.body.listing!.nextMinimumBid);
      }

      expect(Math.max(...latencies)).toBeLessThan(1_000);
      // Both watchers saw every bid, each exactly once, as the public sees it: bidder codes only.
      await until(
        "both watchers to hold all 12 bids",
        () => onA.contiguous(listing.id) === 12 && onB.contiguous(listing.id) === 12,
        2_000,
      );
      expect([...onA.deliveries.values()].every((n) => n === 1)).toBe(true);
      expect([...onB.deliveries.values()].every((n) => n === 1)).toBe(true);
      const codes = new Set(bidders.map((bidder) => bidder.bidderCode));
      for (const event of onB.bids.get(listing.id)!.values()) {
        const { receivedAt: _, ...payload } = event;
        expect(Object.keys(payload).sort()).toEqual(["amount", "bidderNo", "endsAt", "kind", "listingId", "placedAt", "seq"]);
        expect(codes.has(payload.bidderNo)).toBe(true);
        for (const bidder of bidders) {
          for (const secret of [bidder.email, bidder.registrationId, bidder.organisation])
            expect(JSON.stringify(payload)).not.toContain(secret);
        }
      }
      expect([...onA.bids.get(listing.id)!.values()].map((e) => [e.seq, e.amount, e.bidderNo])).toEqual(
        [...onB.bids.get(listing.id)!.values()].map((e) => [e.seq, e.amount, e.bidderNo]),
      );
    } finally {
      onA.close();
      onB.close();
    }
    expect([...a.errors(), ...b.errors()]).toEqual([]);
  });
});
