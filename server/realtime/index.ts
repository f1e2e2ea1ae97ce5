import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Server, type Socket } from "socket.io";
import {
  watchRequestSchema,
  type RoomEvents,
  type RoomRequests,
  type TimeEvent,
  type WatchAnswer,
} from "../../core/contract/room";
import type { AuctionService } from "../sale-modes/auction/service";
import type { Clock } from "../clock";
import type { ListingService } from "../listings/read-models/listings";
import type { Logger } from "../logger";
import type { EventBus } from "./bus";

export interface RealtimeOptions {
  clock: Clock;
  logger: Logger;
  /** Two node-redis clients (publish, subscribe) when REDIS_URL is set: events then reach every node. */
  redis?: { pub: unknown; sub: unknown };
  /** The services behind `watch`; without them only time sync is offered. */
  services?: { listings: ListingService; auction: AuctionService; bus: EventBus };
}

type RoomSocket = Socket<RoomRequests, RoomEvents>;

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
  const io = new Server<RoomRequests, RoomEvents>(server, {
    transports: ["websocket", "polling"],
    serveClient: false,
    // Vite's HMR shares the port in development: leave upgrades that are not ours alone.
    destroyUpgrade: false,
  });
  if (redis) io.adapter(createAdapter(redis.pub, redis.sub));

  const watcherCounts = new Map<string, NodeJS.Timeout>();
  /** Counts watchers across every node (the Redis adapter asks the others), at most every 2 seconds: a crowd joining at once costs one count, not one per join. */
  const announceWatchers = (listingId: string) => {
    if (watcherCounts.has(listingId)) return;
    watcherCounts.set(
      listingId,
      setTimeout(() => {
        watcherCounts.delete(listingId);
        io.in(room(listingId))
          .fetchSockets()
          .then((sockets) => io.to(room(listingId)).emit("watchers", { listingId, count: sockets.length }))
          .catch((error: unknown) => logger.warn({ err: error }, "could not count watchers"));
      }, 2000),
    );
  };

  const unsubscribe = services?.bus.subscribe((event) => {
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
      const listing = await services.listings.getPublic(listingId);
      if (!listing) return respond({ error: { code: "NOT_FOUND", message: "Listing not found." } });
      await socket.join(room(listingId));
      const current = (await services.listings.getPublic(listingId)) ?? listing;
      socket.emit("state", { listing: current, serverTime: clock.now().toISOString() });
      // Every bid after `afterSeq`, page by page: a long absence must not leave a gap.
      let after = afterSeq;
      let lastSeq = 0;
      for (;;) {
        const page = await services.auction.bidHistory(listingId, { afterSeq: after, limit: HISTORY_PAGE });
        if (!page) break;
        lastSeq = Math.max(lastSeq, page.lastSeq);
        for (const bid of page.bids) socket.emit("bid", { listingId, ...bid, endsAt: current.endsAt });
        if (page.bids.length < HISTORY_PAGE) break;
        after = page.bids[page.bids.length - 1]!.seq;
      }
      announceWatchers(listingId);
      respond({ ok: true, lastSeq });
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
