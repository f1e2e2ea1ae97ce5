import { useCallback, useEffect, useRef, useState, type Dispatch } from "react";
import { io, type Socket } from "socket.io-client";
import type { RoomEvents, RoomRequests } from "../../../core/contract/room";
import { contiguousSeq, type RoomAction, type RoomState } from "./state";

/**
 * The room's socket: it watches one listing (core/contract/room.ts is the contract), turns each
 * event for it into a reducer action, catches up after a reconnect from the last bid it holds
 * without a gap, and keeps the server's clock.
 */

export type Connection = "connecting" | "online" | "offline";

const RESYNC_MS = 60_000;

/**
 * The server's clock, ticking: offset = server time − client time, from the loader at first and
 * then from the socket (`time` on connect, a round trip every minute). The first render uses the
 * server's own instant, so the page hydrates without a mismatch.
 */
export function useServerClock(serverTime: string) {
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

/** Watches `listingId` while mounted; `stateRef` is read for the catch-up point when (re)connecting. */
export function useRoomSocket(
  listingId: string,
  stateRef: { readonly current: RoomState },
  dispatch: Dispatch<RoomAction>,
  sync: (time: string, sentAt?: number) => void,
) {
  const [connection, setConnection] = useState<Connection>("connecting");
  const [reconnected, setReconnected] = useState(false);

  useEffect(() => {
    // After a node restarts every watcher reconnects: each waits its own random part of a growing
    // delay (1 s, 2 s, … up to 10 s, give or take half), so they arrive spread out, not at once.
    const socket: Socket<RoomEvents, RoomRequests> = io({
      transports: ["websocket"],
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
    });
    let everOnline = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      socket
        .timeout(10_000)
        .emit("watch", { listingId, afterSeq: contiguousSeq(stateRef.current.bids, stateRef.current.baseSeq) }, (err, answer) => {
          // Not answered or refused: ask again shortly, the room stays on what it has.
          if (err || !answer.ok) retry = setTimeout(() => socket.connected && watch(), 2000 + Math.random() * 2000);
        });
    };
    socket.on("connect", () => {
      setConnection("online");
      if (everOnline) setReconnected(true);
      everOnline = true;
      watch();
    });
    socket.on("disconnect", () => setConnection("offline"));
    socket.on("connect_error", () => setConnection("offline"));
    socket.on("time", (payload) => sync(payload.serverTime));
    socket.on("state", (payload) => {
      if (payload.listing.id !== listingId) return;
      sync(payload.serverTime);
      dispatch({ type: "state", listing: payload.listing, at: Date.now() });
    });
    socket.on("bid", (bid) => bid.listingId === listingId && dispatch({ type: "bid", bid, at: Date.now() }));
    socket.on("extended", (e) => {
      if (e.listingId === listingId)
        dispatch({ type: "extended", endsAt: e.endsAt, extensionCount: e.extensionCount, at: Date.now() });
    });
    socket.on("status", ({ listingId: id, ...e }) => {
      if (id === listingId) dispatch({ ...e, type: "status" });
    });
    socket.on("closed", ({ listingId: id, closedAt: _closedAt, ...e }) => {
      if (id === listingId) dispatch({ ...e, type: "closed" });
    });
    socket.on("watchers", (e) => {
      if (e.listingId === listingId) dispatch({ type: "watchers", count: e.count });
    });
    const resync = setInterval(() => {
      if (!socket.connected) return;
      const sentAt = Date.now();
      socket.timeout(5000).emit("time", (err, payload) => {
        if (!err) sync(payload.serverTime, sentAt);
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
  }, [listingId, sync, stateRef, dispatch]);

  useEffect(() => {
    if (!reconnected) return;
    const timer = setTimeout(() => setReconnected(false), 4000);
    return () => clearTimeout(timer);
  }, [reconnected]);

  return { connection, reconnected };
}
