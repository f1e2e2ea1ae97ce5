import Stripe from "stripe";
import type { Db } from "../../db/client";
import { stripeEvents } from "../../db/schema/index";
import type { Clock } from "../clock";
import { AppError } from "../errors";

/** How old a signed delivery may be (Stripe's own default): an older one is a replay. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * Stripe's webhooks (docs/domain.md "Payments"): each delivery verified with the SDK against the
 * endpoint's signing secret over the raw body and within the timestamp tolerance, then its event
 * stored by id once; a duplicate, a replay or a late delivery of an event already stored changes
 * nothing. A forged, stale or otherwise unsigned delivery is refused before anything is written.
 */
export function createStripeWebhooks(deps: { db: Db; clock: Clock; webhookSecret?: string }) {
  const { db, clock, webhookSecret } = deps;
  return {
    async receive(rawBody: string, signature: string | null) {
      if (!webhookSecret) throw new AppError("NOT_FOUND", "Stripe is not configured here.");
      let event: Stripe.Event;
      try {
        event = await Stripe.webhooks.constructEventAsync(
          rawBody,
          signature ?? "",
          webhookSecret,
          WEBHOOK_TOLERANCE_SECONDS,
          undefined,
          // The age is judged by the server's clock, in milliseconds as the SDK reads it.
          clock.now().getTime(),
        );
      } catch {
        // Why it failed (signature, secret, age) is not the sender's to learn.
        throw new AppError("BAD_REQUEST", "The delivery's signature does not verify.");
      }
      const object = event.data.object as { id?: unknown; object?: unknown; payment_intent?: unknown };
      // What the event is about, read afresh when it is processed: the PaymentIntent itself, or the one a checkout, charge or refund names.
      const paymentIntentId =
        object.object === "payment_intent" && typeof object.id === "string"
          ? object.id
          : typeof object.payment_intent === "string"
            ? object.payment_intent
            : null;
      const [stored] = await db
        .insert(stripeEvents)
        .values({
          id: event.id,
          type: event.type,
          objectId: typeof object.id === "string" ? object.id : null,
          paymentIntentId,
          createdAt: new Date(event.created * 1000),
          receivedAt: clock.now(),
        })
        .onConflictDoNothing()
        .returning({ id: stripeEvents.id });
      return { received: true as const, duplicate: !stored };
    },
  };
}

export type StripeWebhooks = ReturnType<typeof createStripeWebhooks>;
