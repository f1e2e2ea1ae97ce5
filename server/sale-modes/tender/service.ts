import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, lte } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { listings, registrations, sealedBids, type Listing } from "../../../db/schema/index";
import type { AuditService } from "../../audit/service";
import type { Clock } from "../../clock";
import { AppError } from "../../errors";
import { isUuid } from "../../ids";
import { actorOf } from "../../identity/accounts";
import type { Principal, UserPrincipal } from "../../../core/identity/access";
import { publicStatuses } from "../../../core/contract/listings";
import type { RateLimiter } from "../../rate-limit";
import type { NotificationService } from "../../notifications/service";
import type { EventBus } from "../../realtime/bus";
import { sealedBidSchema } from "../../../core/contract/bids";
import type { Sealer } from "./sealing";
import { BEST_AND_FINAL_HOURS, checkSealedSubmission, decideOpening, tenderCommitment } from "./rules";

const listingNotFound = () => new AppError("NOT_FOUND", "Listing not found.");

/**
 * Sealed tenders: a registered bidder submits one sealed amount and may replace it until the
 * deadline; the amounts stay sealed until the opening, which runs once, on whichever node claims
 * the listing first, and publishes every commitment with its opened amount.
 */
export function createTenderService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  bus: EventBus;
  sealer: Sealer;
  /** The bid rate limit: a submission or replacement counts as a bid. */
  bidLimiter: RateLimiter;
  registrationOf: (principal: Principal, listingId: string) => Promise<typeof registrations.$inferSelect>;
  /** Tells the shortlisted of a best-and-final round. */
  notifications?: NotificationService;
}) {
  const { db, clock, audit, bus, sealer } = deps;
  const winnerCode = async (registrationId: string) =>
    (await db.select({ code: registrations.bidderCode }).from(registrations).where(eq(registrations.id, registrationId)))[0]
      ?.code ?? null;

  /**
   * The first opening of a tender with a best-and-final round: nothing is unsealed; the top N are
   * told they may submit one final sealed bid before the new deadline, and their standing bids
   * move to round 2 (a shortlisted bidder that sends nothing competes with its first bid).
   */
  async function shortlist(tx: Db, listing: Listing, registrationIds: string[], now: Date) {
    const deadline = new Date(now.getTime() + BEST_AND_FINAL_HOURS * 3_600_000);
    await tx
      .update(sealedBids)
      .set({ round: 2 })
      .where(and(eq(sealedBids.listingId, listing.id), inArray(sealedBids.registrationId, registrationIds)));
    await tx.update(listings).set({ tenderRound: 2, endsAt: deadline, updatedAt: now }).where(eq(listings.id, listing.id));
    const invited = await tx
      .select({ userId: registrations.userId, code: registrations.bidderCode })
      .from(registrations)
      .where(inArray(registrations.id, registrationIds));
    await audit.append(tx, {
      actor: { userId: null, label: "system:tender" },
      action: "tender.best_and_final",
      entityType: "listing",
      entityId: listing.id,
      before: { endsAt: listing.endsAt },
      after: { shortlist: invited.map((i) => i.code), endsAt: deadline },
    });
    await deps.notifications?.notify(tx, {
      userIds: invited.map((i) => i.userId),
      kind: "best_and_final_invited",
      listingId: listing.id,
      params: { deadline: deadline.toISOString() },
    });
  }

  return {
    /**
     * Submits or replaces the bidder's sealed bid. The receipt (commitment, amount, salt) is
     * returned once, here: the app keeps no readable amount, so it cannot show it again.
     */
    async submit(principal: Principal, listingId: string, raw: unknown) {
      const { amount } = sealedBidSchema.parse(raw);
      const registration = await deps.registrationOf(principal, listingId);
      await deps.bidLimiter.consume(registration.id);
      return db.transaction(async (tx) => {
        const [listing] = await tx.select().from(listings).where(eq(listings.id, listingId)).for("no key update");
        if (!listing || listing.mode !== "tender") throw listingNotFound();
        const now = clock.now();
        const [existing] = await tx
          .select()
          .from(sealedBids)
          .where(and(eq(sealedBids.listingId, listingId), eq(sealedBids.registrationId, registration.id)));
        // In the best-and-final round the shortlisted hold round-2 bids; their first bid is the floor.
        const finalRound =
          listing.tenderRound === 2
            ? {
                shortlisted: existing?.round === 2,
                firstBid: existing ? sealer.open(listingId, registration.id, existing.sealed, existing.keyId) : null,
              }
            : undefined;
        const check = checkSealedSubmission(
          { amount, now },
          { status: listing.status, deadline: listing.endsAt ?? now, startingPrice: listing.startingPrice },
          finalRound,
        );
        if (!check.ok) throw new AppError(check.code === "TENDER_CLOSED" ? "LISTING_ENDED" : check.code, check.message);
        const salt = randomBytes(16).toString("hex");
        const bidderCode = registration.bidderCode ?? "?";
        const commitment = tenderCommitment({ listingId, amount, bidderCode, salt });
        const { sealed, keyId } = sealer.seal(listingId, registration.id, amount);
        if (existing) {
          await tx
            .update(sealedBids)
            .set({ commitment, sealed, keyId, submittedAt: now, replacements: existing.replacements + 1 })
            .where(eq(sealedBids.id, existing.id));
        } else {
          await tx
            .insert(sealedBids)
            .values({ listingId, registrationId: registration.id, commitment, sealed, keyId, submittedAt: now });
        }
        await audit.append(tx, {
          actor: actorOf(principal as UserPrincipal),
          action: existing ? "tender.replaced" : "tender.submitted",
          entityType: "listing",
          entityId: listingId,
          // The commitment only: the amount is nobody's business before the opening, the log's included.
          after: { bidderCode, commitment },
        });
        return {
          receipt: { listingId, bidderCode, amount: amount.toString(), salt, commitment, submittedAt: now.toISOString() },
        };
      });
    },

    /**
     * The public record. Before the opening: how many sealed bids and their commitments. After:
     * every commitment with its opened amount and rank, so that any bidder can check its receipt.
     */
    async results(listingId: string) {
      if (!isUuid(listingId)) return null;
      const [listing] = await db.select().from(listings).where(eq(listings.id, listingId));
      if (!listing || listing.mode !== "tender" || !(publicStatuses as readonly string[]).includes(listing.status)) return null;
      const rows = await db
        .select({
          bidderCode: registrations.bidderCode,
          commitment: sealedBids.commitment,
          submittedAt: sealedBids.submittedAt,
          openedAmount: sealedBids.openedAmount,
        })
        .from(sealedBids)
        .innerJoin(registrations, eq(sealedBids.registrationId, registrations.id))
        .where(eq(sealedBids.listingId, listingId))
        .orderBy(asc(sealedBids.commitment));
      const opened = listing.closedAt !== null;
      return {
        opened,
        deadline: listing.endsAt?.toISOString() ?? null,
        pricing: listing.tenderPricing,
        /** 2 while the shortlisted bidders' best-and-final round runs (or after it decided the tender). */
        round: listing.tenderRound,
        bestAndFinalTopN: listing.bestAndFinalTopN,
        bids: rows.map((r) => ({
          commitment: r.commitment,
          ...(opened
            ? { bidderCode: r.bidderCode, amount: r.openedAmount?.toString() ?? null, submittedAt: r.submittedAt.toISOString() }
            : {}),
        })),
        result: opened
          ? {
              outcome: listing.outcome,
              price: listing.hammerPrice?.toString() ?? null,
              bidderNo: rows.length && listing.winnerRegistrationId ? await winnerCode(listing.winnerRegistrationId) : null,
            }
          : null,
      };
    },

    /**
     * Opens every tender whose deadline has passed, one per transaction, each claimed with
     * SKIP LOCKED and judged on the locked row: a tender opens exactly once, whichever node runs.
     */
    async openDue(limit = 50): Promise<number> {
      let opened = 0;
      while (opened < limit) {
        const done = await db.transaction(async (tx) => {
          const now = clock.now();
          const [due] = await tx
            .select()
            .from(listings)
            .where(and(eq(listings.mode, "tender"), eq(listings.status, "live"), lte(listings.endsAt, now)))
            .orderBy(asc(listings.endsAt))
            .limit(1)
            .for("no key update", { skipLocked: true });
          if (!due) return null;
          const rows = await tx
            .select({ bid: sealedBids, code: registrations.bidderCode })
            .from(sealedBids)
            .innerJoin(registrations, eq(sealedBids.registrationId, registrations.id))
            .where(eq(sealedBids.listingId, due.id));
          const bids = rows.map((r) => ({
            id: r.bid.id,
            registrationId: r.bid.registrationId,
            bidderCode: r.code ?? "?",
            amount: sealer.open(due.id, r.bid.registrationId, r.bid.sealed, r.bid.keyId),
            submittedAt: r.bid.submittedAt,
            salt: "",
            round: r.bid.round,
          }));
          const opening = decideOpening(
            bids,
            { startingPrice: due.startingPrice, reservePrice: due.reservePrice, pricing: due.tenderPricing },
            { topN: due.bestAndFinalTopN, round: due.tenderRound },
          );
          if (opening.kind === "best_and_final") {
            await shortlist(tx, due, opening.shortlist, now);
            return { id: due.id, now, result: null };
          }
          const result = opening.result;
          for (const bid of bids) await tx.update(sealedBids).set({ openedAmount: bid.amount }).where(eq(sealedBids.id, bid.id));
          const sold = result.outcome === "sold";
          await tx
            .update(listings)
            .set({
              status: sold ? "awarded" : "failed",
              outcome: result.outcome,
              winnerRegistrationId: sold ? result.winner.registrationId : null,
              hammerPrice: sold ? result.price : null,
              currentPrice: sold ? result.price : null,
              bidCount: bids.length,
              closedAt: now,
              updatedAt: now,
            })
            .where(eq(listings.id, due.id));
          await audit.append(tx, {
            actor: { userId: null, label: "system:tender" },
            action: "listing.closed",
            entityType: "listing",
            entityId: due.id,
            before: { status: "live", endsAt: due.endsAt },
            after: {
              status: sold ? "awarded" : "failed",
              outcome: result.outcome,
              price: sold ? result.price : null,
              bids: bids.length,
            },
          });
          return { id: due.id, now, result };
        });
        if (!done) break;
        opened += 1;
        if (!done.result) continue;
        const sold = done.result.outcome === "sold";
        bus.publish([
          {
            type: "closed",
            listingId: done.id,
            status: sold ? "awarded" : "failed",
            outcome: done.result.outcome,
            bidderNo: done.result.outcome === "sold" ? done.result.winner.bidderCode : null,
            price: done.result.outcome === "sold" ? done.result.price.toString() : null,
            closedAt: done.now.toISOString(),
          },
        ]);
      }
      return opened;
    },
  };
}

export type TenderService = ReturnType<typeof createTenderService>;
