import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { listings, proxyBids, registrations, bids, type Listing } from "../../../db/schema/index";
import type { Clock } from "../../clock";
import { AppError } from "../../errors";
import type { PublicAuctionEvent } from "../../../core/contract/room";
import type { EventBus } from "../../realtime/bus";
import type { AuctionEvent, AuctionState, Bidder } from "./rules";
import { reserveMet } from "../../../core/price-grid";

/**
 * An auction under its listing's row lock: the state the engine sees, what the engine decided
 * written back, and the public events that leave once the transaction has committed. Bids,
 * automatic-bidding maximums and closing all go through `withLockedListing`.
 */

export type Registration = typeof registrations.$inferSelect;

export const bidderOf = (r: Pick<Registration, "id" | "bidderCode" | "rightOfFirstRefusalRank">): Bidder => ({
  registrationId: r.id,
  bidderCode: r.bidderCode ?? "?",
  rightOfFirstRefusalRank: r.rightOfFirstRefusalRank,
});

/** The modes with no open bidding: a sealed tender takes sealed bids, a negotiated transfer offers. */
function refuseOpenBidding(listing: Listing) {
  if (listing.mode === "tender") {
    throw new AppError("SEALED_TENDER", "This listing is a sealed tender: submit a sealed bid instead of bidding in the open.");
  }
  if (listing.mode === "negotiated") {
    throw new AppError(
      "NEGOTIATED_TRANSFER",
      "This lot is negotiated with one counterparty: make an offer in the negotiation instead.",
    );
  }
}

/**
 * The auction's state as the engine sees it, read under the listing's row lock. Closing also takes
 * a negotiated transfer that ended without agreement: it fails like an auction nobody bid on.
 */
async function lockAuction(
  tx: Db,
  listingId: string,
  purpose: "bid" | "close" = "bid",
  retryOf?: RetryKey,
): Promise<{ listing: Listing; state: AuctionState; original: OriginalBid | null } | null> {
  const [listing] = await tx.select().from(listings).where(eq(listings.id, listingId)).for("no key update");
  if (!listing) return null;
  if (purpose === "bid") refuseOpenBidding(listing);
  // Read once the lock is held (a statement that waited for it would see the rows as they were
  // before the previous holder committed): the maximums, the leader and any bid under the key.
  const [around] = await tx
    .select({
      proxies: sql<ProxyJson[]>`(
        select coalesce(json_agg(json_build_object('id', r.id, 'bidderCode', r.bidder_code,
          'rightOfFirstRefusalRank', r.right_of_first_refusal_rank, 'maximum', p.maximum::text, 'setAt', p.set_at)
          order by p.set_at, r.id), '[]'::json)
        from ${proxyBids} p join ${registrations} r on r.id = p.registration_id where p.listing_id = ${listingId})`,
      leader: sql<Pick<Registration, "id" | "bidderCode" | "rightOfFirstRefusalRank"> | null>`(
        select json_build_object('id', r.id, 'bidderCode', r.bidder_code, 'rightOfFirstRefusalRank', r.right_of_first_refusal_rank)
        from ${registrations} r where r.id = ${listing.leaderRegistrationId})`,
      original: sql<OriginalJson | null>`(
        select json_build_object('seq', b.seq, 'amount', b.amount::text, 'kind', b.kind, 'placedAt', b.placed_at)
        from ${bids} b where b.registration_id = ${retryOf?.registrationId ?? null} and b.idempotency_key = ${retryOf?.key ?? null})`,
    })
    .from(sql`(select 1) as one`);
  const { proxies, leader, original } = around!;
  return {
    listing,
    original: original
      ? { seq: original.seq, amount: BigInt(original.amount), kind: original.kind, placedAt: new Date(original.placedAt) }
      : null,
    state: {
      status: listing.status,
      maxBidMultiple: listing.maxBidMultiple,
      startsAt: listing.startsAt,
      endsAt: listing.endsAt ?? new Date(0),
      startingPrice: listing.startingPrice,
      increment: listing.increment,
      reservePrice: listing.reservePrice,
      currentPrice: listing.currentPrice,
      leader: leader ? bidderOf(leader) : null,
      leadAt: listing.leadAt,
      bidCount: listing.bidCount,
      lastSeq: listing.lastSeq,
      antiSniping: {
        windowMs: listing.antiSnipingWindowSeconds * 1000,
        extensionMs: listing.antiSnipingExtensionSeconds * 1000,
        maxExtensions: listing.maxExtensions,
      },
      extensionCount: listing.extensionCount,
      proxies: proxies.map((p) => ({ bidder: bidderOf(p), maximum: BigInt(p.maximum), setAt: new Date(p.setAt) })),
      designatedRegistrationId: listing.designatedRegistrationId,
      firstBidWindowMs: listing.firstBidWindowSeconds === null ? null : listing.firstBidWindowSeconds * 1000,
    },
  };
}

type ProxyJson = Pick<Registration, "id" | "bidderCode" | "rightOfFirstRefusalRank"> & { maximum: string; setAt: string };
type OriginalJson = { seq: number; amount: string; kind: OriginalBid["kind"]; placedAt: string };

/** A bid's registration and idempotency key: a retry of a committed bid is answered with the original. */
export interface RetryKey {
  registrationId: string;
  key: string;
}

/** The bid a retry is answered with. */
export interface OriginalBid {
  seq: number;
  amount: bigint;
  kind: (typeof bids.$inferSelect)["kind"];
  placedAt: Date;
}

/** Writes what the engine decided: append-only bid rows, the listing's new state, the proxies. */
export async function persist(
  tx: Db,
  listingId: string,
  before: AuctionState,
  after: AuctionState,
  events: AuctionEvent[],
  now: Date,
  manual?: { registrationId: string; idempotencyKey: string },
) {
  const accepted = events.filter((e) => e.type === "bid_accepted");
  if (accepted.length) {
    await tx.insert(bids).values(
      accepted.map((e) => ({
        listingId,
        seq: e.seq,
        registrationId: e.bidder.registrationId,
        amount: e.amount,
        kind: e.kind,
        idempotencyKey: e.kind === "manual" && manual?.registrationId === e.bidder.registrationId ? manual.idempotencyKey : null,
        placedAt: e.at,
      })),
    );
  }
  const closed = events.find((e) => e.type === "closed");
  await tx
    .update(listings)
    .set({
      status: after.status as Listing["status"],
      currentPrice: after.currentPrice,
      leaderRegistrationId: after.leader?.registrationId ?? null,
      leadAt: after.leadAt,
      bidCount: after.bidCount,
      lastSeq: after.lastSeq,
      endsAt: after.endsAt,
      extensionCount: after.extensionCount,
      updatedAt: now,
      ...(closed
        ? {
            closedAt: now,
            outcome: closed.result.outcome === "failed" ? closed.result.reason : closed.result.outcome,
            winnerRegistrationId:
              closed.result.outcome === "sold"
                ? closed.result.winner.registrationId
                : closed.result.outcome === "designated_floor"
                  ? closed.result.winnerRegistrationId
                  : null,
            hammerPrice: closed.result.outcome === "failed" ? null : closed.result.price,
          }
        : {}),
    })
    .where(eq(listings.id, listingId));
  const kept = new Map(after.proxies.map((p) => [p.bidder.registrationId, p]));
  const gone = before.proxies.filter((p) => !kept.has(p.bidder.registrationId)).map((p) => p.bidder.registrationId);
  if (gone.length) {
    await tx.delete(proxyBids).where(and(eq(proxyBids.listingId, listingId), inArray(proxyBids.registrationId, gone)));
  }
  for (const proxy of after.proxies) {
    const previous = before.proxies.find((p) => p.bidder.registrationId === proxy.bidder.registrationId);
    if (previous && previous.maximum === proxy.maximum && previous.setAt.getTime() === proxy.setAt.getTime()) continue;
    await tx
      .insert(proxyBids)
      .values({ listingId, registrationId: proxy.bidder.registrationId, maximum: proxy.maximum, setAt: proxy.setAt })
      .onConflictDoUpdate({
        target: [proxyBids.listingId, proxyBids.registrationId],
        set: { maximum: proxy.maximum, setAt: proxy.setAt },
      });
  }
}

/**
 * What the public may learn from the engine's events: bidder codes, prices, times. A designated
 * purchase names its buyer by registration only, so the caller passes that bidder's code.
 */
export function publicEvents(
  listingId: string,
  after: AuctionState,
  events: AuctionEvent[],
  now: Date,
  designatedBidderCode: string | null = null,
): PublicAuctionEvent[] {
  const out: PublicAuctionEvent[] = [];
  for (const e of events) {
    if (e.type === "bid_accepted") {
      out.push({
        type: "bid",
        listingId,
        seq: e.seq,
        amount: e.amount.toString(),
        bidderNo: e.bidder.bidderCode,
        kind: e.kind,
        placedAt: e.at.toISOString(),
        endsAt: after.endsAt.toISOString(),
      });
    } else if (e.type === "end_extended") {
      out.push({ type: "extended", listingId, endsAt: e.endsAt.toISOString(), extensionCount: e.extensionCount });
    } else if (e.type === "closed") {
      const winnerCode =
        e.result.outcome === "sold"
          ? e.result.winner.bidderCode
          : e.result.outcome === "designated_floor"
            ? designatedBidderCode
            : null;
      out.push({
        type: "closed",
        listingId,
        status: e.status,
        outcome: e.result.outcome === "failed" ? e.result.reason : e.result.outcome,
        bidderNo: winnerCode,
        price: e.result.outcome === "failed" ? null : e.result.price.toString(),
        closedAt: now.toISOString(),
      });
    }
  }
  // One event per bid: the last bid carries whether the reserve is met (its price and leader are
  // the bid's own). A status event goes only when the price or the lead moved with no bid.
  const lastBid = out.findLast((e) => e.type === "bid");
  if (lastBid?.type === "bid") lastBid.reserveMet = reserveMet(after);
  else if (events.some((e) => e.type === "lead_changed" || e.type === "reserve_met")) {
    out.push({
      type: "status",
      listingId,
      status: after.status,
      reserveMet: reserveMet(after),
      currentPrice: after.currentPrice?.toString() ?? null,
      leaderBidderCode: after.leader?.bidderCode ?? null,
    });
  }
  return out;
}

const listingNotFound = () => new AppError("NOT_FOUND", "Listing not found.");

/** What a command under the lock sees: the transaction, the locked listing and state, and the time it holds the lock. */
export interface Locked {
  tx: Db;
  listing: Listing;
  state: AuctionState;
  now: Date;
  /** The bid already placed under the command's retry key, if it has one and there is one. */
  original: OriginalBid | null;
}

/**
 * One command on one listing, one transaction, serialised on the listing's row; the events the
 * command returns are published only after the commit. The listing is named, or claimed by
 * `claim` (which returns null when there is nothing to do). A named listing's command happens
 * when it holds the lock, so time order and seq order agree; a claim is judged at the time it
 * was made.
 */
export function createLockedListings({ db, clock, bus }: { db: Db; clock: Clock; bus: EventBus }) {
  return async function withLockedListing<T>(
    target: string | ((tx: Db, now: Date) => Promise<string | null>),
    purpose: "bid" | "close",
    command: (locked: Locked) => Promise<{ value: T; events: PublicAuctionEvent[] }>,
    retryOf?: RetryKey,
  ): Promise<T | null> {
    let events: PublicAuctionEvent[] = [];
    const value = await db.transaction(async (tx) => {
      const claimedAt = clock.now();
      const listingId = typeof target === "string" ? target : await target(tx, claimedAt);
      if (listingId === null) return null;
      const locked = await lockAuction(tx, listingId, purpose, retryOf);
      if (!locked) throw listingNotFound();
      const now = typeof target === "string" ? clock.now() : claimedAt;
      const done = await command({ tx, now, ...locked });
      events = done.events;
      return done.value;
    });
    bus.publish(events);
    return value;
  };
}
