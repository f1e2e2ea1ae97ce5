import { describe, expect, it } from "vitest";
import type { ListingDetail } from "../../core/contract/listings";
import type { BidEvent } from "../../core/contract/room";
import {
  contiguousSeq,
  initialRoomState,
  nextMinimumBid,
  roomReducer,
  standingOf,
  type RoomState,
} from "../../app/lib/auction-room/state";

const listing: ListingDetail = {
  id: "6f1d2c1e-0000-4000-8000-000000000001",
  title: "Claim",
  titleEn: "Claim",
  titleZh: null,
  mode: "auction",
  status: "live",
  kind: "claim",
  region: null,
  seller: { id: "6f1d2c1e-0000-4000-8000-000000000002", name: "Bank", nameZh: null },
  currency: "CNY",
  startingPrice: "100000",
  currentPrice: "110000",
  nextMinimumBid: "120000",
  increment: "10000",
  deposit: "10000",
  reserveMet: false,
  bidCount: 2,
  lastSeq: 2,
  leaderBidderCode: "1002",
  startsAt: "2026-11-22T08:00:00.000Z",
  endsAt: "2026-11-22T10:00:00.000Z",
  coverId: null,
  summary: "",
  summaryZh: "",
  antiSniping: { windowSeconds: 300, extensionSeconds: 300, maxExtensions: null, extensionCount: 0 },
  announcedAt: null,
  announcementEndsAt: null,
  termsVersion: 1,
  specialTerms: "",
  balanceDueDays: 10,
  rightOfFirstRefusalHolders: 0,
  closedAt: null,
  result: null,
  assets: [],
  packageId: null,
  saleTerms: {
    tenderPricing: "first_price",
    bestAndFinalTopN: null,
    designatedFloorCommitted: false,
    registrationExtendedAt: null,
  },
};

const bid = (seq: number, amount: string, bidderNo: string, endsAt = "2026-11-22T10:00:00.000Z"): BidEvent => ({
  listingId: listing.id,
  seq,
  amount,
  bidderNo,
  kind: "manual",
  placedAt: `2026-11-22T09:0${seq}:00.000Z`,
  endsAt,
});

const start = (): RoomState =>
  initialRoomState(listing, [
    { seq: 1, amount: "100000", bidderNo: "1001", kind: "manual", placedAt: "2026-11-22T09:01:00.000Z" },
    { seq: 2, amount: "110000", bidderNo: "1002", kind: "manual", placedAt: "2026-11-22T09:02:00.000Z" },
  ]);

describe("the auction room's state", () => {
  it("takes a new bid's price and bidder as the lead, and logs it once however often it arrives", () => {
    let state = roomReducer(start(), { type: "bid", bid: bid(3, "120000", "1001"), at: 0 });
    state = roomReducer(state, { type: "bid", bid: bid(3, "120000", "1001"), at: 0 });
    expect(state).toMatchObject({ currentPrice: "120000", leaderBidderCode: "1001", priceSeq: 3, bidCount: 3 });
    expect(state.bids.map((b) => b.seq)).toEqual([1, 2, 3]);
  });

  it("never moves the price back for a bid or a snapshot older than what it shows", () => {
    let state = roomReducer(start(), { type: "bid", bid: bid(4, "130000", "1002"), at: 0 });
    state = roomReducer(state, { type: "bid", bid: bid(3, "120000", "1001"), at: 0 });
    expect(state).toMatchObject({ currentPrice: "130000", leaderBidderCode: "1002" });
    expect(state.bids.map((b) => b.seq)).toEqual([1, 2, 3, 4]);
    state = roomReducer(state, {
      type: "state",
      listing: { ...listing, lastSeq: 3, currentPrice: "120000", leaderBidderCode: "1001" },
      at: 0,
    });
    expect(state).toMatchObject({ currentPrice: "130000", leaderBidderCode: "1002" });
  });

  it("records an end that a late bid moved, so the countdown can show it", () => {
    const later = "2026-11-22T10:03:00.000Z";
    let state = roomReducer(start(), { type: "bid", bid: bid(3, "120000", "1001", later), at: 42 });
    state = roomReducer(state, { type: "extended", endsAt: later, extensionCount: 1, at: 43 });
    expect(state.endsAt).toBe(later);
    expect(state.extensionCount).toBe(1);
    expect(state.lastExtension).toEqual({ from: listing.endsAt, to: later, at: 42 });
  });

  it("keeps a closed result even if an older snapshot still says live", () => {
    let state = roomReducer(start(), { type: "closed", status: "awarded", outcome: "sold", bidderNo: "1002", price: "110000" });
    state = roomReducer(state, { type: "state", listing, at: 0 });
    expect(state.status).toBe("awarded");
    expect(state.result).toEqual({ outcome: "sold", bidderNo: "1002", price: "110000" });
  });

  it("marks the reserve met once, and a status event never lowers the price", () => {
    let state = roomReducer(start(), { type: "bid", bid: bid(3, "120000", "1001"), at: 0 });
    state = roomReducer(state, {
      type: "status",
      status: "live",
      reserveMet: true,
      currentPrice: "120000",
      leaderBidderCode: "1001",
    });
    state = roomReducer(state, {
      type: "status",
      status: "live",
      reserveMet: false,
      currentPrice: "110000",
      leaderBidderCode: "1002",
    });
    expect(state).toMatchObject({ reserveMet: true, currentPrice: "120000", leaderBidderCode: "1001" });
  });
});

describe("a fixed-price sale's window", () => {
  // Offered until 60 days out; nobody has taken it yet.
  const offer: ListingDetail = {
    ...listing,
    mode: "fixed_price",
    currentPrice: null,
    bidCount: 0,
    lastSeq: 0,
    leaderBidderCode: null,
    endsAt: "2027-01-20T10:00:00.000Z",
  };
  const windowEnd = "2026-11-23T09:01:00.000Z";

  it("takes the end the first taker opens, before the offer's end, and calls it no late-bid extension", () => {
    let state = roomReducer(initialRoomState(offer, []), { type: "bid", bid: bid(1, "100000", "1001", windowEnd), at: 1 });
    state = roomReducer(state, { type: "extended", endsAt: windowEnd, extensionCount: 0, at: 2 });
    expect(state).toMatchObject({ endsAt: windowEnd, bidCount: 1, lastExtension: null });
    // Afterwards the end only moves later, as in any auction.
    state = roomReducer(state, { type: "bid", bid: bid(2, "110000", "1002", "2026-11-23T09:00:00.000Z"), at: 3 });
    expect(state.endsAt).toBe(windowEnd);
  });

  it("takes the window's end from the bid's own answer, and from a snapshot when the taking was missed", () => {
    const placed = roomReducer(initialRoomState(offer, []), {
      type: "placed",
      bid: { seq: 1, amount: "100000", bidderNo: "1001", kind: "manual", placedAt: "2026-11-22T09:01:00.000Z" },
      listing: {
        currentPrice: "100000",
        nextMinimumBid: "110000",
        endsAt: windowEnd,
        status: "live",
        leaderBidderCode: "1001",
        reserveMet: true,
      },
      at: 1,
    });
    expect(placed.endsAt).toBe(windowEnd);
    const caughtUp = roomReducer(initialRoomState(offer, []), {
      type: "state",
      listing: { ...offer, bidCount: 1, lastSeq: 1, currentPrice: "100000", leaderBidderCode: "1001", endsAt: windowEnd },
      at: 1,
    });
    expect(caughtUp.endsAt).toBe(windowEnd);
  });
});

describe("catching up", () => {
  it("asks for what follows the last seq without a gap", () => {
    const b = (seq: number) => ({ seq, amount: "1", bidderNo: "1", kind: "manual" as const, placedAt: "" });
    expect(contiguousSeq([])).toBe(0);
    expect(contiguousSeq([b(1), b(2), b(3)])).toBe(3);
    expect(contiguousSeq([b(1), b(2), b(4)])).toBe(2);
  });

  it("counts from the page a long auction's room opened on, not from seq 1", () => {
    const b = (seq: number) => ({ seq, amount: String(seq), bidderNo: "1", kind: "manual" as const, placedAt: "" });
    const opened = initialRoomState({ ...listing, lastSeq: 1200, bidCount: 1200 }, [b(702), b(701), ...[703, 704].map(b)]);
    expect(opened.baseSeq).toBe(700);
    expect(opened.bids.map((x) => x.seq)).toEqual([701, 702, 703, 704]);
    expect(contiguousSeq(opened.bids, opened.baseSeq)).toBe(704);
    // A live bid beyond a gap waits for the gap: the catch-up asks after the last seq without one.
    const later = roomReducer(opened, { type: "bid", bid: { ...b(706), endsAt: null } as BidEvent, at: 1 });
    expect(contiguousSeq(later.bids, later.baseSeq)).toBe(704);
    // A room that opened on nothing counts from 0.
    expect(initialRoomState(listing, []).baseSeq).toBe(0);
    expect(contiguousSeq([b(3)], 0)).toBe(0);
  });

  it("computes the next minimum bid in whole minor units", () => {
    expect(nextMinimumBid(listing, null)).toBe("100000");
    expect(nextMinimumBid(listing, "9007199254740993")).toBe("9007199254750993");
  });
});

describe("the viewer's standing", () => {
  it("is leading, outbid or yet to bid, from the room's own state, and follows each bid", () => {
    let state = start();
    expect([standingOf(state, "1002"), standingOf(state, "1001"), standingOf(state, "1003"), standingOf(state, null)]).toEqual([
      "leading",
      "outbid",
      "noBidYet",
      null,
    ]);
    state = roomReducer(state, { type: "bid", bid: bid(3, "120000", "1001"), at: 0 });
    expect([standingOf(state, "1002"), standingOf(state, "1001")]).toEqual(["outbid", "leading"]);
    // An automatic reply takes the lead back: the standing follows at once.
    state = roomReducer(state, { type: "bid", bid: { ...bid(4, "130000", "1002"), kind: "proxy" }, at: 0 });
    expect([standingOf(state, "1002"), standingOf(state, "1001")]).toEqual(["leading", "outbid"]);
  });

  it("takes whether the reserve is met from the last bid of a command", () => {
    const state = roomReducer(start(), { type: "bid", bid: { ...bid(3, "120000", "1001"), reserveMet: true }, at: 0 });
    expect(state.reserveMet).toBe(true);
    expect(roomReducer(start(), { type: "bid", bid: bid(3, "120000", "1001"), at: 0 }).reserveMet).toBe(false);
  });
});
