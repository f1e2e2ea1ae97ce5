import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { announcements, auditLog, listings, notifications, registrations, type Listing, watchlist } from "../../db/schema";
import { makeListing, makeRegistration } from "../../db/seed/factories";
import { runCli } from "../../server/cli";
import type { AppError } from "../../server/errors";
import { DAY, useLifecycleWorld, yuan } from "../support/lifecycle-world";
import { refusal } from "../support/refusal";

const { clock, services: s, world } = useLifecycleWorld();
const HOUR = 3_600_000;
const listingRow = async (id: string) => (await s().db.select().from(listings).where(eq(listings.id, id)))[0]!;

/** An auction on the world's claim that failed with no bids `closedDaysAgo` days ago. */
async function failedRound(
  options: { start?: bigint; closedDaysAgo?: number; round?: number; previous?: Listing; mode?: Listing["mode"] } = {},
) {
  const now = clock().now().getTime();
  const closedAt = new Date(now - (options.closedDaysAgo ?? 1) * DAY);
  return makeListing(s(), {
    sellerOrgId: world().bank.id,
    assetId: world().asset.id,
    title: "Unsecured claim on a Jiaxing packaging maker",
    mode: options.mode ?? "auction",
    status: "failed",
    outcome: "no_bids",
    startingPrice: options.start ?? yuan(1_000_000),
    increment: yuan(5_000),
    deposit: yuan(100_000),
    round: options.round ?? 1,
    previousListingId: options.previous?.id ?? null,
    announcedAt: new Date(closedAt.getTime() - 12 * DAY),
    startsAt: new Date(closedAt.getTime() - 2 * DAY),
    endsAt: closedAt,
    closedAt,
  });
}

/** Two failed auctions in a row: ¥1,000,000, then ¥800,000 (closed yesterday). */
async function failedTwice() {
  const first = await failedRound({ closedDaysAgo: 20 });
  const second = await failedRound({ start: yuan(800_000), round: 2, previous: first });
  return { first, second };
}

/** A next round at `start` with valid terms, bidding from a fortnight out for two days. */
function nextRound(start: bigint, overrides: Record<string, unknown> = {}) {
  const startsAt = new Date(clock().now().getTime() + 14 * DAY);
  return {
    mode: "auction",
    startingPrice: start.toString(),
    increment: (start / 200n).toString(),
    deposit: (start / 10n).toString(),
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * DAY).toISOString(),
    ...overrides,
  };
}

describe("re-listing a failed auction", () => {
  it("re-lists within 30 days at a start cut by up to 20%, as round 2 approved for the operator to announce", async () => {
    const failed = await failedRound();
    await s().db.insert(watchlist).values({ userId: world().investor1.userId, listingId: failed.id, createdAt: clock().now() });
    const next = await s().rounds.relist(world().staff, failed.id, nextRound(yuan(800_000)));

    expect(next).toMatchObject({
      status: "approved",
      mode: "auction",
      round: 2,
      previousListingId: failed.id,
      assetId: world().asset.id,
      title: failed.title,
      currency: "CNY",
      startingPrice: yuan(800_000),
      increment: yuan(4_000),
      deposit: yuan(80_000),
      reservePrice: null,
      firstBidWindowSeconds: null,
    });
    expect((await listingRow(failed.id)).status).toBe("failed");
    const audited = await s().db.select().from(auditLog).where(eq(auditLog.action, "listing.relisted"));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ entityId: next.id, actorLabel: "staff@bank.test" });
    const told = await s().db.select().from(notifications).where(eq(notifications.kind, "listing_relisted"));
    expect(told.map((n) => [n.userId, n.listingId, n.params])).toEqual([
      [world().investor1.userId, failed.id, { round: "2", mode: "auction" }],
    ]);

    // No second review: the operator publishes the round's announcement.
    expect((await s().workflow.publish(world().operator, next.id)).status).toBe("announced");
    // A ¥1M lot is announced for 7 working days; its second round for half of that, rounded up.
    const [announcement] = await s().db.select().from(announcements).where(eq(announcements.listingId, next.id));
    expect(announcement).toMatchObject({ periodDays: 4, workingDays: true });
    expect((await s().rounds.history(next.id))!.earlier.map((r) => [r.id, r.round])).toEqual([[failed.id, 1]]);
  });

  it("keeps the seller's cap on a single bid for the next round, and the workspace shows it", async () => {
    const failed = await failedRound();
    await s().db.update(listings).set({ maxBidMultiple: 8 }).where(eq(listings.id, failed.id));
    const next = await s().rounds.relist(world().staff, failed.id, nextRound(yuan(800_000)));
    expect(next.maxBidMultiple).toBe(8);
    expect((await s().workspace.workspace(world().staff, next.id)).maxBidMultiple).toBe(8);
  });

  it("refuses a cut of more than 20%, naming the lowest start, and a start above the failed one", async () => {
    const failed = await failedRound();
    const deep = await refusal(s().rounds.relist(world().seller, failed.id, nextRound(yuan(800_000) - 1n)));
    expect(deep).toMatchObject({ code: "START_CUT_TOO_DEEP", details: { lowest: yuan(800_000).toString() } });
    expect((await refusal(s().rounds.relist(world().seller, failed.id, nextRound(yuan(1_000_000) + 1n)))).code).toBe(
      "START_RAISED",
    );
    expect(await s().db.select().from(listings).where(eq(listings.previousListingId, failed.id))).toEqual([]);
  });

  it("checks the new round's deposit and increment against its lower start", async () => {
    const failed = await failedRound();
    // ¥170,000 is more than 20% of the new ¥800,000 start, and a ¥90,000 increment more than 10% of it.
    const refused = await refusal(
      s().rounds.relist(
        world().seller,
        failed.id,
        nextRound(yuan(800_000), { deposit: yuan(170_000).toString(), increment: yuan(90_000).toString() }),
      ),
    );
    expect(refused.code).toBe("INVALID_TERMS");
    expect(Object.keys(refused.details.fields as object).sort()).toEqual(["deposit", "increment"]);
    expect((refused.details.fields as Record<string, { params: unknown }>).deposit!.params).toEqual({
      min: yuan(40_000).toString(),
      max: yuan(160_000).toString(),
    });
    const short = await refusal(
      s().rounds.relist(
        world().seller,
        failed.id,
        nextRound(yuan(800_000), { endsAt: new Date(clock().now().getTime() + 14 * DAY + HOUR).toISOString() }),
      ),
    );
    expect(short).toMatchObject({ code: "INVALID_TERMS", details: { field: "endsAt" } });
  });

  it("refuses after 30 days, naming the deadline, and accepts on the 30th day", async () => {
    const failed = await failedRound({ closedDaysAgo: 30 });
    clock().advance(1);
    const late = await refusal(s().rounds.relist(world().seller, failed.id, nextRound(yuan(900_000))));
    expect(late).toMatchObject({
      code: "RELIST_TOO_LATE",
      details: { deadline: new Date(failed.closedAt!.getTime() + 30 * DAY).toISOString() },
    });
    clock().advance(-1);
    expect((await s().rounds.relist(world().seller, failed.id, nextRound(yuan(900_000)))).round).toBe(2);
  });

  it("re-lists only a failed listing, and only once (a withdrawn next round frees it again)", async () => {
    const live = await makeListing(s(), {
      sellerOrgId: world().bank.id,
      assetId: world().asset.id,
      title: "A live auction",
      status: "live",
      startingPrice: yuan(1_000_000),
      announcedAt: new Date(clock().now().getTime() - 10 * DAY),
      startsAt: new Date(clock().now().getTime() - DAY),
      endsAt: new Date(clock().now().getTime() + DAY),
    });
    expect((await refusal(s().rounds.relist(world().seller, live.id, nextRound(yuan(900_000))))).code).toBe("NOT_FAILED");
    await s().db.update(listings).set({ status: "withdrawn" }).where(eq(listings.id, live.id));

    const failed = await failedRound();
    const first = await s().rounds.relist(world().seller, failed.id, nextRound(yuan(900_000)));
    const again = await refusal(s().rounds.relist(world().staff, failed.id, nextRound(yuan(850_000))));
    expect(again).toMatchObject({ code: "ALREADY_RELISTED", details: { listingId: first.id } });

    await s().workflow.withdraw(world().seller, first.id, { reason: "Wrong start: re-listing at a lower one." });
    const second = await s().rounds.relist(world().seller, failed.id, nextRound(yuan(850_000)));
    expect(second).toMatchObject({ round: 2, startingPrice: yuan(850_000) });
  });

  it("makes one next round of two re-listings sent at the same time, and refuses the other", async () => {
    const failed = await failedRound();
    const results = await Promise.allSettled([
      s().rounds.relist(world().seller, failed.id, nextRound(yuan(900_000))),
      s().rounds.relist(world().staff, failed.id, nextRound(yuan(850_000))),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as AppError).code).toBe("ALREADY_RELISTED");
    expect(await s().db.select().from(listings).where(eq(listings.previousListingId, failed.id))).toHaveLength(1);
  });

  it("lets only the seller's admins and staff re-list: approvers, operators, investors and strangers are refused", async () => {
    const failed = await failedRound();
    for (const who of [world().approver1, world().operator, world().investor1]) {
      expect((await refusal(s().rounds.relist(who, failed.id, nextRound(yuan(900_000))))).code).toBe("FORBIDDEN");
    }
    expect((await refusal(s().rounds.relist({ kind: "anonymous" }, failed.id, nextRound(yuan(900_000))))).code).toBe(
      "UNAUTHENTICATED",
    );
    expect((await refusal(s().rounds.relist(world().seller, "not-a-uuid", nextRound(yuan(900_000))))).code).toBe("NOT_FOUND");
    await expect(s().rounds.relist(world().seller, failed.id, { mode: "auction", startingPrice: "1.5" })).rejects.toMatchObject({
      name: "ZodError",
    });
  });
});

describe("the fixed-price sale after two failed rounds", () => {
  it("is offered after the second failure at the last round's start, for 60 days, with a 24-hour window", async () => {
    const { first, second } = await failedTwice();
    expect((await refusal(s().rounds.relist(world().seller, second.id, nextRound(yuan(700_000))))).code).toBe("FIXED_PRICE_DUE");
    const offer = await s().rounds.offerFixedPrice(world().seller, second.id);
    expect(offer).toMatchObject({
      mode: "fixed_price",
      status: "approved",
      round: 3,
      previousListingId: second.id,
      startingPrice: yuan(800_000),
      deposit: yuan(100_000),
      increment: yuan(5_000),
      firstBidWindowSeconds: 24 * 3600,
      endsAt: new Date(second.closedAt!.getTime() + 60 * DAY),
    });
    const history = await s().rounds.history(second.id);
    expect(history!.earlier.map((r) => [r.id, r.round, r.outcome])).toEqual([[first.id, 1, "no_bids"]]);
    // Not yet announced: the public learns only that a third round is coming.
    expect(history!.nextRound).toEqual({ announced: false, round: 3, id: null, mode: null });
    expect(await s().rounds.history(offer.id)).toBeNull();
  });

  it("is refused after a single failed round", async () => {
    const failed = await failedRound();
    expect((await refusal(s().rounds.offerFixedPrice(world().seller, failed.id))).code).toBe("FIXED_PRICE_NOT_DUE");
  });

  it("is taken by the first registered investor at the full price, outbid within the window, and awarded to the best bid", async () => {
    const { first, second } = await failedTwice();
    const offer = await s().rounds.offerFixedPrice(world().seller, second.id);
    const announced = await s().workflow.publish(world().operator, offer.id);
    clock().set(announced.startsAt!);
    expect(await s().workflow.openDue()).toBe(1);
    const [one, two] = [world().investor1, world().investor2];
    for (const [i, who] of [one, two].entries()) {
      await makeRegistration(s(), {
        listingId: offer.id,
        organisationId: world().investors[i]!.id,
        userId: who.userId,
        bidderCode: `900${i + 1}`,
      });
    }
    const bid = (who: typeof one, amount: bigint) =>
      s().auction.placeBid(who, offer.id, { amount: amount.toString(), idempotencyKey: crypto.randomUUID() });

    // Less than the full price is no taking.
    expect((await refusal(bid(one, yuan(795_000)))).code).toBe("BID_TOO_LOW");
    clock().advance(3 * DAY);
    const takenAt = clock().now();
    const taken = await bid(one, yuan(800_000));
    expect(taken.listing).toMatchObject({
      currentPrice: yuan(800_000).toString(),
      endsAt: new Date(takenAt.getTime() + 24 * HOUR).toISOString(),
      leaderBidderCode: "9001",
    });
    clock().advance(5 * HOUR);
    const outbid = await bid(two, yuan(805_000));
    expect(outbid.listing).toMatchObject({ leaderBidderCode: "9002", endsAt: taken.listing.endsAt });

    clock().set(new Date(Date.parse(taken.listing.endsAt) - 1));
    expect(await s().auction.closeDue()).toBe(0);
    clock().set(new Date(taken.listing.endsAt));
    expect(await s().auction.closeDue()).toBe(1);
    const sold = await listingRow(offer.id);
    expect(sold).toMatchObject({ status: "awarded", outcome: "sold", hammerPrice: yuan(805_000) });
    const [registration] = await s().db.select().from(registrations).where(eq(registrations.id, sold.winnerRegistrationId!));
    expect(registration!.bidderCode).toBe("9002");

    const history = await s().rounds.history(offer.id);
    expect(history).toMatchObject({ round: 3, mode: "fixed_price", firstBidWindowSeconds: 86_400 });
    expect(history!.earlier.map((r) => [r.id, r.round, r.startingPrice, r.outcome])).toEqual([
      [first.id, 1, yuan(1_000_000).toString(), "no_bids"],
      [second.id, 2, yuan(800_000).toString(), "no_bids"],
    ]);
    expect((await s().rounds.history(second.id))!.nextRound).toEqual({
      announced: true,
      round: 3,
      id: offer.id,
      mode: "fixed_price",
    });
  });

  it("lapses with no taker at the offer's end, and ends the lot's rounds", async () => {
    const { second } = await failedTwice();
    const offer = await s().rounds.offerFixedPrice(world().seller, second.id);
    const announced = await s().workflow.publish(world().operator, offer.id);
    clock().set(announced.startsAt!);
    await s().workflow.openDue();
    clock().set(announced.endsAt!);
    expect(await s().auction.closeDue()).toBe(1);
    expect(await listingRow(offer.id)).toMatchObject({ status: "failed", outcome: "no_bids" });
    expect((await refusal(s().rounds.offerFixedPrice(world().seller, offer.id))).code).toBe("NO_FURTHER_ROUND");
    expect((await refusal(s().rounds.relist(world().seller, offer.id, nextRound(yuan(700_000))))).code).toBe("NO_FURTHER_ROUND");
  });
});

describe("what the seller's workspace offers", () => {
  it("shows the next round's lowest start and deadline, then the fixed-price offer, then the round that followed", async () => {
    const failed = await failedRound();
    const relist = await s().rounds.options(world().staff, failed.id);
    expect(relist).toMatchObject({
      kind: "relist",
      round: 2,
      canAct: true,
      lowestStart: yuan(800_000).toString(),
      deadline: new Date(failed.closedAt!.getTime() + 30 * DAY).toISOString(),
      defaults: { startingPrice: yuan(800_000).toString(), deposit: yuan(80_000).toString(), increment: yuan(5_000).toString() },
    });
    expect(await s().rounds.options(world().operator, failed.id)).toMatchObject({ kind: "relist", canAct: false });
    expect(await s().rounds.options(world().investor1, failed.id)).toBeNull();

    if (relist?.kind !== "relist") throw new Error("expected a re-listing");
    const next = await s().rounds.relist(world().staff, failed.id, { mode: "auction", ...relist.defaults });
    expect(next).toMatchObject({ startingPrice: yuan(800_000), deposit: yuan(80_000) });
    expect(await s().rounds.options(world().staff, failed.id)).toMatchObject({
      kind: "none",
      canAct: false,
      nextRound: { id: next.id, round: 2, status: "approved" },
    });

    const { second } = await failedTwice();
    expect(await s().rounds.options(world().seller, second.id)).toMatchObject({
      kind: "fixed_price",
      round: 3,
      price: yuan(800_000).toString(),
      offerEndsAt: new Date(second.closedAt!.getTime() + 60 * DAY).toISOString(),
    });
  });

  it("sets the rounds from the command line, audited, and a re-listing follows them", async () => {
    let stdout = "";
    const code = await runCli(["settings", "rounds", "--max-cut", "10", "--announcement-min-days", "5"], {
      services: s(),
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => {} },
    });
    expect({ code, stdout }).toEqual({ code: 0, stdout: "Rounds set.\n" });
    expect(await s().settings.rounds()).toMatchObject({ maxCutPercent: 10, relistWithinDays: 30, relistAnnouncementMinDays: 5 });
    const [entry] = await s()
      .db.select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "settings.rounds")));
    expect(entry).toMatchObject({ actorLabel: "cli" });

    const failed = await failedRound();
    expect((await refusal(s().rounds.relist(world().seller, failed.id, nextRound(yuan(850_000))))).details).toEqual({
      lowest: yuan(900_000).toString(),
    });
    expect((await s().rounds.relist(world().seller, failed.id, nextRound(yuan(900_000)))).startingPrice).toBe(yuan(900_000));
  });
});
