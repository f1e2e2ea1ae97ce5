import { and, asc, desc, eq, gt, inArray, lte, ne, notInArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { bids, listings, proxyBids, registrations } from "../../../db/schema/index";
import type { AuditService } from "../../audit/service";
import type { Clock } from "../../clock";
import { AppError } from "../../errors";
import { isUuid } from "../../ids";
import { actorOf } from "../../identity/accounts";
import { organisationsWith, type Principal } from "../../../core/identity/access";
import { publicStatuses } from "../../../core/contract/listings";
import type { RateLimiter } from "../../rate-limit";
import type { EventBus } from "../../realtime/bus";
import type { Alerts } from "../../notifications/alerts";
import { applyCommand, type AuctionCommand, type AuctionState } from "./rules";
import { bidderOf, createLockedListings, persist, publicEvents, type OriginalBid, type Registration } from "./locked";
import { createBidders } from "./bidders";
import { createBidTurns } from "./turns";
import { nextMinimumBid, reserveMet } from "../../../core/price-grid";
import {
  bidHistoryQuerySchema,
  placeBidSchema,
  setProxySchema,
  type ClearProxyResponse,
  type PlaceBidResponse,
  type PublicBid,
  type SetProxyResponse,
  type ViewerStatus,
} from "../../../core/contract/bids";

export interface AuctionDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  bus: EventBus;
  bidLimiter: RateLimiter;
  alerts: Pick<Alerts, "outbid">;
}

function rejection(outcome: { code: string; message: string; details: Record<string, string> }): AppError {
  return new AppError(outcome.code as never, outcome.message, outcome.details);
}

/**
 * A key names one bid: a retry with the same amount gets the original back, but another amount
 * under the same key is a different bid, which answering with the original would hide.
 */
function refuseReusedKey(original: { amount: bigint; seq: number }, amount: bigint) {
  if (original.amount === amount) return;
  throw new AppError("IDEMPOTENCY_KEY_REUSED", "This idempotency key was already used for a bid of another amount.", {
    amount: original.amount.toString(),
    seq: original.seq,
  });
}

/** A bid as its transaction leaves it: newly placed, or the original a retry is answered with. */
type PlacedBid = {
  now: Date;
  result:
    | { replayed: true; bid: OriginalBid; state: AuctionState }
    | { replayed: false; seq: number; outcome: Extract<ReturnType<typeof applyCommand>, { ok: true }>; state: AuctionState };
};

export function createAuctionService({ db, clock, audit, bus, bidLimiter, alerts }: AuctionDeps) {
  const withLockedListing = createLockedListings({ db, clock, bus });

  const { registrationOf, bidContextOf, keyUsed } = createBidders(db);
  const turns = createBidTurns();

  /** One command, one transaction, serialised on the listing's row; events leave only after commit. */
  async function run(
    principal: Principal & { kind: "user" },
    listingId: string,
    registration: Registration,
    command: AuctionCommand,
    action: string,
  ) {
    const outcome = await withLockedListing(listingId, "bid", async ({ tx, listing, state, now }) => {
      const outcome = applyCommand(state, command, now);
      if (!outcome.ok) throw rejection(outcome);
      await persist(tx, listingId, state, outcome.state, outcome.events, now);
      await alerts.outbid(tx, listingId, state, outcome.state, listing.currency);
      await audit.append(tx, {
        actor: actorOf(principal),
        action,
        entityType: "listing",
        entityId: listingId,
        after: { bidderCode: registration.bidderCode, price: outcome.state.currentPrice, endsAt: outcome.state.endsAt },
      });
      return { value: outcome, events: publicEvents(listingId, outcome.state, outcome.events, now) };
    });
    return outcome!;
  }

  /**
   * A bid below the next minimum is refused before it queues for the listing's lock: the price
   * only rises, so what is too low now is too low under the lock. Most bids on a hot listing are
   * such losers; they no longer hold up the winners. (A retry whose original has committed was
   * answered before this, from the same moment's reading.)
   */
  function refuseIfBelowMinimum(
    listing: { status: string; startingPrice: bigint; increment: bigint; currentPrice: bigint | null },
    registration: Registration,
    amount: bigint,
  ) {
    if (listing.status !== "live") return;
    const minimum = nextMinimumBid({ ...listing, reservePrice: null });
    const mayMatchAsHolder = registration.rightOfFirstRefusalRank !== null && amount === listing.currentPrice;
    if (amount >= minimum || mayMatchAsHolder) return;
    throw new AppError("BID_TOO_LOW", "The bid is below the next minimum bid.", { nextMinimumBid: minimum.toString() });
  }

  return {
    registrationOf,

    /**
     * The life of a bid: find the bidder's registration, then under the listing's row lock look
     * for an earlier bid with the same key (a retry gets the original back), run the engine,
     * write the bids and the listing, commit, and only then tell the room.
     */
    async placeBid(principal: Principal, listingId: string, raw: unknown): Promise<PlaceBidResponse> {
      const input = placeBidSchema.parse(raw);
      const { registration, listing, original: committed } = await bidContextOf(principal, listingId, input.idempotencyKey);
      // A retry of a bid already committed is not a new bid: it is answered even when the budget is spent.
      if (committed) refuseReusedKey(committed, input.amount);
      else {
        await bidLimiter.consume(registration.id);
        refuseIfBelowMinimum(listing, registration, input.amount);
      }
      // The bid happens when it holds the lock, so time order and seq order agree (a clock read
      // before a wait for the lock would let a later seq carry an earlier time).
      const retryOf = { registrationId: registration.id, key: input.idempotencyKey };
      const locked = await turns.take(listingId, async (lastCommitted) => {
        if (lastCommitted && !committed) {
          try {
            refuseIfBelowMinimum(lastCommitted, registration, input.amount);
          } catch (error) {
            // Unless a retry's original committed while it waited: that one is answered under the lock.
            if (!(await keyUsed(registration.id, input.idempotencyKey))) throw error;
          }
        }
        const done = await withLockedListing<PlacedBid>(
          listingId,
          "bid",
          async ({ tx, listing, state, now, original }) => {
            // Checked under the lock: two concurrent retries of one key cannot both get past here.
            if (original) {
              refuseReusedKey(original, input.amount);
              return { value: { now, result: { replayed: true as const, bid: original, state } }, events: [] };
            }
            const bidder = bidderOf(registration);
            const outcome = applyCommand(state, { type: "bid", bidder, amount: input.amount }, now);
            if (!outcome.ok) throw rejection(outcome);
            await persist(tx, listingId, state, outcome.state, outcome.events, now, {
              registrationId: registration.id,
              idempotencyKey: input.idempotencyKey,
            });
            await alerts.outbid(tx, listingId, state, outcome.state, listing.currency);
            const placed = outcome.events.find((e) => e.type === "bid_accepted" && e.kind === "manual");
            await audit.append(tx, {
              actor: actorOf(principal as Principal & { kind: "user" }),
              action: "bid.placed",
              entityType: "listing",
              entityId: listingId,
              after: {
                bidderCode: registration.bidderCode,
                amount: input.amount,
                seqs: outcome.events.flatMap((e) => (e.type === "bid_accepted" ? [e.seq] : [])),
                price: outcome.state.currentPrice,
                endsAt: outcome.state.endsAt,
              },
            });
            const seq = placed!.type === "bid_accepted" ? placed!.seq : 0;
            return {
              value: { now, result: { replayed: false as const, seq, outcome, state: outcome.state } },
              events: publicEvents(listingId, outcome.state, outcome.events, now),
            };
          },
          retryOf,
        );
        const { status, startingPrice, increment, currentPrice } = done!.result.state;
        turns.committed(listingId, { status, startingPrice, increment, currentPrice });
        return done!;
      });
      const { result, now } = locked;
      const bid = result.replayed
        ? { seq: result.bid.seq, amount: result.bid.amount, placedAt: result.bid.placedAt, kind: result.bid.kind }
        : { seq: result.seq, amount: input.amount, placedAt: now, kind: "manual" as const };
      return {
        bid: {
          seq: bid.seq,
          amount: bid.amount.toString(),
          bidderNo: registration.bidderCode ?? "?",
          kind: bid.kind,
          placedAt: bid.placedAt.toISOString(),
        },
        listing: {
          currentPrice: result.state.currentPrice?.toString() ?? null,
          nextMinimumBid: nextMinimumBid(result.state).toString(),
          endsAt: result.state.endsAt.toISOString(),
          status: result.state.status,
          leaderBidderCode: result.state.leader?.bidderCode ?? null,
          reserveMet: reserveMet(result.state),
        },
        replayed: result.replayed,
      };
    },

    async setProxy(principal: Principal, listingId: string, raw: unknown): Promise<SetProxyResponse> {
      const input = setProxySchema.parse(raw);
      const registration = await registrationOf(principal, listingId);
      await bidLimiter.consume(registration.id);
      const user = principal as Principal & { kind: "user" };
      const result = await run(
        user,
        listingId,
        registration,
        { type: "setProxy", bidder: bidderOf(registration), maximum: input.maximum },
        "proxy.set",
      );
      return {
        maximum: input.maximum.toString(),
        currentPrice: result.state.currentPrice?.toString() ?? null,
        leading: result.state.leader?.registrationId === registration.id,
      };
    },

    async clearProxy(principal: Principal, listingId: string): Promise<ClearProxyResponse> {
      const registration = await registrationOf(principal, listingId);
      const user = principal as Principal & { kind: "user" };
      await run(user, listingId, registration, { type: "clearProxy", bidder: bidderOf(registration) }, "proxy.cleared");
      return { cleared: true };
    },

    /** The public bid log: bidder codes only, in seq order; the first page after `afterSeq`, or the newest. */
    async bidHistory(listingId: string, raw: unknown = {}): Promise<{ bids: PublicBid[]; lastSeq: number } | null> {
      const query = bidHistoryQuerySchema.parse(raw);
      if (!isUuid(listingId)) return null;
      const [listing] = await db
        .select({ lastSeq: listings.lastSeq })
        .from(listings)
        .where(and(eq(listings.id, listingId), inArray(listings.status, [...publicStatuses])));
      if (!listing) return null;
      const rows = await db
        .select({
          seq: bids.seq,
          amount: bids.amount,
          kind: bids.kind,
          placedAt: bids.placedAt,
          bidderNo: registrations.bidderCode,
        })
        .from(bids)
        .innerJoin(registrations, eq(bids.registrationId, registrations.id))
        .where(and(eq(bids.listingId, listingId), gt(bids.seq, query.afterSeq)))
        .orderBy(query.page === "newest" ? desc(bids.seq) : asc(bids.seq))
        .limit(query.limit);
      if (query.page === "newest") rows.reverse();
      return {
        bids: rows.map((r) => ({
          seq: r.seq,
          amount: r.amount.toString(),
          bidderNo: r.bidderNo ?? "?",
          kind: r.kind,
          placedAt: r.placedAt.toISOString(),
        })),
        lastSeq: listing.lastSeq,
      };
    },

    /** The viewer's own standing on a listing: registered or not, its code, leading, its proxy. */
    async viewerStatus(principal: Principal, listingId: string): Promise<ViewerStatus> {
      if (principal.kind !== "user" || !isUuid(listingId)) return { registration: null, leading: false, proxyMaximum: null };
      const orgs = organisationsWith(principal, ["investor"]);
      const [registration] = orgs.length
        ? await db
            .select()
            .from(registrations)
            .where(and(eq(registrations.listingId, listingId), inArray(registrations.organisationId, orgs)))
        : [];
      if (!registration) return { registration: null, leading: false, proxyMaximum: null };
      const [listing] = await db
        .select({ leader: listings.leaderRegistrationId })
        .from(listings)
        .where(eq(listings.id, listingId));
      const [proxy] = await db
        .select()
        .from(proxyBids)
        .where(and(eq(proxyBids.listingId, listingId), eq(proxyBids.registrationId, registration.id)));
      return {
        registration: { status: registration.status, bidderCode: registration.bidderCode },
        leading: listing?.leader === registration.id,
        proxyMaximum: proxy?.maximum.toString() ?? null,
      };
    },

    /**
     * Closes live listings whose end has passed, up to `limit`, one per transaction. Each claims
     * the next due listing with FOR UPDATE SKIP LOCKED, so several nodes share the work and a
     * listing held by a bid in flight waits for the next run; the end is judged on the row as
     * locked, so a last-second bid that extended it keeps the listing live. A closed listing is
     * no longer live: each closes exactly once. One listing that cannot be closed is reported
     * after the others, not in their way.
     */
    async closeDue(limit = 50): Promise<number> {
      let closed = 0;
      const failed: string[] = [];
      const errors: unknown[] = [];
      while (closed < limit) {
        let claimed: string | undefined;
        let result;
        try {
          // Claimed with SKIP LOCKED, then judged on the locked row at the time of the claim.
          const claim = async (tx: Db, now: Date) => {
            const [due] = await tx
              .select({ id: listings.id })
              .from(listings)
              .where(
                and(
                  eq(listings.status, "live"),
                  // A sealed tender is opened by the tender service, not closed as an auction.
                  ne(listings.mode, "tender"),
                  lte(listings.endsAt, now),
                  failed.length ? notInArray(listings.id, failed) : undefined,
                ),
              )
              .orderBy(asc(listings.endsAt))
              .limit(1)
              .for("no key update", { skipLocked: true });
            claimed = due?.id;
            return due?.id ?? null;
          };
          result = await withLockedListing(claim, "close", async ({ tx, listing, state, now }) => {
            const outcome = applyCommand(state, { type: "close" }, now);
            // The claim asked for what the engine checks (live, ended): a refusal here is a bug, not a race.
            if (!outcome.ok) throw new Error(`closing ${listing.id} was refused: ${outcome.code}`);
            await persist(tx, listing.id, state, outcome.state, outcome.events, now);
            const closedEvent = outcome.events.find((e) => e.type === "closed");
            const designated =
              closedEvent?.type === "closed" && closedEvent.result.outcome === "designated_floor"
                ? closedEvent.result.winnerRegistrationId
                : null;
            const [buyer] = designated
              ? await tx
                  .select({ bidderCode: registrations.bidderCode })
                  .from(registrations)
                  .where(eq(registrations.id, designated))
              : [];
            await audit.append(tx, {
              actor: { userId: null, label: "system:closing" },
              action: "listing.closed",
              entityType: "listing",
              entityId: listing.id,
              before: { status: "live", endsAt: state.endsAt },
              after: closedEvent?.type === "closed" ? { status: closedEvent.status, result: closedEvent.result } : null,
            });
            return {
              value: listing.id,
              events: publicEvents(listing.id, outcome.state, outcome.events, now, buyer?.bidderCode ?? null),
            };
          });
        } catch (error) {
          if (claimed === undefined) throw error;
          failed.push(claimed);
          errors.push(error);
          continue;
        }
        if (!result) break;
        closed += 1;
      }
      if (errors.length) throw new AggregateError(errors, `could not close listing(s) ${failed.join(", ")}`);
      return closed;
    },
  };
}

export type AuctionService = ReturnType<typeof createAuctionService>;
