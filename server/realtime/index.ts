import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Server, type Socket } from "socket.io";
import {
  watchRequestSchema,
  type RoomEvents,
  type RoomRequests,
  type TimeEvent,
  type PublicAuctionEvent,
  type WatchAnswer,
} from "../../core/contract/room";
import type { AuctionService } from "../sale-modes/auction/service";
import type { Clock } from "../clock";
import type { ListingService } from "../listings/read-models/listings";
import type { Logger } from "../logger";
import type { EventBus } from "./bus";
import { createRoomCache } from "./room-cache";

export interface RealtimeOptions {
  clock: Clock;
  logger: Logger;
  /** Two node-redis clients (publish, subscribe) when REDIS_URL is set: events then reach every node. */
  redis?: { pub: unknown; sub: unknown };
  /** The services behind `watch`; without them only time sync is offered. */
  services?: { listings: ListingService; auction: AuctionService; bus: EventBus };
}

type RoomSocket = Socket<RoomRequests, RoomEvents>;

/** What the nodes tell each other through the adapter: each auction event (for their room caches), and how many watch a room here. */
interface NodeEvents {
  auctionEvent: (event: PublicAuctionEvent) => void;
  roomSize: (listingId: string, answer: (size: number) => void) => void;
}

const room = (listingId: string) => `listing:${listingId}`;
const HISTORY_PAGE = 1000;

/**
 * socket.io on the app's own HTTP server. Clients learn the server's time on connect and on
 * request (`time` with an acknowledgement), so countdowns hold whatever the client's clock says.
 * `watch` checks what it is asked first, then joins a listing's room: first the room (so nothing
 * committed from then on is missed), then the current state and the bids after `afterSeq`; clients
 * drop any seq they already have. A watch that fails leaves the room again.
 */
export function attachRealtime(server: HttpServer, { clock, logger, redis, services }: RealtimeOptions) {
  const io = new Server<RoomRequests, RoomEvents, NodeEvents>(server, {
    transports: ["websocket", "polling"],
    serveClient: false,
    // Vite's HMR shares the port in development: leave upgrades that are not ours alone.
    destroyUpgrade: false,
  });
  if (redis) io.adapter(createAdapter(redis.pub, redis.sub));

  const localSize = (listingId: string) => io.of("/").adapter.rooms.get(room(listingId))?.size ?? 0;
  /** The room's size on every node: this node's from its adapter, the others' asked through it (a number each, never their sockets). */
  async function roomSize(listingId: string): Promise<number> {
    if (!redis) return localSize(listingId);
    // A node that does not answer within the adapter's request timeout is counted as none.
    const others: number[] = await io.serverSideEmitWithAck("roomSize", listingId).catch(() => []);
    return others.reduce((sum, size) => sum + (Number.isSafeInteger(size) ? size : 0), localSize(listingId));
  }
  io.on("roomSize", (listingId, answer) => {
    if (typeof listingId === "string" && typeof answer === "function") answer(localSize(listingId));
  });

  const watcherCounts = new Map<string, NodeJS.Timeout>();
  /** Counts watchers across every node at most every 2 seconds: a crowd joining at once costs one count, not one per join. */
  const announceWatchers = (listingId: string) => {
    if (watcherCounts.has(listingId)) return;
    watcherCounts.set(
      listingId,
      setTimeout(() => {
        watcherCounts.delete(listingId);
        roomSize(listingId)
          .then((count) => io.to(room(listingId)).emit("watchers", { listingId, count }))
          .catch((error: unknown) => logger.warn({ err: error }, "could not count watchers"));
      }, 2000),
    );
  };

  const rooms = services
    ? createRoomCache({
        load: (listingId) => services.listings.getPublic(listingId),
        newestBids: async (listingId, limit) =>
          (await services.auction.bidHistory(listingId, { page: "newest", limit }))?.bids ?? null,
      })
    : null;
  // Another node's events keep this node's rooms current (sent before the room hears them).
  io.on("auctionEvent", (event) => rooms?.apply(event));

  const unsubscribe = services?.bus.subscribe((event) => {
    rooms?.apply(event);
    if (redis) io.serverSideEmit("auctionEvent", event);
    const { type, ...payload } = event;
    // The bus's union pairs each name with its payload (core/contract/room.ts), but TypeScript cannot follow the pair
    // through the spread; the rule misreads socket.io's rest-tuple parameters and calls the assertion needless.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    io.to(room(event.listingId)).emit(type, payload as never);
  });

  /** What a client sent as its acknowledgement, as a function we may call; a client that sent none gets no answer. */
  const answerer =
    <T>(ack: unknown) =>
    (answer: T) => {
      if (typeof ack === "function") (ack as (answer: T) => void)(answer);
    };

  async function watch(socket: RoomSocket, raw: unknown, respond: (answer: WatchAnswer) => void) {
    const parsed = watchRequestSchema.safeParse(raw);
    if (!parsed.success || !services) {
      return respond({
        error: {
          code: "BAD_REQUEST",
          message: "watch needs { listingId: a listing's id, afterSeq: a whole number from 0 to 2147483647 }",
        },
      });
    }
    const { listingId, afterSeq } = parsed.data;
    try {
      if (!rooms || !(await rooms.snapshot(listingId, afterSeq))) {
        return respond({ error: { code: "NOT_FOUND", message: "Listing not found." } });
      }
      await socket.join(room(listingId));
      // Taken again once in the room, so nothing committed between the two is missed; a room held
      // and kept current answers both from memory.
      const current = await rooms.snapshot(listingId, afterSeq);
      if (!current) throw new Error("the listing left the public while a watch began");
      socket.emit("state", { listing: current.listing, serverTime: clock.now().toISOString() });
      // A watcher further behind than the room keeps gets the older bids from the database, page by page.
      let after = afterSeq;
      while (!current.complete && after < current.heldAfter) {
        const page = await services.auction.bidHistory(listingId, { afterSeq: after, limit: HISTORY_PAGE });
        const older = (page?.bids ?? []).filter((bid) => bid.seq <= current.heldAfter);
        for (const bid of older) socket.emit("bid", { listingId, ...bid, endsAt: current.listing.endsAt });
        if (older.length < HISTORY_PAGE) break;
        after = older[older.length - 1]!.seq;
      }
      for (const bid of current.bids) socket.emit("bid", { listingId, ...bid, endsAt: current.listing.endsAt });
      announceWatchers(listingId);
      respond({ ok: true, lastSeq: current.listing.lastSeq });
    } catch (error) {
      await Promise.resolve(socket.leave(room(listingId))).catch(() => undefined);
      logger.error({ err: error, listingId }, "watch failed");
      respond({ error: { code: "INTERNAL", message: "Could not watch this listing." } });
    }
  }

  async function unwatch(socket: RoomSocket, raw: unknown, respond: (answer: WatchAnswer | { ok: true }) => void) {
    const parsed = watchRequestSchema.pick({ listingId: true }).safeParse(raw);
    if (!parsed.success) return respond({ error: { code: "BAD_REQUEST", message: "unwatch needs { listingId }" } });
    // Leaving a room one is not in (an unknown listing) changes nothing.
    if (!socket.rooms.has(room(parsed.data.listingId))) return respond({ ok: true });
    try {
      await socket.leave(room(parsed.data.listingId));
      announceWatchers(parsed.data.listingId);
      respond({ ok: true });
    } catch (error) {
      logger.error({ err: error, listingId: parsed.data.listingId }, "unwatch failed");
      respond({ error: { code: "INTERNAL", message: "Could not stop watching this listing." } });
    }
  }

  io.on("connection", (socket) => {
    socket.emit("time", { serverTime: clock.now().toISOString() });
    // Payloads are checked, not trusted: a client may send anything under these names.
    socket.on("time", (ack: unknown) => answerer<TimeEvent>(ack)({ serverTime: clock.now().toISOString() }));
    socket.on("watch", (raw: unknown, ack: unknown) => void watch(socket, raw, answerer(ack)));
    socket.on("unwatch", (raw: unknown, ack: unknown) => void unwatch(socket, raw, answerer(ack)));
    socket.on("disconnecting", () => {
      for (const name of socket.rooms) if (name.startsWith("listing:")) setImmediate(() => announceWatchers(name.slice(8)));
    });
    socket.on("error", (error) => logger.warn({ err: error }, "socket error"));
  });

  const close = io.close.bind(io);
  return Object.assign(io, {
    close(callback?: (err?: Error) => void) {
      unsubscribe?.();
      for (const timer of watcherCounts.values()) clearTimeout(timer);
      return close(callback);
    },
  });
}
