import { and, asc, desc, eq, like, or } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  announcements,
  auditLog,
  listingApprovals,
  listings,
  organisations,
  registrations as registrationRows,
  users,
} from "../../../db/schema/index";
import type { Clock } from "../../clock";
import { AppError } from "../../errors";
import type { Principal } from "../../../core/identity/access";
import {
  isInsider,
  isPublicStatus,
  isUuid,
  lifecycleActor,
  lifecycleFacts,
  listingNotFound,
  lotAssets,
  valuationOf,
} from "../facts";
import { lifecycleActions, transition, type LifecycleAction } from "../rules/lifecycle";
import type { RegistrationService } from "../registration/service";
import { announcementPeriod, defaultAnnouncementSettings } from "../rules/approval";
import { addDays } from "../../../core/time";
import { defaultTerms } from "../../../core/listing-terms";
import { sellerLot, sellerLots } from "./lots";

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const str = (n: bigint | null) => (n === null ? null : n.toString());

/** Timeline entries the public may see: how the listing moved through its public life. */
const publicActions = new Set([
  "listing.publish",
  "listing.open",
  "listing.suspend",
  "listing.resume",
  "listing.withdraw",
  "listing.closed",
  "listing.award_at_floor",
  "listing.registration_extended",
  "listing.agree",
  "listing.fail_award",
  "listing.contract",
  "listing.settle",
  "listing.complete",
  "listing.debtor_notice_published",
  "tender.best_and_final",
  "objection.upheld",
  "objection.dismissed",
]);

/**
 * Who took a public step, by the part they play, never by name: the role the state machine
 * recorded for a lifecycle step ("agree" is the seller's admin or the negotiated counterparty).
 */
function publicActor(row: { actorUserId: string | null; action: string; after: unknown }) {
  if (!row.actorUserId) return "system";
  const role = (row.after as { role?: string } | null)?.role;
  // The one public step an investor takes: accepting the seller's offer in a negotiated transfer.
  if (role === "investor") return "counterparty";
  if (role && ["seller_admin", "seller_staff", "approver", "valuer"].includes(role)) return "seller";
  return "operator";
}

/**
 * The insider's side of a listing: what a seller's staff and the operators see and may do, its
 * review and its timeline. Registrants' identities never appear here: a seller learns counts only.
 */
export function createWorkspaceService({
  db,
  clock,
  registrations,
}: {
  db: Db;
  clock: Clock;
  registrations: RegistrationService;
}) {
  /**
   * The listing's timeline. Operators see who did what; the seller's staff see everyone but an
   * objector (who stays private); the public sees the public steps, actors by function only.
   */
  async function timeline(listingId: string, audience: "operator" | "seller" | "public") {
    const rows = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityType, "listing"),
          eq(auditLog.entityId, listingId),
          or(like(auditLog.action, "listing.%"), like(auditLog.action, "objection.%")),
        ),
      )
      .orderBy(asc(auditLog.seq));
    return rows
      .filter((r) => audience !== "public" || publicActions.has(r.action))
      .map((r) => ({
        seq: r.seq,
        at: r.at.toISOString(),
        action: r.action,
        actor:
          audience === "operator" || (audience === "seller" && r.action !== "objection.filed")
            ? r.actorLabel
            : audience === "seller"
              ? "objector"
              : publicActor(r),
        status: (r.after as { status?: string } | null)?.status ?? null,
        reason: r.reason,
      }));
  }

  const bidderCodeOf = async (id: string) =>
    (await db.select({ code: registrationRows.bidderCode }).from(registrationRows).where(eq(registrationRows.id, id)))[0]?.code ??
    null;
  const organisationName = async (id: string) =>
    (await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id)))[0]?.name ?? null;

  /** Inside the listing's view: whom a designated purchase names, and where its commitment stands. */
  async function designatedStanding(listing: typeof listings.$inferSelect) {
    const [commitment] = listing.designatedRegistrationId
      ? await db
          .select({ status: registrationRows.status, at: registrationRows.createdAt, code: registrationRows.bidderCode })
          .from(registrationRows)
          .where(eq(registrationRows.id, listing.designatedRegistrationId))
      : [];
    return {
      organisationName: listing.designatedOrgId ? await organisationName(listing.designatedOrgId) : null,
      floor: str(listing.designatedFloor),
      commitment: commitment ? { status: commitment.status, at: commitment.at.toISOString(), bidderCode: commitment.code } : null,
      registrationExtendedAt: iso(listing.registrationExtendedAt),
    };
  }

  return {
    timeline,

    /** A page of the lots this principal may list (lots.ts), searchable. */
    sellerLots: (principal: Principal, options?: { q?: string; page?: number }) => sellerLots(db, principal, options),
    /** One lot this principal may list, or null. */
    sellerLot: (principal: Principal, ref: { type: "asset" | "package"; id: string }) => sellerLot(db, principal, ref),

    /** What a new listing of this lot starts from: the defaults of docs/domain.md "Bidding rules", timed after the announcement it will need. */
    draftDefaults(valuation: bigint | null) {
      const now = clock.now();
      const period = announcementPeriod(valuation ?? 0n, defaultAnnouncementSettings);
      // Review usually takes a few days: start a week after the announcement period would end.
      const earliest = addDays(now, period.days + 5, period.workingDays, defaultAnnouncementSettings.timeZone);
      const terms = defaultTerms({ valuation, earliestStart: earliest });
      return {
        startingPrice: terms.startingPrice.toString(),
        increment: terms.increment.toString(),
        deposit: terms.deposit.toString(),
        antiSnipingWindowMinutes: terms.antiSnipingWindowMinutes,
        antiSnipingExtensionMinutes: terms.antiSnipingExtensionMinutes,
        startsAt: terms.startsAt.toISOString(),
        endsAt: terms.endsAt.toISOString(),
        balanceDueDays: terms.balanceDueDays,
      };
    },

    /** The insider view of one listing: terms with the reserve, review, announcement, counts, timeline, allowed actions. */
    async workspace(principal: Principal, listingId: string) {
      if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
      if (!isUuid(listingId)) throw listingNotFound();
      const [listing] = await db.select().from(listings).where(eq(listings.id, listingId));
      if (!listing) throw listingNotFound();
      const actor = lifecycleActor(principal, listing.sellerOrgId);
      if (!isInsider(actor)) throw listingNotFound();
      const facts = await lifecycleFacts(db, listing);
      const lots = await lotAssets(db, listing);
      const [seller] = await db.select().from(organisations).where(eq(organisations.id, listing.sellerOrgId));
      const reviewers = await db
        .select({
          round: listingApprovals.round,
          decision: listingApprovals.decision,
          role: listingApprovals.role,
          reason: listingApprovals.reason,
          at: listingApprovals.createdAt,
          name: users.displayName,
        })
        .from(listingApprovals)
        .innerJoin(users, eq(listingApprovals.userId, users.id))
        .where(eq(listingApprovals.listingId, listing.id))
        .orderBy(desc(listingApprovals.round), asc(listingApprovals.createdAt));
      const [announcement] = await db.select().from(announcements).where(eq(announcements.listingId, listing.id));
      const now = clock.now();
      const allowed: LifecycleAction[] = lifecycleActions.filter(
        (action) =>
          // Taken by the system or through their own flows (a negotiation's acceptance), never as a button here.
          !["open", "close", "award", "fail", "award_at_floor", "agree", "fail_award"].includes(action) &&
          transition(facts, action, actor, { now, reason: "-" }).ok &&
          !(action === "check_disclosure" && listing.disclosureCheckedAt),
      );
      return {
        id: listing.id,
        title: listing.title,
        titleEn: listing.titleEn,
        titleZh: listing.titleZh,
        summary: listing.summary,
        summaryZh: listing.summaryZh,
        mode: listing.mode,
        status: listing.status,
        /** The sale round, and the failed listing this one follows. */
        round: listing.round,
        previousListingId: listing.previousListingId,
        isPublic: isPublicStatus(listing.status),
        seller: { id: listing.sellerOrgId, name: seller!.name },
        lots: lots.map((a) => ({
          id: a.id,
          kind: a.kind,
          title: a.title,
          region: a.region,
          principal: str(a.principal),
          appraisedValue: str(a.appraisedValue),
        })),
        isPackage: listing.packageId !== null,
        lot: { assetId: listing.assetId, packageId: listing.packageId },
        currency: listing.currency,
        startingPrice: listing.startingPrice.toString(),
        reservePrice: str(listing.reservePrice),
        increment: listing.increment.toString(),
        deposit: listing.deposit.toString(),
        valuation: str(valuationOf(lots)),
        value: facts.value.toString(),
        antiSnipingWindowMinutes: listing.antiSnipingWindowSeconds / 60,
        antiSnipingExtensionMinutes: listing.antiSnipingExtensionSeconds / 60,
        maxExtensions: listing.maxExtensions,
        maxBidMultiple: listing.maxBidMultiple,
        startsAt: iso(listing.startsAt),
        endsAt: iso(listing.endsAt),
        balanceDueDays: listing.balanceDueDays,
        specialTerms: listing.specialTerms,
        valuationExceptionReason: listing.valuationExceptionReason,
        rightOfFirstRefusalHolders: listing.rightOfFirstRefusalHolders,
        termsVersion: listing.termsVersion,
        tenderPricing: listing.tenderPricing,
        designatedOrgId: listing.designatedOrgId,
        designated: listing.mode === "designated" ? await designatedStanding(listing) : null,
        counterpartyOrgId: listing.counterpartyOrgId,
        negotiationJustification: listing.negotiationJustification,
        counterpartyName: listing.counterpartyOrgId ? await organisationName(listing.counterpartyOrgId) : null,
        bestAndFinalTopN: listing.bestAndFinalTopN,
        // After a default: the offer to the runner-up, by its bidder code only.
        runnerUp: listing.runnerUpRegistrationId
          ? {
              bidderCode: await bidderCodeOf(listing.runnerUpRegistrationId),
              price: str(listing.runnerUpPrice),
              deadline: iso(listing.runnerUpDeadline),
            }
          : null,
        defaulted: listing.defaultedRegistrationId !== null,
        review: {
          round: listing.reviewRound,
          required: facts.review.required,
          approvals: facts.review.approvals.length,
          disclosureChecked: facts.review.disclosureChecked,
          decisions: reviewers.map((r) => ({ ...r, at: r.at.toISOString() })),
        },
        announcement: announcement
          ? {
              publishedAt: announcement.publishedAt.toISOString(),
              endsAt: announcement.endsAt.toISOString(),
              periodDays: announcement.periodDays,
              workingDays: announcement.workingDays,
            }
          : null,
        announcementEndsAt: iso(listing.announcementEndsAt),
        suspendedFrom: listing.suspendedFrom,
        bidCount: listing.bidCount,
        registrations: await registrations.counts(listing.id),
        allowed,
        timeline: await timeline(listing.id, actor.roles.has("operator") ? "operator" : "seller"),
      };
    },
  };
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
