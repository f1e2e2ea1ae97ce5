/**
 * Whether a deposit may be held on a card rather than paid by transfer (docs/domain.md "Payments",
 * Stripe): card networks keep an authorisation for 7 days at most, Visa under 5 when the merchant
 * starts the payment, and Stripe takes amounts of 8 digits at most. A hold must outlive the close
 * and the day after it in which the winner's is captured and the losers' cancelled.
 */

/** Stripe's largest amount of any payment: 8 digits of minor units (¥999,999.99); larger deposits go by escrow transfer. */
export const CARD_MAX_AMOUNT = 99_999_999n;
/** The shortest authorisation the networks keep: Visa's, when the merchant starts the payment. */
export const CARD_HOLD_DAYS = 5;
/** After the close, the time to capture the winner's hold and cancel the others. */
export const CAPTURE_WINDOW_HOURS = 24;

/** The currencies Stripe funds by bank transfer into a customer's cash balance. */
export const stripeTransferCurrencies = ["EUR", "GBP", "USD", "JPY", "MXN"] as const;

export type CardHoldAnswer = { fits: true } | { fits: false; reason: "amount" | "hold_expires" | "currency" };

export function cardHoldFits(input: { amount: bigint; currency: string; closesAt: Date; now: Date }): CardHoldAnswer {
  if (!(stripeTransferCurrencies as readonly string[]).includes(input.currency)) return { fits: false, reason: "currency" };
  if (input.amount <= 0n || input.amount > CARD_MAX_AMOUNT) return { fits: false, reason: "amount" };
  const holdEnds = input.now.getTime() + CARD_HOLD_DAYS * 86_400_000;
  const needed = input.closesAt.getTime() + CAPTURE_WINDOW_HOURS * 3_600_000;
  return needed <= holdEnds ? { fits: true } : { fits: false, reason: "hold_expires" };
}
