import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, deposits, listings, notifications, receipts, refunds } from "../../db/schema";
import { makeListing } from "../../db/seed/factories";
import { readReference } from "../../core/payment-reference";
import { systemPaymentsActor } from "../../server/payments/deposits";
import { announcedListing, application, DAY, useLifecycleWorld, yuan } from "../support/lifecycle-world";
import { refusal } from "../support/refusal";
import { closedAuction as closedAuctionOf } from "../support/closed-auction";

const { clock, services: s, world } = useLifecycleWorld();

const depositOf = async (registrationId: string) =>
  (await s().db.select().from(deposits).where(eq(deposits.registrationId, registrationId))).sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
  );
const refundsOf = (registrationId: string) => s().db.select().from(refunds).where(eq(refunds.registrationId, registrationId));

/** Harbour applies to the world's announced listing (deposit ¥80,000). */
async function applied() {
  const listingId = await announcedListing(s(), world(), clock().now());
  const { id } = await s().registrations.apply(world().investor1, listingId, application(1));
  return { listingId, registrationId: id };
}

describe("a registration's deposit", () => {
  it("is asked with a platform reference to quote, and the registration is approved only once all of it is held", async () => {
    const { registrationId } = await applied();
    const [deposit] = await depositOf(registrationId);
    expect(deposit).toMatchObject({ status: "pending", expected: yuan(80_000), received: 0n, provider: "bank_transfer" });
    expect(readReference(deposit!.reference)).toMatchObject({ found: true, purpose: "deposit" });
    const [mine] = await s().registrations.mine(world().investor1);
    expect(mine!.deposit).toMatchObject({ status: "pending", instructions: { amount: yuan(80_000), method: "bank_transfer" } });
    expect(readReference(mine!.deposit!.instructions!.reference)).toMatchObject({ reference: deposit!.reference });

    const approve = { decision: "approve" as const };
    expect((await refusal(s().registrations.decide(world().operator, registrationId, approve))).code).toBe(
      "DEPOSIT_NOT_CONFIRMED",
    );
    expect((await refusal(s().registrations.confirmDeposit(world().investor1, registrationId))).code).toBe("FORBIDDEN");

    // Half arrives: recorded as a part; the same bank reference again counts nothing.
    const part = { amount: yuan(40_000).toString(), bankReference: "CMB-20261121-0001", bookedOn: "2026-11-21" };
    expect(await s().registrations.confirmDeposit(world().operator, registrationId, part)).toMatchObject({
      status: "pending",
      received: yuan(40_000),
    });
    expect((await refusal(s().registrations.confirmDeposit(world().operator, registrationId, part))).code).toBe(
      "ALREADY_DECIDED",
    );
    expect((await refusal(s().registrations.decide(world().operator, registrationId, approve))).code).toBe(
      "DEPOSIT_NOT_CONFIRMED",
    );
    const wrongCurrency = { ...part, bankReference: "CMB-20261121-0002", currency: "USD" };
    expect((await refusal(s().registrations.confirmDeposit(world().operator, registrationId, wrongCurrency))).code).toBe(
      "CURRENCY_MISMATCH",
    );

    // The rest: held, the bidder told, and now the registration may be approved.
    expect(
      await s().registrations.confirmDeposit(world().operator, registrationId, { ...part, bankReference: "CMB-20261122-0007" }),
    ).toMatchObject({ status: "held", received: yuan(80_000) });
    expect(await s().db.select().from(receipts).where(eq(receipts.registrationId, registrationId))).toHaveLength(2);
    const told = await s().db.select().from(notifications).where(eq(notifications.kind, "deposit_held"));
    expect(told).toEqual([
      expect.objectContaining({ userId: world().investor1.userId, params: { amount: "8000000", currency: "CNY" } }),
    ]);
    expect(await s().registrations.decide(world().operator, registrationId, approve)).toMatchObject({ status: "approved" });
  });

  it("goes back at once when the registration is withdrawn or rejected, owed once, and money that comes later is owed back too", async () => {
    const { listingId, registrationId } = await applied();
    await s().registrations.confirmDeposit(world().operator, registrationId, { bankReference: "CMB-1" });
    await s().registrations.withdraw(world().investor1, registrationId);
    const [released] = await depositOf(registrationId);
    expect(released).toMatchObject({ status: "released", received: yuan(80_000) });
    expect(await refundsOf(registrationId)).toEqual([
      expect.objectContaining({
        reason: "released",
        amount: yuan(80_000),
        status: "due",
        key: `deposit:${released!.id}:released`,
      }),
    ]);

    // A transfer arriving after the release is not credited: it is owed back as well.
    const late = await s().db.transaction((tx) =>
      s().deposits.receive(
        tx,
        released!,
        { source: "statement", externalId: "line-late", amount: yuan(80_000), currency: "CNY" },
        systemPaymentsActor,
      ),
    );
    expect(late.outcome).toBe("refund_due");
    expect((await refundsOf(registrationId)).map((r) => r.reason).sort()).toEqual(["late", "released"]);

    // Applying again opens a new deposit; rejecting it before any money arrived lets it lapse.
    clock().advance(DAY);
    const again = await s().registrations.apply(world().investor1, listingId, application(1));
    expect(again.id).toBe(registrationId);
    await s().registrations.decide(world().operator, registrationId, { decision: "reject", reason: "Documents incomplete" });
    expect((await depositOf(registrationId)).map((d) => d.status)).toEqual(["released", "expired"]);
    expect(await refundsOf(registrationId)).toHaveLength(2);
  });
});

describe("deposits at the close", () => {
  const closedAuction = () => closedAuctionOf(s(), world());

  it("releases the losers' once, keeps the winner's held, and tells the losers", async () => {
    const { listing, harbour, jade } = await closedAuction();
    expect((await depositOf(jade.id))[0]!.status).toBe("held");
    expect(await s().deposits.releaseDue(50)).toBe(1);
    expect(await s().deposits.releaseDue(50)).toBe(0);
    expect((await depositOf(jade.id))[0]).toMatchObject({ status: "released", received: yuan(100_000) });
    expect((await depositOf(harbour.id))[0]!.status).toBe("held");
    expect(await refundsOf(jade.id)).toHaveLength(1);
    const told = await s()
      .db.select()
      .from(notifications)
      .where(and(eq(notifications.kind, "deposit_released"), eq(notifications.listingId, listing.id)));
    expect(told.map((n) => n.userId)).toEqual([world().investor2.userId]);
    const audited = await s()
      .db.select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, listing.id), eq(auditLog.action, "deposit.released")));
    expect(audited).toHaveLength(1);
  });

  it("forfeits a defaulting winner's, and the defaulter may not register for the lot's next round", async () => {
    const { listing, harbour } = await closedAuction();
    await s().runnerUp.recordDefault(world().operator, listing.id, {
      reason: "The balance was not paid.",
      offerRunnerUp: false,
    });
    expect((await depositOf(harbour.id))[0]).toMatchObject({ status: "forfeited", received: yuan(100_000) });
    expect(await refundsOf(harbour.id)).toEqual([]);
    const [failed] = await s().db.select().from(listings).where(eq(listings.id, listing.id));
    expect(failed!.status).toBe("failed");

    const next = await makeListing(s(), {
      sellerOrgId: world().bank.id,
      assetId: world().asset.id,
      title: "Round 2: Jiaxing packaging claim",
      status: "announced",
      round: 2,
      previousListingId: listing.id,
      startingPrice: yuan(800_000),
      announcedAt: clock().now(),
      startsAt: new Date(clock().now().getTime() + 10 * DAY),
      endsAt: new Date(clock().now().getTime() + 11 * DAY),
    });
    const barred = await refusal(s().registrations.apply(world().investor1, next.id, application(next.termsVersion)));
    expect(barred.code).toBe("DEFAULTED_ON_LOT");
    await expect(
      s().registrations.apply(
        world().investor2,
        next.id,
        application(next.termsVersion, { applicantName: "Jade River Investment" }),
      ),
    ).resolves.toMatchObject({ status: "pending" });
  });
});
