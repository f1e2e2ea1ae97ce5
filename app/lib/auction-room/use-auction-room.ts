import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import type { PlaceBidResponse, PublicBid, ViewerStatus } from "../../../core/contract/bids";
import type { ListingDetail } from "../../../core/contract/listings";
import { bidClient, newIdempotencyKey, type Outcome } from "./bid-client";
import { useRoomSocket, useServerClock } from "./socket";
import { initialRoomState, nextMinimumBid, roomReducer, standingOf } from "./state";

/**
 * The live auction room on the client, composed: the state its socket keeps (./state.ts,
 * ./socket.ts), the server's clock, the viewer's own standing, the notices a registered bidder
 * gets, and the calls that place bids and set automatic bidding (./bid-client.ts).
 */

/**
 * An in-app notice for a registered bidder: outbid (with the price at that moment), ending soon, or
 * its automatic bidding's maximum passed by another bidder (with that maximum).
 */
export interface Notice {
  id: number;
  kind: "outbid" | "endingSoon" | "maximumPassed";
  price?: string | null;
}

const ENDING_SOON_MS = 5 * 60_000;

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
  const [notices, setNotices] = useState<Notice[]>([]);
  const { now, sync } = useServerClock(serverTime);
  const client = useMemo(() => bidClient(listingId), [listingId]);

  const stateRef = useRef(state);
  stateRef.current = state;
  const { connection, reconnected } = useRoomSocket(listingId, stateRef, dispatch, sync);

  const myCode = viewer.registration?.status === "approved" ? viewer.registration.bidderCode : null;
  const standing = standingOf(state, myCode);
  const leading = standing === "leading";

  const viewerRef = useRef(viewer);
  viewerRef.current = viewer;
  const refreshViewer = useCallback(async () => {
    if (!signedIn) return;
    const maximum = viewerRef.current.proxyMaximum;
    const result = await client.viewer();
    if (!result.ok) return;
    setViewer(result.value);
    // A maximum gone while the viewer did not clear it was passed by another bidder: say so.
    if (maximum !== null && result.value.proxyMaximum === null && viewerRef.current.proxyMaximum === maximum) {
      setNotices((list) => [
        ...list.filter((n) => n.kind !== "maximumPassed"),
        { id: Date.now() + 2, kind: "maximumPassed", price: maximum },
      ]);
    }
  }, [client, signedIn]);

  // The viewer's standing went from leading to outbid: say so, and re-read what the server holds of
  // it (a spent maximum is gone). The lead came back (its automatic bidding answered): the notice
  // no longer holds, and goes.
  const previousStanding = useRef(standing);
  useEffect(() => {
    const before = previousStanding.current;
    previousStanding.current = standing;
    if (before === standing) return;
    if (before === "leading" && standing === "outbid") {
      setNotices((list) => [
        ...list.filter((n) => n.kind !== "outbid"),
        { id: Date.now(), kind: "outbid", price: stateRef.current.currentPrice },
      ]);
    }
    if (standing === "leading") setNotices((list) => list.filter((n) => n.kind !== "outbid"));
    if (before === "leading" || standing === "leading") void refreshViewer();
  }, [standing, refreshViewer]);

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
      const result = await client.placeBid(amount, key);
      unanswered.current = !result.ok && result.code === "NETWORK" ? { amount, key } : null;
      if (result.ok) {
        dispatch({ type: "placed", bid: result.value.bid, listing: result.value.listing, at: Date.now() });
        setNotices((list) => list.filter((n) => n.kind !== "outbid"));
      }
      return result;
    },
    [client],
  );

  const setProxy = useCallback(
    async (maximum: string) => {
      const result = await client.setProxy(maximum);
      if (result.ok) {
        setViewer((v) => ({ ...v, proxyMaximum: result.value.maximum, leading: result.value.leading }));
        setNotices((list) => list.filter((n) => n.kind !== "maximumPassed"));
      }
      return result;
    },
    [client],
  );

  const clearProxy = useCallback(async () => {
    const result = await client.clearProxy();
    if (result.ok || result.code === "NO_PROXY") setViewer((v) => ({ ...v, proxyMaximum: null }));
    return result;
  }, [client]);

  return {
    state,
    now,
    remainingMs,
    endingSoon,
    nextMinimumBid: nextMinimumBid(listing, state.currentPrice),
    viewer,
    myCode,
    standing,
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
