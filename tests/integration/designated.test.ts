import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, bids, listings, notifications, registrations } from "../../db/schema";
import type { UserPrincipal } from "../../core/identity/access";
import { manualClock } from "../support/clock";
import { testServices } from "../support/db";
import { addInvestor, application, DAY, goodTerms, lifecycleWorld, worldIds, yuan } from "../support/lifecycle-world";
import { refusal } from "../support/refusal";

let clock: ReturnType<typeof manualClock>;
let ctx: Awaited<ReturnType<typeof testServices>>;
let world: Awaited<ReturnType<typeof lifecycleWorld>>;
/** A third investor, so that two others besides the designated one can register. */
let investor3: UserPrincipal;

beforeEach(async () => {
  // A Friday morning in Shanghai.
  clock = manualClock(new Date("2026-11-20T02:00:00.000Z"));
  ctx = await testServices({ clock });
  world = await lifecycleWorld(ctx.services);
  investor3 = await addInvestor(ctx.services, "Northstar Special Situations", "investor3@fund.test");
});
afterEach(async () => ctx.close());

const s = () => ctx.services;
const listingRow = async (id: string) => (await s().db.select().from(listings).where(eq(listings.id, id)))[0]!;
const FLOOR = yuan(800_000);

/** The seller's draft naming Harbour Capital (investor1) as the designated investor, at a floor of ¥800,000. */
async function designatedDraft() {
  const { id } = await s().workflow.createDraft(
    world.seller,
    goodTerms(world.asset.id, clock.now(), { mode: "designated", designatedOrgId: world.investors[0]!.id }),
  );
  return id;
}

/** The designated investor's commitment: the same application as any bidder's, with its floor. */
async function commit(id: string, floor = FLOOR) {
  const { termsVersion } = await listingRow(id);
  return s().registrations.apply(world.investor1, id, application(termsVersion, { designatedFloor: floor.toString() }));
}

async function approveRegistration(registrationId: string) {
  await s().registrations.confirmDeposit(world.operator, registrationId);
  return s().registrations.decide(world.operator, registrationId, { decision: "approve" });
}

/** Committed, reviewed, the commitment approved by the operator, and published. */
async function announcedDesignated() {
  const id = await designatedDraft();
  const commitment = await commit(id);
  await s().workflow.submit(world.seller, id);
  await s().workflow.approve(world.approver1, id);
  await s().workflow.approve(world.approver2, id);
  await s().workflow.checkDisclosure(world.operator, id);
  await approveRegistration(commitment.id);
  await s().workflow.publish(world.operator, id);
  return { id, commitmentId: commitment.id };
}

/** Another investor registers during the announcement and is approved. */
async function otherRegistrant(id: string, who: UserPrincipal, idNumber: string) {
  const { termsVersion } = await listingRow(id);
  const registration = await s().registrations.apply(
    who,
    id,
    application(termsVersion, { applicantName: "Another investor", applicantIdNumber: idNumber }),
  );
  await approveRegistration(registration.id);
}

/** Moves the clock to the moment bidding is due to open (registration closes) and runs the opening job. */
async function closeRegistration(id: string) {
  const row = await listingRow(id);
  const due = Math.max(row.announcementEndsAt!.getTime(), row.startsAt!.getTime());
  clock.set(new Date(Math.max(due, clock.now().getTime())));
  await s().workflow.openDue();
  return listingRow(id);
}

const auditActions = async (id: string) =>
  (await s().db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id))).map((r) => r.action);

describe("the designated investor's commitment", () => {
  it("asks the designated investor's members to commit, and shows the draft to nobody else", async () => {
    const id = await designatedDraft();
    const asked = await s()
      .db.select()
      .from(notifications)
      .where(and(eq(notifications.kind, "designated_commitment_requested"), eq(notifications.listingId, id)));
    expect(asked.map((n) => n.userId)).toEqual([world.investor1.userId]);
    const { termsVersion } = await listingRow(id);
    const outsider = await refusal(
      s().registrations.apply(world.investor2, id, application(termsVersion, { designatedFloor: FLOOR.toString() })),
    );
    expect(outsider.code).toBe("NOT_FOUND");
  });

  it("refuses review until the floor is committed, and a floor other than the start", async () => {
    const id = await designatedDraft();
    expect((await refusal(s().workflow.submit(world.seller, id))).code).toBe("DESIGNATED_NOT_COMMITTED");
    const wrong = await refusal(commit(id, FLOOR - yuan(1)));
    expect(wrong).toMatchObject({ code: "FLOOR_NOT_START", details: { startingPrice: FLOOR.toString() } });
    const commitment = await commit(id);
    const row = await listingRow(id);
    expect(row).toMatchObject({ designatedRegistrationId: commitment.id, designatedFloor: FLOOR, startingPrice: FLOOR });
    expect(await auditActions(id)).toContain("registration.designated_committed");
    await s().workflow.submit(world.seller, id);
    expect((await listingRow(id)).status).toBe("in_review");
  });

  it("keeps the committed start: the seller cannot change it in the draft", async () => {
    const id = await designatedDraft();
    await commit(id);
    const changed = await refusal(
      s().workflow.updateDraft(
        world.seller,
        id,
        goodTerms(world.asset.id, clock.now(), {
          mode: "designated",
          designatedOrgId: world.investors[0]!.id,
          startingPrice: yuan(900_000).toString(),
        }),
      ),
    );
    expect(changed.code).toBe("FLOOR_COMMITTED");
    expect((await listingRow(id)).startingPrice).toBe(FLOOR);
  });

  it("screens the designated investor like every bidder: an ID-number match may only be rejected", async () => {
    const id = await designatedDraft();
    const { termsVersion } = await listingRow(id);
    const commitment = await s().registrations.apply(
      world.investor1,
      id,
      application(termsVersion, { designatedFloor: FLOOR.toString(), applicantIdNumber: worldIds.borrower }),
    );
    expect(commitment.status).toBe("pending");
    await s().registrations.confirmDeposit(world.operator, commitment.id);
    const approving = await refusal(
      s().registrations.decide(world.operator, commitment.id, { decision: "approve", reason: "Committed in writing." }),
    );
    expect(approving.code).toBe("ID_NUMBER_MATCH");
    await s().registrations.decide(world.operator, commitment.id, { decision: "reject", reason: "Not eligible." });
    expect((await refusal(s().workflow.submit(world.seller, id))).code).toBe("DESIGNATED_NOT_COMMITTED");
  });

  it("refuses the announcement until an operator has approved the commitment, and the commitment binds", async () => {
    const id = await designatedDraft();
    const commitment = await commit(id);
    await s().workflow.submit(world.seller, id);
    await s().workflow.approve(world.approver1, id);
    await s().workflow.approve(world.approver2, id);
    await s().workflow.checkDisclosure(world.operator, id);
    expect((await refusal(s().workflow.publish(world.operator, id))).code).toBe("DESIGNATED_NOT_APPROVED");
    await approveRegistration(commitment.id);
    await s().workflow.publish(world.operator, id);
    expect((await listingRow(id)).status).toBe("announced");
    expect((await refusal(s().registrations.withdraw(world.investor1, commitment.id))).code).toBe("COMMITMENT_BINDS");
  });
});

describe("when registration closes", () => {
  it("with no other registrant: extends registration once by three working days, then awards at the floor without a live round", async () => {
    const { id, commitmentId } = await announcedDesignated();
    const before = await listingRow(id);

    const extended = await closeRegistration(id);
    expect(extended.status).toBe("announced");
    expect(extended.registrationExtendedAt).not.toBeNull();
    const shift = extended.announcementEndsAt!.getTime() - before.announcementEndsAt!.getTime();
    expect(shift).toBeGreaterThanOrEqual(3 * DAY);
    expect(shift).toBeLessThanOrEqual(5 * DAY);
    expect(extended.startsAt!.getTime() - before.startsAt!.getTime()).toBe(shift);
    expect(extended.endsAt!.getTime() - before.endsAt!.getTime()).toBe(shift);
    const told = await s()
      .db.select()
      .from(notifications)
      .where(and(eq(notifications.kind, "registration_extended"), eq(notifications.listingId, id)));
    expect(told.map((n) => n.userId)).toContain(world.investor1.userId);

    const awarded = await closeRegistration(id);
    expect(awarded).toMatchObject({
      status: "awarded",
      outcome: "designated_floor",
      winnerRegistrationId: commitmentId,
      hammerPrice: FLOOR,
      bidCount: 0,
    });
    expect(await s().db.select().from(bids).where(eq(bids.listingId, id))).toEqual([]);
    expect(await auditActions(id)).toEqual(expect.arrayContaining(["listing.registration_extended", "listing.award_at_floor"]));
    const detail = await s().listings.getPublic(id);
    expect(detail).toMatchObject({ status: "awarded", mode: "designated" });
  });

  it("with one other registrant: extends registration once, then runs a live auction in which the designated investor bids", async () => {
    const { id } = await announcedDesignated();
    await otherRegistrant(id, world.investor2, "91440300MA5F00AA1D");

    const extended = await closeRegistration(id);
    expect(extended).toMatchObject({ status: "announced" });
    expect(extended.registrationExtendedAt).not.toBeNull();

    const live = await closeRegistration(id);
    expect(live.status).toBe("live");
    const bid = await s().auction.placeBid(world.investor1, id, {
      amount: FLOOR.toString(),
      idempotencyKey: "7d1c1f1e-2b7a-4a43-9a7e-1d7f3f1b0001",
    });
    expect(bid.listing).toMatchObject({ currentPrice: FLOOR.toString(), status: "live" });
  });

  it("with two other registrants: runs a live auction at once, without extending registration", async () => {
    const { id } = await announcedDesignated();
    await otherRegistrant(id, world.investor2, "91440300MA5F00AA1D");
    await otherRegistrant(id, investor3, "91110000MA00BB2Y3R");

    const live = await closeRegistration(id);
    expect(live).toMatchObject({ status: "live", registrationExtendedAt: null });
    const approved = await s()
      .db.select()
      .from(registrations)
      .where(and(eq(registrations.listingId, id), eq(registrations.status, "approved")));
    expect(approved).toHaveLength(3);
  });

  it("a live designated auction nobody bids on goes to the designated investor at its floor", async () => {
    const { id, commitmentId } = await announcedDesignated();
    await otherRegistrant(id, world.investor2, "91440300MA5F00AA1D");
    await otherRegistrant(id, investor3, "91110000MA00BB2Y3R");
    const live = await closeRegistration(id);
    clock.set(live.endsAt!);
    await s().auction.closeDue();
    expect(await listingRow(id)).toMatchObject({
      status: "awarded",
      outcome: "designated_floor",
      winnerRegistrationId: commitmentId,
      hammerPrice: FLOOR,
    });
  });
});
