import { soldStatuses } from "../../../core/enums";
import type { BidEvent, ClosedEvent, StatusEvent } from "../../../core/contract/room";
import type { PlaceBidResponse, PublicBid } from "../../../core/contract/bids";
import type { ListingDetail } from "../../../core/contract/listings";
import { nextMinimumBid as gridMinimum } from "../../../core/price-grid";

/**
 * The live room's state on the client: the listing's price, leader, end and bid log as the
 * server's socket events describe them. A pure reducer over those events, so a repeated or late
 * event never moves the price backwards.
 */

export type RoomResult = NonNullable<ListingDetail["result"]>;

export interface RoomState {
  status: string;
  currentPrice: string | null;
  leaderBidderCode: string | null;
  reserveMet: boolean;
  endsAt: string | null;
  extensionCount: number;
  bidCount: number;
  /** The newest bid's seq that the price and leader reflect: older news never overwrites them. */
  priceSeq: number;
  /** The public bid log, ascending by seq, each seq once. */
  bids: PublicBid[];
  /** The seq before the first bid the room opened with: a long auction's page starts after seq 1. */
  baseSeq: number;
  result: ListingDetail["result"];
  watchers: number | null;
  /** The last time the end moved later while we watched (anti-sniping), for the countdown to flash. */
  lastExtension: { from: string | null; to: string; at: number } | null;
}

/** What a placed bid's answer says of the listing. */
export type PlaceBidListing = PlaceBidResponse["listing"];

/** The socket's events (core/contract/room.ts) without their listing id, the snapshot, and one's own placed bid. */
export type RoomAction =
  | { type: "state"; listing: ListingDetail; at: number }
  | { type: "bid"; bid: BidEvent; at: number }
  | { type: "extended"; endsAt: string; extensionCount: number; at: number }
  | ({ type: "status" } & Omit<StatusEvent, "listingId">)
  | ({ type: "closed" } & Omit<ClosedEvent, "listingId" | "closedAt">)
  | { type: "watchers"; count: number }
  | { type: "placed"; bid: PublicBid; listing: PlaceBidListing; at: number };

const finalStatuses = new Set<string>(["ended", ...soldStatuses, "failed", "withdrawn"]);

/** A listing that has closed never goes back to live because an older snapshot says so. */
function nextStatus(current: string, incoming: string): string {
  return finalStatuses.has(current) && incoming === "live" ? current : incoming;
}

const later = (a: string | null, b: string | null): string | null => {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
};

const price = (value: string | null) => (value === null ? -1n : BigInt(value));

function withBid(bids: PublicBid[], bid: PublicBid): PublicBid[] {
  const last = bids[bids.length - 1];
  if (!last || bid.seq > last.seq) return [...bids, bid];
  if (bids.some((b) => b.seq === bid.seq)) return bids;
  return [...bids, bid].sort((a, b) => a.seq - b.seq);
}

/** The end moved later while live: remember from where, so the countdown can say so. */
function extension(state: RoomState, endsAt: string | null, at: number): RoomState["lastExtension"] {
  if (!endsAt || !state.endsAt || state.status !== "live") return state.lastExtension;
  return Date.parse(endsAt) > Date.parse(state.endsAt) ? { from: state.endsAt, to: endsAt, at } : state.lastExtension;
}

/**
 * The end only moves later, except once: a fixed-price sale's first taker sets the end of the
 * window for higher bids, which comes before the offer's end. The end that comes with the first
 * bid (or with a snapshot that has one, when the viewer had seen none) stands as it is.
 */
function endAfter(state: RoomState, endsAt: string | null, firstBid: boolean): string | null {
  return firstBid && endsAt ? endsAt : later(state.endsAt, endsAt);
}

const publicBid = ({ seq, amount, bidderNo, kind, placedAt }: PublicBid): PublicBid => ({
  seq,
  amount,
  bidderNo,
  kind,
  placedAt,
});

export function initialRoomState(listing: ListingDetail, bids: PublicBid[]): RoomState {
  return {
    status: listing.status,
    currentPrice: listing.currentPrice,
    leaderBidderCode: listing.leaderBidderCode,
    reserveMet: listing.reserveMet,
    endsAt: listing.endsAt,
    extensionCount: listing.antiSniping.extensionCount,
    bidCount: listing.bidCount,
    priceSeq: listing.lastSeq,
    bids: [...bids].sort((a, b) => a.seq - b.seq),
    baseSeq: bids.length ? Math.min(...bids.map((b) => b.seq)) - 1 : 0,
    result: listing.result,
    watchers: null,
    lastExtension: null,
  };
}

export function roomReducer(state: RoomState, action: RoomAction): RoomState {
  switch (action.type) {
    case "state": {
      const { listing } = action;
      // The snapshot may be older than a live event that overtook it: it wins only if it is as new.
      if (listing.lastSeq < state.priceSeq) {
        return { ...state, status: nextStatus(state.status, listing.status), result: state.result ?? listing.result };
      }
      const endsAt = endAfter(state, listing.endsAt, state.bidCount === 0 && listing.bidCount > 0);
      return {
        ...state,
        status: nextStatus(state.status, listing.status),
        currentPrice: listing.currentPrice,
        leaderBidderCode: listing.leaderBidderCode,
        reserveMet: state.reserveMet || listing.reserveMet,
        lastExtension: extension(state, endsAt, action.at),
        endsAt,
        extensionCount: Math.max(state.extensionCount, listing.antiSniping.extensionCount),
        bidCount: Math.max(state.bidCount, listing.bidCount),
        priceSeq: listing.lastSeq,
        result: listing.result ?? state.result,
      };
    }
    case "bid": {
      const bids = withBid(state.bids, publicBid(action.bid));
      if (action.bid.seq <= state.priceSeq) return bids === state.bids ? state : { ...state, bids };
      // Every accepted bid is at the price of the moment and by the bidder who then leads.
      const endsAt = endAfter(state, action.bid.endsAt, state.bidCount === 0);
      return {
        ...state,
        bids,
        currentPrice: action.bid.amount,
        leaderBidderCode: action.bid.bidderNo,
        reserveMet: state.reserveMet || (action.bid.reserveMet ?? false),
        priceSeq: action.bid.seq,
        bidCount: Math.max(state.bidCount, action.bid.seq),
        lastExtension: extension(state, endsAt, action.at),
        endsAt,
      };
    }
    case "extended": {
      // A fixed-price sale's window opened by its first taker: a new end, not a late bid's extension.
      if (action.extensionCount === 0 && state.extensionCount === 0) return { ...state, endsAt: action.endsAt };
      const endsAt = later(state.endsAt, action.endsAt);
      const moved = extension(state, endsAt, action.at);
      return {
        ...state,
        endsAt,
        extensionCount: Math.max(state.extensionCount, action.extensionCount),
        // The bid that caused it usually arrives first and already moved the end: keep that record.
        lastExtension:
          moved !== state.lastExtension ? moved : (state.lastExtension ?? { from: null, to: action.endsAt, at: action.at }),
      };
    }
    case "status": {
      const newer = price(action.currentPrice) >= price(state.currentPrice);
      return {
        ...state,
        status: nextStatus(state.status, action.status),
        reserveMet: state.reserveMet || action.reserveMet,
        ...(newer ? { currentPrice: action.currentPrice, leaderBidderCode: action.leaderBidderCode } : {}),
      };
    }
    case "closed":
      return {
        ...state,
        status: action.status,
        result: { outcome: action.outcome, bidderNo: action.bidderNo, price: action.price },
      };
    case "watchers":
      return state.watchers === action.count ? state : { ...state, watchers: action.count };
    case "placed": {
      const bids = withBid(state.bids, publicBid(action.bid));
      if (action.bid.seq <= state.priceSeq) return { ...state, bids };
      const endsAt = endAfter(state, action.listing.endsAt, state.bidCount === 0);
      return {
        ...state,
        bids,
        status: nextStatus(state.status, action.listing.status),
        currentPrice: action.listing.currentPrice,
        leaderBidderCode: action.listing.leaderBidderCode,
        reserveMet: state.reserveMet || action.listing.reserveMet,
        priceSeq: action.bid.seq,
        bidCount: Math.max(state.bidCount, action.bid.seq),
        lastExtension: extension(state, endsAt, action.at),
        endsAt,
      };
    }
  }
}

/**
 * The highest seq up to which nothing is missing, counted from `baseSeq` (the seq before the page
 * the room opened with): what `watch` asks to catch up after.
 */
export function contiguousSeq(bids: PublicBid[], baseSeq = 0): number {
  let seq = baseSeq;
  for (const bid of bids) {
    if (bid.seq <= baseSeq) continue;
    if (bid.seq === seq + 1) seq = bid.seq;
    else if (bid.seq > seq + 1) break;
  }
  return seq;
}

/** The price grid's next minimum bid (core/price-grid), on the wire's decimal strings. */
export function nextMinimumBid(listing: Pick<ListingDetail, "startingPrice" | "increment">, currentPrice: string | null): string {
  return gridMinimum({
    startingPrice: BigInt(listing.startingPrice),
    increment: BigInt(listing.increment),
    currentPrice: currentPrice === null ? null : BigInt(currentPrice),
    reservePrice: null,
  }).toString();
}

/** Where an approved bidder stands in the room: leading, outbid (it has bid, another leads), or yet to bid. */
export type Standing = "leading" | "outbid" | "noBidYet";

/**
 * The viewer's standing, worked out here only: the panel shows it and the notices follow its
 * changes (an outbid notice when leading turns to outbid, gone when the lead comes back). Null for
 * a viewer with no bidder code (not approved, signed out).
 */
export function standingOf(state: Pick<RoomState, "leaderBidderCode" | "bids">, myCode: string | null): Standing | null {
  if (myCode === null) return null;
  if (state.leaderBidderCode === myCode) return "leading";
  return state.bids.some((b) => b.bidderNo === myCode) ? "outbid" : "noBidYet";
}
