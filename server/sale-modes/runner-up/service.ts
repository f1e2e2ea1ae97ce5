import { and, asc, eq, isNotNull, lte } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client";
import { bids, listings, memberships, registrations, sealedBids, type Listing } from "../../../db/schema/index";
import type { AuditService } from "../../audit/service";
import type { Clock } from "../../clock";
import { AppError } from "../../errors";
import { actorOf } from "../../identity/accounts";
import { activeRoles, organisationsWith, type Principal } from "../../../core/identity/access";
import type { NotificationService } from "../../notifications/service";
import type { EventBus } from "../../realtime/bus";
import { isUuid, listingNotFound } from "../../listings/facts";
import { runnerUpOf, type StandingBid } from "../rules";
import { createTransitionRunner } from "../../listings/transitions";
import type { DepositService } from "../../payments/deposits";
import type { SaleService } from "../../payments/sales";

export const defaultSchema = z.object({
  reason: z.string().trim().min(1, { message: "Say how the winner defaulted" }).max(2000),
  /** Offer the lot to the runner-up at its own last bid; otherwise the award fails and the lot may be re-listed. */
  offerRunnerUp: z.boolean().default(true),
  /** How long the runner-up has to accept. */
  deadlineHours: z.coerce.number().int().min(24).max(240).default(72),
});

export const runnerUpAnswerSchema = z.object({ accept: z.boolean() });

/**
 * A winner that does not pay forfeits its deposit (docs/domain.md "Closing, defaults and the runner-up"); the operator may then
 * offer the lot to the runner-up at its own last bid, with a deadline. Accepted: the runner-up is
 * the winner at that price. Declined, lapsed, or no runner-up: the award fails and the seller may
 * re-list the lot.
 */
export function createRunnerUpService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  bus: EventBus;
  notifications: NotificationService;
  deposits: DepositService;
  sales: SaleService;
}) {
  const { db, clock, audit, notifications, deposits, sales } = deps;
  const { act } = createTransitionRunner(deps);

  /** Every bidder's bids: open bids from the log, or a tender's opened sealed bids. */
  async function standingBids(tx: Db, listing: Listing): Promise<StandingBid[]> {
    if (listing.mode === "tender") {
      const rows = await tx
        .select({ registrationId: sealedBids.registrationId, amount: sealedBids.openedAmount, at: sealedBids.submittedAt })
        .from(sealedBids)
        .where(and(eq(sealedBids.listingId, listing.id), isNotNull(sealedBids.openedAmount)));
      // A sealed bid below the start was never valid: it cannot be offered the lot either.
      return rows.filter((r) => r.amount! >= listing.startingPrice).map((r) => ({ ...r, amount: r.amount! }));
    }
    return tx
      .select({ registrationId: bids.registrationId, amount: bids.amount, at: bids.placedAt })
      .from(bids)
      .where(eq(bids.listingId, listing.id));
  }

  /**
   * Fails the award. `lapsed` guards the deadline's run: under the lock, the offer must still
   * stand and its deadline have passed (the runner-up may have accepted a moment before).
   */
  const failAward = (principal: Principal | "system", listingId: string, reason: string, extra = {}, lapsed = false) =>
    act(principal, listingId, "fail_award", { reason }, (_tx, listing, _to, now) => {
      if (lapsed && !(listing.runnerUpDeadline && listing.runnerUpDeadline <= now && listing.runnerUpRegistrationId)) {
        throw new AppError("CONFLICT", "The runner-up answered in time.");
      }
      return {
        runnerUpRegistrationId: null,
        runnerUpPrice: null,
        runnerUpDeadline: null,
        winnerRegistrationId: null,
        hammerPrice: null,
        ...extra,
      };
    });

  return {
    /**
     * The operator records the winner's default. With a runner-up and `offerRunnerUp`, the lot is
     * offered to it at its own last bid until the deadline; otherwise the award fails.
     */
    async recordDefault(principal: Principal, listingId: string, raw: unknown) {
      if (principal.kind !== "user" || !activeRoles(principal).has("operator")) {
        throw new AppError("FORBIDDEN", "Only operators record a winner's default.");
      }
      const input = defaultSchema.parse(raw);
      if (!isUuid(listingId)) throw listingNotFound();
      const offered = await db.transaction(async (tx) => {
        const [listing] = await tx.select().from(listings).where(eq(listings.id, listingId)).for("no key update");
        if (!listing) throw listingNotFound();
        if (!(listing.status === "awarded" || listing.status === "contracted") || !listing.winnerRegistrationId) {
          throw new AppError("INVALID_TRANSITION", "Only a winner that has not paid can default.", { status: listing.status });
        }
        if (listing.runnerUpRegistrationId) throw new AppError("ALREADY_DECIDED", "The lot is already offered to the runner-up.");
        const excluded = [
          listing.winnerRegistrationId,
          ...(listing.defaultedRegistrationId ? [listing.defaultedRegistrationId] : []),
        ];
        const next = input.offerRunnerUp ? runnerUpOf(await standingBids(tx, listing), excluded) : null;
        const now = clock.now();
        await audit.append(tx, {
          actor: actorOf(principal),
          action: "listing.winner_defaulted",
          entityType: "listing",
          entityId: listing.id,
          before: { winnerRegistrationId: listing.winnerRegistrationId, price: listing.hammerPrice },
          after: next ? { runnerUpRegistrationId: next.registrationId, price: next.amount } : { runnerUp: null },
          reason: input.reason,
        });
        // The defaulter's deposit is kept (SPC 2016 art. 24), whether or not the runner-up takes the lot.
        await deposits.settleFor(tx, listing.winnerRegistrationId, "won_and_defaulted", actorOf(principal), input.reason);
        await sales.markDefaulted(tx, listing.id, listing.winnerRegistrationId);
        if (!next) return null;
        const deadline = new Date(now.getTime() + input.deadlineHours * 3_600_000);
        await tx
          .update(listings)
          .set({
            defaultedRegistrationId: listing.winnerRegistrationId,
            runnerUpRegistrationId: next.registrationId,
            runnerUpPrice: next.amount,
            runnerUpDeadline: deadline,
            updatedAt: now,
          })
          .where(eq(listings.id, listing.id));
        const [runner] = await tx.select().from(registrations).where(eq(registrations.id, next.registrationId));
        const people = await tx
          .select({ userId: memberships.userId })
          .from(memberships)
          .where(and(eq(memberships.organisationId, runner!.organisationId), eq(memberships.role, "investor")));
        await notifications.notify(tx, {
          userIds: [runner!.userId, ...people.map((p) => p.userId)],
          kind: "runner_up_offered",
          listingId: listing.id,
          params: { price: next.amount.toString(), deadline: deadline.toISOString() },
        });
        return { registrationId: next.registrationId, price: next.amount.toString(), deadline: deadline.toISOString() };
      });
      if (offered) return { status: "awarded" as const, runnerUp: offered };
      const [row] = await db.select().from(listings).where(eq(listings.id, listingId));
      await failAward(principal, listingId, input.reason, { defaultedRegistrationId: row!.winnerRegistrationId });
      return { status: "failed" as const, runnerUp: null };
    },

    /** The runner-up's answer, before its deadline: accepting makes it the winner at its own last bid. */
    async answer(principal: Principal, listingId: string, raw: unknown) {
      if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
      const { accept } = runnerUpAnswerSchema.parse(raw);
      if (!isUuid(listingId)) throw listingNotFound();
      const outcome = await db.transaction(async (tx) => {
        const [listing] = await tx.select().from(listings).where(eq(listings.id, listingId)).for("no key update");
        const [runner] = listing?.runnerUpRegistrationId
          ? await tx.select().from(registrations).where(eq(registrations.id, listing.runnerUpRegistrationId))
          : [];
        // Only the runner-up learns that there is an offer.
        if (!listing || !runner || !organisationsWith(principal, ["investor"]).includes(runner.organisationId)) {
          throw listingNotFound();
        }
        const now = clock.now();
        if (listing.status !== "awarded" || !listing.runnerUpDeadline || now >= listing.runnerUpDeadline) {
          throw new AppError("OFFER_EXPIRED", "The offer to the runner-up has lapsed.");
        }
        await audit.append(tx, {
          actor: actorOf(principal),
          action: accept ? "listing.runner_up_accepted" : "listing.runner_up_declined",
          entityType: "listing",
          entityId: listing.id,
          after: { registrationId: runner.id, price: listing.runnerUpPrice },
        });
        if (!accept) return "declined" as const;
        await tx
          .update(listings)
          .set({
            winnerRegistrationId: runner.id,
            hammerPrice: listing.runnerUpPrice,
            currentPrice: listing.runnerUpPrice,
            runnerUpRegistrationId: null,
            runnerUpDeadline: null,
            updatedAt: now,
          })
          .where(eq(listings.id, listing.id));
        return "accepted" as const;
      });
      if (outcome === "declined") await failAward("system", listingId, "the runner-up declined the offer");
      return { accepted: outcome === "accepted" };
    },

    /** The offer's standing for the runner-up's own page: null to anyone else. */
    async offerFor(principal: Principal, listingId: string) {
      if (principal.kind !== "user" || !isUuid(listingId)) return null;
      const [listing] = await db.select().from(listings).where(eq(listings.id, listingId));
      if (!listing?.runnerUpRegistrationId || listing.status !== "awarded") return null;
      const [runner] = await db.select().from(registrations).where(eq(registrations.id, listing.runnerUpRegistrationId));
      if (!runner || !organisationsWith(principal, ["investor"]).includes(runner.organisationId)) return null;
      return { price: listing.runnerUpPrice!.toString(), deadline: listing.runnerUpDeadline!.toISOString() };
    },

    /** Offers whose deadline passed unanswered: the award fails, once, on whichever node gets there first. */
    async lapseDue(limit = 50): Promise<number> {
      const due = await db
        .select({ id: listings.id })
        .from(listings)
        .where(and(eq(listings.status, "awarded"), lte(listings.runnerUpDeadline, clock.now())))
        .orderBy(asc(listings.runnerUpDeadline))
        .limit(limit);
      let lapsed = 0;
      for (const { id } of due) {
        try {
          await failAward("system", id, "the runner-up did not accept in time", {}, true);
          lapsed += 1;
        } catch (error) {
          // Another node failed it first, or the runner-up accepted meanwhile.
          if (!AppError.is(error) || (error.code !== "INVALID_TRANSITION" && error.code !== "CONFLICT")) throw error;
        }
      }
      return lapsed;
    },
  };
}

export type RunnerUpService = ReturnType<typeof createRunnerUpService>;
