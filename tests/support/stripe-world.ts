import { afterAll, beforeAll } from "vitest";
import { makeAsset } from "../../db/seed/factories";
import { announcedListing, useLifecycleWorld } from "./lifecycle-world";
import { startStripeFake } from "./stripe-fake";

/**
 * The lifecycle world with Stripe configured against the test double (started once per file) and
 * the webhook's signing secret; and a listing in euros, which Stripe takes.
 */
export function useStripeWorld(secret: string) {
  let fake: Awaited<ReturnType<typeof startStripeFake>>;
  beforeAll(async () => {
    fake = await startStripeFake();
  });
  afterAll(async () => fake.close());
  const world = useLifecycleWorld(undefined, () => ({ stripe: fake.connection, stripeWebhookSecret: secret }));

  /** An announced listing of a claim held in euros (deposit €80,000), bidding a month out unless told otherwise. */
  async function euroListing(overrides: Record<string, unknown> = {}) {
    const s = world.services();
    const asset = await makeAsset(s, {
      sellerOrgId: world.world().bank.id,
      kind: "claim",
      title: "Claim on a Rotterdam logistics company",
      region: "Zhejiang · Ningbo",
      currency: "EUR",
      principal: 300_000_000n,
      appraisedValue: 100_000_000n,
      classification: "loss",
      security: "unsecured",
    });
    return announcedListing(s, world.world(), world.clock().now(), { assetId: asset.id, currency: "EUR", ...overrides });
  }

  return { ...world, fake: () => fake, euroListing };
}
