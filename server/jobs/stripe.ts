import type { Logger } from "../logger";
import type { StripeDeposits } from "../payments/stripe-deposits";
import { repeat } from "./repeat";

/**
 * Keeps Stripe deposits moving (server/payments/stripe-deposits.ts): new deposits set up at Stripe,
 * delivered events acted on, refunds and captures carried out at Stripe, every few seconds; and
 * Stripe's record compared with ours every ten minutes for the operator. Safe on every node at once:
 * each piece of work is claimed under a row lock and every call to Stripe is idempotent.
 */
export function startStripeJob({
  stripeDeposits,
  logger,
  intervalMs = 2_000,
  reconcileEveryMs = 10 * 60_000,
  batchSize = 25,
}: {
  stripeDeposits: StripeDeposits;
  logger: Logger;
  intervalMs?: number;
  reconcileEveryMs?: number;
  batchSize?: number;
}) {
  let reconciledAt = 0;
  const step = async (name: string, work: () => Promise<number>) => {
    try {
      const done = await work();
      if (done > 0) logger.info({ done }, name);
    } catch (error) {
      logger.error({ err: error }, `${name} failed; retrying`);
    }
  };
  return repeat(
    async () => {
      await step("stripe deposits set up", () => stripeDeposits.prepareDue(batchSize));
      await step("stripe events processed", () => stripeDeposits.processEvents(batchSize));
      await step("stripe refunds and captures sent", () => stripeDeposits.settleAtStripe(batchSize));
      if (Date.now() - reconciledAt >= reconcileEveryMs) {
        reconciledAt = Date.now();
        await step("stripe mismatches open", () => stripeDeposits.reconcile());
      }
    },
    intervalMs,
    (error) => logger.error({ err: error }, "the Stripe job failed; retrying"),
  );
}
