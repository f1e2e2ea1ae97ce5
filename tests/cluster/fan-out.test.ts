import { randomUUID } from "node:crypto";
import { demoTape } from "../../db/seed/demo-book";
import { generateLoanTape } from "../../db/seed/loan-tape";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
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
        const keys = Object.keys(payload).filter((key) => key !== "reserveMet");
        expect(keys.sort()).toEqual(["amount", "bidderNo", "endsAt", "kind", "listingId", "placedAt", "seq"]);
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
  it("stops a signed-out session bidding on every node within a second", async () => {
    const listing = await demoListing(cluster, "Guaranteed claim on a Ningbo logistics company");
    const [bidder] = await demoBidders(cluster, listing.id);
    const session = await signIn(b, bidder!.email);
    // A bid far too low: refused for its amount, so the session is known to bid on both nodes.
    const lowBid = (node: ServerNode) => postBid(node, session, listing.id, 1n, randomUUID());
    for (const node of [a, b]) expect((await lowBid(node)).body.error?.code).toBe("BID_TOO_LOW");

    const signedOut = await fetch(`${a.url}/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: session, origin: a.url, "content-type": "application/x-www-form-urlencoded" },
    });
    expect(signedOut.status).toBe(302);
    const signedOutAt = Date.now();
    // Node B looked the session up a moment ago and may still hold it: never past a second.
    await sleep(Math.max(0, signedOutAt + 1_050 - Date.now()));
    for (const node of [b, a]) {
      const answer = await lowBid(node);
      expect([node.name, answer.status, answer.body.error?.code]).toEqual([node.name, 401, "UNAUTHENTICATED"]);
    }
  });

  it("never lets an imported tape's borrowers or guarantors out: not over sockets, pages or the API, not into a log line", async () => {
    const tape = generateLoanTape(demoTape);
    // Names and ID numbers of every borrower and guarantor on the bank's imported 200-loan tape.
    const secrets = tape.rows.flatMap((row) => [row[1], row[3], row[4], row[6]]).filter((v): v is string => Boolean(v));
    const listing = await demoListing(cluster, "Eastern Commercial Bank 2026 Q4 SME and retail portfolio (200 loans)");
    const bidders = await demoBidders(cluster, listing.id);
    const sessions = await Promise.all(bidders.map((bidder, i) => signIn(i % 2 ? b : a, bidder.email)));
    const onA = watcher(a, [listing.id]);
    const onB = watcher(b, [listing.id]);
    try {
      await Promise.all([onA.watching(), onB.watching()]);
      let next = BigInt(listing.startingPrice);
      for (let i = 0; i < 4; i += 1) {
        const answer = await postBid(i % 2 ? b : a, sessions[i % sessions.length]!, listing.id, next, randomUUID());
        expect(answer.status).toBe(201);
        next = BigInt(answer.body.listing!.nextMinimumBid);
      }
      await until(
        "both watchers to hold the 4 bids",
        () => onA.contiguous(listing.id) === 4 && onB.contiguous(listing.id) === 4,
        2_000,
      );

      // An NDA bidder takes the tape: the parties are in it, in full (so the checks below look for what exists).
      const taken = await fetch(`${a.url}/listings/${listing.id}/tape?format=csv`, { headers: { cookie: sessions[0]! } });
      expect(taken.status).toBe(200);
      const full = await taken.text();
      expect(secrets.filter((secret) => full.includes(secret)).length).toBe(secrets.length);

      const seen: string[] = [JSON.stringify(onA.events), JSON.stringify(onB.events)];
      for (const path of [
        `/listings/${listing.id}`,
        `/listings/${listing.id}.data`,
        `/api/v1/listings/${listing.id}`,
        `/api/v1/packages/${listing.packageId}/stratification`,
        `/api/v1/listings?q=${encodeURIComponent(tape.rows[0]![1]!)}`,
        "/api/v1/listings?pageSize=100",
      ]) {
        const response = await fetch(`${b.url}${path}`);
        expect(response.status, path).toBe(200);
        seen.push(await response.text());
      }
      seen.push(a.logs(), b.logs());
      for (const text of seen) for (const secret of secrets) expect(text.includes(secret), `"${secret}" went out`).toBe(false);
    } finally {
      onA.close();
      onB.close();
    }
  });
});
