import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deposits, listings, notifications, refunds, stripeCustomers } from "../../db/schema";
import { application, DAY, worldIds } from "../support/lifecycle-world";
import { refusal } from "../support/refusal";
import { signedEvent } from "../support/stripe-fake";
import { useStripeWorld } from "../support/stripe-world";

/**
 * Deposits through Stripe, end to end against the Stripe test double: set up, paid by transfer or
 * held on a card, reported by signed webhooks in any order and any number of times, settled at
 * Stripe when our record settles, and compared with Stripe's record.
 */
const secret = "whsec_nplexstripedeposits";
const { clock, services: s, world, fake: stripeFake, euroListing } = useStripeWorld(secret);
const euros = (amount: number) => BigInt(amount) * 100n;
const stripeDeposits = () => s().stripeDeposits!;

const depositOf = async (registrationId: string) =>
  (await s().db.select().from(deposits).where(eq(deposits.registrationId, registrationId)))[0]!;
const customerOf = async (organisationId: string) =>
  (await s().db.select().from(stripeCustomers).where(eq(stripeCustomers.organisationId, organisationId)))[0]!.customerId;

/** Stripe tells the webhook about a payment: a signed delivery, created at `created` (now unless told). */
async function deliver(type: string, object: Record<string, unknown>, options: { id?: string; created?: Date } = {}) {
  const { payload, signature } = signedEvent({
    id: options.id ?? `evt_${randomUUID().replace(/-/g, "")}`,
    type,
    object,
    created: options.created ?? clock().now(),
    secret,
    signedAt: clock().now(),
  });
  return s().stripeWebhooks.receive(payload, signature);
}
const intentEvent = (paymentIntentId: string) => ({ id: paymentIntentId, object: "payment_intent" });

describe("a deposit through Stripe", () => {
  it("is paid by transfer into the investor's own account at Stripe, counted as it arrives whatever the events' order, and refunded through Stripe", async () => {
    const listingId = await euroListing();
    const { id: registrationId } = await s().registrations.apply(world().investor1, listingId, application(1));
    expect(await depositOf(registrationId)).toMatchObject({ provider: "stripe", status: "pending", providerDetails: null });
    expect((await s().registrations.mine(world().investor1))[0]!.deposit!.instructions).toMatchObject({ method: "preparing" });

    // Set up by the job: a payment at Stripe for the whole deposit and the account to pay into.
    expect(await stripeDeposits().prepareDue(10)).toBe(1);
    expect(await stripeDeposits().prepareDue(10)).toBe(0);
    const prepared = await depositOf(registrationId);
    expect(prepared.providerRef).toMatch(/^pi_/);
    expect((await s().registrations.mine(world().investor1))[0]!.deposit!.instructions).toMatchObject({
      provider: "stripe",
      method: "bank_transfer",
      amount: euros(80_000),
      currency: "EUR",
      bank: "Sort code 108800",
      accountNumber: "00012345",
    });
    const intent = prepared.providerRef!;
    const customer = await customerOf(world().investors[0]!.id);

    // A third arrives; its event is delivered twice. Then the rest, whose event comes before an older one.
    stripeFake().fund(customer, Number(euros(30_000)), "eur");
    const first = await deliver("payment_intent.partially_funded", intentEvent(intent), { id: "evt_part" });
    expect(first.duplicate).toBe(false);
    expect((await deliver("payment_intent.partially_funded", intentEvent(intent), { id: "evt_part" })).duplicate).toBe(true);
    expect(await stripeDeposits().processEvents(10)).toBe(1);
    expect(await depositOf(registrationId)).toMatchObject({ status: "pending", received: euros(30_000) });

    clock().advance(60_000);
    stripeFake().fund(customer, Number(euros(50_000)), "eur");
    await deliver("payment_intent.succeeded", intentEvent(intent), { id: "evt_paid" });
    await deliver("payment_intent.partially_funded", intentEvent(intent), {
      id: "evt_part_late",
      created: new Date(clock().now().getTime() - 30_000),
    });
    expect(await stripeDeposits().processEvents(10)).toBe(2);
    expect(await stripeDeposits().processEvents(10)).toBe(0);
    expect(await depositOf(registrationId)).toMatchObject({ status: "held", received: euros(80_000) });
    expect(await s().registrations.decide(world().operator, registrationId, { decision: "approve" })).toMatchObject({
      status: "approved",
    });
    expect(await stripeDeposits().reconcile()).toBe(0);

    // Withdrawn before bidding opens: the deposit goes back, through Stripe, once.
    await s().registrations.withdraw(world().investor1, registrationId);
    expect(await depositOf(registrationId)).toMatchObject({ status: "released" });
    expect(await stripeDeposits().settleAtStripe(10)).toBe(1);
    expect(await stripeDeposits().settleAtStripe(10)).toBe(0);
    const [refund] = await s().db.select().from(refunds).where(eq(refunds.registrationId, registrationId));
    expect(refund).toMatchObject({ provider: "stripe", status: "sent", amount: euros(80_000) });
    expect(refund!.sentReference).toMatch(/^re_/);
    const told = await s().db.select().from(notifications).where(eq(notifications.kind, "refund_sent"));
    expect(told.map((n) => n.userId)).toEqual([world().investor1.userId]);
    expect(await stripeDeposits().reconcile()).toBe(0);

    // Days later the investor's bank refuses the refund: Stripe says so, and the operator is shown it.
    stripeFake().failRefund(refund!.sentReference!);
    expect(await stripeDeposits().reconcile()).toBe(1);
    const [listed] = await stripeDeposits().mismatches(world().operator);
    expect(listed!.mismatch).toMatchObject({
      kind: "refund_failed",
      ours: `sent ${refund!.sentReference} 8000000`,
      theirs: "failed 8000000",
    });
  });

  it("paid partly into escrow and partly through Stripe, goes back each way it came: the escrow part by bank transfer, the Stripe part through Stripe", async () => {
    const listingId = await euroListing();
    const { id: registrationId } = await s().registrations.apply(world().investor1, listingId, application(1));
    await stripeDeposits().prepareDue(10);
    const intent = (await depositOf(registrationId)).providerRef!;
    // The investor wires €30,000 to the escrow account (recorded by an operator) and the rest to its account at Stripe.
    await s().registrations.confirmDeposit(world().operator, registrationId, {
      amount: euros(30_000).toString(),
      currency: "EUR",
      bankReference: "BNP-20261206-0007",
    });
    const customer = await customerOf(world().investors[0]!.id);
    stripeFake().fund(customer, Number(euros(50_000)), "eur");
    await deliver("payment_intent.partially_funded", intentEvent(intent));
    await stripeDeposits().processEvents(10);
    expect(await depositOf(registrationId)).toMatchObject({ status: "held", received: euros(80_000) });
    // Stripe holds its €50,000 and nplex counts €50,000 from it: no disagreement.
    expect(await stripeDeposits().reconcile()).toBe(0);

    await s().registrations.withdraw(world().investor1, registrationId);
    const owed = async () =>
      (await s().db.select().from(refunds).where(eq(refunds.registrationId, registrationId)))
        .map((r) => ({ provider: r.provider, amount: r.amount, status: r.status }))
        .sort((a, b) => a.provider.localeCompare(b.provider));
    expect(await owed()).toEqual([
      { provider: "bank_transfer", amount: euros(30_000), status: "due" },
      { provider: "stripe", amount: euros(50_000), status: "due" },
    ]);
    // Stripe sends its part back from the cash balance; the escrow part waits for an operator's transfer.
    expect(await stripeDeposits().settleAtStripe(10)).toBe(1);
    expect(stripeFake().cash(customer, "eur")).toBe(0);
    expect(await owed()).toEqual([
      { provider: "bank_transfer", amount: euros(30_000), status: "due" },
      { provider: "stripe", amount: euros(50_000), status: "sent" },
    ]);
  });

  it("is held on a card through Stripe's page when the hold outlives the close: the winner's taken at the close, the loser's let go", async () => {
    const listingId = await euroListing();
    const [row] = await s().db.select().from(listings).where(eq(listings.id, listingId));
    const { startsAt, endsAt } = row!;
    // Registered a day before bidding opens: a five-day hold outlives the two days of bidding and the day after.
    clock().set(new Date(startsAt!.getTime() - DAY));
    const harbour = await s().registrations.apply(world().investor1, listingId, application(1));
    const jade = await s().registrations.apply(
      world().investor2,
      listingId,
      application(1, { applicantName: "Jade River", applicantIdNumber: worldIds.jadeRiver }),
    );
    await stripeDeposits().prepareDue(10);
    expect((await depositOf(harbour.id)).providerDetails).toEqual({ method: "card", attempt: 0 });
    const urls = {
      successUrl: "https://nplex.example/registrations?card=held",
      cancelUrl: "https://nplex.example/registrations",
    };
    // Only the registration's own investors may start its hold.
    expect((await refusal(stripeDeposits().startCardHold(world().investor2, harbour.id, urls))).code).toBe("NOT_FOUND");

    for (const [who, registration] of [
      [world().investor1, harbour],
      [world().investor2, jade],
    ] as const) {
      const url = await stripeDeposits().startCardHold(who, registration.id, urls);
      const intent = stripeFake().completeCheckout(url);
      await deliver("checkout.session.completed", { id: "cs_test_x", object: "checkout.session", payment_intent: intent });
      await deliver("payment_intent.amount_capturable_updated", intentEvent(intent));
    }
    expect(await stripeDeposits().processEvents(10)).toBe(4);
    for (const registration of [harbour, jade]) {
      expect(await depositOf(registration.id)).toMatchObject({ status: "held", received: euros(80_000) });
      await s().registrations.decide(world().operator, registration.id, { decision: "approve" });
    }

    // Bidding: Jade bids the start, Harbour one step more; the auction closes and the sale opens.
    clock().set(startsAt!);
    await s().workflow.openDue();
    await s().auction.placeBid(world().investor2, listingId, { amount: euros(800_000).toString(), idempotencyKey: "bid-jade-1" });
    await s().auction.placeBid(world().investor1, listingId, {
      amount: euros(805_000).toString(),
      idempotencyKey: "bid-harbour-1",
    });
    clock().set(new Date(endsAt!.getTime() + 1_000));
    await s().auction.closeDue();
    await s().deposits.releaseDue(10);
    await s().sales.openDue(10);

    expect(await stripeDeposits().settleAtStripe(10)).toBe(2);
    const won = await depositOf(harbour.id);
    expect(won).toMatchObject({ status: "held" });
    expect(won.capturedAt).not.toBeNull();
    expect(stripeFake().intent(won.providerRef!)!.status).toBe("succeeded");
    const lost = await depositOf(jade.id);
    expect(lost.status).toBe("released");
    expect(stripeFake().intent(lost.providerRef!)!.status).toBe("canceled");
    expect(await stripeDeposits().settleAtStripe(10)).toBe(0);
    expect(await stripeDeposits().reconcile()).toBe(0);
  });

  it("is paid by transfer when a card hold would lapse before the close, even when the investor asks for a card", async () => {
    const listingId = await euroListing();
    const { id } = await s().registrations.apply(world().investor1, listingId, application(1));
    await stripeDeposits().prepareDue(10);
    expect((await depositOf(id)).providerDetails).toMatchObject({ method: "bank_transfer" });
    const urls = { successUrl: "https://nplex.example/r", cancelUrl: "https://nplex.example/r" };
    expect((await refusal(stripeDeposits().startCardHold(world().investor1, id, urls))).code).toBe("NOT_BY_CARD");
  });

  it("lists for the operator where Stripe and nplex disagree, until they agree again", async () => {
    const listingId = await euroListing();
    const { id } = await s().registrations.apply(world().investor1, listingId, application(1));
    await stripeDeposits().prepareDue(10);
    const customer = await customerOf(world().investors[0]!.id);
    // The money arrives, but Stripe's event never reaches us.
    stripeFake().fund(customer, Number(euros(80_000)), "eur");
    expect(await stripeDeposits().reconcile()).toBe(1);
    const [listed] = await stripeDeposits().mismatches(world().operator);
    expect(listed).toMatchObject({
      mismatch: { kind: "arrived_not_recorded", ours: "pending 0/8000000", theirs: "succeeded 8000000/8000000" },
      organisationName: "Harbour Capital",
    });
    expect((await refusal(stripeDeposits().mismatches(world().investor1))).code).toBe("FORBIDDEN");
    // Found again, still one; then the event comes after all, and the disagreement is resolved.
    expect(await stripeDeposits().reconcile()).toBe(1);
    await deliver("payment_intent.succeeded", intentEvent((await depositOf(id)).providerRef!));
    await stripeDeposits().processEvents(10);
    expect(await stripeDeposits().reconcile()).toBe(0);
    expect(await stripeDeposits().mismatches(world().operator)).toEqual([]);
  });
});
