import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deposits, listings, refunds, type Listing } from "../../db/schema";
import { makeListing, makeRegistration, recordBid } from "../../db/seed/factories";
import {
  bankAsset,
  clusterDatabase,
  demoBidders,
  demoListing,
  startTwoNodes,
  stopCluster,
  sleep,
  until,
  watcher,
  type ClusterDatabase,
  type ServerNode,
} from "../support/cluster";

const yuan = (amount: number) => BigInt(amount) * 100n;
const START = yuan(500_000);
const STEP = yuan(5_000);

let cluster: ClusterDatabase;
let a: ServerNode;
let b: ServerNode;
/** The moment all 200 listings end: a whole second, with the listings spread over its first 800 ms. */
let endSecond: number;
/** The registrations that did not win: one on each of the 100 listings with bids (kinds 1 and 2), both on the 50 that failed their reserve. */
const losers: string[] = [];
const lots: {
  listing: Listing;
  expected: { status: string; outcome: string; winner: string | null; hammerPrice: bigint | null };
}[] = [];

beforeAll(async () => {
  cluster = await clusterDatabase();
  const services = cluster.services;
  const { bank, asset } = await bankAsset(cluster, {
    kind: "movable",
    title: "Forklift fleet, Ningbo depot",
    region: "Zhejiang · Ningbo",
  });
  // Built before any node runs, ending a few seconds after the nodes will have started.
  endSecond = Math.ceil((Date.now() + 20_000) / 1000) * 1000;
  const [investor, other] = await demoBidders(
    cluster,
    (await demoListing(cluster, "Guaranteed claim on a Ningbo logistics company")).id,
  );
  for (let i = 0; i < 200; i += 1) {
    const kind = i % 4;
    const listing = await makeListing(services, {
      sellerOrgId: bank.id,
      assetId: asset.id,
      title: `Forklift lot ${i + 1}`,
      mode: kind === 3 ? "designated" : "auction",
      status: "live",
      startingPrice: START,
      increment: STEP,
      reservePrice: kind === 2 ? START + STEP : null,
      announcedAt: new Date(Date.now() - 86_400_000),
      startsAt: new Date(Date.now() - 3_600_000),
      endsAt: new Date(endSecond + i * 4),
    });
    let registrationId: string | null = null;
    if (kind !== 0) {
      registrationId = (
        await makeRegistration(services, {
          listingId: listing.id,
          organisationId: investor!.organisationId,
          userId: investor!.userId,
          bidderCode: "8801",
        })
      ).id;
    }
    if (kind === 1 || kind === 2) {
      // A second bidder with its deposit held, who did not bid: it loses.
      const loser = await makeRegistration(services, {
        listingId: listing.id,
        organisationId: other!.organisationId,
        userId: other!.userId,
        bidderCode: "8802",
      });
      losers.push(loser.id, ...(kind === 2 ? [registrationId!] : []));
      await recordBid(services, { listingId: listing.id, registrationId: registrationId!, amount: START, placedAt: new Date() });
    }
    if (kind === 3)
      await cluster.db.update(listings).set({ designatedRegistrationId: registrationId }).where(eq(listings.id, listing.id));
    lots.push({
      listing,
      expected: [
        { status: "failed", outcome: "no_bids", winner: null, hammerPrice: null },
        { status: "awarded", outcome: "sold", winner: registrationId, hammerPrice: START },
        { status: "failed", outcome: "reserve_not_met", winner: null, hammerPrice: null },
        { status: "awarded", outcome: "designated_floor", winner: registrationId, hammerPrice: START },
      ][kind]!,
    });
  }
  ({ a, b } = await startTwoNodes(cluster));
});
afterAll(() => stopCluster(cluster, a, b));

describe("closing on two nodes", () => {
  it("closes 200 listings ending in the same second exactly once each, on time, and tells watchers on both nodes once", async () => {
    expect(Date.now(), "the nodes should be up before the listings end").toBeLessThan(endSecond);
    const ids = lots.map((lot) => lot.listing.id);
    const onA = watcher(a, ids.slice(0, 20));
    const onB = watcher(b, ids.slice(10, 30));
    try {
      await Promise.all([onA.watching(), onB.watching()]);
      await sleep(Math.max(0, endSecond - Date.now()));
      await until(
        "every listing to close",
        async () =>
          (
            await cluster.db
              .select({ id: listings.id })
              .from(listings)
              .where(and(inArray(listings.id, ids), eq(listings.status, "live")))
          ).length === 0,
        30_000,
        100,
      );

      const rows = new Map(
        (await cluster.db.select().from(listings).where(inArray(listings.id, ids))).map((row) => [row.id, row]),
      );
      for (const lot of lots) {
        const row = rows.get(lot.listing.id)!;
        expect({
          status: row.status,
          outcome: row.outcome,
          winner: row.winnerRegistrationId,
          hammerPrice: row.hammerPrice,
        }).toEqual(lot.expected);
        expect(row.closedAt!.getTime()).toBeGreaterThanOrEqual(lot.listing.endsAt!.getTime());
      }
      const perListing = await cluster.database.rows<{ entity_id: string; n: number }>(
        sql`select entity_id, count(*)::int as n from audit_log where action = 'listing.closed' group by entity_id`,
      );
      expect(perListing.filter((r) => ids.includes(r.entity_id)).map((r) => r.n)).toEqual(ids.map(() => 1));
      // On time: the design's promise is within a second of the end; two cores and 200 closings allow some slack.
      const lateness = lots.map((lot) => rows.get(lot.listing.id)!.closedAt!.getTime() - lot.listing.endsAt!.getTime());
      console.info(`closing lateness over 200 listings: median ${median(lateness)} ms, worst ${Math.max(...lateness)} ms`);
      expect(Math.max(...lateness)).toBeLessThan(5_000);

      // Each watcher hears each of its listings close once, whichever node closed it.
      await until("the watchers to hear every close", () => onA.closed.length >= 20 && onB.closed.length >= 20, 5_000);
      await sleep(300);
      for (const [who, watched] of [
        [onA, ids.slice(0, 20)],
        [onB, ids.slice(10, 30)],
      ] as const) {
        expect(who.closed.map((e) => e.listingId).sort()).toEqual([...watched].sort());
        for (const event of who.closed) {
          const lot = lots.find((l) => l.listing.id === event.listingId)!;
          expect(event).toMatchObject({
            status: lot.expected.status,
            outcome: lot.expected.outcome,
            price: lot.expected.hammerPrice?.toString() ?? null,
          });
        }
      }
    } finally {
      onA.close();
      onB.close();
    }
    expect([...a.errors(), ...b.errors()]).toEqual([]);
  });

  it("releases the deposits of the 100 listings' losers once each, with both nodes racing, and keeps the winners'", async () => {
    await until(
      "every loser's deposit to be released",
      async () =>
        (
          await cluster.db
            .select({ id: deposits.id })
            .from(deposits)
            .where(and(inArray(deposits.registrationId, losers), eq(deposits.status, "released")))
        ).length === losers.length,
      30_000,
      100,
    );
    const released = await cluster.db.select().from(deposits).where(inArray(deposits.registrationId, losers));
    expect(released).toHaveLength(losers.length);
    const ids = released.map((d) => d.id);
    const steps = await cluster.database.rows<{ deposit: string; n: number }>(
      sql`select after->>'depositId' as deposit, count(*)::int as n from audit_log where action = 'deposit.released' group by 1`,
    );
    expect(steps.filter((r) => ids.includes(r.deposit)).map((r) => r.n)).toEqual(ids.map(() => 1));
    const owed = await cluster.db.select().from(refunds).where(inArray(refunds.depositId, ids));
    expect(owed.map((r) => r.depositId).sort()).toEqual([...ids].sort());
    const winners = lots.flatMap((lot) => (lot.expected.winner ? [lot.expected.winner] : []));
    const kept = await cluster.db.select().from(deposits).where(inArray(deposits.registrationId, winners));
    expect(kept.map((d) => d.status)).toEqual(winners.map(() => "held"));
    expect([...a.errors(), ...b.errors()]).toEqual([]);
  });
});

function median(values: number[]) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}
