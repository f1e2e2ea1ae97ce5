import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { attachRealtime } from "../../server/realtime";
import { manualClock } from "../support/clock";

let server: Server;
let realtime: ReturnType<typeof attachRealtime>;
let client: Socket;
const clock = manualClock(new Date("2026-11-20T08:00:00.000Z"));

beforeEach(async () => {
  server = createServer();
  realtime = attachRealtime(server, { clock, logger: pino({ level: "silent" }) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterEach(async () => {
  client?.close();
  realtime.close();
  await new Promise((resolve) => server.close(resolve));
});

describe("realtime", () => {
  it("tells a client the server's time on connect and whenever asked", async () => {
    const { port } = server.address() as AddressInfo;
    client = connect(`http://127.0.0.1:${port}`, { transports: ["websocket"] });
    const onConnect = await new Promise<{ serverTime: string }>((resolve) => client.once("time", resolve));
    expect(onConnect.serverTime).toBe("2026-11-20T08:00:00.000Z");

    clock.advance(90_000);
    const asked = await client.timeout(2000).emitWithAck("time");
    expect(asked.serverTime).toBe("2026-11-20T08:01:30.000Z");
  });
});
