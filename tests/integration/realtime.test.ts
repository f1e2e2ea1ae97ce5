import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import pino from "pino";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeAsset, makeListing, makeOrganisation } from "../../db/seed/factories";
import { createLogger } from "../../server/logger";
import { attachRealtime } from "../../server/realtime";
import { manualClock } from "../support/clock";
import { testServices } from "../support/db";

let server: Server;
let realtime: ReturnType<typeof attachRealtime>;
let client: Socket;

async function listen(options: Parameters<typeof attachRealtime>[1]) {
  server = createServer();
  realtime = attachRealtime(server, options);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = connect(`http://127.0.0.1:${port}`, { transports: ["websocket"] });
  await new Promise((resolve) => client.once("time", resolve));
}

afterEach(async () => {
  client?.close();
  void realtime?.close();
  await new Promise((resolve) => server.close(resolve));
});

describe("realtime", () => {
  it("tells a client the server's time on connect and whenever asked", async () => {
    const clock = manualClock(new Date("2026-11-20T08:00:00.000Z"));
    server = createServer();
    realtime = attachRealtime(server, { clock, logger: pino({ level: "silent" }) });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    client = connect(`http://127.0.0.1:${port}`, { transports: ["websocket"] });
    const onConnect = await new Promise<{ serverTime: string }>((resolve) => client.once("time", resolve));
    expect(onConnect.serverTime).toBe("2026-11-20T08:00:00.000Z");

    clock.advance(90_000);
    const asked = await client.timeout(2000).emitWithAck("time");
    expect(asked.serverTime).toBe("2026-11-20T08:01:30.000Z");
  });
});

describe("watching a listing", () => {
  let ctx: Awaited<ReturnType<typeof testServices>>;
  let listingId: string;
  const logged: string[] = [];
  const logger = createLogger(
    "info",
    new Writable({
      write(chunk, _encoding, done) {
        logged.push(String(chunk));
        done();
      },
    }),
  );
  const watchers = async () => (await realtime.in(`listing:${listingId}`).fetchSockets()).length;

  beforeEach(async () => {
    logged.length = 0;
    ctx = await testServices();
    const { services } = ctx;
    const bank = await makeOrganisation(services, { name: "Eastern Commercial Bank", kind: "bank" });
    const asset = await makeAsset(services, {
      sellerOrgId: bank.id,
      kind: "claim",
      title: "Claim on a Ningbo shipper",
      region: "Zhejiang · Ningbo",
      principal: 100_000_000n,
    });
    const now = services.clock.now().getTime();
    const hour = 3_600_000;
    listingId = (
      await makeListing(services, {
        sellerOrgId: bank.id,
        assetId: asset.id,
        title: "Claim on a Ningbo shipper",
        status: "live",
        startingPrice: 80_000_000n,
        announcedAt: new Date(now - 10 * hour),
        startsAt: new Date(now - hour),
        endsAt: new Date(now + hour),
      })
    ).id;
  });
  afterEach(async () => ctx.close());

  it("sends the state and the bids after afterSeq to a watcher in the listing's room", async () => {
    await listen({ clock: ctx.services.clock, logger, services: ctx.services });
    const state = new Promise<{ listing: { id: string } }>((resolve) => client.once("state", resolve));
    const ack = await client.timeout(5000).emitWithAck("watch", { listingId, afterSeq: 0 });
    expect(ack).toEqual({ ok: true, lastSeq: 0 });
    expect((await state).listing.id).toBe(listingId);
    expect(await watchers()).toBe(1);
  });

  it("refuses a catch-up point beyond any seq (afterSeq 2147483648) as BAD_REQUEST, before joining the room", async () => {
    await listen({ clock: ctx.services.clock, logger, services: ctx.services });
    let stateSent = false;
    client.on("state", () => (stateSent = true));
    for (const afterSeq of [2_147_483_648, -1, 1.5, "7"]) {
      const ack = await client.timeout(5000).emitWithAck("watch", { listingId, afterSeq });
      expect(ack.error.code, String(afterSeq)).toBe("BAD_REQUEST");
    }
    expect(await watchers()).toBe(0);
    expect(stateSent).toBe(false);
    expect(logged.join("")).not.toContain('"level":50');
  });

  it("leaves the room again when a watch fails after joining it, and logs why without the data", async () => {
    const failing = {
      ...ctx.services,
      auction: {
        ...ctx.services.auction,
        bidHistory: () =>
          Promise.reject(
            Object.assign(new Error("Failed query: select 1\nparams: Zhang San,110101199003076632"), { code: "XX000" }),
          ),
      },
    };
    await listen({ clock: ctx.services.clock, logger, services: failing });
    const ack = await client.timeout(5000).emitWithAck("watch", { listingId, afterSeq: 0 });
    expect(ack.error.code).toBe("INTERNAL");
    expect(await watchers()).toBe(0);
    expect(logged.join("")).toContain("watch failed");
    expect(logged.join("")).not.toMatch(/Zhang San|110101199003076632/);
  });

  it("answers an unwatch of a listing it does not watch (an unknown one) and of a malformed id", async () => {
    await listen({ clock: ctx.services.clock, logger, services: ctx.services });
    expect(await client.timeout(5000).emitWithAck("unwatch", { listingId: "00000000-0000-4000-8000-000000000000" })).toEqual({
      ok: true,
    });
    expect((await client.timeout(5000).emitWithAck("unwatch", { listingId: "not-a-uuid" })).error.code).toBe("BAD_REQUEST");

    await client.timeout(5000).emitWithAck("watch", { listingId, afterSeq: 0 });
    expect(await client.timeout(5000).emitWithAck("unwatch", { listingId })).toEqual({ ok: true });
    expect(await watchers()).toBe(0);
  });
});
