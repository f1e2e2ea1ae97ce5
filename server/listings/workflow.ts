import { and, asc, eq, inArray, lte, notInArray, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  announcements,
  assets,
  listingApprovals,
  listings,
  memberships,
  organisations,
  packages,
  type Listing,
  type ListingStatus,
} from "../../db/schema";
import type { AuditService, Actor } from "../audit/service";
import type { Clock } from "../clock";
import { AppError, type ErrorCode } from "../errors";
import { actorOf } from "../identity/service";
import { activeRoles, type Principal } from "../identity/rules";
import { listingAudience, type NotificationService } from "../notifications/service";
import type { EventBus, PublicAuctionEvent } from "../realtime/bus";
import { buildAnnouncement } from "./announcement";
import {
  announcementSettings,
  isInsider,
  isPublicStatus,
  isUuid,
  lifecycleActor,
  lifecycleFacts,
  listingNotFound,
  lotAssets,
  lotInUse,
  statusEvent,
  systemActor,
  valuationOf,
} from "./facts";
import { lifecycleActions, transition, type LifecycleAction, type LifecycleActor } from "./lifecycle";
import { announcedTimetable } from "./rules";
import { checkTerms, listingTermsSchema, type ListingTerms } from "./terms";

export interface WorkflowDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  bus: EventBus;
  notifications: NotificationService;
}

const systemAuditActor: Actor = { userId: null, label: "system:lifecycle" };

/** What happens after a transition commits: room events and nothing else (notifications commit with it). */
interface Applied {
  listing: Listing;
  events: PublicAuctionEvent[];
}

/**
 * The listing's life from draft to the opening of bidding, and its suspension and withdrawal:
 * every step locks the listing's row, asks the state machine, writes the change with its audit
 * record and notifications in one transaction, and tells the live room only after commit.
 */
export function createWorkflowService({ db, clock, audit, bus, notifications }: WorkflowDeps) {
  async function lock(tx: Db, listingId: string): Promise<Listing> {
    if (!isUuid(listingId)) throw listingNotFound();
    const [listing] = await tx.select().from(listings).where(eq(listings.id, listingId)).for("update");
    if (!listing) throw listingNotFound();
    return listing;
  }

  /**
   * One lifecycle action. Someone with no part in a private listing learns nothing of it (404);
   * the machine's refusals become errors with its code.
   */
  async function act(
    principal: Principal | "system",
    listingId: string,
    action: LifecycleAction,
    options: { reason?: string | null; hasWinner?: boolean },
    apply: (tx: Db, listing: Listing, to: ListingStatus, now: Date, auditActor: Actor) => Promise<Record<string, unknown>>,
  ): Promise<Listing> {
    const result = await db.transaction(async (tx): Promise<Applied> => {
      const listing = await lock(tx, listingId);
      const actor = principal === "system" ? systemActor : lifecycleActor(principal, listing.sellerOrgId);
      if (principal !== "system" && !isPublicStatus(listing.status) && !isInsider(actor)) throw listingNotFound();
      const now = clock.now();
      const facts = await lifecycleFacts(tx, listing);
      const decided = transition(facts, action, actor, { now, reason: options.reason, hasWinner: options.hasWinner });
      if (!decided.ok) throw new AppError(decided.code as ErrorCode, decided.message, decided.details ?? {});
      const auditActor = principal === "system" ? systemAuditActor : actorOf(principal as Principal & { kind: "user" });
      const extra = await apply(tx, listing, decided.to, now, auditActor);
      const [after] = await tx
        .update(listings)
        .set({ status: decided.to, updatedAt: now, ...extra })
        .where(eq(listings.id, listing.id))
        .returning();
      await audit.append(tx, {
        actor: auditActor,
        action: `listing.${action}`,
        entityType: "listing",
        entityId: listing.id,
        before: { status: listing.status },
        after: { status: decided.to, role: decided.role, ...auditable(extra) },
        reason: options.reason?.trim() || null,
      });
      const visible = isPublicStatus(listing.status) || isPublicStatus(decided.to);
      return { listing: after!, events: visible && listing.status !== decided.to ? [await statusEvent(tx, after!)] : [] };
    });
    bus.publish(result.events);
    return result.listing;
  }

  /** A draft's terms, checked against the lot it sells; the lot must belong to an organisation the author sells for. */
  async function validDraft(tx: Db, principal: Principal, raw: unknown, except?: string) {
    const terms = listingTermsSchema.parse(raw);
    const lot = terms.assetId
      ? await tx.select({ orgId: assets.sellerOrgId, currency: assets.currency }).from(assets).where(eq(assets.id, terms.assetId))
      : await tx
          .select({ orgId: packages.sellerOrgId, currency: packages.currency })
          .from(packages)
          .where(eq(packages.id, terms.packageId!));
    const owner = lot[0];
    const roles = owner ? activeRoles(principal, owner.orgId) : new Set();
    if (!owner || !(roles.has("seller_admin") || roles.has("seller_staff"))) {
      throw new AppError("NOT_FOUND", "No such asset or package among your organisation's lots.", { field: "lot" });
    }
    const inUse = await lotInUse(tx, terms, except);
    if (inUse) throw new AppError("LOT_IN_USE", "This lot is already in a listing that has not finished.", { listingId: inUse });
    const lots = await lotAssets(tx, { assetId: terms.assetId ?? null, packageId: terms.packageId ?? null });
    rejectIssues(checkTerms(terms, { valuation: valuationOf(lots), lotCurrency: owner.currency, now: clock.now() }));
    return { terms, sellerOrgId: owner.orgId };
  }

  const columnsOf = (terms: ListingTerms) => ({
    assetId: terms.assetId ?? null,
    packageId: terms.packageId ?? null,
    title: terms.title,
    summary: terms.summary,
    mode: terms.mode,
    currency: terms.currency,
    startingPrice: terms.startingPrice,
    reservePrice: terms.reservePrice ?? null,
    increment: terms.increment,
    deposit: terms.deposit,
    antiSnipingWindowSeconds: terms.antiSnipingWindowMinutes * 60,
    antiSnipingExtensionSeconds: terms.antiSnipingExtensionMinutes * 60,
    maxExtensions: terms.maxExtensions ?? null,
    startsAt: terms.startsAt,
    endsAt: terms.endsAt,
    originalEndsAt: terms.endsAt,
    balanceDueDays: terms.balanceDueDays,
    specialTerms: terms.specialTerms,
    valuationExceptionReason: terms.valuationExceptionReason,
    rightOfFirstRefusalHolders: terms.rightOfFirstRefusalHolders,
  });

  return {
    async createDraft(principal: Principal, raw: unknown): Promise<{ id: string }> {
      if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
      return db.transaction(async (tx) => {
        const { terms, sellerOrgId } = await validDraft(tx, principal, raw);
        const now = clock.now();
        const [row] = await tx
          .insert(listings)
          .values({
            ...columnsOf(terms),
            sellerOrgId,
            status: "draft",
            createdBy: principal.userId,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: listings.id });
        await audit.append(tx, {
          actor: actorOf(principal),
          action: "listing.created",
          entityType: "listing",
          entityId: row!.id,
          after: { status: "draft", title: terms.title, startingPrice: terms.startingPrice },
        });
        return { id: row!.id };
      });
    },

    async updateDraft(principal: Principal, listingId: string, raw: unknown) {
      await act(principal, listingId, "edit", {}, async (tx, listing) => {
        const { terms, sellerOrgId } = await validDraft(tx, principal, raw, listing.id);
        if (sellerOrgId !== listing.sellerOrgId) throw new AppError("FORBIDDEN", "A listing stays with its seller.");
        return columnsOf(terms);
      });
    },

    /** Into review: the terms are checked again (time has passed), and a new review round begins. */
    async submit(principal: Principal, listingId: string) {
      await act(principal, listingId, "submit", {}, async (tx, listing, _to, now) => {
        const lots = await lotAssets(tx, listing);
        const terms = listingTermsSchema.parse({
          ...listing,
          ...columnsOfListing(listing),
        });
        rejectIssues(checkTerms(terms, { valuation: valuationOf(lots), lotCurrency: listing.currency, now: clock.now() }));
        // The seller's reviewers, and the operators who check the disclosure.
        const reviewers = await tx
          .selectDistinct({ userId: memberships.userId })
          .from(memberships)
          .innerJoin(organisations, eq(memberships.organisationId, organisations.id))
          .where(
            or(
              and(eq(memberships.organisationId, listing.sellerOrgId), inArray(memberships.role, ["approver", "seller_admin"])),
              and(eq(memberships.role, "operator"), eq(organisations.kind, "platform")),
            ),
          );
        await notifications.notify(tx, {
          userIds: reviewers.map((r) => r.userId).filter((id) => id !== listing.createdBy),
          kind: "review_requested",
          listingId: listing.id,
        });
        return {
          submittedAt: now,
          reviewRound: listing.reviewRound + 1,
          termsVersion: listing.reviewRound + 1,
          disclosureCheckedAt: null,
          disclosureCheckedBy: null,
        };
      });
    },

    async approve(principal: Principal, listingId: string, raw: unknown = {}) {
      const note = noteOf(raw);
      return act(principal, listingId, "approve", { reason: note }, async (tx, listing, to, now) => {
        const facts = await lifecycleFacts(tx, listing);
        await tx.insert(listingApprovals).values({
          listingId: listing.id,
          round: listing.reviewRound,
          userId: (principal as Principal & { kind: "user" }).userId,
          role: facts.review.required.role,
          decision: "approved",
          reason: note,
          createdAt: now,
        });
        if (to === "approved") await tellAuthor(tx, listing, "listing_approved");
        return {};
      });
    },

    /** The operator's check of the disclosure completes the collective review. */
    async checkDisclosure(principal: Principal, listingId: string) {
      return act(principal, listingId, "check_disclosure", {}, async (tx, listing, to, now) => {
        if (listing.disclosureCheckedAt) throw new AppError("ALREADY_APPROVED", "The disclosure has already been checked.");
        if (to === "approved") await tellAuthor(tx, listing, "listing_approved");
        return { disclosureCheckedAt: now, disclosureCheckedBy: (principal as Principal & { kind: "user" }).userId };
      });
    },

    async returnForChanges(principal: Principal, listingId: string, raw: unknown) {
      const reason = reasonOf(raw);
      return act(principal, listingId, "return", { reason }, async (tx, listing, _to, now) => {
        const user = principal as Principal & { kind: "user" };
        const roles = lifecycleActor(principal, listing.sellerOrgId).roles;
        await tx.insert(listingApprovals).values({
          listingId: listing.id,
          round: listing.reviewRound,
          userId: user.userId,
          role: roles.has("approver") ? "approver" : roles.has("seller_admin") ? "seller_admin" : "operator",
          decision: "returned",
          reason,
          createdAt: now,
        });
        await tellAuthor(tx, listing, "listing_returned", { reason });
        return {};
      });
    },

    /**
     * Publishes the announcement: the period follows the value tier, and bidding opens no earlier
     * than its end (the seller's start moves later if need be, keeping the bidding's length).
     */
    async publish(principal: Principal, listingId: string) {
      return act(principal, listingId, "publish", {}, async (tx, listing, _to, now) => {
        const facts = await lifecycleFacts(tx, listing);
        const timetable = announcedTimetable({
          publishedAt: now,
          value: facts.value,
          startsAt: listing.startsAt ?? now,
          endsAt: listing.endsAt ?? now,
          settings: await announcementSettings(tx),
        });
        const lots = await lotAssets(tx, listing);
        const [seller] = await tx.select().from(organisations).where(eq(organisations.id, listing.sellerOrgId));
        const text = buildAnnouncement({
          title: listing.title,
          sellerName: seller!.name,
          lots,
          isPackage: listing.packageId !== null,
          currency: listing.currency,
          startingPrice: listing.startingPrice,
          increment: listing.increment,
          deposit: listing.deposit,
          hasReserve: listing.reservePrice !== null,
          publishedAt: now,
          announcementEndsAt: timetable.announcementEndsAt,
          startsAt: timetable.startsAt,
          endsAt: timetable.endsAt,
          antiSniping: {
            windowMinutes: listing.antiSnipingWindowSeconds / 60,
            extensionMinutes: listing.antiSnipingExtensionSeconds / 60,
            maxExtensions: listing.maxExtensions,
          },
          balanceDueDays: listing.balanceDueDays,
          rightOfFirstRefusalHolders: listing.rightOfFirstRefusalHolders.length,
          specialTerms: listing.specialTerms,
          period: timetable.period,
        });
        await tx
          .insert(announcements)
          .values({
            listingId: listing.id,
            publishedAt: now,
            endsAt: timetable.announcementEndsAt,
            periodDays: timetable.period.days,
            workingDays: timetable.period.workingDays,
            ...text,
            publishedBy: (principal as Principal & { kind: "user" }).userId,
          })
          .onConflictDoUpdate({
            target: announcements.listingId,
            set: { publishedAt: now, endsAt: timetable.announcementEndsAt, ...text },
          });
        await notifications.notify(tx, {
          userIds: await notifications.investors(tx),
          kind: "announcement_published",
          listingId: listing.id,
        });
        return {
          announcedAt: now,
          announcementEndsAt: timetable.announcementEndsAt,
          startsAt: timetable.startsAt,
          endsAt: timetable.endsAt,
          originalEndsAt: timetable.endsAt,
        };
      });
    },

    /** `alongside` runs in the same transaction: an upheld objection and its suspension commit together. */
    async suspend(
      principal: Principal,
      listingId: string,
      raw: unknown,
      alongside?: (tx: Db, listing: Listing, now: Date) => Promise<void>,
    ) {
      const reason = reasonOf(raw);
      return act(principal, listingId, "suspend", { reason }, async (tx, listing, _to, now) => {
        if (alongside) await alongside(tx, listing, now);
        await notifications.notify(tx, {
          userIds: await listingAudience(tx, listing.id),
          kind: alongside ? "objection_upheld" : "listing_suspended",
          listingId: listing.id,
          params: { reason },
        });
        return { suspendedFrom: listing.status, suspendedAt: now };
      });
    },

    /** Every deadline still ahead when the listing was suspended moves later by the time it stood still. */
    async resume(principal: Principal, listingId: string, raw: unknown) {
      const reason = reasonOf(raw);
      return act(principal, listingId, "resume", { reason }, async (tx, listing, _to, now) => {
        await notifications.notify(tx, {
          userIds: await listingAudience(tx, listing.id),
          kind: "listing_resumed",
          listingId: listing.id,
          params: { reason },
        });
        const since = listing.suspendedAt ?? now;
        const paused = Math.max(0, now.getTime() - since.getTime());
        const later = (d: Date | null) => (d && d > since ? new Date(d.getTime() + paused) : d);
        return {
          suspendedFrom: null,
          suspendedAt: null,
          announcementEndsAt: later(listing.announcementEndsAt),
          startsAt: later(listing.startsAt),
          endsAt: later(listing.endsAt),
        };
      });
    },

    async withdraw(principal: Principal, listingId: string, raw: unknown) {
      const reason = reasonOf(raw);
      return act(principal, listingId, "withdraw", { reason }, async (tx, listing) => {
        if (isPublicStatus(listing.status)) {
          await notifications.notify(tx, {
            userIds: await listingAudience(tx, listing.id),
            kind: "listing_withdrawn",
            listingId: listing.id,
            params: { reason },
          });
        }
        return { suspendedFrom: null, suspendedAt: null };
      });
    },

    /**
     * Opens bidding on announced listings whose announcement period is over and whose start has
     * come, one per transaction, claimed with SKIP LOCKED so that every node may run it.
     */
    async openDue(limit = 50): Promise<number> {
      let opened = 0;
      while (opened < limit) {
        const now = clock.now();
        const [due] = await db
          .select({ id: listings.id })
          .from(listings)
          .where(and(eq(listings.status, "announced"), lte(listings.announcementEndsAt, now), lte(listings.startsAt, now)))
          .orderBy(asc(listings.startsAt))
          .limit(1);
        if (!due) break;
        try {
          await act("system", due.id, "open", {}, async (tx, listing) => {
            await notifications.notify(tx, {
              userIds: await listingAudience(tx, listing.id, { approvedOnly: false }),
              kind: "bidding_opened",
              listingId: listing.id,
            });
            return {};
          });
          opened += 1;
        } catch (error) {
          // Another node opened it first: the machine refuses a second opening.
          if (AppError.is(error) && error.code === "INVALID_TRANSITION") continue;
          throw error;
        }
      }
      return opened;
    },

    /** What this principal may do to the listing now, for the buttons a page shows. */
    async allowedActions(principal: Principal, listingId: string): Promise<LifecycleAction[]> {
      if (!isUuid(listingId)) return [];
      const [listing] = await db.select().from(listings).where(eq(listings.id, listingId));
      if (!listing) return [];
      const actor: LifecycleActor = lifecycleActor(principal, listing.sellerOrgId);
      const facts = await lifecycleFacts(db, listing);
      const now = clock.now();
      return lifecycleActions.filter((action) => {
        if (action === "open" || action === "close" || action === "award" || action === "fail") return false;
        return transition(facts, action, actor, { now, reason: "-" }).ok;
      });
    },

    /** Listings under review that this principal may act on: approvers of the seller, or operators for all. */
    async reviewQueue(principal: Principal) {
      if (principal.kind !== "user") return [];
      const operator = activeRoles(principal).has("operator");
      const orgs = principal.memberships
        .filter((m) => m.organisationStatus === "approved" && (m.role === "approver" || m.role === "seller_admin"))
        .map((m) => m.organisationId);
      if (!operator && orgs.length === 0) return [];
      const rows = await db
        .select()
        .from(listings)
        .where(and(eq(listings.status, "in_review"), operator ? undefined : inArray(listings.sellerOrgId, orgs)))
        .orderBy(asc(listings.submittedAt));
      return Promise.all(
        rows.map(async (listing) => {
          const facts = await lifecycleFacts(db, listing);
          const actor = lifecycleActor(principal, listing.sellerOrgId);
          const now = clock.now();
          return {
            id: listing.id,
            title: listing.title,
            currency: listing.currency,
            startingPrice: listing.startingPrice.toString(),
            value: facts.value.toString(),
            submittedAt: (listing.submittedAt ?? listing.updatedAt).toISOString(),
            required: facts.review.required,
            approvals: facts.review.approvals.length,
            disclosureChecked: facts.review.disclosureChecked,
            valuationException: listing.valuationExceptionReason,
            canApprove: transition(facts, "approve", actor, { now }).ok,
            canCheckDisclosure: transition(facts, "check_disclosure", actor, { now }).ok && !listing.disclosureCheckedAt,
          };
        }),
      );
    },

    /** Approved listings awaiting their announcement (operators only). */
    async publishQueue(principal: Principal) {
      if (principal.kind !== "user" || !activeRoles(principal).has("operator")) return [];
      return db
        .select({
          id: listings.id,
          title: listings.title,
          currency: listings.currency,
          startingPrice: listings.startingPrice,
          startsAt: listings.startsAt,
          endsAt: listings.endsAt,
          sellerName: organisations.name,
        })
        .from(listings)
        .innerJoin(organisations, eq(listings.sellerOrgId, organisations.id))
        .where(eq(listings.status, "approved"))
        .orderBy(asc(listings.updatedAt));
    },

    /** Listings not yet finished, for the operator's overview of what is suspended or announced. */
    async operatorListings(principal: Principal, statuses: ListingStatus[]) {
      if (principal.kind !== "user" || !activeRoles(principal).has("operator")) return [];
      return db
        .select({ id: listings.id, title: listings.title, status: listings.status, startsAt: listings.startsAt })
        .from(listings)
        .where(and(inArray(listings.status, statuses), notInArray(listings.status, ["draft"])))
        .orderBy(asc(listings.startsAt));
    },
  };

  async function tellAuthor(tx: Db, listing: Listing, kind: "listing_returned" | "listing_approved", params = {}) {
    if (listing.createdBy) await notifications.notify(tx, { userIds: [listing.createdBy], kind, listingId: listing.id, params });
  }
}

function rejectIssues(issues: ReturnType<typeof checkTerms>) {
  if (issues.length === 0) return;
  throw new AppError("INVALID_TERMS", issues[0]!.message, {
    field: issues[0]!.field,
    fields: Object.fromEntries(issues.map((i) => [i.field, { code: i.code, message: i.message, params: i.params ?? {} }])),
  });
}

/** The stored listing in the shape the terms schema reads (money back to decimal strings). */
export function columnsOfListing(listing: Listing) {
  return {
    assetId: listing.assetId,
    packageId: listing.packageId,
    startingPrice: listing.startingPrice.toString(),
    reservePrice: listing.reservePrice?.toString() ?? null,
    increment: listing.increment.toString(),
    deposit: listing.deposit.toString(),
    antiSnipingWindowMinutes: listing.antiSnipingWindowSeconds / 60,
    antiSnipingExtensionMinutes: listing.antiSnipingExtensionSeconds / 60,
    maxExtensions: listing.maxExtensions,
    startsAt: listing.startsAt,
    endsAt: listing.endsAt,
  };
}

const reasonOf = (raw: unknown): string => {
  const value = (raw as { reason?: unknown } | null)?.reason;
  return typeof value === "string" ? value.trim().slice(0, 2000) : "";
};
const noteOf = (raw: unknown): string | null => reasonOf(raw) || null;

/** Audit `after` without the bulky or private parts of a column update. */
function auditable(extra: Record<string, unknown>) {
  const { rightOfFirstRefusalHolders: _holders, specialTerms: _terms, summary: _summary, ...rest } = extra;
  return rest;
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
