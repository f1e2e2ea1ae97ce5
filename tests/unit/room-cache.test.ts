import { describe, expect, it } from "vitest";
import type { PublicBid } from "../../core/contract/bids";
import type { ListingDetail } from "../../core/contract/listings";
import type { PublicAuctionEvent } from "../../core/contract/room";
import { createRoomCache } from "../../server/realtime/room-cache";

const listingId = "7d3c61b6-4a6e-4a4f-9d0e-0c8b1f2a3b4c";
const step = 1_000_000n;

/** A listing as the database holds it: `seqs` bids so far, each a step above the last. */
function world(seqs: number) {
  const state = { seqs, loads: 0, bidReads: 0, reserve: 5, status: "live" };
  const bid = (seq: number): PublicBid => ({
    seq,
    amount: String(BigInt(seq) * step),
    bidderNo: seq % 2 ? "1017" : "2024",
    kind: "manual",
    placedAt: new Date(Date.UTC(2026, 11, 6, 8, 0, seq)).toISOString(),
  });
  const listing = (): ListingDetail =>
    ({
      id: listingId,
      status: state.status,
      startingPrice: String(step),
      increment: String(step),
      currentPrice: state.seqs ? String(BigInt(state.seqs) * step) : null,
      nextMinimumBid: String(BigInt(state.seqs + 1) * step),
      leaderBidderCode: state.seqs ? bid(state.seqs).bidderNo : null,
      lastSeq: state.seqs,
      bidCount: state.seqs,
      reserveMet: state.seqs >= state.reserve,
      endsAt: "2026-12-06T10:00:00.000Z",
      antiSniping: { windowSeconds: 300, extensionSeconds: 300, maxExtensions: null, extensionCount: 0 },
    }) as unknown as ListingDetail;
  return {
    state,
    bid,
    event: (seq: number, extra: Partial<PublicAuctionEvent> = {}): PublicAuctionEvent =>
      ({ type: "bid", listingId, ...bid(seq), endsAt: "2026-12-06T10:00:00.000Z", ...extra }) as PublicAuctionEvent,
    load: (id: string) => {
      state.loads += 1;
      return Promise.resolve(id === listingId ? listing() : null);
    },
    newestBids: (id: string, limit: number) => {
      state.bidReads += 1;
      if (id !== listingId) return Promise.resolve(null);
      const from = Math.max(1, state.seqs - limit + 1);
      return Promise.resolve(Array.from({ length: state.seqs - from + 1 }, (_, i) => bid(from + i)));
    },
  };
}

function cache(w: ReturnType<typeof world>, clock = { t: 0 }, keep = 10) {
  return createRoomCache({ load: w.load, newestBids: w.newestBids, now: () => clock.t, ttlMs: 5_000, keep });
}

describe("the room cache", () => {
  it("fills a room once for a crowd joining at once, and answers each from where it stands", async () => {
    const w = world(4);
    const rooms = cache(w);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => rooms.snapshot(listingId, i % 5)));
    expect([w.state.loads, w.state.bidReads]).toEqual([1, 1]);
    expect(answers[2]!.bids.map((b) => b.seq)).toEqual([3, 4]);
    expect(answers[4]!.bids).toEqual([]);
    expect(answers.every((a) => a!.complete && a!.listing.lastSeq === 4)).toBe(true);
  });

  it("keeps no room for a listing that is not live: a closing sale's steps come as no event", async () => {
    const w = world(4);
    w.state.status = "awarded";
    const rooms = cache(w);
    expect((await rooms.snapshot(listingId, 0))!.listing.status).toBe("awarded");
    w.state.status = "paid";
    expect((await rooms.snapshot(listingId, 0))!.listing.status).toBe("paid");
    expect([w.state.loads, rooms.size]).toEqual([2, 0]);
  });

  it("answers null for a listing the public may not see", async () => {
    const rooms = cache(world(0));
    expect(await rooms.snapshot("00000000-0000-4000-8000-000000000000", 0)).toBeNull();
  });

  it("keeps a room current from the bids' events, with no further reads", async () => {
    const w = world(4);
    const rooms = cache(w);
    await rooms.snapshot(listingId, 0);
    w.state.seqs = 5;
    rooms.apply(w.event(5, { reserveMet: true }));
    const after = await rooms.snapshot(listingId, 3);
    expect(after!.bids.map((b) => b.seq)).toEqual([4, 5]);
    expect(after!.listing).toMatchObject({
      lastSeq: 5,
      currentPrice: String(5n * step),
      leaderBidderCode: "1017",
      nextMinimumBid: String(6n * step),
      reserveMet: true,
      bidCount: 5,
    });
    expect(w.state.loads).toBe(1);
  });

  it("reads a room afresh after a gap in the events, a status change, or its time", async () => {
    const w = world(4);
    const clock = { t: 0 };
    const rooms = cache(w, clock);
    await rooms.snapshot(listingId, 0);
    w.state.seqs = 6;
    rooms.apply(w.event(6));
    expect((await rooms.snapshot(listingId, 0))!.bids.map((b) => b.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(w.state.loads).toBe(2);
    rooms.apply({
      type: "status",
      listingId,
      status: "suspended",
      reserveMet: false,
      currentPrice: null,
      leaderBidderCode: null,
    });
    await rooms.snapshot(listingId, 0);
    expect(w.state.loads).toBe(3);
    clock.t += 5_000;
    await rooms.snapshot(listingId, 0);
    expect(w.state.loads).toBe(4);
  });

  it("applies the events that arrive while it fills", async () => {
    const w = world(4);
    const rooms = cache(w);
    const filling = rooms.snapshot(listingId, 0);
    w.state.seqs = 6;
    rooms.apply(w.event(5));
    rooms.apply(w.event(6));
    expect((await filling)!.bids.map((b) => b.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await rooms.snapshot(listingId, 5))!.listing.lastSeq).toBe(6);
  });

  it("tells a watcher further behind than it keeps to read the older bids elsewhere", async () => {
    const w = world(25);
    const rooms = cache(w, { t: 0 }, 10);
    const far = await rooms.snapshot(listingId, 3);
    expect(far).toMatchObject({ complete: false, heldAfter: 15 });
    expect(far!.bids.map((b) => b.seq)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect((await rooms.snapshot(listingId, 15))!.complete).toBe(true);
    w.state.seqs = 26;
    rooms.apply(w.event(26));
    expect((await rooms.snapshot(listingId, 15))!.complete).toBe(false);
  });
});
