import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bids, listings, registrations, type Listing } from "../../db/schema";
import { makeListing, makeOrganisation, makeRegistration, makeUser } from "../../db/seed/factories";
import {
  bankAsset,
  clusterDatabase,
  postBid,
  startTwoNodes,
  stopCluster,
  signIn,
  until,
  watcher,
  type ClusterDatabase,
  type ServerNode,
} from "../support/cluster";

const HOUR = 3_600_000;
/** The storm's size here; `npm run bench` runs the hot listing at full size. */
const BIDDERS = 24;
const password = "storm-password-0123456789";

let cluster: ClusterDatabase;
let a: ServerNode;
let b: ServerNode;
let listing: Listing;
const bidders: { email: string; code: string }[] = [];

beforeAll(async () => {
  cluster = await clusterDatabase();
  const { bank, asset } = await bankAsset(cluster, {
    kind: "claim",
    title: "Storm claim",
    region: "Shanghai",
  });
  listing = await makeListing(cluster.services, {
    sellerOrgId: bank.id,
    assetId: asset.id,
    title: "Storm claim auction",
    status: "live",
    startingPrice: 10_000_000n,
    increment: 10_000n,
    startsAt: new Date(Date.now() - HOUR),
    endsAt: new Date(Date.now() + HOUR),
  });
  for (let i = 0; i < BIDDERS; i++) {
    const code = `S${String(i + 1).padStart(3, "0")}`;
    const email = `storm-${i + 1}@fund.example`;
    const fund = await makeOrganisation(cluster.services, { name: `Storm Fund ${i + 1}`, kind: "fund" });
    const user = await makeUser(cluster.services, { email, password, organisationId: fund.id, roles: ["investor"] });
    await makeRegistration(cluster.services, {
      listingId: listing.id,
      organisationId: fund.id,
      userId: user.id,
      bidderCode: code,
      status: "approved",
    });
    bidders.push({ email, code });
  }
  ({ a, b } = await startTwoNodes(cluster));
});
afterAll(() => stopCluster(cluster, a, b));

describe("a storm of bidders over two nodes, one killed in the middle", () => {
  it("loses no acknowledged bid, doubles none, and leaves every watcher on either node gap-free", async () => {
    const sessions = await Promise.all(bidders.map((bidder, i) => signIn(i % 2 ? b : a, bidder.email, password)));
    const watchers = [watcher(a, [listing.id]), watcher(a, [listing.id]), watcher(b, [listing.id]), watcher(b, [listing.id])];
    await Promise.all(watchers.map((w) => w.watching()));

    const accepted: { key: string; seq: number }[] = [];
    const unanswered: { key: string; bidder: number; amount: bigint }[] = [];
    const unexpected: unknown[] = [];
    let nextMinimum = listing.startingPrice;
    const learn = (value: unknown) => {
      const amount = BigInt(String(value));
      if (amount > nextMinimum) nextMinimum = amount;
    };
    let storming = true;
    // Every bidder bids at once, as fast as the nodes answer, each turn on the next node that is up.
    const storm = bidders.map(async (_, bidder) => {
      for (let turn = bidder; storming; turn += 1) {
        const up = [a, b].filter((node) => node.ready);
        const node = up[turn % Math.max(1, up.length)];
        if (!node) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          continue;
        }
        const key = randomUUID();
        const amount = nextMinimum;
        try {
          const answer = await postBid(node, sessions[bidder]!, listing.id, amount, key);
          if (answer.status === 201) {
            accepted.push({ key, seq: answer.body.bid!.seq });
            learn(answer.body.listing!.nextMinimumBid);
          } else if (answer.body.error?.code === "BID_TOO_LOW") learn(answer.body.error.details.nextMinimumBid);
          else if (answer.body.error?.code !== "ALREADY_LEADING") unexpected.push({ node: node.name, ...answer });
        } catch {
          // Cut off by the crash: it may or may not have committed; it is retried with its key below.
          unanswered.push({ key, bidder, amount });
        }
      }
    });
    try {
      await until("40 accepted bids", () => accepted.length >= 40, 30_000);
      await a.crash();
      const during = accepted.length;
      await until("20 more through node B alone", () => accepted.length >= during + 20, 30_000);
      await a.start();
      const after = accepted.length;
      await until("20 more with both nodes up", () => accepted.length >= after + 20, 30_000);
    } finally {
      storming = false;
      await Promise.all(storm);
    }
    for (const lost of unanswered) {
      const answer = await postBid(b, sessions[lost.bidder]!, listing.id, lost.amount, lost.key);
      if (answer.status === 201) accepted.push({ key: lost.key, seq: answer.body.bid!.seq });
    }
    console.info(`storm: ${BIDDERS} bidders, ${accepted.length} bids accepted, ${unanswered.length} cut off by the crash`);

    expect(unexpected).toEqual([]);
    const [final] = await cluster.db.select().from(listings).where(eq(listings.id, listing.id));
    const rows = await cluster.db
      .select({ seq: bids.seq, key: bids.idempotencyKey, amount: bids.amount, code: registrations.bidderCode })
      .from(bids)
      .innerJoin(registrations, eq(bids.registrationId, registrations.id))
      .where(eq(bids.listingId, listing.id))
      .orderBy(asc(bids.seq));
    // Every seq from 1 without a gap; every acknowledged bid there once, at the seq it was told; nothing twice.
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: final!.lastSeq }, (_, i) => i + 1));
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.size).toBe(rows.length);
    for (const ack of accepted) expect(byKey.get(ack.key)?.seq).toBe(ack.seq);
    expect(new Set(accepted.map((x) => x.key)).size).toBe(accepted.length);
    expect(accepted.length).toBe(rows.length);
    // Each price above the last.
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.amount > rows[i - 1]!.amount).toBe(true);

    // Every watcher, on either node, reconnected where it had to and holds every bid, as it was placed.
    for (const w of watchers) {
      await until("a watcher to catch up", () => w.contiguous(listing.id) === final!.lastSeq, 15_000);
      for (const row of rows)
        expect(w.bids.get(listing.id)!.get(row.seq)).toMatchObject({ amount: row.amount.toString(), bidderNo: row.code });
      w.close();
    }
    expect([...a.errors(), ...b.errors()]).toEqual([]);
  });
});
