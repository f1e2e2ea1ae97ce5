import { and, asc, eq, lte } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { announcements, listingApprovals, listings, type Listing } from "../../../db/schema/index";
import type { AuditService } from "../../audit/service";
import type { Clock } from "../../clock";
import { AppError } from "../../errors";
import { type Principal } from "../../../core/identity/access";
import { listingAudience, type NotificationService } from "../../notifications/service";
import type { EventBus } from "../../realtime/bus";
import { extendRegistration, registrationCloseOutcome, requireDesignatedCommitment } from "../../sale-modes/designated/service";
import { createDraftService } from "./drafts";
import { announcementSettingsForRound, roundsSetting } from "../../sale-modes/rounds/settings";
import { announcementOf, announcementSettings, isPublicStatus, lifecycleActor, lifecycleFacts } from "../facts";
import { announcedTimetable } from "../rules/approval";
import { createTransitionRunner, noteOf, reasonOf } from "../transitions";

export interface WorkflowDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  bus: EventBus;
  notifications: NotificationService;
}

/**
 * The listing's life from draft to the opening of bidding, and its suspension and withdrawal:
 * every step locks the listing's row, asks the state machine, writes the change with its audit
 * record and notifications in one transaction, and tells the live room only after commit.
 */
export function createWorkflowService({ db, clock, audit, bus, notifications }: WorkflowDeps) {
  const { act } = createTransitionRunner({ db, clock, audit, bus });
  const drafts = createDraftService({ db, clock, audit, notifications, act });

  return {
    ...drafts,

    /** Submits a draft for review and answers the listing as it then stands, as every other step does. */
    async submit(principal: Principal, listingId: string): Promise<Listing> {
      await drafts.submit(principal, listingId);
      const [listing] = await db.select().from(listings).where(eq(listings.id, listingId));
      return listing!;
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
        await requireDesignatedCommitment(tx, listing, "publish");
        const facts = await lifecycleFacts(tx, listing);
        const timetable = announcedTimetable({
          publishedAt: now,
          value: facts.value,
          startsAt: listing.startsAt ?? now,
          endsAt: listing.endsAt ?? now,
          // A later round repeats a disclosure the market has read: its announcement is shorter.
          settings: announcementSettingsForRound(await announcementSettings(tx), listing.round, await roundsSetting(tx)),
        });
        const text = await announcementOf(tx, listing, {
          publishedAt: now,
          announcementEndsAt: timetable.announcementEndsAt,
          startsAt: timetable.startsAt,
          endsAt: timetable.endsAt,
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

    /**
     * `alongside` runs in the same transaction (an upheld objection and its suspension commit
     * together) and names whom it has told already, so nobody hears of it twice.
     */
    async suspend(
      principal: Principal,
      listingId: string,
      raw: unknown,
      alongside?: (tx: Db, listing: Listing, now: Date) => Promise<string[]>,
    ) {
      const reason = reasonOf(raw);
      return act(principal, listingId, "suspend", { reason }, async (tx, listing, _to, now) => {
        const told = alongside ? await alongside(tx, listing, now) : [];
        await notifications.notify(tx, {
          userIds: (await listingAudience(tx, listing.id)).filter((id) => !told.includes(id)),
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
          const step = await closeRegistration(due.id);
          if (step === "extended") continue;
          opened += 1;
        } catch (error) {
          // Another node opened it first: the machine refuses a second opening.
          if (AppError.is(error) && error.code === "INVALID_TRANSITION") continue;
          // Registrations changed between the decision and the step: the next run decides again.
          if (AppError.is(error) && error.code === "CONFLICT") break;
          throw error;
        }
      }
      return opened;
    },
  };

  /**
   * Registration closes when bidding is due to open. A designated purchase decides then, on the
   * approved registrations as they stand under the listing's lock: fewer than two other bidders
   * extend registration once; the designated investor still alone buys at its floor without a
   * live round; otherwise bidding opens as for any auction. The decision is checked again inside
   * the transition, so a registration approved in between cannot slip past it.
   */
  async function closeRegistration(listingId: string): Promise<"extended" | "awarded" | "opened"> {
    const decided = await db.transaction(async (tx) => {
      const [listing] = await tx.select().from(listings).where(eq(listings.id, listingId)).for("no key update");
      if (!listing || listing.mode !== "designated" || listing.status !== "announced") return "run_auction" as const;
      const outcome = await registrationCloseOutcome(tx, listing);
      if (outcome === "extend_registration") await extendRegistration(tx, listing, clock.now(), { audit, notifications });
      return outcome;
    });
    if (decided === "extend_registration") return "extended";
    const confirm = async (tx: Db, listing: Listing) => {
      const now = listing.mode === "designated" ? await registrationCloseOutcome(tx, listing) : "run_auction";
      const same = now === decided || (now === "no_buyer" && decided === "run_auction");
      if (!same) throw new AppError("CONFLICT", "The registrations changed while registration closed; deciding again.");
    };
    if (decided === "award_at_floor") {
      await act("system", listingId, "award_at_floor", { hasWinner: true }, async (tx, listing, _to, now) => {
        await confirm(tx, listing);
        return {
          outcome: "designated_floor" as const,
          winnerRegistrationId: listing.designatedRegistrationId,
          hammerPrice: listing.startingPrice,
          currentPrice: listing.startingPrice,
          closedAt: now,
        };
      });
      return "awarded";
    }
    await act("system", listingId, "open", {}, async (tx, listing) => {
      await confirm(tx, listing);
      await notifications.notify(tx, {
        userIds: await listingAudience(tx, listing.id, { approvedOnly: false }),
        kind: "bidding_opened",
        listingId: listing.id,
      });
      return {};
    });
    return "opened";
  }

  async function tellAuthor(tx: Db, listing: Listing, kind: "listing_returned" | "listing_approved", params = {}) {
    if (listing.createdBy) await notifications.notify(tx, { userIds: [listing.createdBy], kind, listingId: listing.id, params });
  }
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
