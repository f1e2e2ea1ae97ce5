import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stripeEvents } from "../../db/schema";
import * as route from "../../app/routes/api.v1.webhooks.stripe";
import { manualClock } from "../support/clock";
import { callApiRaw } from "../support/api";
import { testServices } from "../support/db";

const secret = "whsec_nplextestsecret";
let ctx: Awaited<ReturnType<typeof testServices>>;
const clock = manualClock(new Date("2026-12-01T08:00:00Z"));
beforeEach(async () => {
  ctx = await testServices({ clock, stripeWebhookSecret: secret });
});
afterEach(async () => ctx.close());

const event = (id: string) =>
  JSON.stringify({
    id,
    object: "event",
    type: "payment_intent.amount_capturable_updated",
    created: Math.floor(clock.now().getTime() / 1000) - 5,
    data: { object: { id: "pi_123", object: "payment_intent", amount: 500000, currency: "eur", status: "requires_capture" } },
    livemode: false,
    api_version: "2025-01-01",
  });
const sign = (payload: string, options: { secret?: string; at?: Date } = {}) =>
  Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? secret,
    timestamp: Math.floor((options.at ?? clock.now()).getTime() / 1000),
  });
const deliver = (payload: string, signature: string | null) =>
  callApiRaw(ctx.services, route.action, {
    method: "POST",
    path: "/api/v1/webhooks/stripe",
    raw: payload,
    headers: signature ? { "Stripe-Signature": signature } : {},
  });
const stored = async () => ctx.services.db.select().from(stripeEvents);

describe("Stripe's webhook", () => {
  it("refuses a forged delivery with 400 and writes nothing: a bad signature, a stale timestamp, another secret, none at all", async () => {
    const payload = event("evt_forged");
    const tampered = sign(payload).replace(/v1=([0-9a-f])/, (_m, c: string) => `v1=${c === "0" ? "1" : "0"}`);
    for (const signature of [
      tampered,
      sign(payload, { at: new Date(clock.now().getTime() - 301_000) }),
      sign(payload, { secret: "whsec_someoneelse" }),
      null,
    ]) {
      const answer = await deliver(payload, signature);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe("BAD_REQUEST");
    }
    // A signature over another body does not cover this one.
    expect((await deliver(event("evt_other"), sign(payload))).status).toBe(400);
    expect(await stored()).toEqual([]);
  });

  it("stores an event once: a duplicate or a replay within the tolerance answers 200 and changes nothing", async () => {
    const payload = event("evt_once");
    const first = await deliver(payload, sign(payload));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: true, duplicate: false });
    clock.advance(60_000);
    const again = await deliver(payload, sign(payload));
    expect(again.body).toEqual({ received: true, duplicate: true });
    expect(await stored()).toEqual([
      expect.objectContaining({ id: "evt_once", type: "payment_intent.amount_capturable_updated", objectId: "pi_123" }),
    ]);
  });

  it("answers 404 where Stripe is not configured", async () => {
    const bare = await testServices({ clock });
    try {
      const payload = event("evt_unconfigured");
      const answer = await callApiRaw(bare.services, route.action, {
        method: "POST",
        path: "/api/v1/webhooks/stripe",
        raw: payload,
        headers: { "Stripe-Signature": sign(payload) },
      });
      expect(answer.status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
