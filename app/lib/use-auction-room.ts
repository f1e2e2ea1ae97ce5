import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { io } from "socket.io-client";
import type { PublicBid } from "../../core/contract/bids";
import type { ServiceViewerStatus } from "./read-models.server";
import type { ListingDetail } from "../../core/contract/listings";
import { nextMinimumBid as gridMinimum } from "../../core/price-grid";

/**
 * The live auction room on the client: the listing's price, leader, end and bid log as the
 * server's socket events describe them, the server's clock, the viewer's own standing, and the
 * HTTP calls that place bids and set automatic bidding. The state is a pure reducer over events
 * (`roomReducer`), so a repeated or late event never moves the price backwards.
 */

/** The viewer's own standing (GET /api/v1/listings/:id/me), as one shape rather than the service's union. */
export interface ViewerStatus {
  registration: NonNullable<ServiceViewerStatus["registration"]> | null;
  leading: boolean;
  proxyMaximum: string | null;
}
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
  result: ListingDetail["result"];
  watchers: number | null;
  /** The last time the end moved later while we watched (anti-sniping), for the countdown to flash. */
  lastExtension: { from: string | null; to: string; at: number } | null;
}

export type BidEvent = PublicBid & { listingId: string; endsAt: string };

export type RoomAction =
  | { type: "state"; listing: ListingDetail; at: number }
  | { type: "bid"; bid: BidEvent; at: number }
  | { type: "extended"; endsAt: string; extensionCount: number; at: number }
  | { type: "status"; status: string; reserveMet: boolean; currentPrice: string | null; leaderBidderCode: string | null }
  | { type: "closed"; status: string; outcome: RoomResult["outcome"]; bidderNo: string | null; price: string | null }
  | { type: "watchers"; count: number }
  | { type: "placed"; bid: PublicBid; listing: PlaceBidListing; at: number };

export interface PlaceBidListing {
  currentPrice: string | null;
  nextMinimumBid: string;
  endsAt: string;
  status: string;
  leaderBidderCode: string | null;
  reserveMet: boolean;
}

const finalStatuses = new Set(["ended", "awarded", "closed", "failed", "withdrawn"]);

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

/** The highest seq below which nothing is missing: what `watch` asks to catch up after. */
export function contiguousSeq(bids: PublicBid[]): number {
  let seq = 0;
  for (const bid of bids) {
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

/** A v4 UUID; `crypto.randomUUID` exists only on secure origins (https or localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type Failure = { ok: false; code: string; details: Record<string, unknown> };
export type Outcome<T> = { ok: true; value: T } | Failure;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One JSON call with the session cookie. A network failure (no answer at all) is retried a few
 * times with the same body, so a bid keeps its idempotency key and is placed at most once.
 */
async function callApi<T>(url: string, method: string, body?: unknown): Promise<Outcome<T>> {
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        credentials: "same-origin",
        headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      if (attempt >= 2) return { ok: false, code: "NETWORK", details: {} };
      await sleep(400 * 2 ** attempt);
      continue;
    }
    const json = (await response.json().catch(() => null)) as {
      error?: { code?: string; details?: Record<string, unknown> };
    } | null;
    if (response.ok) return { ok: true, value: json as T };
    return { ok: false, code: json?.error?.code ?? `HTTP_${response.status}`, details: json?.error?.details ?? {} };
  }
}

export type Connection = "connecting" | "online" | "offline";

/** An in-app notice for a registered bidder; the price is the one at the moment it happened. */
export interface Notice {
  id: number;
  kind: "outbid" | "endingSoon";
  price?: string | null;
}

export interface PlaceBidResponse {
  bid: PublicBid;
  listing: PlaceBidListing;
  replayed: boolean;
}

const ENDING_SOON_MS = 5 * 60_000;
const RESYNC_MS = 60_000;

/**
 * The server's clock, ticking: offset = server time − client time, from the loader at first and
 * then from the socket (`time` on connect, a round trip every minute). The first render uses the
 * server's own instant, so the page hydrates without a mismatch.
 */
function useServerClock(serverTime: string) {
  const [now, setNow] = useState(() => Date.parse(serverTime));
  const offset = useRef<number | null>(null);
  useEffect(() => {
    if (offset.current === null) offset.current = Date.parse(serverTime) - Date.now();
    const tick = () => setNow(Date.now() + (offset.current ?? 0));
    tick();
    const timer = setInterval(tick, 500);
    return () => clearInterval(timer);
  }, [serverTime]);
  /** A server time measured around a round trip counts from the middle of it. */
  const sync = useCallback((time: string, sentAt?: number) => {
    const received = Date.now();
    const local = sentAt === undefined ? received : (sentAt + received) / 2;
    offset.current = Date.parse(time) - local;
    setNow(Date.now() + offset.current);
  }, []);
  return { now, sync };
}

export interface RoomInput {
  listing: ListingDetail;
  bids: PublicBid[];
  viewer: ViewerStatus;
  signedIn: boolean;
  serverTime: string;
}

/** One listing's room. Render it under `key={listing.id}`: another listing is another room. */
export function useAuctionRoom({ listing, bids, viewer: initialViewer, signedIn, serverTime }: RoomInput) {
  const listingId = listing.id;
  const [state, dispatch] = useReducer(roomReducer, undefined, () => initialRoomState(listing, bids));
  const [viewer, setViewer] = useState(initialViewer);
  const [connection, setConnection] = useState<Connection>("connecting");
  const [reconnected, setReconnected] = useState(false);
  const [notices, setNotices] = useState<Notice[]>([]);
  const { now, sync } = useServerClock(serverTime);

  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    const socket = io({ transports: ["websocket"] });
    let everOnline = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      socket
        .timeout(10_000)
        .emit(
          "watch",
          { listingId, afterSeq: contiguousSeq(stateRef.current.bids) },
          (err: unknown, ack: { ok?: boolean } | undefined) => {
            // Not answered or refused: ask again shortly, the room stays on what it has.
            if (err || !ack?.ok) retry = setTimeout(() => socket.connected && watch(), 3000);
          },
        );
    };
    socket.on("connect", () => {
      setConnection("online");
      if (everOnline) setReconnected(true);
      everOnline = true;
      watch();
    });
    socket.on("disconnect", () => setConnection("offline"));
    socket.on("connect_error", () => setConnection("offline"));
    socket.on("time", (payload: { serverTime: string }) => sync(payload.serverTime));
    socket.on("state", (payload: { listing: ListingDetail; serverTime: string }) => {
      if (payload.listing.id !== listingId) return;
      sync(payload.serverTime);
      dispatch({ type: "state", listing: payload.listing, at: Date.now() });
    });
    socket.on("bid", (bid: BidEvent) => bid.listingId === listingId && dispatch({ type: "bid", bid, at: Date.now() }));
    socket.on("extended", (e: { listingId: string; endsAt: string; extensionCount: number }) => {
      if (e.listingId === listingId)
        dispatch({ type: "extended", endsAt: e.endsAt, extensionCount: e.extensionCount, at: Date.now() });
    });
    socket.on("status", (e: Extract<RoomAction, { type: "status" }> & { listingId: string }) => {
      if (e.listingId === listingId) dispatch({ ...e, type: "status" });
    });
    socket.on("closed", (e: Extract<RoomAction, { type: "closed" }> & { listingId: string }) => {
      if (e.listingId === listingId) dispatch({ ...e, type: "closed" });
    });
    socket.on("watchers", (e: { listingId: string; count: number }) => {
      if (e.listingId === listingId) dispatch({ type: "watchers", count: e.count });
    });
    const resync = setInterval(() => {
      if (!socket.connected) return;
      const sentAt = Date.now();
      socket.timeout(5000).emit("time", (err: unknown, payload?: { serverTime: string }) => {
        if (!err && payload) sync(payload.serverTime, sentAt);
      });
    }, RESYNC_MS);
    return () => {
      clearInterval(resync);
      clearTimeout(retry);
      socket.off();
      socket.io.off();
      // Closing a websocket that is still opening logs a browser error: let it open, then close it.
      if (socket.connected) socket.disconnect();
      else {
        socket.io.opts.reconnection = false;
        socket.once("connect", () => socket.disconnect());
        socket.once("connect_error", () => socket.disconnect());
      }
    };
  }, [listingId, sync]);

  useEffect(() => {
    if (!reconnected) return;
    const timer = setTimeout(() => setReconnected(false), 4000);
    return () => clearTimeout(timer);
  }, [reconnected]);

  const myCode = viewer.registration?.status === "approved" ? viewer.registration.bidderCode : null;
  const leading = myCode !== null && state.leaderBidderCode === myCode;

  const refreshViewer = useCallback(async () => {
    if (!signedIn) return;
    const result = await callApi<ViewerStatus>(`/api/v1/listings/${listingId}/me`, "GET");
    if (result.ok) setViewer(result.value);
  }, [listingId, signedIn]);

  // The lead moved away from the viewer: say so, and re-read its standing (a spent proxy is gone).
  const previousLeader = useRef(state.leaderBidderCode);
  useEffect(() => {
    const before = previousLeader.current;
    previousLeader.current = state.leaderBidderCode;
    if (before === state.leaderBidderCode || !myCode) return;
    if (before === myCode && state.leaderBidderCode !== myCode) {
      setNotices((list) => [
        ...list.filter((n) => n.kind !== "outbid"),
        { id: Date.now(), kind: "outbid", price: stateRef.current.currentPrice },
      ]);
    }
    if (before === myCode || state.leaderBidderCode === myCode) void refreshViewer();
  }, [state.leaderBidderCode, myCode, refreshViewer]);

  // "Ending in 5 minutes", once per listing and tab, for a registered bidder.
  const endsAtMs = state.endsAt ? Date.parse(state.endsAt) : null;
  const remainingMs = endsAtMs === null ? null : endsAtMs - now;
  const endingSoon = state.status === "live" && remainingMs !== null && remainingMs > 0 && remainingMs <= ENDING_SOON_MS;
  useEffect(() => {
    if (!endingSoon || !myCode) return;
    const key = `nplex:ending-soon:${listingId}`;
    try {
      if (sessionStorage.getItem(key)) return;
      sessionStorage.setItem(key, "1");
    } catch {
      // Storage refused (private mode): the notice may then show again after a reload.
    }
    setNotices((list) =>
      list.some((n) => n.kind === "endingSoon") ? list : [...list, { id: Date.now() + 1, kind: "endingSoon" }],
    );
  }, [endingSoon, myCode, listingId]);

  const dismissNotice = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);

  // A bid that failed for want of an answer is retried with the same key, so it counts once.
  const unanswered = useRef<{ amount: string; key: string } | null>(null);
  const placeBid = useCallback(
    async (amount: string): Promise<Outcome<PlaceBidResponse>> => {
      const key = unanswered.current?.amount === amount ? unanswered.current.key : newIdempotencyKey();
      const result = await callApi<PlaceBidResponse>(`/api/v1/listings/${listingId}/bids`, "POST", {
        amount,
        idempotencyKey: key,
      });
      unanswered.current = !result.ok && result.code === "NETWORK" ? { amount, key } : null;
      if (result.ok) {
        dispatch({ type: "placed", bid: result.value.bid, listing: result.value.listing, at: Date.now() });
        setNotices((list) => list.filter((n) => n.kind !== "outbid"));
      }
      return result;
    },
    [listingId],
  );

  const setProxy = useCallback(
    async (maximum: string) => {
      const result = await callApi<{ maximum: string; currentPrice: string | null; leading: boolean }>(
        `/api/v1/listings/${listingId}/proxy`,
        "PUT",
        { maximum },
      );
      if (result.ok) setViewer((v) => ({ ...v, proxyMaximum: result.value.maximum, leading: result.value.leading }));
      return result;
    },
    [listingId],
  );

  const clearProxy = useCallback(async () => {
    const result = await callApi<{ cleared: boolean }>(`/api/v1/listings/${listingId}/proxy`, "DELETE");
    if (result.ok || result.code === "NO_PROXY") setViewer((v) => ({ ...v, proxyMaximum: null }));
    return result;
  }, [listingId]);

  return {
    state,
    now,
    remainingMs,
    endingSoon,
    nextMinimumBid: nextMinimumBid(listing, state.currentPrice),
    viewer,
    myCode,
    leading,
    connection,
    reconnected,
    notices,
    dismissNotice,
    placeBid,
    setProxy,
    clearProxy,
  };
}

export type AuctionRoom = ReturnType<typeof useAuctionRoom>;
