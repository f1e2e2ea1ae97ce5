import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { listings, type Listing } from "../../../db/schema/index";
import type { AuditService } from "../../audit/service";
import type { Clock } from "../../clock";
import { AppError, type ErrorCode } from "../../errors";
import { actorOf } from "../../identity/accounts";
import { activeRoles, type Principal } from "../../../core/identity/access";
import { listingAudience, type NotificationService } from "../../notifications/service";
import { columnsOfListing } from "../../listings/review/drafts";
import {
  announcementSettings,
  isInsider,
  isPublicStatus,
  isUuid,
  lifecycleActor,
  listingNotFound,
  lotAssets,
  lotInUse,
} from "../../listings/facts";
import { depositFor, incrementFor, nextRoundRequestSchema, type RoundHistory } from "../../../core/contract/rounds";
import { announcementSettingsForRound, roundsSetting, type RoundsSetting } from "./settings";
import { checkNextRound, fixedPriceOffer, lowestNextStart } from "./rules";
import { addDays } from "../../../core/time";
import { announcementPeriod, listingValue } from "../../listings/rules/approval";
import { checkTerms, listingTermsSchema } from "../../../core/listing-terms";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The earlier rounds of a listing, newest first, following `previousListingId` back (a chain, never a loop). */
async function earlierRounds(tx: Db, listing: Listing): Promise<Listing[]> {
  const out: Listing[] = [];
  const seen = new Set([listing.id]);
  let previousId = listing.previousListingId;
  while (previousId && !seen.has(previousId) && out.length < 50) {
    seen.add(previousId);
    const [previous] = await tx.select().from(listings).where(eq(listings.id, previousId));
    if (!previous) break;
    out.push(previous);
    previousId = previous.previousListingId;
  }
  return out;
}

/** The round that follows a failed listing, unless it was withdrawn (which leaves the failed one free to follow again). */
async function followingRound(tx: Db, listingId: string): Promise<Listing | null> {
  const [next] = await tx
    .select()
    .from(listings)
    .where(and(eq(listings.previousListingId, listingId), ne(listings.status, "withdrawn")))
    .limit(1);
  return next ?? null;
}

/** How many rounds in a row have failed, this one included: a next round only ever follows a failed one. */
const failedRoundsOf = (listing: Listing, earlier: Listing[]) =>
  [listing, ...earlier].filter((l) => l.status === "failed").length;

const refuse = (code: ErrorCode, message: string, details: Record<string, unknown> = {}) => new AppError(code, message, details);

/**
 * Rounds after a failed auction (流拍): the seller re-lists within the window at a start cut by at
 * most the allowed share, and after the second failed round offers the lot at a fixed price (变卖).
 * Each round is a new listing that remembers the failed one it follows; the failed one stays failed.
 * The platform's rule pre-authorises a next round within its limits, so the new round needs no
 * second review: it is created `approved`, and the operator publishes its (shorter) announcement.
 */
export function createRoundsService({
  db,
  clock,
  audit,
  notifications,
}: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  notifications: NotificationService;
}) {
  const mayRelist = (principal: Principal, listing: Listing) => {
    const roles = activeRoles(principal, listing.sellerOrgId);
    return roles.has("seller_admin") || roles.has("seller_staff");
  };

  /** When bidding on a new round can start: after the round's announcement period, from a publication today. */
  async function earliestStart(tx: Db, listing: Listing, round: number, rounds: RoundsSetting) {
    const settings = announcementSettingsForRound(await announcementSettings(tx), round, rounds);
    const value = listingValue({
      startingPrice: listing.startingPrice,
      valuations: (await lotAssets(tx, listing)).map((a) => a.appraisedValue),
    });
    const period = announcementPeriod(value, settings);
    // A day's grace for the operator to publish; publication moves the start later if it must.
    const at = addDays(clock.now(), period.days + 1, period.workingDays, settings.timeZone);
    return new Date(Math.ceil(at.getTime() / HOUR_MS) * HOUR_MS);
  }

  /** What the failed listing allows next: a re-listing, the fixed-price sale, or nothing (and why). */
  function nextStep(listing: Listing, earlier: Listing[], rounds: RoundsSetting, now: Date) {
    const failedRounds = failedRoundsOf(listing, earlier);
    const deadline = listing.closedAt ? new Date(listing.closedAt.getTime() + rounds.relistWithinDays * DAY_MS) : null;
    if (listing.status !== "failed" || !listing.closedAt) return { kind: "none" as const, code: "NOT_FAILED" as const, deadline };
    if (listing.mode === "fixed_price") return { kind: "none" as const, code: "NO_FURTHER_ROUND" as const, deadline };
    if (deadline && now > deadline) return { kind: "none" as const, code: "RELIST_TOO_LATE" as const, deadline };
    const offer = fixedPriceOffer({ startingPrice: listing.startingPrice, closedAt: listing.closedAt, failedRounds }, rounds);
    if (offer.ok)
      return { kind: "fixed_price" as const, price: offer.price, offerEndsAt: offer.offerEndsAt, failedRounds, deadline };
    return { kind: "relist" as const, lowest: lowestNextStart(listing.startingPrice, rounds), failedRounds, deadline };
  }

  /** Locks the failed listing and checks who asks and whether it may be followed at all. */
  async function lockFailed(tx: Db, principal: Principal, listingId: string) {
    if (principal.kind !== "user") throw refuse("UNAUTHENTICATED", "Sign in first.");
    if (!isUuid(listingId)) throw listingNotFound();
    // The row lock makes "one next round per failed listing" hold when two requests race.
    const [listing] = await tx.select().from(listings).where(eq(listings.id, listingId)).for("no key update");
    if (!listing) throw listingNotFound();
    if (!isPublicStatus(listing.status) && !isInsider(lifecycleActor(principal, listing.sellerOrgId))) throw listingNotFound();
    if (!mayRelist(principal, listing)) throw refuse("FORBIDDEN", "Only the seller's staff may put a failed listing up again.");
    if (listing.status !== "failed") throw refuse("NOT_FAILED", "Only a failed listing can be put up for a next round.");
    const next = await followingRound(tx, listing.id);
    if (next) throw refuse("ALREADY_RELISTED", "This listing already has a next round.", { listingId: next.id });
    return { listing, earlier: await earlierRounds(tx, listing), rounds: await roundsSetting(tx) };
  }

  /**
   * Puts a failed listing up again as its next round: an auction at a start within the allowed
   * cut, or (after the second failed round) the fixed-price sale. Returns the new listing.
   */
  async function relist(principal: Principal, failedListingId: string, raw: unknown) {
    const user = principal as Principal & { kind: "user" };
    return db.transaction(async (tx) => {
      const { listing: previous, earlier, rounds } = await lockFailed(tx, principal, failedListingId);
      // Who asks is settled first: someone with no part in the listing learns nothing of what the form lacks.
      const input = nextRoundRequestSchema.parse(raw);
      const now = clock.now();
      const step = nextStep(previous, earlier, rounds, now);
      if (step.kind === "none") {
        throw step.code === "RELIST_TOO_LATE"
          ? refuse(step.code, `A failed listing may be followed by a next round within ${rounds.relistWithinDays} days.`, {
              deadline: iso(step.deadline),
            })
          : step.code === "NO_FURTHER_ROUND"
            ? refuse(step.code, "A fixed-price sale that found no taker ends the lot's rounds.")
            : refuse(step.code, "Only a failed listing can be put up for a next round.");
      }
      const round = previous.round + 1;
      let start: bigint;
      let endsAt: Date;
      if (input.mode === "auction") {
        const checked = checkNextRound({ ...previous, failedRounds: step.failedRounds }, input.startingPrice, now, rounds);
        if (!checked.ok) throw refuse(checked.code, checked.message, "details" in checked ? checked.details : {});
        start = input.startingPrice;
        endsAt = input.endsAt;
      } else {
        if (step.kind !== "fixed_price") {
          throw refuse(
            "FIXED_PRICE_NOT_DUE",
            `A fixed-price sale follows the failed round number ${rounds.fixedPriceAfterFailures}.`,
          );
        }
        start = step.price;
        endsAt = step.offerEndsAt;
      }
      const inUse = await lotInUse(tx, previous);
      if (inUse) throw refuse("LOT_IN_USE", "This lot is already in a listing that has not finished.", { listingId: inUse });

      const terms = listingTermsSchema.parse({
        ...previous,
        ...columnsOfListing(previous),
        mode: input.mode,
        reservePrice: null,
        startingPrice: start.toString(),
        increment: (input.increment ?? incrementFor(start, previous)).toString(),
        deposit: (input.deposit ?? depositFor(start, previous)).toString(),
        startsAt: input.startsAt ?? (await earliestStart(tx, previous, round, rounds)),
        endsAt,
      });
      // A later round's start is bound by the failed round's (the cut above), not by 70% of the valuation.
      const issues = checkTerms(terms, {
        valuation: null,
        lotCurrency: previous.currency,
        now,
        followsFailedRounds: input.mode === "fixed_price",
      });
      if (issues.length) {
        throw refuse("INVALID_TERMS", issues[0]!.message, {
          field: issues[0]!.field,
          fields: Object.fromEntries(issues.map((i) => [i.field, { code: i.code, message: i.message, params: i.params ?? {} }])),
        });
      }

      const [created] = await tx
        .insert(listings)
        .values({
          sellerOrgId: previous.sellerOrgId,
          assetId: previous.assetId,
          packageId: previous.packageId,
          titleEn: previous.titleEn,
          titleZh: previous.titleZh,
          summary: previous.summary,
          summaryZh: previous.summaryZh,
          mode: input.mode,
          status: "approved",
          currency: previous.currency,
          startingPrice: terms.startingPrice,
          reservePrice: null,
          increment: terms.increment,
          deposit: terms.deposit,
          firstBidWindowSeconds: input.mode === "fixed_price" ? rounds.fixedPriceWindowHours * 3600 : null,
          round,
          previousListingId: previous.id,
          antiSnipingWindowSeconds: previous.antiSnipingWindowSeconds,
          antiSnipingExtensionSeconds: previous.antiSnipingExtensionSeconds,
          maxExtensions: previous.maxExtensions,
          maxBidMultiple: previous.maxBidMultiple,
          balanceDueDays: previous.balanceDueDays,
          specialTerms: previous.specialTerms,
          valuationExceptionReason: previous.valuationExceptionReason,
          rightOfFirstRefusalHolders: previous.rightOfFirstRefusalHolders,
          createdBy: user.userId,
          startsAt: terms.startsAt,
          endsAt: terms.endsAt,
          originalEndsAt: terms.endsAt,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const next = created!;
      const summary = { round, mode: next.mode, startingPrice: next.startingPrice, startsAt: next.startsAt, endsAt: next.endsAt };
      await audit.append(tx, {
        actor: actorOf(user),
        action: "listing.relisted",
        entityType: "listing",
        entityId: next.id,
        after: { status: next.status, previousListingId: previous.id, previousStart: previous.startingPrice, ...summary },
      });
      await audit.append(tx, {
        actor: actorOf(user),
        action: "listing.next_round",
        entityType: "listing",
        entityId: previous.id,
        after: { nextListingId: next.id, ...summary },
      });
      // Those who followed the failed round hear that the lot comes back; the announcement tells the rest.
      await notifications.notify(tx, {
        userIds: await listingAudience(tx, previous.id),
        kind: "listing_relisted",
        listingId: previous.id,
        params: { round: String(round), mode: next.mode },
      });
      return next;
    });
  }

  return {
    relist,

    /** The fixed-price sale after the failed rounds: the last round's start, until the offer's end. */
    offerFixedPrice(principal: Principal, failedListingId: string, raw: Record<string, unknown> = {}) {
      return relist(principal, failedListingId, { ...raw, mode: "fixed_price" });
    },

    /**
     * For the seller's workspace: what may follow this failed listing, with the figures its form
     * shows (the lowest start, the deadline, the fixed price and the offer's end) and defaults.
     */
    async options(principal: Principal, listingId: string) {
      if (principal.kind !== "user" || !isUuid(listingId)) return null;
      const [listing] = await db.select().from(listings).where(eq(listings.id, listingId));
      if (!listing || listing.status !== "failed" || !isInsider(lifecycleActor(principal, listing.sellerOrgId))) return null;
      const next = await followingRound(db, listing.id);
      const nextRound = next ? { id: next.id, round: next.round, mode: next.mode, status: next.status } : null;
      const rounds = await roundsSetting(db);
      const earlier = await earlierRounds(db, listing);
      const step = nextRound ? null : nextStep(listing, earlier, rounds, clock.now());
      const base = {
        round: listing.round + 1,
        canAct: mayRelist(principal, listing) && nextRound === null,
        nextRound,
        deadline: iso(step?.deadline ?? null),
        previousStart: listing.startingPrice.toString(),
        maxCutPercent: rounds.maxCutPercent,
        windowHours: rounds.fixedPriceWindowHours,
      };
      if (!step || step.kind === "none") return { ...base, kind: "none" as const, code: step?.code ?? "ALREADY_RELISTED" };
      const startsAt = await earliestStart(db, listing, listing.round + 1, rounds);
      if (step.kind === "fixed_price") {
        return {
          ...base,
          kind: "fixed_price" as const,
          price: step.price.toString(),
          offerEndsAt: step.offerEndsAt.toISOString(),
          defaults: {
            increment: incrementFor(step.price, listing).toString(),
            deposit: depositFor(step.price, listing).toString(),
            startsAt: startsAt.toISOString(),
          },
        };
      }
      const endsAt = listing.originalEndsAt ?? listing.endsAt;
      const length = endsAt && listing.startsAt ? Math.max(DAY_MS, endsAt.getTime() - listing.startsAt.getTime()) : 3 * DAY_MS;
      return {
        ...base,
        kind: "relist" as const,
        lowestStart: step.lowest.toString(),
        defaults: {
          startingPrice: step.lowest.toString(),
          increment: incrementFor(step.lowest, listing).toString(),
          deposit: depositFor(step.lowest, listing).toString(),
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + length).toISOString(),
        },
      };
    },

    /** The lot's rounds as the public may see them; null for a listing the public may not see. */
    async history(listingId: string): Promise<RoundHistory | null> {
      if (!isUuid(listingId)) return null;
      const [listing] = await db.select().from(listings).where(eq(listings.id, listingId));
      if (!listing || !isPublicStatus(listing.status)) return null;
      const earlier = (await earlierRounds(db, listing)).filter((l) => isPublicStatus(l.status)).reverse();
      const next = await followingRound(db, listing.id);
      return {
        listingId: listing.id,
        round: listing.round,
        mode: listing.mode,
        firstBidWindowSeconds: listing.firstBidWindowSeconds,
        earlier: earlier.map((l) => ({
          id: l.id,
          round: l.round,
          mode: l.mode,
          status: l.status,
          startingPrice: l.startingPrice.toString(),
          currency: l.currency,
          outcome: l.outcome,
          closedAt: iso(l.closedAt),
        })),
        // Before its announcement the next round is private: the public learns only that it is coming.
        nextRound: next
          ? isPublicStatus(next.status)
            ? { announced: true, round: next.round, id: next.id, mode: next.mode }
            : { announced: false, round: next.round, id: null, mode: null }
          : null,
      };
    },
  };
}

export type RoundsService = ReturnType<typeof createRoundsService>;
