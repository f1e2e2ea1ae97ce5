import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { notifications, listings, type Listing } from "../../db/schema";
import { makeAsset, makeListing, makeOrganisation, makeRegistration, makeUser } from "../../db/seed/factories";
import { createAlerts } from "../../server/notifications/alerts";
import type { UserPrincipal } from "../../core/identity/access";
import { manualClock } from "../support/clock";
import { testServices } from "../support/db";

const MIN = 60_000;
const yuan = (amount: number) => BigInt(amount) * 100n;

let clock: ReturnType<typeof manualClock>;
let ctx: Awaited<ReturnType<typeof testServices>>;
let bankId: string;
let assetId: string;

beforeEach(async () => {
  clock = manualClock();
  ctx = await testServices({ clock });
  bankId = (await makeOrganisation(ctx.services, { name: "Eastern Commercial Bank", kind: "bank" })).id;
  assetId = (
    await makeAsset(ctx.services, { sellerOrgId: bankId, kind: "movable", title: "Two tower cranes", region: "Jiangsu · Suzhou" })
  ).id;
});
afterEach(async () => ctx.close());

const services = () => ctx.services;
const at = (offsetMs: number) => new Date(clock.now().getTime() + offsetMs);

function liveListing(endsInMs: number): Promise<Listing> {
  return makeListing(services(), {
    sellerOrgId: bankId,
    assetId,
    title: "Tower crane lot",
    status: "live",
    startingPrice: yuan(100_000),
    increment: yuan(1_000),
    announcedAt: at(-10 * 60 * MIN),
    startsAt: at(-60 * MIN),
    endsAt: at(endsInMs),
  });
}

let count = 0;
/** An investor of its own fund, registered on the listing and approved (or only watching it). */
async function investor(listingId: string, code: string, as: "registered" | "watcher" = "registered") {
  count += 1;
  const fund = await makeOrganisation(services(), { name: `Fund ${code}-${count}`, kind: "fund" });
  const user = await makeUser(services(), {
    email: `${code.toLowerCase()}-${count}@fund.example`,
    displayName: `Investor ${code}`,
    organisationId: fund.id,
    roles: ["investor"],
  });
  if (as === "registered") {
    await makeRegistration(services(), {
      listingId,
      organisationId: fund.id,
      userId: user.id,
      bidderCode: code,
      status: "approved",
    });
  }
  const principal = (await services().identity.principalOfUser(user.id));
  if (as === "watcher") await services().notifications.watch(principal, listingId, true);
  return { userId: user.id, principal };
}

const bid = (who: { principal: UserPrincipal }, listing: Listing, amount: bigint) =>
  services().auction.placeBid(who.principal, listing.id, { amount: amount.toString(), idempotencyKey: randomUUID() });

const alertsOf = (userId: string) =>
  services()
    .db.select({
      kind: notifications.kind,
      params: notifications.params,
      shown: notifications.shown,
      mailStatus: notifications.mailStatus,
      alertKey: notifications.alertKey,
    })
    .from(notifications)
    .where(and(eq(notifications.userId, userId)))
    .then((rows) => rows.filter((r) => r.alertKey !== null));

describe("alerts", () => {
  it("tells the bidder who led, once, when a bid passes it; not the bidder who passed it, nor one who never led", async () => {
    const listing = await liveListing(3 * 60 * MIN);
    const [a, b, c] = [await investor(listing.id, "A1"), await investor(listing.id, "B2"), await investor(listing.id, "C3")];
    await bid(a, listing, yuan(100_000));
    await bid(b, listing, yuan(101_000));
    await bid(a, listing, yuan(102_000));

    expect(await alertsOf(a.userId)).toEqual([
      expect.objectContaining({ kind: "outbid", params: { amount: String(yuan(101_000)), currency: "CNY" }, shown: true }),
    ]);
    expect(await alertsOf(b.userId)).toEqual([
      expect.objectContaining({
        kind: "outbid",
        params: { amount: String(yuan(102_000)), currency: "CNY" },
        mailStatus: "queued",
      }),
    ]);
    expect(await alertsOf(c.userId)).toEqual([]);
    const listed = (await services().notifications.list(a.principal)).filter((n) => n.kind === "outbid");
    expect(listed).toEqual([expect.objectContaining({ listingTitle: "Tower crane lot" })]);
  });

  it("tells a bidder whose lead an automatic bid took, and not the bidder whose automatic bid answered a bid below its maximum", async () => {
    const listing = await liveListing(3 * 60 * MIN);
    const [a, b] = [await investor(listing.id, "A1"), await investor(listing.id, "B2")];
    await bid(a, listing, yuan(100_000));
    await services().auction.setProxy(b.principal, listing.id, { maximum: String(yuan(150_000)) });
    // A tries again: B's maximum answers, B keeps the lead, and A (who did not lead) hears nothing more.
    await bid(a, listing, yuan(120_000));
    expect((await alertsOf(a.userId)).map((r) => r.kind)).toEqual(["outbid"]);
    expect(await alertsOf(b.userId)).toEqual([]);
  });

  it("follows each user's choice: in the app only, by e-mail only, or not at all", async () => {
    const listing = await liveListing(3 * 60 * MIN);
    const [a, b] = [await investor(listing.id, "A1"), await investor(listing.id, "B2")];
    const choices = (outbid: { inApp: boolean; email: boolean }) => ({
      outbid,
      ending: { inApp: true, email: true },
      extended: { inApp: true, email: false },
    });
    await services().alerts.saveSettings(a.principal, choices({ inApp: true, email: false }));
    await bid(a, listing, yuan(100_000));
    await bid(b, listing, yuan(101_000));
    expect(await alertsOf(a.userId)).toEqual([expect.objectContaining({ kind: "outbid", shown: true, mailStatus: "off" })]);

    await services().alerts.saveSettings(b.principal, choices({ inApp: false, email: true }));
    await bid(a, listing, yuan(102_000));
    expect(await alertsOf(b.userId)).toEqual([expect.objectContaining({ kind: "outbid", shown: false, mailStatus: "queued" })]);
    const unread = await services().notifications.unreadCount(b.principal);
    expect((await services().notifications.list(b.principal)).filter((n) => n.kind === "outbid")).toEqual([]);
    await bid(b, listing, yuan(103_000));
    await services().alerts.saveSettings(b.principal, choices({ inApp: true, email: true }));
    await bid(a, listing, yuan(104_000));
    expect(await services().notifications.unreadCount(b.principal)).toBe(unread + 1);

    await services().alerts.saveSettings(a.principal, choices({ inApp: false, email: false }));
    await bid(b, listing, yuan(105_000));
    expect(await alertsOf(a.userId)).toHaveLength(2);
    expect((await services().alerts.settings(a.principal)).outbid).toEqual({ inApp: false, email: false });
  });

  it("refuses settings that are not a choice for every alert, and keeps the old ones", async () => {
    const listing = await liveListing(3 * 60 * MIN);
    const a = await investor(listing.id, "A1");
    await expect(services().alerts.saveSettings(a.principal, { outbid: { inApp: "no", email: true } })).rejects.toThrow();
    expect(await services().alerts.settings(a.principal)).toEqual({
      outbid: { inApp: true, email: true },
      ending: { inApp: true, email: true },
      extended: { inApp: true, email: false },
    });
  });

  it("raises the hour's and the ten minutes' alerts to registrants and watchers once each, on whichever node, and again after a restart never", async () => {
    const listing = await liveListing(70 * MIN);
    const [a, watcher] = [await investor(listing.id, "A1"), await investor(listing.id, "W1", "watcher")];
    const nodeA = services().alerts;
    const nodeB = createAlerts({ db: services().db, clock });

    expect(await nodeA.sweep()).toBe(0);
    clock.advance(10 * MIN + 1);
    // Both nodes sweep at once: each listing's alert is claimed by one.
    expect((await Promise.all([nodeA.sweep(), nodeB.sweep()])).reduce((x, y) => x + y)).toBe(2);
    expect(await nodeB.sweep()).toBe(0);
    clock.advance(50 * MIN);
    const restarted = createAlerts({ db: services().db, clock });
    expect(await restarted.sweep()).toBe(2);
    expect(await restarted.sweep()).toBe(0);
    for (const who of [a, watcher]) {
      expect((await alertsOf(who.userId)).map((r) => [r.kind, r.params.minutes])).toEqual([
        ["auction_ending", "60"],
        ["auction_ending", "10"],
      ]);
    }
    clock.advance(10 * MIN);
    expect(await restarted.sweep()).toBe(0);
  });

  it("sends only the ten minutes' alert to an auction first seen with five minutes left", async () => {
    const listing = await liveListing(5 * MIN);
    const a = await investor(listing.id, "A1");
    expect(await services().alerts.sweep()).toBe(1);
    expect((await alertsOf(a.userId)).map((r) => r.params.minutes)).toEqual(["10"]);
  });

  it("raises an extension alert once per extension, with the new end", async () => {
    const listing = await liveListing(3 * 60 * MIN);
    const [a, b] = [await investor(listing.id, "A1"), await investor(listing.id, "B2")];
    await services()
      .db.update(listings)
      .set({ endsAt: at(2 * MIN) })
      .where(eq(listings.id, listing.id));
    await services().alerts.sweep();
    await bid(a, listing, yuan(100_000));
    const extended = await services().alerts.sweep();
    const [after] = await services().db.select().from(listings).where(eq(listings.id, listing.id));
    expect(after!.extensionCount).toBe(1);
    expect(extended).toBe(2);
    expect(await services().alerts.sweep()).toBe(0);
    const alerts = (await alertsOf(b.userId)).filter((r) => r.kind === "auction_extended");
    expect(alerts).toEqual([expect.objectContaining({ params: { due: after!.endsAt!.toISOString() }, mailStatus: "off" })]);
  });
});
