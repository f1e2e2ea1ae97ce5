import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { and, asc, count, eq, sql } from "drizzle-orm";
import pino from "pino";
import { io as connect } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../../db/client";
import { auditLog, bids, listings, proxyBids, registrations, type Listing } from "../../db/schema";
import { makeAsset, makeListing, makeOrganisation, makeRegistration, makeUser } from "../../db/seed/factories";
import { createAuctionService } from "../../server/sale-modes/auction/service";
import { systemClock, type Clock } from "../../server/clock";
import { AppError } from "../../server/errors";
import type { UserPrincipal } from "../../core/identity/access";
import { startClosingJob } from "../../server/jobs/closing";
import { createRateLimiter } from "../../server/rate-limit";
import { attachRealtime } from "../../server/realtime";
import type { PublicAuctionEvent } from "../../core/contract/room";
import { manualClock } from "../support/clock";
import { testServices } from "../support/db";

const MIN = 60_000;
const HOUR = 60 * MIN;
const yuan = (amount: number) => BigInt(amount) * 100n;
const START = yuan(1_000_000);
const STEP = yuan(10_000);
const password = "correct-horse-battery";

let clock: ReturnType<typeof manualClock>;
let ctx: Awaited<ReturnType<typeof testServices>>;
let bankId: string;
let assetId: string;

/** A fresh database and services; the bank that sells, and one claim it lists. */
async function open(options: { clock?: Clock; bidsPerTenSeconds?: number } = {}) {
  clock = manualClock();
  ctx = await testServices({ clock: options.clock ?? clock, bidsPerTenSeconds: options.bidsPerTenSeconds });
  bankId = (await makeOrganisation(ctx.services, { name: "Eastern Commercial Bank", kind: "bank", region: "Zhejiang" })).id;
  assetId = (
    await makeAsset(ctx.services, {
      sellerOrgId: bankId,
      kind: "claim",
      title: "Claim on Ningbo Haitong Logistics",
      region: "Zhejiang · Ningbo",
      principal: yuan(6_200_000),
      parties: [{ role: "borrower", kind: "person", name: "Lin Haitong", idNumber: "330206197511034418" }],
    })
  ).id;
}
afterEach(async () => ctx?.close());

const services = () => ctx.services;
const auction = () => ctx.services.auction;
const db = () => ctx.services.db;
const now = () => ctx.services.clock.now();
const at = (offsetMs: number) => new Date(now().getTime() + offsetMs);

/** A live auction of the claim: opened an hour ago, ends in an hour, ¥1,000,000 plus ¥10,000 steps. */
async function liveListing(input: Partial<Parameters<typeof makeListing>[1]> = {}): Promise<Listing> {
  return makeListing(services(), {
    sellerOrgId: bankId,
    assetId,
    title: "Claim on Ningbo Haitong Logistics",
    status: "live",
    startingPrice: START,
    increment: STEP,
    announcedAt: at(-10 * HOUR),
    startsAt: at(-HOUR),
    endsAt: at(HOUR),
    ...input,
  });
}

interface Investor {
  code: string;
  email: string;
  name: string;
  userId: string;
  organisationId: string;
  organisationName: string;
  principal: UserPrincipal;
  registration: typeof registrations.$inferSelect | null;
}

let investors = 0;
/**
 * An investor of its own fund, signed in through the identity service; registered on the listing
 * (approved unless told otherwise) under a bidder code.
 */
async function investor(
  listingId: string | null,
  code: string,
  options: { registration?: "approved" | "pending" | "rejected" | "withdrawn" | "none"; organisationApproved?: boolean } = {},
): Promise<Investor> {
  investors += 1;
  const organisationName = `Harbour Capital ${code}-${investors}`;
  const name = `Hannah Lau ${code}-${investors}`;
  const email = `investor-${code}-${investors}@harbour.example`;
  const fund = await makeOrganisation(services(), {
    name: organisationName,
    kind: "fund",
    approved: options.organisationApproved ?? true,
  });
  const user = await makeUser(services(), { email, displayName: name, organisationId: fund.id, roles: ["investor"] });
  const status = options.registration ?? "approved";
  let registration = null;
  if (listingId && status !== "none") {
    registration = await makeRegistration(services(), {
      listingId,
      organisationId: fund.id,
      userId: user.id,
      bidderCode: code,
      status: status === "pending" ? "pending" : "approved",
    });
    if (status === "rejected" || status === "withdrawn") {
      [registration] = await db().update(registrations).set({ status }).where(eq(registrations.id, registration.id)).returning();
    }
  }
  const session = await services().identity.signIn({ email, password }, { ip: "203.0.113.7" });
  const principal = await services().identity.principalFromSession(session.token);
  expect(principal).toMatchObject({ kind: "user" });
  return {
    code,
    email,
    name,
    userId: user.id,
    organisationId: fund.id,
    organisationName,
    principal: principal as UserPrincipal,
    registration: registration ?? null,
  };
}

const bid = (who: Investor, listingId: string, amount: bigint, idempotencyKey: string = randomUUID()) =>
  auction().placeBid(who.principal, listingId, { amount: amount.toString(), idempotencyKey });

/** The AppError a promise rejects with; fails the test if it resolves or rejects with anything else. */
async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Everything a command could write: the listing row, its bids and proxies, and the audit log. */
async function footprint(listingId: string) {
  const [listing] = await db().select().from(listings).where(eq(listings.id, listingId));
  return {
    listing,
    bids: await db().select().from(bids).where(eq(bids.listingId, listingId)).orderBy(asc(bids.seq)),
    proxies: await db().select().from(proxyBids).where(eq(proxyBids.listingId, listingId)),
    audit: (await db().select({ n: count() }).from(auditLog))[0]!.n,
  };
}

async function listingRow(id: string) {
  const [row] = await db().select().from(listings).where(eq(listings.id, id));
  return row!;
}

const bidRows = (listingId: string) => db().select().from(bids).where(eq(bids.listingId, listingId)).orderBy(asc(bids.seq));

/** Every event the bus carries from now on. */
function recordEvents() {
  const events: PublicAuctionEvent[] = [];
  const stop = services().bus.subscribe((event) => events.push(event));
  return { events, stop };
}

const closedRowsFor = async (listingId: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "listing.closed"), eq(auditLog.entityId, listingId)));

/** The same auction service over a database handle that counts the transactions begun, and those still open. */
function serviceCountingTransactions() {
  let open = 0;
  let begun = 0;
  const base = services().db;
  const counted = Object.create(base) as Db;
  counted.transaction = (async (work: Parameters<Db["transaction"]>[0], config?: Parameters<Db["transaction"]>[1]) => {
    open += 1;
    begun += 1;
    try {
      return await base.transaction(work, config);
    } finally {
      open -= 1;
    }
  }) as Db["transaction"];
  const service = createAuctionService({
    db: counted,
    clock: services().clock,
    audit: services().audit,
    bus: services().bus,
    alerts: services().alerts,
    bidLimiter: createRateLimiter({ name: `bids-${randomUUID()}`, points: 1000, durationSeconds: 10 }),
  });
  return { service, openTransactions: () => open, transactions: () => begun };
}

/** Runs `tasks` with at most `limit` of them in flight. */
async function bounded<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

describe("who may bid", () => {
  beforeEach(() => open());

  it("accepts a bid from an investor whose registration is approved, as seq 1 at the starting price", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");

    const placed = await bid(hannah, listing.id, START);

    expect(placed).toMatchObject({
      bid: { seq: 1, amount: START.toString(), bidderNo: "1017", kind: "manual", placedAt: now().toISOString() },
      listing: {
        currentPrice: START.toString(),
        nextMinimumBid: (START + STEP).toString(),
        status: "live",
        leaderBidderCode: "1017",
      },
      replayed: false,
    });
    const [row] = await bidRows(listing.id);
    expect(row).toMatchObject({ seq: 1, amount: START, registrationId: hannah.registration!.id, kind: "manual" });
    expect(await listingRow(listing.id)).toMatchObject({
      currentPrice: START,
      lastSeq: 1,
      bidCount: 1,
      leaderRegistrationId: hannah.registration!.id,
    });
  });

  it.each([
    ["without a registration", { registration: "none" as const }, "NOT_REGISTERED"],
    ["while the registration awaits approval", { registration: "pending" as const }, "REGISTRATION_PENDING"],
    ["whose registration was rejected", { registration: "rejected" as const }, "NOT_REGISTERED"],
    ["whose registration was withdrawn", { registration: "withdrawn" as const }, "NOT_REGISTERED"],
    [
      "of an organisation not yet approved, even with an approved registration",
      { organisationApproved: false },
      "NOT_REGISTERED",
    ],
  ])("refuses an investor %s (403), writing nothing", async (_, options, code) => {
    const listing = await liveListing();
    const who = await investor(listing.id, "2024", options);
    const before = await footprint(listing.id);

    const error = await appError(bid(who, listing.id, START));

    expect(error.code).toBe(code);
    expect(error.status).toBe(403);
    expect(await footprint(listing.id)).toEqual(before);
  });

  it("refuses proxies and their clearing to an investor who is not registered", async () => {
    const listing = await liveListing();
    const who = await investor(listing.id, "2024", { registration: "pending" });

    expect((await appError(auction().setProxy(who.principal, listing.id, { maximum: START.toString() }))).code).toBe(
      "REGISTRATION_PENDING",
    );
    expect((await appError(auction().clearProxy(who.principal, listing.id))).code).toBe("REGISTRATION_PENDING");
  });

  it("asks an anonymous visitor to sign in (401)", async () => {
    const listing = await liveListing();
    const error = await appError(
      auction().placeBid({ kind: "anonymous" }, listing.id, { amount: START.toString(), idempotencyKey: randomUUID() }),
    );
    expect(error.code).toBe("UNAUTHENTICATED");
    expect(error.status).toBe(401);
  });

  it("answers NOT_FOUND (404) for a listing that does not exist or an id that is not one", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");

    for (const id of [randomUUID(), "not-a-listing"]) {
      const error = await appError(bid(hannah, id, START));
      expect(error.code).toBe("NOT_FOUND");
      expect(error.status).toBe(404);
    }
    expect(await auction().viewerStatus(hannah.principal, "not-a-listing")).toEqual({
      registration: null,
      leading: false,
      proxyMaximum: null,
    });
  });
});

describe("rejections", () => {
  beforeEach(() => open());

  it.each([
    ["below the starting price", START - STEP, "BID_TOO_LOW", 422, { nextMinimumBid: START.toString() }],
    ["off the increment grid", START + STEP / 2n, "BID_NOT_ON_INCREMENT", 422, { increment: STEP.toString() }],
  ])("refuses a first bid %s with the engine's code, writing nothing", async (_, amount, code, status, details) => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    const before = await footprint(listing.id);

    const error = await appError(bid(hannah, listing.id, amount));

    expect(error).toMatchObject({ code, status, details });
    expect(await footprint(listing.id)).toEqual(before);
  });

  it("refuses a bid that does not beat the current price by an increment (BID_TOO_LOW, 422), and a leader outbidding itself (ALREADY_LEADING, 409)", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    const jiang = await investor(listing.id, "2024");
    await bid(hannah, listing.id, START);
    const before = await footprint(listing.id);

    const tooLow = await appError(bid(jiang, listing.id, START));
    expect(tooLow).toMatchObject({ code: "BID_TOO_LOW", status: 422, details: { nextMinimumBid: (START + STEP).toString() } });
    const leading = await appError(bid(hannah, listing.id, START + STEP));
    expect(leading).toMatchObject({ code: "ALREADY_LEADING", status: 409 });

    expect(await footprint(listing.id)).toEqual(before);
  });

  it("refuses bids before the start (BIDDING_NOT_STARTED), after the end (LISTING_ENDED) and on a listing not live (LISTING_NOT_LIVE), all 409", async () => {
    const later = await liveListing({ startsAt: at(HOUR), endsAt: at(2 * HOUR) });
    const announced = await liveListing({ status: "announced" });
    const ending = await liveListing({ endsAt: at(MIN) });
    const hannah = await investor(later.id, "1017");
    for (const listing of [announced, ending]) {
      await makeRegistration(services(), {
        listingId: listing.id,
        organisationId: hannah.organisationId,
        userId: hannah.userId,
        bidderCode: "1017",
      });
    }
    const before = await Promise.all([later, announced, ending].map((l) => footprint(l.id)));

    expect(await appError(bid(hannah, later.id, START))).toMatchObject({ code: "BIDDING_NOT_STARTED", status: 409 });
    expect(await appError(bid(hannah, announced.id, START))).toMatchObject({ code: "LISTING_NOT_LIVE", status: 409 });
    clock.advance(MIN);
    expect(await appError(bid(hannah, ending.id, START))).toMatchObject({
      code: "LISTING_ENDED",
      status: 409,
      details: { endsAt: ending.endsAt!.toISOString() },
    });

    expect(await Promise.all([later, announced, ending].map((l) => footprint(l.id)))).toEqual(before);
  });

  it("refuses a proxy maximum below the next bid (PROXY_TOO_LOW, 422) and clearing a proxy never set (NO_PROXY, 404), writing nothing", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    const jiang = await investor(listing.id, "2024");
    await bid(hannah, listing.id, START);
    const before = await footprint(listing.id);

    expect(await appError(auction().setProxy(jiang.principal, listing.id, { maximum: START.toString() }))).toMatchObject({
      code: "PROXY_TOO_LOW",
      status: 422,
      details: { minimum: (START + STEP).toString() },
    });
    expect(await appError(auction().clearProxy(jiang.principal, listing.id))).toMatchObject({ code: "NO_PROXY", status: 404 });

    expect(await footprint(listing.id)).toEqual(before);
  });
});

describe("the cap on a single bid", () => {
  beforeEach(() => open());

  it("refuses a bid or a maximum above the listing's multiple of the current price (BID_ABOVE_CAP, 422), naming the cap, writing nothing", async () => {
    const listing = await liveListing({ maxBidMultiple: 3 });
    const hannah = await investor(listing.id, "1017");
    const jiang = await investor(listing.id, "2024");
    await bid(hannah, listing.id, START);
    const before = await footprint(listing.id);
    const cap = { code: "BID_ABOVE_CAP", status: 422, details: { maximum: (3n * START).toString(), multiple: "3" } };

    expect(await appError(bid(jiang, listing.id, 3n * START + STEP))).toMatchObject(cap);
    expect(
      await appError(auction().setProxy(jiang.principal, listing.id, { maximum: (3n * START + STEP).toString() })),
    ).toMatchObject(cap);

    expect(await footprint(listing.id)).toEqual(before);
    expect((await bid(jiang, listing.id, 3n * START)).listing.currentPrice).toBe((3n * START).toString());
  });

  it("keeps the auction open to outbidding after the bid that froze a ¥5.1M lot is tried", async () => {
    const listing = await liveListing({ startingPrice: yuan(5_100_000), increment: yuan(25_000) });
    const hannah = await investor(listing.id, "1017");
    const jiang = await investor(listing.id, "2024");

    expect((await appError(bid(hannah, listing.id, 999_999_999_997_500_000n))).code).toBe("BID_ABOVE_CAP");
    const placed = await bid(hannah, listing.id, yuan(5_100_000) * 5n);
    const outbid = await bid(jiang, listing.id, BigInt(placed.listing.nextMinimumBid));

    expect(outbid.listing.leaderBidderCode).toBe("2024");
  });
});

describe("the per-bidder rate limit", () => {
  beforeEach(() => open({ bidsPerTenSeconds: 3 }));

  it("answers RATE_LIMITED (429) with the seconds to wait once a bidder's budget is spent, writing nothing; others bid on", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    const jiang = await investor(listing.id, "2024");
    await bid(hannah, listing.id, START);
    await appError(bid(hannah, listing.id, START + STEP));
    await appError(bid(hannah, listing.id, START + 2n * STEP));
    const before = await footprint(listing.id);

    const error = await appError(bid(hannah, listing.id, START + 3n * STEP));

    expect(error.code).toBe("RATE_LIMITED");
    expect(error.status).toBe(429);
    expect(error.details.retryAfterSeconds).toEqual(expect.any(Number));
    expect(await footprint(listing.id)).toEqual(before);
    expect((await bid(jiang, listing.id, START + STEP)).bid.seq).toBe(2);
  });

  it("counts proxy changes too", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    for (const k of [10n, 20n, 30n])
      await auction().setProxy(hannah.principal, listing.id, { maximum: (START + k * STEP).toString() });
    expect(
      (await appError(auction().setProxy(hannah.principal, listing.id, { maximum: (START + 40n * STEP).toString() }))).code,
    ).toBe("RATE_LIMITED");
  });

  it("still answers a retry of an accepted bid once the budget is spent: the retry is not a new bid", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    const key = randomUUID();
    const original = await bid(hannah, listing.id, START, key);
    await appError(bid(hannah, listing.id, START + STEP));
    await appError(bid(hannah, listing.id, START + STEP));
    expect((await appError(bid(hannah, listing.id, START + STEP))).code).toBe("RATE_LIMITED");

    const retry = await bid(hannah, listing.id, START, key);

    expect(retry).toMatchObject({ bid: original.bid, replayed: true });
  });
});

describe("idempotent retries", () => {
  beforeEach(() => open());

  it("returns the original bid for the same key (same seq, replayed), never a second row, even after others bid", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    const jiang = await investor(listing.id, "2024");
    const key = randomUUID();
    const original = await bid(hannah, listing.id, START, key);
    clock.advance(1_000);
    await bid(jiang, listing.id, START + STEP);

    // A retry after the network lost the answer.
    const retry = await bid(hannah, listing.id, START, key);

    expect(original.replayed).toBe(false);
    expect(retry.replayed).toBe(true);
    expect(retry.bid).toEqual(original.bid);
    expect(retry.listing).toMatchObject({ currentPrice: (START + STEP).toString(), leaderBidderCode: "2024" });
    expect((await bidRows(listing.id)).map((b) => [b.seq, b.idempotencyKey])).toEqual([
      [1, key],
      [2, expect.any(String)],
    ]);
  });

  it("refuses the same key with another amount (IDEMPOTENCY_KEY_REUSED, 409), naming the original, writing nothing", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    const jiang = await investor(listing.id, "2024");
    const key = randomUUID();
    await bid(hannah, listing.id, START, key);
    await bid(jiang, listing.id, START + STEP);
    const before = await footprint(listing.id);

    const error = await appError(bid(hannah, listing.id, START + 5n * STEP, key));

    expect(error).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", status: 409, details: { amount: START.toString(), seq: 1 } });
    expect(await footprint(listing.id)).toEqual(before);
    expect(await bid(hannah, listing.id, START, key)).toMatchObject({ replayed: true, bid: { seq: 1 } });
  });

  it("writes one bid for the same key sent several times at once", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    const key = randomUUID();

    const answers = await Promise.all(Array.from({ length: 6 }, () => bid(hannah, listing.id, START, key)));

    expect(new Set(answers.map((a) => a.bid.seq))).toEqual(new Set([1]));
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(await bidRows(listing.id)).toHaveLength(1);
  });

  it("scopes a key to its bidder, and lets a key whose bid was refused be used again", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    const jiang = await investor(listing.id, "2024");
    const key = randomUUID();

    await appError(bid(hannah, listing.id, START - STEP, key));
    const first = await bid(hannah, listing.id, START, key);
    const second = await bid(jiang, listing.id, START + STEP, key);

    expect([first.bid.seq, second.bid.seq, first.replayed, second.replayed]).toEqual([1, 2, false, false]);
  });

  it("answers a retry with the original even after the auction closed", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    const key = randomUUID();
    const original = await bid(hannah, listing.id, START, key);
    clock.advance(2 * HOUR);
    expect(await auction().closeDue()).toBe(1);

    const retry = await bid(hannah, listing.id, START, key);

    expect(retry).toMatchObject({ bid: original.bid, replayed: true, listing: { status: "awarded" } });
  });
});

describe("a crowd bidding the next minimum at once", () => {
  beforeEach(() => open());

  it("takes one transaction, the winner's: the others wait their turn on this node and are told the new minimum without one", async () => {
    const listing = await liveListing();
    const crowd: Investor[] = [];
    for (let i = 0; i < 8; i += 1) crowd.push(await investor(listing.id, String(4000 + i)));
    const { service, transactions } = serviceCountingTransactions();

    const answers = await Promise.allSettled(
      crowd.map((who) => service.placeBid(who.principal, listing.id, { amount: START.toString(), idempotencyKey: randomUUID() })),
    );

    expect(answers.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    const refusals = answers.flatMap((a) => (a.status === "rejected" ? [a.reason] : []));
    expect(refusals).toHaveLength(7);
    for (const refusal of refusals)
      expect(refusal).toMatchObject({ code: "BID_TOO_LOW", details: { nextMinimumBid: (START + STEP).toString() } });
    expect(transactions()).toBe(1);
    expect(await bidRows(listing.id)).toHaveLength(1);
  });
});

describe("proxies, history and the viewer's standing", () => {
  beforeEach(() => open());

  it("bids for a proxy only as much as it takes, and tells each bidder its standing", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    const jiang = await investor(listing.id, "2024");

    expect(await auction().setProxy(hannah.principal, listing.id, { maximum: (START + 5n * STEP).toString() })).toEqual({
      maximum: (START + 5n * STEP).toString(),
      currentPrice: START.toString(),
      leading: true,
    });
    const outbid = await bid(jiang, listing.id, START + 2n * STEP);
    expect(outbid.listing).toMatchObject({ currentPrice: (START + 3n * STEP).toString(), leaderBidderCode: "1017" });

    expect(await auction().viewerStatus(hannah.principal, listing.id)).toEqual({
      registration: { status: "approved", bidderCode: "1017" },
      leading: true,
      proxyMaximum: (START + 5n * STEP).toString(),
    });
    expect(await auction().viewerStatus(jiang.principal, listing.id)).toMatchObject({ leading: false, proxyMaximum: null });
    expect(await auction().viewerStatus({ kind: "anonymous" }, listing.id)).toEqual({
      registration: null,
      leading: false,
      proxyMaximum: null,
    });

    expect(await auction().clearProxy(hannah.principal, listing.id)).toEqual({ cleared: true });
    expect((await auction().viewerStatus(hannah.principal, listing.id)).proxyMaximum).toBeNull();

    const history = await auction().bidHistory(listing.id);
    expect(history).toEqual({
      lastSeq: 3,
      bids: [
        { seq: 1, amount: START.toString(), bidderNo: "1017", kind: "proxy", placedAt: now().toISOString() },
        { seq: 2, amount: (START + 2n * STEP).toString(), bidderNo: "2024", kind: "manual", placedAt: now().toISOString() },
        { seq: 3, amount: (START + 3n * STEP).toString(), bidderNo: "1017", kind: "proxy", placedAt: now().toISOString() },
      ],
    });
    expect((await auction().bidHistory(listing.id, { afterSeq: 2 }))!.bids.map((b) => b.seq)).toEqual([3]);
    // The newest page, as a long auction's room opens: the latest bids, still in seq order.
    expect((await auction().bidHistory(listing.id, { page: "newest", limit: 2 }))!.bids.map((b) => b.seq)).toEqual([2, 3]);
    expect((await auction().bidHistory(listing.id, { limit: 2 }))!.bids.map((b) => b.seq)).toEqual([1, 2]);
    expect(await auction().bidHistory(randomUUID())).toBeNull();
    expect(await auction().bidHistory("not-a-listing")).toBeNull();
  });
});

describe("events", () => {
  beforeEach(() => open());

  it("publishes a bid only after its transaction committed: the bid row is there when the event arrives", async () => {
    const listing = await liveListing({ endsAt: at(2 * MIN) });
    const hannah = await investor(listing.id, "1017");
    const jiang = await investor(listing.id, "2024");
    const { service, openTransactions } = serviceCountingTransactions();
    const seen: { type: string; openTransactions: number; row: Promise<unknown[]> | null }[] = [];
    services().bus.subscribe((event) => {
      seen.push({
        type: event.type,
        openTransactions: openTransactions(),
        row:
          event.type === "bid"
            ? db()
                .select()
                .from(bids)
                .where(and(eq(bids.listingId, listing.id), eq(bids.seq, event.seq)))
            : null,
      });
    });

    await service.placeBid(hannah.principal, listing.id, { amount: START.toString(), idempotencyKey: randomUUID() });
    clock.advance(1_000);
    await service.setProxy(jiang.principal, listing.id, { maximum: (START + 3n * STEP).toString() });
    clock.advance(HOUR);
    await service.closeDue();

    // One event per bid: its price and leader are the bid's own, so no status event follows it.
    expect(seen.map((s) => s.type)).toEqual(["bid", "extended", "bid", "extended", "closed"]);
    for (const event of seen) {
      expect(event.openTransactions).toBe(0);
      if (event.row) expect(await event.row).toHaveLength(1);
    }
  });

  it("answers a committed bid even when a listener fails, and still tells the other listeners", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    const reported = vi.spyOn(console, "error").mockImplementation(() => {});
    const stopFailing = services().bus.subscribe(() => {
      throw new Error("a listener broke");
    });
    const { events } = recordEvents();
    try {
      const placed = await bid(hannah, listing.id, START);

      expect(placed.bid.seq).toBe(1);
      expect(events).toEqual([expect.objectContaining({ type: "bid", seq: 1, reserveMet: true })]);
      expect(reported).toHaveBeenCalled();
    } finally {
      stopFailing();
      reported.mockRestore();
    }
  });

  it("publishes nothing for a rejected bid or a replayed retry", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    const key = randomUUID();
    await bid(hannah, listing.id, START, key);
    const { events } = recordEvents();

    await appError(bid(hannah, listing.id, START + STEP));
    await bid(hannah, listing.id, START, key);

    expect(events).toEqual([]);
  });

  it("carries bidder codes, prices and times, never a name, an email or an id other than the listing's", async () => {
    const listing = await liveListing({ endsAt: at(3 * MIN), reservePrice: START + 2n * STEP });
    const hannah = await investor(listing.id, "1017");
    const jiang = await investor(listing.id, "2024");
    const { events } = recordEvents();

    await bid(hannah, listing.id, START);
    await auction().setProxy(jiang.principal, listing.id, { maximum: (START + 4n * STEP).toString() });
    await bid(hannah, listing.id, START + 5n * STEP);
    clock.advance(HOUR);
    await auction().closeDue();

    expect(new Set(events.map((e) => e.type))).toEqual(new Set(["bid", "extended", "closed"]));
    // The last bid of each command tells whether the reserve (START + 2 steps) is met; one event per bid.
    const bidEvents = events.flatMap((e) => (e.type === "bid" ? [e] : []));
    expect(new Set(bidEvents.map((e) => e.seq)).size).toBe(bidEvents.length);
    expect(bidEvents.at(-1)).toMatchObject({ amount: (START + 5n * STEP).toString(), reserveMet: true });
    for (const e of bidEvents) {
      if (e.reserveMet !== undefined) expect(e.reserveMet).toBe(BigInt(e.amount) >= START + 2n * STEP);
    }
    expect(bidEvents.filter((e) => e.reserveMet !== undefined)).toHaveLength(3);
    const text = JSON.stringify(events);
    for (const who of [hannah, jiang]) {
      for (const secret of [who.name, who.email, who.organisationName, who.userId, who.organisationId, who.registration!.id]) {
        expect(text).not.toContain(secret);
      }
    }
    for (const secret of [bankId, assetId, "Lin Haitong", "330206197511034418", (START + 2n * STEP).toString()]) {
      expect(text).not.toContain(secret);
    }
    const ids = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [];
    expect(new Set(ids)).toEqual(new Set([listing.id]));
    for (const event of events) {
      expect(event.listingId).toBe(listing.id);
      if (event.type === "bid" || event.type === "closed") expect(["1017", "2024", null]).toContain(event.bidderNo);
      if (event.type === "status") expect(["1017", "2024", null]).toContain(event.leaderBidderCode);
    }
    expect(events.at(-1)).toMatchObject({
      type: "closed",
      outcome: "sold",
      bidderNo: "1017",
      price: (START + 5n * STEP).toString(),
    });
  });
});

describe("watching a listing over socket.io", () => {
  beforeEach(() => open());

  it("sends the state, every bid after afterSeq however many, then live bids as they commit", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    const jiang = await investor(listing.id, "2024");
    // 1,200 bids of history, written at once: more than one page of catch-up.
    await ctx.database.rows(sql`
      insert into bids (listing_id, seq, registration_id, amount, kind, placed_at)
      select ${listing.id}, n, ${hannah.registration!.id}, ${START.toString()}::bigint + (n - 1) * ${STEP.toString()}::bigint, 'manual', ${now().toISOString()}::timestamptz
      from generate_series(1, 1200) as n`);
    await db()
      .update(listings)
      .set({
        lastSeq: 1200,
        bidCount: 1200,
        currentPrice: START + 1199n * STEP,
        leaderRegistrationId: hannah.registration!.id,
        leadAt: now(),
      })
      .where(eq(listings.id, listing.id));
    const server = createServer();
    const realtime = attachRealtime(server, { clock, logger: pino({ level: "silent" }), services: services() });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const client = connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { transports: ["websocket"] });
    try {
      const seqs: number[] = [];
      const states: unknown[] = [];
      client.on("bid", (event: { listingId: string; seq: number; bidderNo: string }) => {
        expect(event).toMatchObject({ listingId: listing.id });
        seqs.push(event.seq);
      });
      client.on("state", (state) => states.push(state));

      const ack = await client.timeout(10_000).emitWithAck("watch", { listingId: listing.id, afterSeq: 100 });

      expect(ack).toEqual({ ok: true, lastSeq: 1200 });
      expect(states).toHaveLength(1);
      expect(seqs).toEqual(Array.from({ length: 1100 }, (_, i) => i + 101));
      await bid(jiang, listing.id, START + 1200n * STEP);
      await expect.poll(() => seqs.at(-1)).toBe(1201);
      expect(seqs).toHaveLength(1101);
    } finally {
      client.close();
      void realtime.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("under load", () => {
  beforeEach(() => open({ clock: systemClock, bidsPerTenSeconds: 100_000 }));

  it(
    "50 bidders x 20 concurrent bids: seq 1..last without a gap, every bid valid when accepted, the best bid wins, retries get the original",
    { timeout: 300_000 },
    async () => {
      const listing = await liveListing();
      const bidders: Investor[] = [];
      for (let i = 0; i < 50; i += 1) bidders.push(await investor(listing.id, String(3000 + i)));

      // What bidders believe the next minimum is: learnt from answers, so often stale under load.
      let known = START;
      const learn = (amount: bigint) => {
        if (amount > known) known = amount;
      };
      const choose = () => {
        const roll = Math.random();
        if (roll < 0.5) return known;
        if (roll < 0.75) return known + BigInt(1 + Math.floor(Math.random() * 3)) * STEP;
        return START + BigInt(Math.floor(Math.random() * Number((known - START) / STEP + 5n))) * STEP;
      };
      type Answer = { ok: true; seq: number; amount: string; bidderNo: string; replayed: boolean } | { ok: false; code: string };
      const answers = new Map<string, { bidder: Investor; amount: bigint; answers: Answer[]; retry: string | null }>();
      const send = async (who: Investor, amount: bigint, key: string): Promise<Answer> => {
        try {
          const placed = await bid(who, listing.id, amount, key);
          learn(BigInt(placed.listing.nextMinimumBid));
          return {
            ok: true,
            seq: placed.bid.seq,
            amount: placed.bid.amount,
            bidderNo: placed.bid.bidderNo,
            replayed: placed.replayed,
          };
        } catch (error) {
          if (!AppError.is(error)) throw error;
          if (error.code === "BID_TOO_LOW") learn(BigInt(String(error.details.nextMinimumBid)));
          return { ok: false, code: error.code };
        }
      };
      const attempts = bidders.flatMap((who) =>
        Array.from({ length: 20 }, () => async () => {
          const key = randomUUID();
          const amount = choose();
          const roll = Math.random();
          const entry = {
            bidder: who,
            amount,
            answers: [] as Answer[],
            retry: roll < 0.15 ? "at once" : roll < 0.3 ? "after the answer" : null,
          };
          answers.set(key, entry);
          if (roll < 0.15) {
            // The client gave up waiting and sent it again while the first was still in flight.
            entry.answers.push(...(await Promise.all([send(who, amount, key), send(who, amount, key)])));
          } else if (roll < 0.3) {
            entry.answers.push(await send(who, amount, key));
            entry.answers.push(await send(who, amount, key));
          } else {
            entry.answers.push(await send(who, amount, key));
          }
        }),
      );
      for (let i = attempts.length - 1; i > 0; i -= 1) {
        const j = Math.floor(Math.random() * (i + 1));
        [attempts[i], attempts[j]] = [attempts[j]!, attempts[i]!];
      }
      await bounded(12, attempts);

      const unexpected = [...answers.values()].flatMap((e) =>
        e.answers.filter((a) => !a.ok && !["BID_TOO_LOW", "ALREADY_LEADING"].includes(a.code)),
      );
      expect(unexpected).toEqual([]);

      const after = await listingRow(listing.id);
      const rows = await bidRows(listing.id);
      // No duplicate or missing seq.
      expect(rows.length).toBeGreaterThan(50);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: after.lastSeq }, (_, i) => i + 1));
      expect(after.bidCount).toBe(rows.length);
      // Every accepted bid was valid when it was accepted, in seq order, and time never ran backwards.
      let price: bigint | null = null;
      let leader: string | null = null;
      let placedAt = 0;
      for (const row of rows) {
        expect(row.kind).toBe("manual");
        expect(row.amount >= (price === null ? START : price + STEP)).toBe(true);
        expect((row.amount - START) % STEP).toBe(0n);
        expect(row.registrationId).not.toBe(leader);
        expect(row.placedAt.getTime()).toBeGreaterThanOrEqual(placedAt);
        price = row.amount;
        leader = row.registrationId;
        placedAt = row.placedAt.getTime();
      }
      // The final price is the best accepted bid, held by whoever placed it.
      const best = rows.reduce((a, b) => (b.amount > a.amount ? b : a));
      expect(after.currentPrice).toBe(best.amount);
      expect(after.leaderRegistrationId).toBe(best.registrationId);
      // Each accepted key is one row, and every answer for it (retries included) is that row.
      const accepted = [...answers.entries()].filter(([, e]) => e.answers.some((a) => a.ok));
      expect(rows).toHaveLength(accepted.length);
      const byKey = new Map(rows.map((r) => [r.idempotencyKey, r]));
      let retriesAnswered = 0;
      for (const [key, entry] of accepted) {
        const row = byKey.get(key);
        expect(row).toMatchObject({ registrationId: entry.bidder.registration!.id, amount: entry.amount });
        const oks = entry.answers.filter((a) => a.ok);
        expect(oks.filter((a) => !a.replayed)).toHaveLength(1);
        for (const answer of oks) {
          expect(answer).toMatchObject({ seq: row!.seq, amount: row!.amount.toString(), bidderNo: entry.bidder.code });
        }
        if (entry.retry === "after the answer" && entry.answers[0]!.ok)
          expect(entry.answers[1]).toMatchObject({ ok: true, replayed: true });
        if (oks.length === 2) retriesAnswered += 1;
      }
      expect(retriesAnswered).toBeGreaterThan(0);
      const [placedRows] = await db().select({ n: count() }).from(auditLog).where(eq(auditLog.action, "bid.placed"));
      expect(placedRows!.n).toBe(rows.length);
      expect((await services().audit.verify(db())).ok).toBe(true);
    },
  );
});

describe("closing", () => {
  beforeEach(() => open());

  it("leaves a listing live until its end, then closes it exactly once though two closings run at once", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    await bid(hannah, listing.id, START + STEP);
    const { events } = recordEvents();

    clock.set(new Date(listing.endsAt!.getTime() - 1));
    expect(await auction().closeDue()).toBe(0);
    clock.set(listing.endsAt!);
    const results = await Promise.all([auction().closeDue(), auction().closeDue()]);

    expect(results.sort()).toEqual([0, 1]);
    expect(await closedRowsFor(listing.id)).toHaveLength(1);
    expect(events.filter((e) => e.type === "closed")).toHaveLength(1);
    expect(await listingRow(listing.id)).toMatchObject({
      status: "awarded",
      outcome: "sold",
      winnerRegistrationId: hannah.registration!.id,
      hammerPrice: START + STEP,
      closedAt: listing.endsAt,
    });
    clock.advance(HOUR);
    expect(await auction().closeDue()).toBe(0);
    expect(await closedRowsFor(listing.id)).toHaveLength(1);
  });

  it("re-checks the end under the lock: a bid that extended the end after the listing was picked keeps it live", async () => {
    const listing = await liveListing({ endsAt: at(10 * MIN) });
    const hannah = await investor(listing.id, "1017");
    const end = listing.endsAt!.getTime();
    // The closing run picks the listing at the end; a bid that reached the lock a second before
    // the end (placed while the run was picking) commits first and extends the end.
    let pending: (() => Promise<void>) | undefined = async () => {
      clock.set(new Date(end - 1_000));
      await bid(hannah, listing.id, START);
      clock.set(new Date(end + 1_000));
    };
    const base = services().db;
    const racing = Object.create(base) as Db;
    racing.transaction = (async (work: Parameters<Db["transaction"]>[0], config?: Parameters<Db["transaction"]>[1]) => {
      const race = pending;
      pending = undefined;
      await race?.();
      return base.transaction(work, config);
    }) as Db["transaction"];
    const closing = createAuctionService({
      ...services(),
      db: racing,
      bidLimiter: createRateLimiter({ name: "unused", points: 1, durationSeconds: 1 }),
    });
    clock.set(new Date(end + 1_000));

    expect(await closing.closeDue()).toBe(0);

    expect(pending).toBeUndefined();
    expect(await listingRow(listing.id)).toMatchObject({
      status: "live",
      endsAt: new Date(end - 1_000 + 5 * MIN),
      outcome: null,
    });
    expect(await closedRowsFor(listing.id)).toHaveLength(0);
    clock.set(new Date(end - 1_000 + 5 * MIN));
    expect(await auction().closeDue()).toBe(1);
  });

  it.each([
    {
      result: "sold",
      listing: {},
      bids: [START, START + 2n * STEP],
      stored: { status: "awarded", outcome: "sold", hammerPrice: START + 2n * STEP, winner: "2024" },
      broadcast: { status: "awarded", outcome: "sold", bidderNo: "2024", price: (START + 2n * STEP).toString() },
    },
    {
      result: "sold above a met reserve",
      listing: { reservePrice: START + STEP },
      bids: [START, START + 2n * STEP],
      stored: { status: "awarded", outcome: "sold", hammerPrice: START + 2n * STEP, winner: "2024" },
      broadcast: { status: "awarded", outcome: "sold", bidderNo: "2024", price: (START + 2n * STEP).toString() },
    },
    {
      result: "no_bids",
      listing: {},
      bids: [],
      stored: { status: "failed", outcome: "no_bids", hammerPrice: null, winner: null },
      broadcast: { status: "failed", outcome: "no_bids", bidderNo: null, price: null },
    },
    {
      result: "reserve_not_met",
      listing: { reservePrice: START + 5n * STEP },
      bids: [START, START + 2n * STEP],
      stored: { status: "failed", outcome: "reserve_not_met", hammerPrice: null, winner: null },
      broadcast: { status: "failed", outcome: "reserve_not_met", bidderNo: null, price: null },
    },
    {
      result: "designated_floor",
      listing: { mode: "designated" as const },
      designated: true,
      bids: [],
      stored: { status: "awarded", outcome: "designated_floor", hammerPrice: START, winner: "1017" },
      broadcast: { status: "awarded", outcome: "designated_floor", bidderNo: "1017", price: START.toString() },
    },
  ])("closes with the result $result: stored on the listing and broadcast", async (example) => {
    const listing = await liveListing(example.listing);
    const hannah = await investor(listing.id, "1017");
    const jiang = await investor(listing.id, "2024");
    if (example.designated)
      await db().update(listings).set({ designatedRegistrationId: hannah.registration!.id }).where(eq(listings.id, listing.id));
    for (const [i, amount] of example.bids.entries()) await bid(i % 2 ? jiang : hannah, listing.id, amount);
    const { events } = recordEvents();
    clock.set(new Date(listing.endsAt!.getTime() + 1));

    expect(await auction().closeDue()).toBe(1);

    const codeOf = { "1017": hannah.registration!.id, "2024": jiang.registration!.id };
    const { winner, ...stored } = example.stored;
    expect(await listingRow(listing.id)).toMatchObject({
      ...stored,
      winnerRegistrationId: winner ? codeOf[winner as keyof typeof codeOf] : null,
      closedAt: clock.now(),
    });
    expect(events.filter((e) => e.type === "closed")).toEqual([
      { type: "closed", listingId: listing.id, closedAt: clock.now().toISOString(), ...example.broadcast },
    ]);
    const [audit] = await closedRowsFor(listing.id);
    expect(audit).toMatchObject({ actorLabel: "system:closing", before: { status: "live" }, after: { status: stored.status } });
  });

  it("reports a listing it cannot close without holding up the others", async () => {
    const stuck = await liveListing({ endsAt: at(HOUR) });
    const others = [await liveListing({ endsAt: at(HOUR + 1) }), await liveListing({ endsAt: at(HOUR + 2) })];
    await ctx.database.rows(
      sql.raw(`create function refuse_to_close() returns trigger language plpgsql as $$
        begin
          if new.id = '${stuck.id}' and new.status <> 'live' then raise exception 'this listing cannot be closed'; end if;
          return new;
        end $$`),
    );
    await ctx.database.rows(
      sql.raw(`create trigger refuse_to_close before update on listings for each row execute function refuse_to_close()`),
    );
    clock.advance(2 * HOUR);

    const error = await auction()
      .closeDue()
      .then(
        () => undefined,
        (e: unknown) => e,
      );

    expect(error).toBeInstanceOf(AggregateError);
    expect((error as Error).message).toContain(stuck.id);
    expect((await listingRow(stuck.id)).status).toBe("live");
    expect(await closedRowsFor(stuck.id)).toEqual([]);
    for (const other of others) expect((await listingRow(other.id)).status).toBe("failed");
  });

  it("drops the standing proxies when it closes", async () => {
    const listing = await liveListing();
    const hannah = await investor(listing.id, "1017");
    await auction().setProxy(hannah.principal, listing.id, { maximum: (START + 10n * STEP).toString() });
    clock.set(listing.endsAt!);

    await auction().closeDue();

    expect(await db().select().from(proxyBids).where(eq(proxyBids.listingId, listing.id))).toEqual([]);
    expect(await listingRow(listing.id)).toMatchObject({ status: "awarded", outcome: "sold", hammerPrice: START });
  });

  it(
    "closes 200 listings ending in the same second exactly once each, with several closings running at once",
    { timeout: 240_000 },
    async () => {
      const end = at(HOUR);
      const many: Listing[] = [];
      for (let i = 0; i < 200; i += 1)
        many.push(await liveListing({ title: `Lot ${i}`, endsAt: new Date(end.getTime() + (i % 10) * 97) }));
      const hannah = await investor(many[0]!.id, "1017");
      for (const listing of many.slice(1).filter((_, i) => i % 4 === 0)) {
        await makeRegistration(services(), {
          listingId: listing.id,
          organisationId: hannah.organisationId,
          userId: hannah.userId,
          bidderCode: "1017",
        });
      }
      for (const listing of many.filter((_, i) => i % 4 === 1)) await bid(hannah, listing.id, START);
      const { events } = recordEvents();
      clock.set(new Date(end.getTime() + 1_000));

      const closedBy = await Promise.all(
        Array.from({ length: 4 }, async () => {
          let total = 0;
          for (;;) {
            const closed = await auction().closeDue();
            if (closed === 0) return total;
            total += closed;
          }
        }),
      );

      expect(closedBy.reduce((a, b) => a + b, 0)).toBe(200);
      const rows = await db().select().from(listings).where(eq(listings.sellerOrgId, bankId));
      expect(rows.filter((r) => r.status === "live")).toEqual([]);
      expect(rows.filter((r) => r.outcome === "sold")).toHaveLength(50);
      expect(rows.filter((r) => r.outcome === "no_bids")).toHaveLength(150);
      const perListing = await ctx.database.rows<{ entity_id: string; n: number }>(
        sql`select entity_id, count(*)::int as n from audit_log where action = 'listing.closed' group by entity_id`,
      );
      expect(perListing).toHaveLength(200);
      expect(perListing.every((r) => r.n === 1)).toBe(true);
      const closedEvents = events.filter((e) => e.type === "closed");
      expect(closedEvents).toHaveLength(200);
      expect(new Set(closedEvents.map((e) => e.listingId)).size).toBe(200);
    },
  );
});

describe("the closing job", () => {
  beforeEach(() => open());

  it("closes on start what ended while no server ran, then whatever ends later, and stops cleanly", async () => {
    const ended = await liveListing({ endsAt: at(-MIN) });
    const later = await liveListing({ endsAt: at(MIN) });
    const job = startClosingJob({ auction: auction(), logger: pino({ level: "silent" }), intervalMs: 10 });
    try {
      await expect.poll(async () => (await listingRow(ended.id)).status, { timeout: 5_000 }).toBe("failed");
      expect((await listingRow(later.id)).status).toBe("live");
      clock.advance(MIN);
      await expect.poll(async () => (await listingRow(later.id)).status, { timeout: 5_000 }).toBe("failed");
    } finally {
      await job.stop();
    }
    expect(await closedRowsFor(ended.id)).toHaveLength(1);
    expect(await closedRowsFor(later.id)).toHaveLength(1);
  });

  it("runs again at once while it keeps closing whole batches, rather than one batch per interval", async () => {
    const ended = [];
    for (let i = 0; i < 7; i += 1) ended.push(await liveListing({ endsAt: at(-MIN + i) }));
    const job = startClosingJob({ auction: auction(), logger: pino({ level: "silent" }), intervalMs: 60_000, batchSize: 2 });
    try {
      await expect
        .poll(async () => (await db().select({ id: listings.id }).from(listings).where(eq(listings.status, "live"))).length, {
          timeout: 5_000,
        })
        .toBe(0);
    } finally {
      await job.stop();
    }
  });
});
