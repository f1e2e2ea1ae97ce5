import type { PublicBid } from "../../core/contract/bids";
import type { ListingDetail } from "../../core/contract/listings";
import type { PublicAuctionEvent } from "../../core/contract/room";
import { nextMinimumBid } from "../../core/price-grid";

/** How long a filled room is trusted for what no event reports (a lifecycle change, an edit). */
export const ROOM_CACHE_TTL_MS = 5_000;
/** The latest bids a room keeps for catch-up; a watcher further behind is paged from the database. */
export const ROOM_CACHE_BIDS = 500;

interface Room {
  filledAt: number;
  listing: ListingDetail;
  /** The latest bids, in seq order, contiguous: every bid after `heldAfter` is here. */
  bids: PublicBid[];
  heldAfter: number;
}

type Slot = { room: Room } | { filling: Promise<Room | null>; buffered: PublicAuctionEvent[] };

/**
 * What a watcher is sent when it joins a listing's room: the listing as it stands and the bids it
 * missed, filled from the database once and then kept current from the auction's own events
 * (this node's, and the other nodes' through the adapter), so a crowd joining at once, or
 * rejoining after a restart, costs the database one fill per listing. Only live auctions' rooms are
 * kept; a room is read afresh after `ROOM_CACHE_TTL_MS`, and at once after an event it cannot apply
 * (a status change, a close, a gap).
 */
export function createRoomCache(deps: {
  load: (listingId: string) => Promise<ListingDetail | null>;
  newestBids: (listingId: string, limit: number) => Promise<PublicBid[] | null>;
  now?: () => number;
  ttlMs?: number;
  keep?: number;
}) {
  const now = deps.now ?? Date.now;
  const ttlMs = deps.ttlMs ?? ROOM_CACHE_TTL_MS;
  const keep = deps.keep ?? ROOM_CACHE_BIDS;
  const slots = new Map<string, Slot>();

  /**
   * The listing, then its newest bids; read again while the bids are newer than the listing (a bid
   * committed between the two reads), so the room starts from one moment.
   */
  async function fill(listingId: string): Promise<Room | null> {
    const filledAt = now();
    for (let attempt = 1; ; attempt += 1) {
      const listing = await deps.load(listingId);
      if (!listing) return null;
      const bids = (await deps.newestBids(listingId, keep)) ?? [];
      if ((bids.at(-1)?.seq ?? 0) > listing.lastSeq && attempt < 3) continue;
      const room: Room = { filledAt, listing, bids: [], heldAfter: bids.length < keep ? 0 : bids[0]!.seq - 1 };
      for (const bid of bids) applyBid(room, { ...bid, endsAt: null });
      return room;
    }
  }

  /** A bid's event on a room: the bid kept, the listing moved to it. False when it cannot be applied (a gap). */
  function applyBid(room: Room, bid: PublicBid & { endsAt: string | null; reserveMet?: boolean }): boolean {
    const last = room.bids.at(-1)?.seq ?? room.heldAfter;
    if (bid.seq <= last) return true;
    if (bid.seq !== last + 1) return false;
    room.bids.push({ seq: bid.seq, amount: bid.amount, bidderNo: bid.bidderNo, kind: bid.kind, placedAt: bid.placedAt });
    if (room.bids.length > keep) room.heldAfter = room.bids.shift()!.seq;
    const listing = room.listing;
    if (bid.seq > listing.lastSeq) {
      room.listing = {
        ...listing,
        currentPrice: bid.amount,
        leaderBidderCode: bid.bidderNo,
        lastSeq: bid.seq,
        bidCount: Math.max(listing.bidCount, bid.seq),
        endsAt: bid.endsAt ?? listing.endsAt,
        reserveMet: listing.reserveMet || (bid.reserveMet ?? false),
        nextMinimumBid: nextMinimumBid({
          startingPrice: BigInt(listing.startingPrice),
          increment: BigInt(listing.increment),
          currentPrice: BigInt(bid.amount),
          reservePrice: null,
        }).toString(),
      };
    }
    return true;
  }

  function apply(room: Room, event: PublicAuctionEvent): boolean {
    if (event.type === "bid") return applyBid(room, event);
    if (event.type === "extended") {
      const later = room.listing.endsAt && room.listing.endsAt > event.endsAt ? room.listing.endsAt : event.endsAt;
      room.listing = {
        ...room.listing,
        endsAt: later,
        antiSniping: {
          ...room.listing.antiSniping,
          extensionCount: Math.max(room.listing.antiSniping.extensionCount, event.extensionCount),
        },
      };
      return true;
    }
    // A status change or a close: the listing is read afresh.
    return false;
  }

  async function roomOf(listingId: string): Promise<Room | null> {
    const slot = slots.get(listingId);
    if (slot && "room" in slot && now() - slot.room.filledAt < ttlMs) return slot.room;
    if (slot && "filling" in slot) return slot.filling;
    const buffered: PublicAuctionEvent[] = [];
    const filling = fill(listingId).then(
      (room) => {
        if (slots.get(listingId) !== entry) return room;
        // Only a live auction's room is kept: its changes all come as events (bids, extensions, a
        // close, a suspension), where a closing sale's steps (paid, contracted) do not.
        if (!room || room.listing.status !== "live" || !buffered.every((event) => apply(room, event))) slots.delete(listingId);
        else slots.set(listingId, { room });
        return room;
      },
      (error: unknown) => {
        if (slots.get(listingId) === entry) slots.delete(listingId);
        throw error;
      },
    );
    const entry: Slot = { filling, buffered };
    slots.set(listingId, entry);
    return filling;
  }

  return {
    /**
     * The listing and its bids after `afterSeq`; `complete` is false when the watcher is further
     * behind than the room keeps (the caller pages the older bids from the database). Null: no
     * public listing.
     */
    async snapshot(listingId: string, afterSeq: number) {
      const room = await roomOf(listingId);
      if (!room) return null;
      return {
        listing: room.listing,
        bids: room.bids.filter((b) => b.seq > afterSeq),
        complete: afterSeq >= room.heldAfter,
        heldAfter: room.heldAfter,
      };
    },

    /** An auction's event, from this node or another: applied where its room is held. */
    apply(event: PublicAuctionEvent) {
      const slot = slots.get(event.listingId);
      if (!slot) return;
      if ("filling" in slot) slot.buffered.push(event);
      else if (!apply(slot.room, event)) slots.delete(event.listingId);
    },

    /** How many rooms are held (for tests and the bench). */
    get size() {
      return slots.size;
    },
  };
}

export type RoomCache = ReturnType<typeof createRoomCache>;
