import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, listings, notifications, sealedBids } from "../../db/schema";
import { makeListing, makeRegistration } from "../../db/seed/factories";
import { verifyReceipt } from "../../server/sale-modes/tender/rules";
import { manualClock } from "../support/clock";
import { testServices } from "../support/db";
import { addInvestor, DAY, lifecycleWorld, yuan } from "../support/lifecycle-world";
import { rejection, refusal } from "../support/refusal";

let clock: ReturnType<typeof manualClock>;
let ctx: Awaited<ReturnType<typeof testServices>>;
let world: Awaited<ReturnType<typeof lifecycleWorld>>;

beforeEach(async () => {
  clock = manualClock(new Date("2026-11-20T02:00:00.000Z"));
  ctx = await testServices({ clock });
  world = await lifecycleWorld(ctx.services);
});
afterEach(async () => ctx.close());

const s = () => ctx.services;

/** A live sealed tender on the world's claim, with both investors registered and approved. */
async function liveTender(
  options: { pricing?: "first_price" | "second_price"; reserve?: bigint; bestAndFinalTopN?: number } = {},
) {
  const now = clock.now().getTime();
  const listing = await makeListing(s(), {
    sellerOrgId: world.bank.id,
    assetId: world.asset.id,
    title: "Sealed tender: Jiaxing packaging claim",
    mode: "tender",
    status: "live",
    startingPrice: yuan(800_000),
    reservePrice: options.reserve ?? null,
    tenderPricing: options.pricing ?? "first_price",
    bestAndFinalTopN: options.bestAndFinalTopN ?? null,
    announcedAt: new Date(now - 10 * DAY),
    startsAt: new Date(now - DAY),
    endsAt: new Date(now + DAY),
  });
  for (const [i, investor] of world.investors.entries()) {
    const user = i === 0 ? world.investor1 : world.investor2;
    await makeRegistration(s(), {
      listingId: listing.id,
      organisationId: investor.id,
      userId: user.userId,
      bidderCode: `70${i}1`,
    });
  }
  return listing;
}

describe("sealed tenders", () => {
  it("keeps every amount sealed before the opening: no API, page, log or table column shows it, even to the operator", async () => {
    const tender = await liveTender();
    await s().tender.submit(world.investor1, tender.id, { amount: yuan(912_345).toString() });
    await s().tender.submit(world.investor2, tender.id, { amount: yuan(934_567).toString() });
    const secrets = ["91234500", "93456700", "912,345", "934,567"];

    const seen = JSON.stringify(
      [
        await s().tender.results(tender.id),
        await s().listings.getPublic(tender.id),
        await s().listings.listPublic({}),
        await s().workspace.workspace(world.operator, tender.id),
        await s().workspace.workspace(world.seller, tender.id),
        await s().auction.bidHistory(tender.id),
        await s().auction.viewerStatus(world.investor1, tender.id),
        await s().audit.recent(s().db, 1000),
        await s().db.select().from(sealedBids),
        await s().db.select().from(listings).where(eq(listings.id, tender.id)),
      ],
      (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value),
    );
    for (const secret of secrets) expect(seen, secret).not.toContain(secret);
    expect((await s().tender.results(tender.id))!.bids).toHaveLength(2);

    // Nor can anyone bid in the open on it.
    const open = await refusal(
      s().auction.placeBid(world.investor1, tender.id, { amount: yuan(800_000).toString(), idempotencyKey: crypto.randomUUID() }),
    );
    expect(open.code).toBe("SEALED_TENDER");
  });

  it("lets a bidder replace its sealed bid until the deadline, then refuses", async () => {
    const tender = await liveTender();
    await s().tender.submit(world.investor1, tender.id, { amount: yuan(850_000).toString() });
    clock.advance(3_600_000);
    const { receipt } = await s().tender.submit(world.investor1, tender.id, { amount: yuan(870_000).toString() });
    const rows = await s().db.select().from(sealedBids).where(eq(sealedBids.listingId, tender.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ replacements: 1, commitment: receipt.commitment });
    expect((await refusal(s().tender.submit(world.investor2, tender.id, { amount: yuan(700_000).toString() }))).code).toBe(
      "BID_TOO_LOW",
    );
    clock.set(tender.endsAt!);
    expect((await refusal(s().tender.submit(world.investor2, tender.id, { amount: yuan(900_000).toString() }))).code).toBe(
      "LISTING_ENDED",
    );
    expect((await refusal(s().tender.submit(world.operator, tender.id, { amount: yuan(900_000).toString() }))).code).toBe(
      "NOT_REGISTERED",
    );
  });

  it("takes a sealed amount within the bounds of an open bid only: no more than 18 digits, no zero, no leading zeros", async () => {
    const tender = await liveTender();
    const bids = () => s().db.select().from(sealedBids).where(eq(sealedBids.listingId, tender.id));
    for (const amount of ["9999999999999999999900", "1000000000000000000", "0", "000000000091234500"]) {
      const error = await rejection(s().tender.submit(world.investor1, tender.id, { amount }));
      expect(error, amount).toMatchObject({ name: "ZodError" });
    }
    expect(await bids()).toEqual([]);
    const { receipt } = await s().tender.submit(world.investor1, tender.id, { amount: "999999999999999999" });
    expect(receipt.amount).toBe("999999999999999999");
  });

  it("opens once when two openings run at the same time, and publishes amounts every receipt verifies against", async () => {
    const tender = await liveTender();
    const { receipt: low } = await s().tender.submit(world.investor1, tender.id, { amount: yuan(880_000).toString() });
    const { receipt: high } = await s().tender.submit(world.investor2, tender.id, { amount: yuan(905_000).toString() });
    // The auction's closing leaves a tender alone, even past its deadline.
    clock.set(new Date(tender.endsAt!.getTime() + 1000));
    expect(await s().auction.closeDue()).toBe(0);

    const opened = await Promise.all([s().tender.openDue(), s().tender.openDue()]);
    expect(opened[0] + opened[1]).toBe(1);
    expect(await s().tender.openDue()).toBe(0);
    const closings = await s().db.select().from(auditLog).where(eq(auditLog.action, "listing.closed"));
    expect(closings).toHaveLength(1);

    const [listing] = await s().db.select().from(listings).where(eq(listings.id, tender.id));
    expect(listing).toMatchObject({ status: "awarded", outcome: "sold", hammerPrice: yuan(905_000) });
    const results = (await s().tender.results(tender.id))!;
    expect(results.result).toMatchObject({ outcome: "sold", price: yuan(905_000).toString(), bidderNo: "7011" });
    for (const receipt of [low, high]) {
      const published = results.bids.find((b) => b.commitment === receipt.commitment)!;
      expect(published).toMatchObject({ bidderCode: receipt.bidderCode, amount: receipt.amount });
      expect(verifyReceipt(published.commitment, { ...receipt, amount: BigInt(published.amount!) })).toBe(true);
    }
  });

  it("charges the second price when the listing says so, and fails below the reserve", async () => {
    const second = await liveTender({ pricing: "second_price" });
    await s().tender.submit(world.investor1, second.id, { amount: yuan(880_000).toString() });
    await s().tender.submit(world.investor2, second.id, { amount: yuan(905_000).toString() });
    clock.set(second.endsAt!);
    await s().tender.openDue();
    expect((await s().db.select().from(listings).where(eq(listings.id, second.id)))[0]!.hammerPrice).toBe(yuan(880_000));

    await s().db.update(listings).set({ status: "closed" }).where(eq(listings.id, second.id));
    clock.set(new Date("2026-11-20T02:00:00.000Z"));
    const reserved = await liveTender({ reserve: yuan(1_000_000) });
    await s().tender.submit(world.investor1, reserved.id, { amount: yuan(990_000).toString() });
    clock.set(reserved.endsAt!);
    await s().tender.openDue();
    const [failed] = await s().db.select().from(listings).where(eq(listings.id, reserved.id));
    expect(failed).toMatchObject({ status: "failed", outcome: "reserve_not_met", hammerPrice: null });
  });
});

describe("sealed tenders under the bid rate limit", () => {
  it("counts a submission or replacement as a bid", async () => {
    await ctx.close();
    ctx = await testServices({ clock, bidsPerTenSeconds: 2 });
    world = await lifecycleWorld(ctx.services);
    const tender = await liveTender();
    await s().tender.submit(world.investor1, tender.id, { amount: yuan(850_000).toString() });
    await s().tender.submit(world.investor1, tender.id, { amount: yuan(860_000).toString() });
    const third = await refusal(s().tender.submit(world.investor1, tender.id, { amount: yuan(870_000).toString() }));
    expect(third.code).toBe("RATE_LIMITED");
  });
});

describe("a best-and-final round", () => {
  it("shortlists the top bidders at the first opening without unsealing anything, then decides among their final bids", async () => {
    const investor3 = await addInvestor(s(), "Northstar Special Situations", "investor3@fund.test");
    const northstar = investor3.memberships[0]!.organisationId;
    const tender = await liveTender({ bestAndFinalTopN: 2 });
    await makeRegistration(s(), {
      listingId: tender.id,
      organisationId: northstar,
      userId: investor3.userId,
      bidderCode: "7031",
    });
    await s().tender.submit(world.investor1, tender.id, { amount: yuan(850_000).toString() });
    await s().tender.submit(world.investor2, tender.id, { amount: yuan(900_000).toString() });
    await s().tender.submit(investor3, tender.id, { amount: yuan(880_000).toString() });

    clock.set(tender.endsAt!);
    expect(await s().tender.openDue()).toBe(1);
    const [shortlisted] = await s().db.select().from(listings).where(eq(listings.id, tender.id));
    expect(shortlisted).toMatchObject({ status: "live", tenderRound: 2, closedAt: null, hammerPrice: null });
    expect(shortlisted!.endsAt).toEqual(new Date(tender.endsAt!.getTime() + 48 * 3_600_000));
    const rows = await s().db.select().from(sealedBids).where(eq(sealedBids.listingId, tender.id));
    expect(rows.every((r) => r.openedAmount === null)).toBe(true);
    expect(rows.filter((r) => r.round === 2)).toHaveLength(2);
    const record = (await s().tender.results(tender.id))!;
    expect(record).toMatchObject({ opened: false, round: 2 });
    expect(JSON.stringify(record)).not.toContain("88000000");
    const invited = await s().db.select().from(notifications).where(eq(notifications.kind, "best_and_final_invited"));
    expect(invited.map((n) => n.userId).sort()).toEqual([world.investor2.userId, investor3.userId].sort());

    // Only the shortlisted bid again, and never below what they already bid.
    const outsider = await refusal(s().tender.submit(world.investor1, tender.id, { amount: yuan(990_000).toString() }));
    expect(outsider.code).toBe("NOT_SHORTLISTED");
    const lower = await refusal(s().tender.submit(investor3, tender.id, { amount: yuan(870_000).toString() }));
    expect(lower.code).toBe("BID_TOO_LOW");
    await s().tender.submit(investor3, tender.id, { amount: yuan(950_000).toString() });

    clock.set(shortlisted!.endsAt!);
    expect(await s().tender.openDue()).toBe(1);
    const [decided] = await s().db.select().from(listings).where(eq(listings.id, tender.id));
    expect(decided).toMatchObject({ status: "awarded", outcome: "sold", hammerPrice: yuan(950_000) });
    const published = (await s().tender.results(tender.id))!;
    expect(published.result).toMatchObject({ bidderNo: "7031", price: yuan(950_000).toString() });
    expect(published.bids.map((b) => b.amount).sort()).toEqual([yuan(850_000), yuan(900_000), yuan(950_000)].map(String).sort());
  });
});
