import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, listings, notifications } from "../../db/schema";
import { makeListing, makeRegistration, recordBid } from "../../db/seed/factories";
import type { UserPrincipal } from "../../core/identity/access";
import { manualClock } from "../support/clock";
import { testServices } from "../support/db";
import { addInvestor, DAY, lifecycleWorld, yuan } from "../support/lifecycle-world";
import { rejection, refusal } from "../support/refusal";

let clock: ReturnType<typeof manualClock>;
let ctx: Awaited<ReturnType<typeof testServices>>;
let world: Awaited<ReturnType<typeof lifecycleWorld>>;
let investor3: UserPrincipal;

beforeEach(async () => {
  clock = manualClock(new Date("2026-11-20T02:00:00.000Z"));
  ctx = await testServices({ clock });
  world = await lifecycleWorld(ctx.services);
  investor3 = await addInvestor(ctx.services, "Northstar Special Situations", "investor3@fund.test");
});
afterEach(async () => ctx.close());

const s = () => ctx.services;
const HOUR = 3_600_000;
const listingRow = async (id: string) => (await s().db.select().from(listings).where(eq(listings.id, id)))[0]!;

/**
 * An auction that ended an hour ago and was awarded to Harbour (8101) at ¥1,030,000: Jade River
 * (8102) last bid ¥1,020,000, Northstar (8103) ¥1,010,000.
 */
async function awardedAuction() {
  const now = clock.now().getTime();
  const listing = await makeListing(s(), {
    sellerOrgId: world.bank.id,
    assetId: world.asset.id,
    title: "Awarded: Jiaxing packaging claim",
    status: "live",
    startingPrice: yuan(1_000_000),
    increment: yuan(10_000),
    announcedAt: new Date(now - 10 * DAY),
    startsAt: new Date(now - 2 * DAY),
    endsAt: new Date(now - HOUR),
  });
  const regs = [];
  for (const [i, who] of [world.investor1, world.investor2, investor3].entries()) {
    regs.push(
      await makeRegistration(s(), {
        listingId: listing.id,
        organisationId: who.memberships[0]!.organisationId,
        userId: who.userId,
        bidderCode: `810${i + 1}`,
      }),
    );
  }
  const [harbour, jade, northstar] = regs as [(typeof regs)[0], (typeof regs)[0], (typeof regs)[0]];
  const at = (h: number) => new Date(now - 2 * DAY + h * HOUR);
  await recordBid(s(), { listingId: listing.id, registrationId: northstar.id, amount: yuan(1_000_000), placedAt: at(1) });
  await recordBid(s(), { listingId: listing.id, registrationId: jade.id, amount: yuan(1_010_000), placedAt: at(2) });
  await recordBid(s(), { listingId: listing.id, registrationId: northstar.id, amount: yuan(1_010_000), placedAt: at(3) });
  await recordBid(s(), { listingId: listing.id, registrationId: jade.id, amount: yuan(1_020_000), placedAt: at(4) });
  await recordBid(s(), { listingId: listing.id, registrationId: harbour.id, amount: yuan(1_030_000), placedAt: at(5) });
  await s().auction.closeDue();
  expect(await listingRow(listing.id)).toMatchObject({ status: "awarded", winnerRegistrationId: harbour.id });
  return { listing, harbour, jade, northstar };
}

const defaulted = { reason: "The balance was not paid within 10 days.", offerRunnerUp: true, deadlineHours: 72 };

describe("a winner's default", () => {
  it("offers the lot to the runner-up at its own last bid, and its acceptance makes it the winner", async () => {
    const { listing, harbour, jade } = await awardedAuction();
    const result = await s().runnerUp.recordDefault(world.operator, listing.id, defaulted);
    expect(result).toMatchObject({ status: "awarded", runnerUp: { registrationId: jade.id, price: yuan(1_020_000).toString() } });
    expect(await listingRow(listing.id)).toMatchObject({
      defaultedRegistrationId: harbour.id,
      runnerUpRegistrationId: jade.id,
      runnerUpPrice: yuan(1_020_000),
      runnerUpDeadline: new Date(clock.now().getTime() + 72 * HOUR),
    });
    const told = await s()
      .db.select()
      .from(notifications)
      .where(and(eq(notifications.kind, "runner_up_offered"), eq(notifications.listingId, listing.id)));
    expect(told.map((n) => n.userId)).toEqual([world.investor2.userId]);
    expect(await s().runnerUp.offerFor(world.investor2, listing.id)).toEqual({
      price: yuan(1_020_000).toString(),
      deadline: new Date(clock.now().getTime() + 72 * HOUR).toISOString(),
    });
    expect(await s().runnerUp.offerFor(investor3, listing.id)).toBeNull();

    clock.advance(24 * HOUR);
    expect(await s().runnerUp.answer(world.investor2, listing.id, { accept: true })).toEqual({ accepted: true });
    expect(await listingRow(listing.id)).toMatchObject({
      status: "awarded",
      winnerRegistrationId: jade.id,
      hammerPrice: yuan(1_020_000),
      runnerUpRegistrationId: null,
    });
    const detail = await s().listings.getPublic(listing.id);
    expect(detail?.result).toEqual({ outcome: "sold", bidderNo: "8102", price: yuan(1_020_000).toString() });
    const actions = (await s().db.select().from(auditLog).where(eq(auditLog.entityId, listing.id))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["listing.winner_defaulted", "listing.runner_up_accepted"]));
  });

  it("fails the award when the runner-up declines, so that the lot can be re-listed", async () => {
    const { listing } = await awardedAuction();
    await s().runnerUp.recordDefault(world.operator, listing.id, defaulted);
    expect((await refusal(s().runnerUp.answer(investor3, listing.id, { accept: true }))).code).toBe("NOT_FOUND");
    await s().runnerUp.answer(world.investor2, listing.id, { accept: false });
    expect(await listingRow(listing.id)).toMatchObject({ status: "failed", winnerRegistrationId: null, hammerPrice: null });
  });

  it("fails the award when the deadline passes unanswered, once, and refuses a late acceptance", async () => {
    const { listing } = await awardedAuction();
    await s().runnerUp.recordDefault(world.operator, listing.id, defaulted);
    clock.advance(72 * HOUR - 1);
    expect(await s().runnerUp.lapseDue()).toBe(0);
    clock.advance(1);
    const late = await refusal(s().runnerUp.answer(world.investor2, listing.id, { accept: true }));
    expect(late.code).toBe("OFFER_EXPIRED");
    const [first, second] = await Promise.all([s().runnerUp.lapseDue(), s().runnerUp.lapseDue()]);
    expect(first + second).toBe(1);
    expect((await listingRow(listing.id)).status).toBe("failed");
  });

  it("fails the award at once when the operator offers no runner-up, or there is none", async () => {
    const { listing } = await awardedAuction();
    expect(await s().runnerUp.recordDefault(world.operator, listing.id, { ...defaulted, offerRunnerUp: false })).toEqual({
      status: "failed",
      runnerUp: null,
    });
    const row = await listingRow(listing.id);
    expect(row).toMatchObject({ status: "failed", runnerUpRegistrationId: null });
    expect(row.defaultedRegistrationId).not.toBeNull();
  });

  it("is recorded by operators only, with a reason, and only on an awarded listing", async () => {
    const { listing } = await awardedAuction();
    expect((await refusal(s().runnerUp.recordDefault(world.seller, listing.id, defaulted))).code).toBe("FORBIDDEN");
    expect(await rejection(s().runnerUp.recordDefault(world.operator, listing.id, { ...defaulted, reason: " " }))).toMatchObject({
      name: "ZodError",
    });
    await s().runnerUp.recordDefault(world.operator, listing.id, defaulted);
    expect((await refusal(s().runnerUp.recordDefault(world.operator, listing.id, defaulted))).code).toBe("ALREADY_DECIDED");
  });
});
