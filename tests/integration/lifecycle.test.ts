import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { announcements, approvalTiers, auditLog, listings, notifications, registrations } from "../../db/schema";
import { makeListing, makeRegistration, recordBid } from "../../db/seed/factories";
import {
  announcedListing as announced,
  application,
  approvedListing as approved,
  DAY,
  goodTerms,
  useLifecycleWorld,
  liveNegotiation,
  principalOf,
  worldIds,
  yuan,
} from "../support/lifecycle-world";
import * as objectionsRoute from "../../app/routes/api.v1.listings.$id.objections";
import * as registrationsRoute from "../../app/routes/api.v1.listings.$id.registrations";
import * as timelineRoute from "../../app/routes/api.v1.listings.$id.timeline";
import * as transitionsRoute from "../../app/routes/api.v1.listings.$id.transitions";
import { callApi } from "../support/api";
import { rejection, refusal } from "../support/refusal";

const { clock, services: s, world } = useLifecycleWorld();
const listingRow = async (id: string) => (await s().db.select().from(listings).where(eq(listings.id, id)))[0]!;

const approvedListing = (overrides: Record<string, unknown> = {}) => approved(s(), world(), clock().now(), overrides);
const announcedListing = (overrides: Record<string, unknown> = {}) => announced(s(), world(), clock().now(), overrides);

describe("drafting and review", () => {
  it("takes a listing from draft through two approvals and the disclosure check to approved", async () => {
    const { id } = await s().workflow.createDraft(world().seller, goodTerms(world().asset.id, clock().now()));
    expect((await listingRow(id)).status).toBe("draft");
    await s().workflow.submit(world().seller, id);
    expect((await listingRow(id)).status).toBe("in_review");
    await s().workflow.approve(world().approver1, id);
    await s().workflow.checkDisclosure(world().operator, id);
    expect((await listingRow(id)).status).toBe("in_review");
    await s().workflow.approve(world().approver2, id);
    expect((await listingRow(id)).status).toBe("approved");

    const timeline = await s().workspace.timeline(id, "operator");
    expect(timeline.map((e) => e.action)).toEqual([
      "listing.created",
      "listing.submit",
      "listing.approve",
      "listing.check_disclosure",
      "listing.approve",
    ]);
    expect(timeline.at(-1)).toMatchObject({ actor: "approver2@bank.test", status: "approved" });
    const asked = await s().db.select().from(notifications).where(eq(notifications.kind, "review_requested"));
    expect(asked.map((n) => n.userId).sort()).toEqual(
      [world().approver1.userId, world().approver2.userId, world().operator.userId].sort(),
    );
  });

  it("answers each step with the listing's new status, submitting too", async () => {
    const { id } = await s().workflow.createDraft(world().seller, goodTerms(world().asset.id, clock().now()));
    const step = (action: string, principal = world().seller) =>
      callApi(s(), transitionsRoute.action, { params: { id }, body: { action }, principal });
    expect(await step("submit")).toEqual({ status: 200, body: { listing: { id, status: "in_review" } } });
    expect((await step("approve", world().approver1)).body).toEqual({ listing: { id, status: "in_review" } });
  });

  it("refuses terms that break the trade's rules with a message per field, and stores nothing", async () => {
    const error = await refusal(
      s().workflow.createDraft(
        world().seller,
        goodTerms(world().asset.id, clock().now(), { deposit: yuan(10_000).toString(), startingPrice: yuan(600_000).toString() }),
      ),
    );
    expect(error.code).toBe("INVALID_TERMS");
    expect(Object.keys(error.details.fields as object).sort()).toEqual(["deposit", "startingPrice"]);
    expect((error.details.fields as Record<string, { code: string }>).startingPrice!.code).toBe("START_BELOW_VALUATION");
    expect(await s().db.select().from(listings)).toEqual([]);
  });

  it("accepts a start below 70% of the valuation only with a reason, and then needs the top approval tier", async () => {
    // The bank's top tier: listings above ¥100M need the seller's admin.
    await s()
      .db.insert(approvalTiers)
      .values({ organisationId: world().bank.id, minValue: yuan(100_000_000), approvalsRequired: 1, role: "seller_admin" });
    const { id } = await s().workflow.createDraft(
      world().staff,
      goodTerms(world().asset.id, clock().now(), {
        startingPrice: yuan(600_000).toString(),
        deposit: yuan(60_000).toString(),
        valuationExceptionReason: "Collateral lost in the 2025 flood; court-appointed appraiser's note in the data room.",
      }),
    );
    expect((await listingRow(id)).valuationExceptionReason).toMatch(/flood/);
    await s().workflow.submit(world().staff, id);
    expect((await refusal(s().workflow.approve(world().approver1, id))).code).toBe("APPROVER_ROLE_REQUIRED");
    await s().workflow.approve(world().seller, id);
    await s().workflow.checkDisclosure(world().operator, id);
    expect((await listingRow(id)).status).toBe("approved");
  });

  it("lets nobody approve a listing they drafted", async () => {
    // The seller is also an approver of its bank: still not for its own listing.
    await s().identity.addMembership(
      { userId: null, label: "test" },
      { userId: world().seller.userId, organisationId: world().bank.id, role: "approver" },
    );
    const seller = await principalOf(s(), "seller@bank.test");
    const { id } = await s().workflow.createDraft(seller, goodTerms(world().asset.id, clock().now()));
    await s().workflow.submit(seller, id);
    const error = await refusal(s().workflow.approve(seller, id));
    expect(error.code).toBe("OWN_LISTING");
    expect(error.message).toBe("Nobody may approve a listing they drafted.");
    expect(error.status).toBe(403);
  });

  it("refuses approval by staff without the approver role, and a second approval by the same approver", async () => {
    const { id } = await s().workflow.createDraft(world().staff, goodTerms(world().asset.id, clock().now()));
    await s().workflow.submit(world().staff, id);
    expect((await refusal(s().workflow.approve(world().staff, id))).code).toBe("FORBIDDEN");
    // A seller admin may approve in general, but this tier asks for approvers.
    expect((await refusal(s().workflow.approve(world().seller, id))).code).toBe("APPROVER_ROLE_REQUIRED");
    await s().workflow.approve(world().approver1, id);
    expect((await refusal(s().workflow.approve(world().approver1, id))).code).toBe("ALREADY_APPROVED");
    expect((await refusal(s().workflow.approve(world().investor1, id))).code).toBe("NOT_FOUND");
  });

  it("returns a listing with reasons, and a resubmission starts a new round in which earlier approvals do not count", async () => {
    const { id } = await s().workflow.createDraft(world().seller, goodTerms(world().asset.id, clock().now()));
    await s().workflow.submit(world().seller, id);
    await s().workflow.approve(world().approver1, id);
    expect((await refusal(s().workflow.returnForChanges(world().approver2, id, { reason: " " }))).code).toBe("REASON_REQUIRED");
    await s().workflow.returnForChanges(world().approver2, id, { reason: "Attach the 2026 valuation report." });
    expect((await listingRow(id)).status).toBe("draft");
    const told = await s().db.select().from(notifications).where(eq(notifications.kind, "listing_returned"));
    expect(told).toEqual([
      expect.objectContaining({ userId: world().seller.userId, params: { reason: "Attach the 2026 valuation report." } }),
    ]);

    await s().workflow.submit(world().seller, id);
    await s().workflow.approve(world().approver2, id);
    await s().workflow.checkDisclosure(world().operator, id);
    expect((await listingRow(id)).status).toBe("in_review");
    await s().workflow.approve(world().approver1, id);
    expect(await listingRow(id)).toMatchObject({ status: "approved", reviewRound: 2, termsVersion: 2 });
  });

  it("keeps a draft private: outsiders get not found, and the public listing service does not show it", async () => {
    const { id } = await s().workflow.createDraft(world().seller, goodTerms(world().asset.id, clock().now()));
    expect((await refusal(s().workflow.submit(world().investor1, id))).code).toBe("NOT_FOUND");
    expect((await refusal(s().workspace.workspace(world().investor1, id))).code).toBe("NOT_FOUND");
    expect(await s().listings.getPublic(id)).toBeNull();
  });

  it("holds a lot in one unfinished listing at a time", async () => {
    await s().workflow.createDraft(world().seller, goodTerms(world().asset.id, clock().now()));
    expect((await refusal(s().workflow.createDraft(world().seller, goodTerms(world().asset.id, clock().now())))).code).toBe(
      "LOT_IN_USE",
    );
  });
});

describe("announcements", () => {
  it("publishes an announcement in both languages for the value tier's period and moves an early start to its end", async () => {
    const id = await approvedListing({
      startsAt: new Date(clock().now().getTime() + 2 * DAY).toISOString(),
      endsAt: new Date(clock().now().getTime() + 4 * DAY).toISOString(),
    });
    await s().workflow.publish(world().operator, id);
    const listing = await listingRow(id);
    // Friday 10:00 in Shanghai plus 7 working days: Tuesday 1 December, 10:00.
    expect(listing.announcementEndsAt!.toISOString()).toBe("2026-12-01T02:00:00.000Z");
    expect(listing.startsAt!.toISOString()).toBe("2026-12-01T02:00:00.000Z");
    expect(listing.endsAt!.getTime() - listing.startsAt!.getTime()).toBe(2 * DAY);
    const [announcement] = await s().db.select().from(announcements).where(eq(announcements.listingId, id));
    expect(announcement).toMatchObject({ periodDays: 7, workingDays: true });
    expect(announcement!.bodyEn).toMatch(/Who may not bid/);
    expect(announcement!.bodyZh).toMatch(/禁止竞买人员/);
    expect(announcement!.bodyEn).not.toMatch(/Hengfeng|Feng Hengda|330402/);
    expect((await s().listings.listAnnouncements({ q: "Jiaxing" })).items.map((a) => a.listingId)).toEqual([id]);
    const told = await s().db.select().from(notifications).where(eq(notifications.kind, "announcement_published"));
    expect(told.map((n) => n.userId).sort()).toEqual([world().investor1.userId, world().investor2.userId].sort());
  });

  it("cannot go live before its announcement period ends, and opens on its own once it has", async () => {
    const id = await announcedListing({
      startsAt: new Date(clock().now().getTime() + DAY).toISOString(),
      endsAt: new Date(clock().now().getTime() + 3 * DAY).toISOString(),
    });
    const { announcementEndsAt } = await listingRow(id);
    // Even if the start had been left before the period's end, opening waits for the period.
    await s().db.update(listings).set({ startsAt: clock().now() }).where(eq(listings.id, id));
    clock().set(new Date(announcementEndsAt!.getTime() - 1));
    expect(await s().workflow.openDue()).toBe(0);
    expect((await listingRow(id)).status).toBe("announced");

    clock().set(announcementEndsAt!);
    expect(await s().workflow.openDue()).toBe(1);
    expect((await listingRow(id)).status).toBe("live");
    expect(await s().workflow.openDue()).toBe(0);
    const timeline = await s().workspace.timeline(id, "public");
    expect(timeline.map((e) => [e.action, e.actor])).toEqual([
      ["listing.publish", "operator"],
      ["listing.open", "system"],
    ]);
  });
});

describe("registration to bid", () => {
  it("refuses a member of the seller's organisation at once, with a clear reason, and records the refusal", async () => {
    const id = await announcedListing();
    await s().identity.addMembership(
      { userId: null, label: "test" },
      { userId: world().investor1.userId, organisationId: world().bank.id, role: "seller_staff" },
    );
    const insider = await principalOf(s(), "investor1@fund.test");
    const error = await refusal(s().registrations.apply(insider, id, application(1)));
    expect(error.code).toBe("BARRED_BUYER");
    expect(error.status).toBe(403);
    expect(error.message).toBe("You may not bid on this listing: your organisation shares members with the seller.");
    expect(await s().db.select().from(registrations)).toEqual([]);
    const [refused] = await s().db.select().from(auditLog).where(eq(auditLog.action, "registration.refused"));
    expect(refused).toMatchObject({ entityId: id, reason: "barred buyer" });
    expect(JSON.stringify(refused)).not.toMatch(new RegExp(worldIds.harbour));
  });

  it("passes a name-only match to the operator, who must record why the bidder may still bid", async () => {
    const id = await announcedListing();
    const { id: registrationId } = await s().registrations.apply(
      world().investor1,
      id,
      application(1, { applicantName: "FENG  Hengda", applicantIdType: "resident_id", applicantIdNumber: worldIds.person }),
    );
    await s().registrations.confirmDeposit(world().operator, registrationId);
    const error = await refusal(s().registrations.decide(world().operator, registrationId, { decision: "approve" }));
    expect(error.code).toBe("REASON_REQUIRED");
    const decided = await s().registrations.decide(world().operator, registrationId, {
      decision: "approve",
      reason: "Different person: ID number and date of birth differ from the guarantor's.",
    });
    expect(decided.status).toBe("approved");
  });

  it("approves a registration only after the deposit is confirmed, with a bidder code unique within the listing", async () => {
    const id = await announcedListing();
    const first = await s().registrations.apply(world().investor1, id, application(1));
    const second = await s().registrations.apply(
      world().investor2,
      id,
      application(1, { applicantIdNumber: worldIds.jadeRiver }),
    );
    expect((await refusal(s().registrations.decide(world().operator, first.id, { decision: "approve" }))).code).toBe(
      "DEPOSIT_NOT_CONFIRMED",
    );
    expect((await refusal(s().registrations.confirmDeposit(world().investor1, first.id))).code).toBe("FORBIDDEN");
    for (const r of [first, second]) await s().registrations.confirmDeposit(world().operator, r.id);
    const a = await s().registrations.decide(world().operator, first.id, { decision: "approve" });
    const b = await s().registrations.decide(world().operator, second.id, { decision: "approve" });
    expect(a.bidderCode).toMatch(/^\d{4}$/);
    expect(b.bidderCode).toMatch(/^\d{4}$/);
    expect(a.bidderCode).not.toBe(b.bidderCode);
    expect((await refusal(s().registrations.decide(world().operator, first.id, { decision: "reject", reason: "x" }))).code).toBe(
      "ALREADY_DECIDED",
    );
    const [row] = await s().db.select().from(registrations).where(eq(registrations.id, first.id));
    expect(row).toMatchObject({ termsVersion: 1, attestations: expect.arrayContaining(["aml_listed"]) });
    expect(row!.termsAcceptedAt).toEqual(clock().now());
    const told = await s()
      .db.select()
      .from(notifications)
      .where(and(eq(notifications.kind, "registration_decided"), eq(notifications.userId, world().investor1.userId)));
    expect(told[0]!.params).toMatchObject({ decision: "approve", bidderCode: a.bidderCode });
  });

  it("refuses an application against old terms, one without every attestation, and a second from the same organisation", async () => {
    const id = await announcedListing();
    expect((await refusal(s().registrations.apply(world().investor1, id, application(2)))).code).toBe("TERMS_CHANGED");
    const partial = await rejection(
      s().registrations.apply(world().investor1, id, application(1, { attestations: ["official"] })),
    );
    expect(partial.name).toBe("ZodError");
    await s().registrations.apply(world().investor1, id, application(1));
    expect((await refusal(s().registrations.apply(world().investor1, id, application(1)))).code).toBe("ALREADY_REGISTERED");
  });

  it("shows the seller how many registered, never who", async () => {
    const id = await announcedListing();
    await s().registrations.apply(world().investor1, id, application(1));
    const workspace = await s().workspace.workspace(world().seller, id);
    expect(workspace.registrations).toEqual({ pending: 1 });
    expect(JSON.stringify(workspace)).not.toMatch(new RegExp(`Harbour|${worldIds.harbour}|investor1@`));
  });

  it("lets an approved registrant bid once bidding has opened", async () => {
    const id = await announcedListing();
    const { id: registrationId } = await s().registrations.apply(world().investor1, id, application(1));
    await s().registrations.confirmDeposit(world().operator, registrationId);
    await s().registrations.decide(world().operator, registrationId, { decision: "approve" });
    clock().set((await listingRow(id)).startsAt!);
    await s().workflow.openDue();
    const placed = await s().auction.placeBid(world().investor1, id, {
      amount: yuan(800_000).toString(),
      idempotencyKey: "5b0f8c2e-6f0a-4a53-9a47-4f2c1d0e9b11",
    });
    expect(placed.bid.seq).toBe(1);
    const opened = await s()
      .db.select()
      .from(notifications)
      .where(and(eq(notifications.kind, "bidding_opened"), eq(notifications.userId, world().investor1.userId)));
    expect(opened).toHaveLength(1);
  });
});

describe("the public timeline", () => {
  it("names the party that accepted a negotiated offer, the counterparty, never who it is", async () => {
    const { listing } = await liveNegotiation(s(), world(), clock().now());
    const expiresAt = new Date(clock().now().getTime() + DAY).toISOString();
    await s().negotiation.offer(world().seller, listing.id, { amount: yuan(900_000).toString(), expiresAt });
    await s().negotiation.accept(world().investor1, listing.id);

    const answer = await callApi(s(), timelineRoute.loader, { params: { id: listing.id } });
    expect(answer.status).toBe(200);
    expect(answer.body.timeline.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ["listing.agree", "counterparty"],
    ]);
    expect(JSON.stringify(answer.body)).not.toMatch(/@|Harbour/);
  });

  it("names the seller when the seller withdraws, not the operator", async () => {
    const id = await announcedListing();
    await s().workflow.withdraw(world().seller, id, { reason: "The borrower repaid in full." });
    const timeline = await s().workspace.timeline(id, "public");
    expect(timeline.map((e) => [e.action, e.actor])).toEqual([
      ["listing.publish", "operator"],
      ["listing.withdraw", "seller"],
    ]);
  });
});

describe("objections", () => {
  it("an upheld objection suspends bidding and tells the registered bidders; the outcome is public", async () => {
    const id = await announcedListing();
    const { id: registrationId } = await s().registrations.apply(world().investor1, id, application(1));
    // The objector has registered too: it hears of the decision once, as the objector.
    await s().registrations.apply(world().investor2, id, application(1, { applicantIdNumber: worldIds.jadeRiver }));
    const { id: objectionId } = await s().objections.file(world().investor2, id, {
      reasons: "The guarantor's enforcement judgment is under appeal; the disclosure omits it.",
    });
    await s().objections.decide(world().operator, objectionId, {
      decision: "uphold",
      reason: "Appeal confirmed with the court; the seller must update the disclosure.",
    });
    expect(await listingRow(id)).toMatchObject({ status: "suspended", suspendedFrom: "announced" });
    const told = await s().db.select().from(notifications).where(eq(notifications.kind, "objection_upheld"));
    expect(told.map((n) => n.userId)).toEqual([world().investor1.userId]);
    const objector = await s().db.select().from(notifications).where(eq(notifications.userId, world().investor2.userId));
    const aboutTheObjection = objector.filter((n) => n.kind.startsWith("objection_")).map((n) => n.kind);
    expect(aboutTheObjection).toEqual(["objection_decided"]);

    // Bidding cannot start while suspended, even after the start has passed.
    await s().registrations.confirmDeposit(world().operator, registrationId);
    await s().registrations.decide(world().operator, registrationId, { decision: "approve" });
    clock().set(new Date((await listingRow(id)).startsAt!.getTime() + 1000));
    expect(await s().workflow.openDue()).toBe(0);
    const bid = await refusal(
      s().auction.placeBid(world().investor1, id, { amount: yuan(800_000).toString(), idempotencyKey: crypto.randomUUID() }),
    );
    expect(bid.code).toBe("LISTING_NOT_LIVE");

    const outcomes = await s().objections.outcomes(id);
    expect(outcomes).toEqual([expect.objectContaining({ status: "upheld", decisionReason: expect.stringMatching(/Appeal/) })]);
    expect(JSON.stringify(outcomes)).not.toMatch(/investor2|under appeal; the disclosure omits/);
    expect((await s().workspace.timeline(id, "public")).map((e) => e.action)).toContain("listing.suspend");
    // The seller learns that someone objected, not who.
    const sellerView = (await s().workspace.workspace(world().seller, id)).timeline;
    expect(sellerView.find((e) => e.action === "objection.filed")).toMatchObject({ actor: "objector" });
    expect(JSON.stringify(sellerView)).not.toContain("investor2@fund.test");
  });

  it("a suspended live listing resumes with its end moved by the time it stood still", async () => {
    const id = await announcedListing();
    clock().set((await listingRow(id)).startsAt!);
    await s().workflow.openDue();
    const before = (await listingRow(id)).endsAt!;
    await s().workflow.suspend(world().operator, id, { reason: "Court order to halt the sale pending review." });
    clock().advance(3 * 3_600_000);
    await s().workflow.resume(world().operator, id, { reason: "Court lifted the order." });
    const after = await listingRow(id);
    expect(after.status).toBe("live");
    expect(after.endsAt!.getTime() - before.getTime()).toBe(3 * 3_600_000);
  });

  it("accepts objections only during the announcement period", async () => {
    const id = await announcedListing();
    clock().set((await listingRow(id)).announcementEndsAt!);
    const error = await refusal(
      s().objections.file(world().investor2, id, { reasons: "Late objection about the valuation report." }),
    );
    expect(error.code).toBe("OBJECTION_PERIOD_OVER");
  });

  it("a dismissed objection leaves the listing as it was and tells the objector why", async () => {
    const id = await announcedListing();
    const { id: objectionId } = await s().objections.file(world().investor2, id, {
      reasons: "I think the starting price is too low for this claim.",
    });
    await s().objections.decide(world().operator, objectionId, {
      decision: "dismiss",
      reason: "The start follows the 2026 valuation.",
    });
    expect((await listingRow(id)).status).toBe("announced");
    const [told] = await s().db.select().from(notifications).where(eq(notifications.kind, "objection_decided"));
    expect(told).toMatchObject({ userId: world().investor2.userId, params: { decision: "dismiss" } });
  });
});

describe("withdrawal", () => {
  it("leaves a withdrawn listing not found (404) on every route to anyone with no part in it", async () => {
    const id = await announcedListing();
    await s().workflow.withdraw(world().seller, id, { reason: "The borrower repaid in full." });
    const asked = [
      [registrationsRoute.action, application(1)],
      [objectionsRoute.action, { reasons: "The valuation report in the data room is out of date." }],
      [objectionsRoute.loader, undefined],
      [transitionsRoute.action, { action: "resume", reason: "Please reopen." }],
      [timelineRoute.loader, undefined],
    ] as const;
    for (const [handler, body] of asked) {
      const answer = await callApi(s(), handler, { params: { id }, body, principal: world().investor2 });
      expect(answer, handler.name).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    }
  });

  it("refuses to withdraw a listing once a valid bid exists", async () => {
    const now = clock().now().getTime();
    const listing = await makeListing(s(), {
      sellerOrgId: world().bank.id,
      assetId: world().asset.id,
      title: "Live claim",
      startingPrice: yuan(800_000),
      status: "live",
      announcedAt: new Date(now - 10 * DAY),
      startsAt: new Date(now - DAY),
      endsAt: new Date(now + DAY),
    });
    const registration = await makeRegistration(s(), {
      listingId: listing.id,
      organisationId: world().investors[0]!.id,
      userId: world().investor1.userId,
      bidderCode: "4821",
    });
    await recordBid(s(), {
      listingId: listing.id,
      registrationId: registration.id,
      amount: yuan(800_000),
      placedAt: clock().now(),
    });
    const error = await refusal(s().workflow.withdraw(world().seller, listing.id, { reason: "Borrower repaid in part." }));
    expect(error.code).toBe("LISTING_HAS_BIDS");
    expect(error.message).toBe("A listing with a valid bid cannot be withdrawn.");
    expect((await listingRow(listing.id)).status).toBe("live");
  });

  it("lets the seller withdraw an announced listing without bids, telling its registrants", async () => {
    const id = await announcedListing();
    await s().registrations.apply(world().investor1, id, application(1));
    expect((await refusal(s().workflow.withdraw(world().staff, id, { reason: "Repaid." }))).code).toBe("FORBIDDEN");
    await s().workflow.withdraw(world().seller, id, { reason: "The borrower repaid in full." });
    expect((await listingRow(id)).status).toBe("withdrawn");
    const told = await s().db.select().from(notifications).where(eq(notifications.kind, "listing_withdrawn"));
    expect(told.map((n) => n.userId)).toEqual([world().investor1.userId]);
    expect(await s().listings.getPublic(id)).toBeNull();
  });
});

describe("objection attachments", () => {
  const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n${text}`);

  it("keeps supporting files with the objection, for the operator and the objector only", async () => {
    const id = await announcedListing();
    const { id: objectionId } = await s().objections.file(
      world().investor2,
      id,
      { reasons: "The guarantor's enforcement judgment is under appeal; see the court's notice." },
      [{ fileName: "../../etc/court notice.pdf", contentType: "application/pdf", data: pdf("notice") }],
    );
    const [queued] = await s().objections.queue(world().operator);
    expect(queued).toMatchObject({ id: objectionId, attachments: [expect.objectContaining({ fileName: "court notice.pdf" })] });
    const attachmentId = queued!.attachments[0]!.id;
    const file = await s().objections.attachment(world().operator, attachmentId);
    expect(new TextDecoder().decode(file.data)).toBe("%PDF-1.4\nnotice");
    expect((await s().objections.attachment(world().investor2, attachmentId)).fileName).toBe("court notice.pdf");
    expect((await refusal(s().objections.attachment(world().investor1, attachmentId))).code).toBe("NOT_FOUND");
    expect((await refusal(s().objections.attachment(world().seller, attachmentId))).code).toBe("NOT_FOUND");
  });

  it("refuses executables, oversized files and more than five, and files nothing then", async () => {
    const id = await announcedListing();
    const reasons = { reasons: "The valuation report in the data room is out of date by two years." };
    const exe = { fileName: "notice.exe", contentType: "application/x-msdownload", data: new Uint8Array([77, 90]) };
    expect((await refusal(s().objections.file(world().investor2, id, reasons, [exe]))).message).toMatch(/PDF, PNG, JPEG/);
    const big = { fileName: "scan.pdf", contentType: "application/pdf", data: new Uint8Array(10 * 1024 * 1024 + 1) };
    expect((await refusal(s().objections.file(world().investor2, id, reasons, [big]))).message).toMatch(/10 MB/);
    const six = Array.from({ length: 6 }, (_, i) => ({
      fileName: `p${i}.pdf`,
      contentType: "application/pdf",
      data: pdf(String(i)),
    }));
    expect((await refusal(s().objections.file(world().investor2, id, reasons, six))).message).toMatch(/at most 5/);
    expect(await s().objections.outcomes(id)).toEqual([]);
  });
});
