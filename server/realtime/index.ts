import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Server } from "socket.io";
import type { Clock } from "../clock";
import type { Logger } from "../logger";

export interface RealtimeOptions {
  clock: Clock;
  logger: Logger;
  /** Two node-redis clients (publish, subscribe) when REDIS_URL is set: events then reach every node. */
  redis?: { pub: unknown; sub: unknown };
}

/**
 * socket.io on the app's own HTTP server. Clients learn the server's time on connect and on
 * request (`time` with an acknowledgement), so countdowns hold whatever the client's clock says.
 */
export function attachRealtime(server: HttpServer, { clock, logger, redis }: RealtimeOptions) {
  const io = new Server(server, {
    transports: ["websocket", "polling"],
    serveClient: false,
    // Vite's HMR shares the port in development: leave upgrades that are not ours alone.
    destroyUpgrade: false,
  });
  if (redis) io.adapter(createAdapter(redis.pub as never, redis.sub as never));
  io.on("connection", (socket) => {
    socket.emit("time", { serverTime: clock.now().toISOString() });
    socket.on("time", (ack: unknown) => {
      if (typeof ack === "function") ack({ serverTime: clock.now().toISOString() });
    });
    socket.on("error", (error) => logger.warn({ err: error }, "socket error"));
  });
  return io;
}
