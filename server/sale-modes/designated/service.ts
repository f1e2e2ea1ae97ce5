import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { listings, memberships, organisations, registrations, type Listing } from "../../../db/schema/index";
import type { AuditService } from "../../audit/service";
import { AppError } from "../../errors";
import { listingAudience, type NotificationService } from "../../notifications/service";
import { addDays } from "../../../core/time";
import { announcementSettings } from "../../listings/facts";
import { designatedOutcome, designatedTerms, type DesignatedOutcome } from "../rules";

/**
 * Designated purchase (指定收购并处置), the parts around the lifecycle: the commitment a listing
 * needs before review and announcement, and what happens when registration closes.
 */

/** How long registration is extended, once, when fewer than two other bidders registered (docs/domain.md "Sale modes"). */
export const DESIGNATED_EXTENSION_WORKING_DAYS = 3;

/**
 * Before review: the designated investor has committed, its floor is the start and the deposit
 * is in range. Before the announcement: the operator has also approved the commitment.
 */
export async function requireDesignatedCommitment(tx: Db, listing: Listing, stage: "submit" | "publish") {
  if (listing.mode !== "designated") return;
  const [commitment] = listing.designatedRegistrationId
    ? await tx.select().from(registrations).where(eq(registrations.id, listing.designatedRegistrationId))
    : [];
  if (!commitment || listing.designatedFloor === null || commitment.status === "rejected" || commitment.status === "withdrawn") {
    throw new AppError("DESIGNATED_NOT_COMMITTED", "The designated investor has not committed its floor price yet.");
  }
  const terms = designatedTerms(listing.designatedFloor, listing.deposit, listing.startingPrice);
  if (!terms.ok) throw new AppError("DESIGNATED_NOT_COMMITTED", terms.message, { rule: terms.code });
  if (stage === "publish" && commitment.status !== "approved") {
    throw new AppError(
      "DESIGNATED_NOT_APPROVED",
      "An operator must confirm the designated investor's deposit and approve it first.",
    );
  }
}

/** The members of the designated investor organisation, who are asked to commit. */
export async function designatedInvestors(tx: Db, organisationId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "investor")));
  return rows.map((r) => r.userId);
}

/** The organisations a seller may name as designated investor: approved, with investors, not itself. */
export async function designatableOrganisations(tx: Db, sellerOrgId: string) {
  return tx
    .selectDistinct({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .innerJoin(memberships, eq(memberships.organisationId, organisations.id))
    .where(and(eq(organisations.status, "approved"), eq(memberships.role, "investor"), ne(organisations.id, sellerOrgId)))
    .orderBy(organisations.name);
}

/** What closing registration means for this listing now, read under the caller's lock. */
export async function registrationCloseOutcome(tx: Db, listing: Listing): Promise<DesignatedOutcome> {
  const approved = await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.listingId, listing.id), eq(registrations.status, "approved")));
  const designatedApproved = approved.some((r) => r.id === listing.designatedRegistrationId);
  return designatedOutcome({
    designatedApproved,
    otherBidders: approved.filter((r) => r.id !== listing.designatedRegistrationId).length,
    alreadyExtended: listing.registrationExtendedAt !== null,
  });
}

/**
 * Extends registration once: the announcement's end, the start and the end all move by the same
 * span (three working days by default), so the bidding keeps its length; registrants and
 * watchers are told.
 */
export async function extendRegistration(
  tx: Db,
  listing: Listing,
  now: Date,
  deps: { audit: AuditService; notifications: NotificationService },
) {
  const settings = await announcementSettings(tx);
  const from = listing.announcementEndsAt ?? now;
  const until = addDays(from, DESIGNATED_EXTENSION_WORKING_DAYS, true, settings.timeZone);
  const shift = until.getTime() - from.getTime();
  const later = (d: Date | null) => (d ? new Date(d.getTime() + shift) : d);
  const [after] = await tx
    .update(listings)
    .set({
      announcementEndsAt: until,
      startsAt: later(listing.startsAt),
      endsAt: later(listing.endsAt),
      originalEndsAt: later(listing.originalEndsAt),
      registrationExtendedAt: now,
      updatedAt: now,
    })
    .where(eq(listings.id, listing.id))
    .returning();
  await deps.audit.append(tx, {
    actor: { userId: null, label: "system:lifecycle" },
    action: "listing.registration_extended",
    entityType: "listing",
    entityId: listing.id,
    before: { announcementEndsAt: listing.announcementEndsAt, startsAt: listing.startsAt, endsAt: listing.endsAt },
    after: { announcementEndsAt: until, startsAt: after!.startsAt, endsAt: after!.endsAt },
    reason: "fewer than two bidders registered",
  });
  await deps.notifications.notify(tx, {
    userIds: await listingAudience(tx, listing.id),
    kind: "registration_extended",
    listingId: listing.id,
    params: { until: until.toISOString() },
  });
  return after!;
}

/**
 * The designated listings, still being prepared, that name one of these organisations as their
 * investor: what it needs to read before committing (terms, start, deposit), nothing private.
 */
export async function invitationsFor(tx: Db, organisationIds: readonly string[], listingId?: string) {
  if (organisationIds.length === 0) return [];
  const rows = await tx
    .select({ listing: listings, sellerName: organisations.name })
    .from(listings)
    .innerJoin(organisations, eq(listings.sellerOrgId, organisations.id))
    .where(
      and(
        eq(listings.mode, "designated"),
        inArray(listings.designatedOrgId, [...organisationIds]),
        inArray(listings.status, ["draft", "in_review", "approved"]),
        listingId ? eq(listings.id, listingId) : undefined,
      ),
    );
  return rows.map(({ listing, sellerName }) => ({
    id: listing.id,
    title: listing.title,
    status: listing.status,
    sellerName,
    currency: listing.currency,
    startingPrice: listing.startingPrice.toString(),
    deposit: listing.deposit.toString(),
    specialTerms: listing.specialTerms,
    balanceDueDays: listing.balanceDueDays,
    termsVersion: listing.termsVersion,
    rightOfFirstRefusalHolders: listing.rightOfFirstRefusalHolders.length,
    startsAt: listing.startsAt?.toISOString() ?? null,
    committed: listing.designatedRegistrationId !== null,
  }));
}
