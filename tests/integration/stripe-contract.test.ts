import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripeProvider, idempotencyKey, type StripeProvider } from "../../server/payments/stripe";
import { startStripeFake } from "../support/stripe-fake";

/**
 * The Stripe provider through the real `stripe` SDK against a stateful test double
 * (tests/support/stripe-fake.ts): the calls nplex makes, the answers it reads.
 */
let fake: Awaited<ReturnType<typeof startStripeFake>>;
let stripe: StripeProvider;
beforeAll(async () => {
  fake = await startStripeFake();
  stripe = createStripeProvider(fake.connection);
});
afterAll(async () => fake.close());

const listing = "6f1c0a52-0000-4000-8000-000000000001";
const metadata = { listingId: listing };

describe("Stripe, through the SDK", () => {
  it("holds a deposit on a card, captures the winner's and cancels a loser's", async () => {
    const winner = await stripe.customer("org-harbour", "Harbour Capital Partners");
    const loser = await stripe.customer("org-jade", "Jade River Investment");
    const hold = (customerId: string, registration: string) =>
      stripe.holdOnCard({
        customerId,
        paymentMethodId: "pm_card_visa",
        amount: 500_000n,
        currency: "EUR",
        key: idempotencyKey(listing, registration, "deposit"),
        metadata,
      });
    const won = await hold(winner, "reg-1");
    const lost = await hold(loser, "reg-2");
    expect(won).toMatchObject({ status: "requires_capture", amount: 500_000n, currency: "EUR" });

    expect(await stripe.capture(won.id, idempotencyKey(listing, "reg-1", "deposit-capture"))).toMatchObject({
      status: "succeeded",
    });
    expect(await stripe.cancel(lost.id, idempotencyKey(listing, "reg-2", "deposit-cancel"))).toMatchObject({
      status: "canceled",
    });
    expect((await stripe.retrieve(lost.id)).status).toBe("canceled");
    // A captured payment cannot be let go, and a cancelled hold cannot be taken.
    await expect(stripe.cancel(won.id, "other-key-1")).rejects.toMatchObject({ code: "payment_intent_unexpected_state" });
    await expect(stripe.capture(lost.id, "other-key-2")).rejects.toMatchObject({ code: "payment_intent_unexpected_state" });
  });

  it("makes one hold of a retried request: the same idempotency key answers the first payment again", async () => {
    const customer = await stripe.customer("org-retry", "Retry Ltd");
    const input = { customerId: customer, paymentMethodId: "pm_card_visa", amount: 250_000n, currency: "GBP", metadata };
    const key = idempotencyKey(listing, "reg-3", "deposit");
    const first = await stripe.holdOnCard({ ...input, key });
    const again = await stripe.holdOnCard({ ...input, key });
    expect(again.id).toBe(first.id);
    expect(fake.requests.filter((r) => r.idempotencyKey === key)).toHaveLength(2);
    // The customer of one organisation is one customer, however often it is asked for.
    expect(await stripe.customer("org-retry", "Retry Ltd")).toBe(customer);
  });

  it("holds a deposit through the hosted checkout, authorised for a later capture", async () => {
    const customer = await stripe.customer("org-checkout", "Checkout SA");
    const checkout = await stripe.cardCheckout({
      customerId: customer,
      amount: 400_000n,
      currency: "EUR",
      description: "Deposit",
      key: idempotencyKey(listing, "reg-5", "card"),
      metadata: { ...metadata, depositId: "dep-5" },
      successUrl: "https://nplex.example/registrations?card=done",
      cancelUrl: "https://nplex.example/registrations",
    });
    expect(checkout.url).toMatch(/^https:\/\//);
    const intentId = fake.completeCheckout(checkout.url);
    expect(await stripe.retrieve(intentId)).toMatchObject({
      status: "requires_capture",
      arrived: 400_000n,
      method: "card",
      metadata: { depositId: "dep-5" },
    });
  });

  it("refuses a declined card and an amount beyond Stripe's 8 digits", async () => {
    const customer = await stripe.customer("org-declined", "Declined Ltd");
    await expect(
      stripe.holdOnCard({
        customerId: customer,
        paymentMethodId: "pm_card_chargeDeclined",
        amount: 1_000n,
        currency: "USD",
        key: "k-declined",
        metadata,
      }),
    ).rejects.toMatchObject({ type: "StripeCardError", code: "card_declined" });
    await expect(
      stripe.holdOnCard({
        customerId: customer,
        paymentMethodId: "pm_card_visa",
        amount: 100_000_000n,
        currency: "USD",
        key: "k-big",
        metadata,
      }),
    ).rejects.toBeInstanceOf(RangeError);
  });

  it("funds a deposit by bank transfer into the cash balance, applies it, and refunds it", async () => {
    const customer = await stripe.customer("org-transfer", "Transfer GmbH");
    const instructions = await stripe.transferInstructions(customer, "EUR");
    expect(instructions).toMatchObject({ funding_type: "bank_transfer", bank_transfer: { type: "eu_bank_transfer" } });
    await expect(stripe.transferInstructions(customer, "CNY")).rejects.toBeInstanceOf(RangeError);

    const key = idempotencyKey(listing, "reg-4", "deposit");
    // Created at once, waiting for the transfer, with the account and reference to pay to.
    const created = await stripe.payByTransfer({ customerId: customer, amount: 800_000n, currency: "GBP", key, metadata });
    expect(created.payment).toMatchObject({ status: "requires_action", arrived: 0n, method: "bank_transfer", metadata });
    expect(created.account).toMatchObject({ bank: "Sort code 108800", accountNumber: "00012345" });
    expect(created.account!.reference).not.toBe("");
    // Part of it arrives, then the rest (and more): Stripe applies what the payment still needs.
    fake.fund(customer, 300_000, "gbp");
    expect(await stripe.retrieve(created.payment.id)).toMatchObject({ status: "requires_action", arrived: 300_000n });
    fake.fund(customer, 600_000, "gbp");
    const paid = await stripe.retrieve(created.payment.id);
    expect(paid).toMatchObject({ status: "succeeded", arrived: 800_000n, amount: 800_000n });
    expect(await stripe.cashBalance(customer, "GBP")).toBe(100_000n);
    // What is left over goes back from the cash balance.
    expect(
      await stripe.refundCashBalance({ customerId: customer, amount: 100_000n, currency: "GBP", key: `${key}:leftover` }),
    ).toMatchObject({ status: "succeeded", amount: 100_000n });
    expect(await stripe.cashBalance(customer, "GBP")).toBe(0n);

    const refund = await stripe.refund({ paymentIntentId: paid.id, key: idempotencyKey(listing, "reg-4", "refund") });
    expect(refund).toMatchObject({ status: "succeeded", amount: 800_000n });
    // A retried request is the same payment: the idempotency key answers the first again.
    expect(
      (await stripe.payByTransfer({ customerId: customer, amount: 800_000n, currency: "GBP", key, metadata })).payment.id,
    ).toBe(created.payment.id);
    await expect(stripe.refund({ paymentIntentId: paid.id, key: "k-second-refund" })).rejects.toMatchObject({
      code: "charge_already_refunded",
    });
  });
});
