import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, listings, negotiationOffers, notifications } from "../../db/schema";
import { seedActor } from "../../db/seed/factories";
import type { UserPrincipal } from "../../core/identity/access";
import { manualClock } from "../support/clock";
import { testServices } from "../support/db";
import { application, goodTerms, lifecycleWorld, liveNegotiation as negotiation, yuan } from "../support/lifecycle-world";
import { refusal } from "../support/refusal";

let clock: ReturnType<typeof manualClock>;
let ctx: Awaited<ReturnType<typeof testServices>>;
let world: Awaited<ReturnType<typeof lifecycleWorld>>;
let sellerStaff: UserPrincipal;

beforeEach(async () => {
  clock = manualClock(new Date("2026-11-20T02:00:00.000Z"));
  ctx = await testServices({ clock });
  world = await lifecycleWorld(ctx.services);
  sellerStaff = world.staff;
});
afterEach(async () => ctx.close());

const s = () => ctx.services;
const HOUR = 3_600_000;
const listingRow = async (id: string) => (await s().db.select().from(listings).where(eq(listings.id, id)))[0]!;

const negotiatedTerms = (overrides: Record<string, unknown> = {}) =>
  goodTerms(world.asset.id, clock.now(), {
    mode: "negotiated",
    counterpartyOrgId: world.investors[0]!.id,
    negotiationJustification: "The buyer holds the first-ranking pledge over the collateral; an open sale would not clear it.",
    ...overrides,
  });

const liveNegotiation = () => negotiation(s(), world, clock.now());

const inHours = (hours: number) => new Date(clock.now().getTime() + hours * HOUR).toISOString();

describe("drafting a negotiated transfer", () => {
  it("needs a justification and a counterparty, and the seller's top approval tier", async () => {
    const missing = await refusal(
      s().workflow.createDraft(world.seller, negotiatedTerms({ negotiationJustification: "", counterpartyOrgId: null })),
    );
    expect(missing).toMatchObject({ code: "INVALID_TERMS" });
    expect(Object.keys((missing.details as { fields: object }).fields).sort()).toEqual([
      "counterpartyOrgId",
      "negotiationJustification",
    ]);

    await s().settings.setApprovalTiers(seedActor, world.bank.id, [
      { minValue: "0", approvalsRequired: 1, role: "approver" },
      { minValue: yuan(50_000_000).toString(), approvalsRequired: 2, role: "seller_admin" },
    ]);
    const { id } = await s().workflow.createDraft(world.staff, goodTerms(world.asset.id, clock.now()));
    const required = async () => (await s().workspace.workspace(world.seller, id)).review.required;
    expect(await required()).toEqual({ role: "approver", count: 1 });
    await s().workflow.updateDraft(world.staff, id, negotiatedTerms());
    expect(await required()).toEqual({ role: "seller_admin", count: 2 });
    expect(await listingRow(id)).toMatchObject({
      counterpartyOrgId: world.investors[0]!.id,
      negotiationJustification: expect.stringContaining("first-ranking pledge"),
    });
  });
});

describe("registering", () => {
  it("admits only the named counterparty", async () => {
    const { listing } = await liveNegotiation();
    const refused = await refusal(s().registrations.apply(world.investor2, listing.id, application(listing.termsVersion)));
    expect(refused.code).toBe("NOT_COUNTERPARTY");
  });
});

describe("the thread of offers", () => {
  it("is private to the two parties and the operators", async () => {
    const { listing } = await liveNegotiation();
    await s().negotiation.offer(world.seller, listing.id, { amount: yuan(900_000).toString(), expiresAt: inHours(48) });
    expect((await refusal(s().negotiation.thread(world.investor2, listing.id))).code).toBe("NOT_FOUND");
    expect((await refusal(s().negotiation.thread({ kind: "anonymous" } as never, listing.id))).code).toBe("NOT_FOUND");
    const operatorView = await s().negotiation.thread(world.operator, listing.id);
    expect(operatorView).toMatchObject({ party: "operator", canOffer: false, canAccept: false });
    expect(operatorView.offers).toHaveLength(1);
    // The public listing shows no amount of the thread.
    expect(JSON.stringify(await s().listings.getPublic(listing.id))).not.toContain(yuan(900_000).toString());
  });

  it("runs offer and counter-offer, each binding its maker until answered, and tells the other side", async () => {
    const { listing } = await liveNegotiation();
    await s().negotiation.offer(sellerStaff, listing.id, { amount: yuan(950_000).toString(), expiresAt: inHours(48) });
    const again = await refusal(
      s().negotiation.offer(world.seller, listing.id, { amount: yuan(940_000).toString(), expiresAt: inHours(48) }),
    );
    expect(again.code).toBe("NOT_YOUR_TURN");
    const told = await s().db.select().from(notifications).where(eq(notifications.kind, "offer_received"));
    expect(told.map((n) => n.userId)).toEqual([world.investor1.userId]);

    await s().negotiation.offer(world.investor1, listing.id, { amount: yuan(870_000).toString(), expiresAt: inHours(24) });
    const view = await s().negotiation.thread(world.investor1, listing.id);
    expect(view.offers.map((o) => [o.from, o.amount, o.status])).toEqual([
      ["seller", yuan(950_000).toString(), "countered"],
      ["investor", yuan(870_000).toString(), "open"],
    ]);
    expect(view).toMatchObject({ canOffer: false, canAccept: false });
    expect(await s().negotiation.thread(world.seller, listing.id)).toMatchObject({ canOffer: true, canAccept: true });
    // Staff may negotiate, but acceptance binds the seller: its admin accepts.
    expect((await refusal(s().negotiation.accept(sellerStaff, listing.id))).code).toBe("FORBIDDEN");
  });

  it("awards the listing to the counterparty at the accepted offer", async () => {
    const { listing, registration } = await liveNegotiation();
    await s().negotiation.offer(world.investor1, listing.id, { amount: yuan(880_000).toString(), expiresAt: inHours(24) });
    const accepted = await s().negotiation.accept(world.seller, listing.id);
    expect(accepted).toEqual({ status: "awarded", price: yuan(880_000).toString() });
    expect(await listingRow(listing.id)).toMatchObject({
      status: "awarded",
      outcome: "sold",
      winnerRegistrationId: registration.id,
      hammerPrice: yuan(880_000),
    });
    const detail = await s().listings.getPublic(listing.id);
    expect(detail?.result).toEqual({ outcome: "sold", bidderNo: "8101", price: yuan(880_000).toString() });
    expect((await refusal(s().negotiation.accept(world.investor1, listing.id))).code).toBe("INVALID_TRANSITION");
    const offers = await s().db.select().from(negotiationOffers).where(eq(negotiationOffers.listingId, listing.id));
    expect(offers.map((o) => o.status)).toEqual(["accepted"]);
  });

  it("refuses to accept an offer that has expired, and an offer that outlives the negotiation", async () => {
    const { listing } = await liveNegotiation();
    const beyond = await refusal(
      s().negotiation.offer(world.seller, listing.id, { amount: yuan(900_000).toString(), expiresAt: inHours(8 * 24) }),
    );
    expect(beyond.code).toBe("BAD_EXPIRY");
    await s().negotiation.offer(world.seller, listing.id, { amount: yuan(900_000).toString(), expiresAt: inHours(2) });
    clock.advance(2 * HOUR);
    expect((await refusal(s().negotiation.accept(world.investor1, listing.id))).code).toBe("OFFER_EXPIRED");
    expect((await listingRow(listing.id)).status).toBe("live");
  });

  it("refuses open bids on a negotiated listing", async () => {
    const { listing } = await liveNegotiation();
    const bid = await refusal(
      s().auction.placeBid(world.investor1, listing.id, {
        amount: yuan(800_000).toString(),
        idempotencyKey: "4f0e7c1a-9a3b-4d2c-8e1f-000000000001",
      }),
    );
    expect(bid.code).toBe("NEGOTIATED_TRANSFER");
  });

  it("fails the listing when the period ends without agreement", async () => {
    const { listing } = await liveNegotiation();
    await s().negotiation.offer(world.seller, listing.id, { amount: yuan(900_000).toString(), expiresAt: inHours(24) });
    clock.set(listing.endsAt!);
    await s().auction.closeDue();
    expect(await listingRow(listing.id)).toMatchObject({ status: "failed", outcome: "no_bids", hammerPrice: null });
  });
});

describe("the platform's setting for packages", () => {
  it("is off by default and audited when changed", async () => {
    expect(await s().settings.saleModes()).toEqual({ negotiatedPackages: false });
    await s().settings.setSaleModes(seedActor, { negotiatedPackages: true });
    expect(await s().settings.saleModes()).toEqual({ negotiatedPackages: true });
    const audited = await s().db.select().from(auditLog).where(eq(auditLog.action, "settings.sale_modes"));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ before: { negotiatedPackages: false }, after: { negotiatedPackages: true } });
  });
});
