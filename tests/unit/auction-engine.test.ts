import { describe, expect, it } from "vitest";
import { applyCommand, type AuctionCommand, type AuctionEvent, type AuctionState, type Outcome } from "../../server/sale-modes/auction/rules";
import { BID_AMOUNT_MAX, nextMinimumBid } from "../../core/price-grid";
import {
  accepted,
  after,
  bid,
  bidder,
  clearProxy,
  close,
  hours,
  liveAuction,
  minutes,
  opensAt,
  rejected,
  setProxy,
  yuan,
} from "../support/auction-factories";

// Every auction here starts at 1,000,000 yuan and moves in 10,000-yuan increments (liveAuction's defaults).
const alice = bidder("A01");
const bob = bidder("B02");
const carol = bidder("C03");
const holderRank1 = bidder("R11", 1);
const holderRank2 = bidder("R21", 2);
const otherHolderRank2 = bidder("R22", 2);

const midway = after(hours(12));
/** Any moment after the setup commands of `given`, well before the end. */
const later = after(hours(13));

/** The auction after these commands, each accepted, one minute apart from the middle of the bidding period. */
function given(state: AuctionState, ...commands: AuctionCommand[]): AuctionState {
  return commands.reduce((s, command, i) => accepted(applyCommand(s, command, after(hours(12) + minutes(i)))).state, state);
}

/** The bids an outcome recorded, as the public log shows them. */
function bidsOf(outcome: Outcome) {
  return accepted(outcome)
    .events.filter((e): e is Extract<AuctionEvent, { type: "bid_accepted" }> => e.type === "bid_accepted")
    .map((e) => ({ by: e.bidder.bidderCode, amount: e.amount, kind: e.kind }));
}

const typesOf = (outcome: Outcome) => accepted(outcome).events.map((e) => e.type);
const endOf = (state: AuctionState) => state.endsAt.getTime();
const before = (end: Date, ms: number) => new Date(end.getTime() - ms);

describe("when bidding is open", () => {
  it("refuses a bid while the listing is not live", () => {
    const outcome = rejected(applyCommand(liveAuction({ status: "announced" }), bid(alice, yuan(1_000_000)), midway));
    expect(outcome.code).toBe("LISTING_NOT_LIVE");
    expect(outcome.details).toEqual({ status: "announced" });
  });

  it("refuses a bid a millisecond before bidding starts, saying when it starts", () => {
    const outcome = rejected(applyCommand(liveAuction(), bid(alice, yuan(1_000_000)), before(opensAt, 1)));
    expect(outcome.code).toBe("BIDDING_NOT_STARTED");
    expect(outcome.details).toEqual({ startsAt: opensAt.toISOString() });
  });

  it("accepts a bid at the very moment bidding starts", () => {
    expect(applyCommand(liveAuction(), bid(alice, yuan(1_000_000)), opensAt).ok).toBe(true);
  });

  it("accepts bids at any time before the end when the listing sets no start", () => {
    const outcome = applyCommand(liveAuction({ startsAt: null }), bid(alice, yuan(1_000_000)), before(opensAt, hours(48)));
    expect(outcome.ok).toBe(true);
  });

  it("accepts a bid one millisecond before the end", () => {
    const state = liveAuction();
    expect(applyCommand(state, bid(alice, yuan(1_000_000)), before(state.endsAt, 1)).ok).toBe(true);
  });

  it("refuses a bid at the very moment bidding ends, saying when it ended", () => {
    const state = liveAuction();
    const outcome = rejected(applyCommand(state, bid(alice, yuan(1_000_000)), state.endsAt));
    expect(outcome.code).toBe("LISTING_ENDED");
    expect(outcome.details).toEqual({ endsAt: state.endsAt.toISOString() });
  });

  it("refuses to set automatic bidding before the start or after the end", () => {
    const state = liveAuction();
    expect(rejected(applyCommand(state, setProxy(alice, yuan(1_100_000)), before(opensAt, 1))).code).toBe("BIDDING_NOT_STARTED");
    expect(rejected(applyCommand(state, setProxy(alice, yuan(1_100_000)), state.endsAt)).code).toBe("LISTING_ENDED");
  });

  it("refuses to clear automatic bidding once bidding has ended, since it has done its work", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_100_000)));
    expect(rejected(applyCommand(state, clearProxy(alice), state.endsAt)).code).toBe("LISTING_ENDED");
  });
});

describe("prices on the increment grid", () => {
  it("accepts the starting price as the first bid", () => {
    const outcome = accepted(applyCommand(liveAuction(), bid(alice, yuan(1_000_000)), midway));
    expect(bidsOf(outcome)).toEqual([{ by: "A01", amount: yuan(1_000_000), kind: "manual" }]);
    expect(outcome.state.currentPrice).toBe(yuan(1_000_000));
    expect(outcome.state.leader).toEqual(alice);
    expect(outcome.state.bidCount).toBe(1);
  });

  it("accepts a first bid several increments above the start, at its own amount", () => {
    const outcome = accepted(applyCommand(liveAuction(), bid(alice, yuan(1_050_000)), midway));
    expect(outcome.state.currentPrice).toBe(yuan(1_050_000));
  });

  it("tells a first bid below the starting price what the minimum is", () => {
    const outcome = rejected(applyCommand(liveAuction(), bid(alice, yuan(990_000)), midway));
    expect(outcome.code).toBe("BID_TOO_LOW");
    expect(outcome.details).toEqual({ nextMinimumBid: yuan(1_000_000).toString() });
  });

  it("tells a bid both below the minimum and off the grid what the minimum is", () => {
    const state = given(liveAuction(), bid(alice, yuan(1_000_000)));
    const outcome = rejected(applyCommand(state, bid(bob, yuan(1_005_000)), later));
    expect(outcome.code).toBe("BID_TOO_LOW");
    expect(outcome.details).toEqual({ nextMinimumBid: yuan(1_010_000).toString() });
  });

  it("refuses an amount between two grid prices, naming the start and the increment", () => {
    const outcome = rejected(applyCommand(liveAuction(), bid(alice, yuan(1_015_000)), midway));
    expect(outcome.code).toBe("BID_NOT_ON_INCREMENT");
    expect(outcome.details).toEqual({ startingPrice: yuan(1_000_000).toString(), increment: yuan(10_000).toString() });
  });

  it("refuses an amount one minor unit off the grid", () => {
    expect(rejected(applyCommand(liveAuction(), bid(alice, yuan(1_010_000) + 1n), midway)).code).toBe("BID_NOT_ON_INCREMENT");
  });

  it("asks each later bid for one increment above the current price", () => {
    const state = given(liveAuction(), bid(alice, yuan(1_000_000)));
    const tooLow = rejected(applyCommand(state, bid(bob, yuan(1_000_000)), later));
    expect(tooLow.code).toBe("BID_TOO_LOW");
    expect(tooLow.details).toEqual({ nextMinimumBid: yuan(1_010_000).toString() });
    expect(accepted(applyCommand(state, bid(bob, yuan(1_010_000)), later)).state.currentPrice).toBe(yuan(1_010_000));
  });

  it("accepts a jump of several increments at its own amount", () => {
    const state = given(liveAuction(), bid(alice, yuan(1_000_000)));
    const outcome = accepted(applyCommand(state, bid(bob, yuan(1_200_000)), later));
    expect(outcome.state.currentPrice).toBe(yuan(1_200_000));
    expect(outcome.state.leader).toEqual(bob);
  });

  it("refuses a bid from the bidder who already leads", () => {
    const state = given(liveAuction(), bid(alice, yuan(1_000_000)));
    expect(rejected(applyCommand(state, bid(alice, yuan(1_100_000)), later)).code).toBe("ALREADY_LEADING");
  });

  it("keeps amounts beyond a float's precision exact", () => {
    // Past 2^53, yet within the 18 digits a bid may name.
    const start = 2n ** 55n;
    const state = liveAuction({ startingPrice: start, increment: 1n });
    const first = accepted(applyCommand(state, bid(alice, start + 3n), midway));
    const second = accepted(applyCommand(first.state, bid(bob, start + 4n), later));
    expect(second.state.currentPrice).toBe(start + 4n);
  });
});

describe("the cap on a single bid", () => {
  it("refuses a first bid above five times the starting price, naming the most it may be (BID_ABOVE_CAP)", () => {
    const outcome = rejected(applyCommand(liveAuction(), bid(alice, yuan(5_010_000)), midway));
    expect(outcome.code).toBe("BID_ABOVE_CAP");
    expect(outcome.details).toEqual({ maximum: yuan(5_000_000).toString(), multiple: "5" });
    expect(accepted(applyCommand(liveAuction(), bid(alice, yuan(5_000_000)), midway)).state.currentPrice).toBe(yuan(5_000_000));
  });

  it("measures the cap from the current price once there is a bid", () => {
    const state = given(liveAuction(), bid(alice, yuan(2_000_000)));
    expect(rejected(applyCommand(state, bid(bob, yuan(10_010_000)), later)).details.maximum).toBe(yuan(10_000_000).toString());
    expect(accepted(applyCommand(state, bid(bob, yuan(10_000_000)), later)).state.currentPrice).toBe(yuan(10_000_000));
  });

  it("follows the listing's own multiple", () => {
    const state = liveAuction({ maxBidMultiple: 2 });
    expect(rejected(applyCommand(state, bid(alice, yuan(2_010_000)), midway))).toMatchObject({
      code: "BID_ABOVE_CAP",
      details: { maximum: yuan(2_000_000).toString(), multiple: "2" },
    });
  });

  it("caps an automatic-bidding maximum like a bid, for the leader too", () => {
    expect(rejected(applyCommand(liveAuction(), setProxy(alice, yuan(5_010_000)), midway)).code).toBe("BID_ABOVE_CAP");
    const state = given(liveAuction(), bid(alice, yuan(1_000_000)));
    expect(rejected(applyCommand(state, setProxy(alice, yuan(5_010_000)), later)).code).toBe("BID_ABOVE_CAP");
    expect(accepted(applyCommand(state, setProxy(alice, yuan(5_000_000)), later)).state.proxies).toHaveLength(1);
  });

  it("refuses the bid that froze a ¥5.1M lot (999,999,999,997,500,000 fen), even at a multiple of 100", () => {
    const lot = liveAuction({ startingPrice: yuan(5_100_000), increment: yuan(25_000), maxBidMultiple: 100 });
    expect(rejected(applyCommand(lot, bid(alice, 999_999_999_997_500_000n), midway)).code).toBe("BID_ABOVE_CAP");
  });

  it("stops where the next minimum would pass the largest amount a bid may name", () => {
    const increment = 10n ** 15n;
    const state = liveAuction({ startingPrice: 10n ** 17n, increment, maxBidMultiple: 100 });
    const highest = BID_AMOUNT_MAX - increment - ((BID_AMOUNT_MAX - increment - 10n ** 17n) % increment);
    expect(rejected(applyCommand(state, bid(alice, highest + increment), midway))).toMatchObject({
      code: "BID_ABOVE_CAP",
      details: { maximum: highest.toString() },
    });
    const top = accepted(applyCommand(state, bid(alice, highest), midway)).state;
    expect(nextMinimumBid(top) <= BID_AMOUNT_MAX).toBe(true);
  });

  it("never caps below the next minimum bid, however coarse the grid", () => {
    const state = given(liveAuction({ startingPrice: 100n, increment: 1_000n, maxBidMultiple: 2 }), bid(alice, 100n));
    expect(accepted(applyCommand(state, bid(bob, 1_100n), later)).state.currentPrice).toBe(1_100n);
    expect(rejected(applyCommand(state, bid(bob, 2_100n), later)).details.maximum).toBe("1100");
  });
});

describe("the hidden reserve", () => {
  const reserved = () => liveAuction({ reservePrice: yuan(1_020_000) });

  it("announces, without the amount, that the reserve is met when the price first reaches it", () => {
    const state = given(reserved(), bid(alice, yuan(1_000_000)));
    const below = accepted(applyCommand(state, bid(bob, yuan(1_010_000)), later));
    expect(typesOf(below)).not.toContain("reserve_met");
    const reached = accepted(applyCommand(below.state, bid(alice, yuan(1_020_000)), later));
    expect(reached.events).toContainEqual({ type: "reserve_met" });
  });

  it("announces the reserve met only once, not again on higher bids", () => {
    const state = given(reserved(), bid(alice, yuan(1_020_000)));
    expect(typesOf(applyCommand(state, bid(bob, yuan(1_030_000)), later))).not.toContain("reserve_met");
  });

  it("announces the reserve met on a first bid above it", () => {
    expect(typesOf(applyCommand(reserved(), bid(alice, yuan(1_050_000)), midway))).toContain("reserve_met");
  });

  it("announces the reserve met when a proxy's automatic bid reaches it", () => {
    const state = given(reserved(), setProxy(alice, yuan(1_100_000)));
    const outcome = accepted(applyCommand(state, bid(bob, yuan(1_010_000)), later));
    expect(bidsOf(outcome).at(-1)).toEqual({ by: "A01", amount: yuan(1_020_000), kind: "proxy" });
    expect(typesOf(outcome)).toContain("reserve_met");
  });

  it("fails the auction at the close when the price stays below the reserve", () => {
    const state = given(reserved(), bid(alice, yuan(1_000_000)), bid(bob, yuan(1_010_000)));
    const outcome = accepted(applyCommand(state, close(), state.endsAt));
    expect(outcome.events).toEqual([
      { type: "closed", result: { outcome: "failed", reason: "reserve_not_met" }, status: "failed" },
    ]);
    expect(outcome.state.status).toBe("failed");
  });

  it("sells at the close when the price reached the reserve exactly", () => {
    const state = given(reserved(), bid(alice, yuan(1_020_000)));
    const outcome = accepted(applyCommand(state, close(), state.endsAt));
    expect(outcome.events).toEqual([
      { type: "closed", result: { outcome: "sold", winner: alice, price: yuan(1_020_000) }, status: "awarded" },
    ]);
  });
});

describe("anti-sniping", () => {
  it("extends the end to 5 minutes after a bid placed in the last 5 minutes", () => {
    const state = liveAuction();
    const now = before(state.endsAt, minutes(2));
    const outcome = accepted(applyCommand(state, bid(alice, yuan(1_000_000)), now));
    const newEnd = new Date(now.getTime() + minutes(5));
    expect(outcome.state.endsAt).toEqual(newEnd);
    expect(outcome.state.extensionCount).toBe(1);
    expect(outcome.events).toContainEqual({ type: "end_extended", endsAt: newEnd, extensionCount: 1 });
  });

  it("counts a bid exactly at the window's edge as inside it", () => {
    const state = liveAuction({ antiSniping: { windowMs: minutes(5), extensionMs: minutes(10), maxExtensions: null } });
    const now = before(state.endsAt, minutes(5));
    const outcome = accepted(applyCommand(state, bid(alice, yuan(1_000_000)), now));
    expect(endOf(outcome.state)).toBe(now.getTime() + minutes(10));
  });

  it("does not extend for a bid a millisecond before the window opens", () => {
    const state = liveAuction({ antiSniping: { windowMs: minutes(5), extensionMs: minutes(10), maxExtensions: null } });
    const outcome = accepted(applyCommand(state, bid(alice, yuan(1_000_000)), before(state.endsAt, minutes(5) + 1)));
    expect(outcome.state.endsAt).toEqual(state.endsAt);
    expect(typesOf(outcome)).not.toContain("end_extended");
  });

  it("does not extend for a rejected bid in the last minutes", () => {
    const state = given(liveAuction(), bid(alice, yuan(1_000_000)));
    const outcome = applyCommand(state, bid(bob, yuan(1_000_000)), before(state.endsAt, minutes(1)));
    expect(outcome.ok).toBe(false);
    expect(outcome).not.toHaveProperty("state");
  });

  it("does not extend when the leader only raises its own maximum in the last minutes", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_050_000)));
    const outcome = accepted(applyCommand(state, setProxy(alice, yuan(1_200_000)), before(state.endsAt, minutes(1))));
    expect(outcome.events).toEqual([{ type: "proxy_set", bidder: alice, maximum: yuan(1_200_000) }]);
    expect(outcome.state.endsAt).toEqual(state.endsAt);
  });

  it("does not extend when automatic bidding is cleared in the last minutes", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_050_000)));
    const outcome = accepted(applyCommand(state, clearProxy(alice), before(state.endsAt, minutes(1))));
    expect(outcome.state.endsAt).toEqual(state.endsAt);
  });

  it("extends once for a command that records several bids (a manual bid and the proxy's answer)", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_100_000)));
    const now = before(state.endsAt, minutes(1));
    const outcome = accepted(applyCommand(state, bid(bob, yuan(1_030_000)), now));
    expect(bidsOf(outcome)).toHaveLength(2);
    expect(typesOf(outcome).filter((t) => t === "end_extended")).toHaveLength(1);
    expect(endOf(outcome.state)).toBe(now.getTime() + minutes(5));
    expect(outcome.state.extensionCount).toBe(1);
  });

  it("extends for a proxy set in the last minutes that bids at once", () => {
    const state = given(liveAuction(), bid(alice, yuan(1_000_000)));
    const now = before(state.endsAt, minutes(3));
    const outcome = accepted(applyCommand(state, setProxy(bob, yuan(1_100_000)), now));
    expect(endOf(outcome.state)).toBe(now.getTime() + minutes(5));
  });

  it("measures the new end from the bid, not from the old end", () => {
    const state = liveAuction();
    const now = before(state.endsAt, minutes(1));
    const outcome = accepted(applyCommand(state, bid(alice, yuan(1_000_000)), now));
    expect(endOf(outcome.state)).toBe(endOf(state) + minutes(4));
  });

  it("extends again for each bid in the new last minutes, without limit by default", () => {
    let state = liveAuction();
    const bidders = [alice, bob];
    for (let i = 0; i < 12; i++) {
      const now = before(state.endsAt, minutes(1));
      state = accepted(applyCommand(state, bid(bidders[i % 2]!, yuan(1_000_000 + i * 10_000)), now)).state;
      expect(endOf(state)).toBe(now.getTime() + minutes(5));
    }
    expect(state.extensionCount).toBe(12);
  });

  it("stops extending after the listing's cap, while still accepting bids", () => {
    let state = liveAuction({ antiSniping: { windowMs: minutes(3), extensionMs: minutes(3), maxExtensions: 2 } });
    const ends: number[] = [];
    for (const [i, who] of [alice, bob, alice].entries()) {
      state = accepted(applyCommand(state, bid(who, yuan(1_000_000 + i * 10_000)), before(state.endsAt, minutes(1)))).state;
      ends.push(endOf(state));
    }
    expect(state.extensionCount).toBe(2);
    expect(ends[2]).toBe(ends[1]);
    expect(state.currentPrice).toBe(yuan(1_020_000));
  });

  it("never extends with a cap of zero", () => {
    const state = liveAuction({ antiSniping: { windowMs: minutes(5), extensionMs: minutes(5), maxExtensions: 0 } });
    const outcome = accepted(applyCommand(state, bid(alice, yuan(1_000_000)), before(state.endsAt, minutes(1))));
    expect(outcome.state.endsAt).toEqual(state.endsAt);
  });

  it("never moves the end earlier when the extension is shorter than the window", () => {
    const state = liveAuction({ antiSniping: { windowMs: minutes(10), extensionMs: minutes(3), maxExtensions: 1 } });
    const outcome = accepted(applyCommand(state, bid(alice, yuan(1_000_000)), before(state.endsAt, minutes(8))));
    expect(outcome.state.endsAt).toEqual(state.endsAt);
    expect(outcome.state.extensionCount).toBe(0);
    expect(typesOf(outcome)).not.toContain("end_extended");
    // The unused extension is still there for a later bid.
    const late = accepted(applyCommand(outcome.state, bid(bob, yuan(1_010_000)), before(state.endsAt, minutes(1))));
    expect(endOf(late.state)).toBe(endOf(state) + minutes(2));
  });
});

describe("automatic bidding (proxies)", () => {
  it("places the first proxy's bid at the starting price, whatever its maximum", () => {
    const outcome = accepted(applyCommand(liveAuction(), setProxy(alice, yuan(1_100_000)), midway));
    expect(outcome.events).toEqual([
      { type: "proxy_set", bidder: alice, maximum: yuan(1_100_000) },
      { type: "bid_accepted", seq: 1, bidder: alice, amount: yuan(1_000_000), kind: "proxy", at: midway },
      { type: "lead_changed", from: null, to: alice },
    ]);
    expect(outcome.state.currentPrice).toBe(yuan(1_000_000));
  });

  it("answers a manual bid with one increment more, keeping the lead", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_100_000)));
    const outcome = accepted(applyCommand(state, bid(bob, yuan(1_030_000)), later));
    expect(bidsOf(outcome)).toEqual([
      { by: "B02", amount: yuan(1_030_000), kind: "manual" },
      { by: "A01", amount: yuan(1_040_000), kind: "proxy" },
    ]);
    expect(outcome.state.leader).toEqual(alice);
    expect(outcome.state.currentPrice).toBe(yuan(1_040_000));
    expect(typesOf(outcome)).not.toContain("lead_changed");
  });

  it("answers a manual bid one increment below its maximum with the maximum itself", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_100_000)));
    const outcome = accepted(applyCommand(state, bid(bob, yuan(1_090_000)), later));
    expect(outcome.state.currentPrice).toBe(yuan(1_100_000));
    expect(outcome.state.leader).toEqual(alice);
  });

  it("keeps the earlier proxy in the lead when a manual bid equals its maximum, at that amount", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_100_000)));
    const outcome = accepted(applyCommand(state, bid(bob, yuan(1_100_000)), later));
    expect(bidsOf(outcome)).toEqual([
      { by: "B02", amount: yuan(1_100_000), kind: "manual" },
      { by: "A01", amount: yuan(1_100_000), kind: "proxy" },
    ]);
    expect(outcome.state.leader).toEqual(alice);
    expect(outcome.state.currentPrice).toBe(yuan(1_100_000));
  });

  it("lets a manual bid above the maximum take the lead, recording the proxy's last bid at its maximum", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_050_000)));
    const outcome = accepted(applyCommand(state, bid(bob, yuan(1_080_000)), later));
    expect(bidsOf(outcome)).toEqual([
      { by: "A01", amount: yuan(1_050_000), kind: "proxy" },
      { by: "B02", amount: yuan(1_080_000), kind: "manual" },
    ]);
    expect(outcome.state.leader).toEqual(bob);
    expect(outcome.state.currentPrice).toBe(yuan(1_080_000));
    expect(outcome.events).toContainEqual({ type: "lead_changed", from: alice, to: bob });
  });

  it("settles two proxies at once: the higher leads one increment above the other, whose maximum is recorded", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_050_000)));
    const outcome = accepted(applyCommand(state, setProxy(bob, yuan(1_090_000)), later));
    expect(bidsOf(outcome)).toEqual([
      { by: "A01", amount: yuan(1_050_000), kind: "proxy" },
      { by: "B02", amount: yuan(1_060_000), kind: "proxy" },
    ]);
    expect(outcome.state.leader).toEqual(bob);
    expect(outcome.state.currentPrice).toBe(yuan(1_060_000));
  });

  it("lets a lower new proxy push the leading proxy up to one increment above it", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_090_000)));
    const outcome = accepted(applyCommand(state, setProxy(bob, yuan(1_050_000)), later));
    expect(bidsOf(outcome)).toEqual([
      { by: "B02", amount: yuan(1_050_000), kind: "proxy" },
      { by: "A01", amount: yuan(1_060_000), kind: "proxy" },
    ]);
    expect(outcome.state.leader).toEqual(alice);
  });

  it("gives equal maxima to the earlier proxy, at that maximum", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_050_000)));
    const outcome = accepted(applyCommand(state, setProxy(bob, yuan(1_050_000)), later));
    expect(bidsOf(outcome)).toEqual([{ by: "A01", amount: yuan(1_050_000), kind: "proxy" }]);
    expect(outcome.state.leader).toEqual(alice);
    expect(outcome.state.currentPrice).toBe(yuan(1_050_000));
  });

  it("gives equal maxima to a first-refusal holder over an earlier ordinary bidder", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_050_000)));
    const outcome = accepted(applyCommand(state, setProxy(holderRank2, yuan(1_050_000)), later));
    expect(outcome.state.leader).toEqual(holderRank2);
    expect(outcome.state.currentPrice).toBe(yuan(1_050_000));
  });

  it("gives equal maxima between holders to the better rank, even if later", () => {
    const state = given(liveAuction(), setProxy(holderRank2, yuan(1_050_000)));
    const outcome = accepted(applyCommand(state, setProxy(holderRank1, yuan(1_050_000)), later));
    expect(outcome.state.leader).toEqual(holderRank1);
  });

  it("gives equal maxima between equally ranked holders to the earlier", () => {
    const state = given(liveAuction(), setProxy(holderRank2, yuan(1_050_000)));
    const outcome = accepted(applyCommand(state, setProxy(otherHolderRank2, yuan(1_050_000)), later));
    expect(outcome.state.leader).toEqual(holderRank2);
  });

  it("refuses a maximum below the next minimum bid, saying what the minimum is", () => {
    const state = given(liveAuction(), bid(alice, yuan(1_000_000)));
    const outcome = rejected(applyCommand(state, setProxy(bob, yuan(1_000_000)), later));
    expect(outcome.code).toBe("PROXY_TOO_LOW");
    expect(outcome.details).toEqual({ minimum: yuan(1_010_000).toString() });
  });

  it("refuses a first maximum below the starting price", () => {
    expect(rejected(applyCommand(liveAuction(), setProxy(alice, yuan(990_000)), midway)).code).toBe("PROXY_TOO_LOW");
  });

  it("refuses a maximum off the grid", () => {
    expect(rejected(applyCommand(liveAuction(), setProxy(alice, yuan(1_055_000)), midway)).code).toBe("BID_NOT_ON_INCREMENT");
  });

  it("lets the leader set a maximum at the current price without placing a bid", () => {
    const state = given(liveAuction(), bid(alice, yuan(1_000_000)));
    const outcome = accepted(applyCommand(state, setProxy(alice, yuan(1_000_000)), later));
    expect(outcome.events).toEqual([{ type: "proxy_set", bidder: alice, maximum: yuan(1_000_000) }]);
    expect(outcome.state.bidCount).toBe(1);
  });

  it("refuses the leader a maximum below the current price", () => {
    const state = given(liveAuction(), bid(bob, yuan(1_000_000)), bid(alice, yuan(1_030_000)));
    const outcome = rejected(applyCommand(state, setProxy(alice, yuan(1_020_000)), later));
    expect(outcome.code).toBe("PROXY_TOO_LOW");
    expect(outcome.details).toEqual({ minimum: yuan(1_030_000).toString() });
  });

  it("lets the leader raise its maximum without raising the price, then defends with it", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_030_000)), setProxy(alice, yuan(1_090_000)));
    expect(state.currentPrice).toBe(yuan(1_000_000));
    expect(state.bidCount).toBe(1);
    const outcome = accepted(applyCommand(state, bid(bob, yuan(1_050_000)), later));
    expect(outcome.state.leader).toEqual(alice);
    expect(outcome.state.currentPrice).toBe(yuan(1_060_000));
  });

  it("lets the leader lower its maximum, down to the current price", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_090_000)), setProxy(alice, yuan(1_000_000)));
    const outcome = accepted(applyCommand(state, bid(bob, yuan(1_010_000)), later));
    expect(outcome.state.leader).toEqual(bob);
    expect(bidsOf(outcome)).toEqual([{ by: "B02", amount: yuan(1_010_000), kind: "manual" }]);
  });

  it("drops a proxy that can no longer reach the next bid: it bids no more", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_050_000)), bid(bob, yuan(1_080_000)));
    expect(rejected(applyCommand(state, clearProxy(alice), later)).code).toBe("NO_PROXY");
    const outcome = accepted(applyCommand(state, bid(carol, yuan(1_090_000)), later));
    expect(bidsOf(outcome)).toEqual([{ by: "C03", amount: yuan(1_090_000), kind: "manual" }]);
  });

  it("keeps the leader's proxy even when it has reached its maximum", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_050_000)), bid(bob, yuan(1_050_000)));
    expect(state.leader).toEqual(alice);
    expect(accepted(applyCommand(state, clearProxy(alice), later)).events).toEqual([{ type: "proxy_cleared", bidder: alice }]);
  });

  it("removes automatic bidding on request, leaving the leader at the current price", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_090_000)), clearProxy(alice));
    expect(state.leader).toEqual(alice);
    expect(state.currentPrice).toBe(yuan(1_000_000));
    const outcome = accepted(applyCommand(state, bid(bob, yuan(1_010_000)), later));
    expect(bidsOf(outcome)).toEqual([{ by: "B02", amount: yuan(1_010_000), kind: "manual" }]);
    expect(outcome.state.leader).toEqual(bob);
  });

  it("refuses to clear automatic bidding that was never set", () => {
    const state = given(liveAuction(), bid(alice, yuan(1_000_000)));
    expect(rejected(applyCommand(state, clearProxy(alice), later)).code).toBe("NO_PROXY");
  });

  it("lets a bidder replace its proxy with a manual bid, which drops the proxy", () => {
    // A standing proxy of a bidder who does not lead (as a store might still hold after an outbid).
    const state = liveAuction({
      currentPrice: yuan(1_020_000),
      leader: bob,
      leadAt: midway,
      bidCount: 3,
      lastSeq: 3,
      proxies: [{ bidder: alice, maximum: yuan(1_010_000), setAt: midway }],
    });
    const outcome = accepted(applyCommand(state, bid(alice, yuan(1_030_000)), later));
    expect(bidsOf(outcome)).toEqual([{ by: "A01", amount: yuan(1_030_000), kind: "manual" }]);
    expect(outcome.state.leader).toEqual(alice);
    expect(rejected(applyCommand(outcome.state, clearProxy(alice), later)).code).toBe("NO_PROXY");
  });

  it("records the outbid leader's proxy at its maximum when a higher proxy joins later", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_100_000)), bid(bob, yuan(1_060_000)));
    const outcome = accepted(applyCommand(state, setProxy(carol, yuan(1_150_000)), later));
    expect(bidsOf(outcome)).toEqual([
      { by: "A01", amount: yuan(1_100_000), kind: "proxy" },
      { by: "C03", amount: yuan(1_110_000), kind: "proxy" },
    ]);
    expect(outcome.state.leader).toEqual(carol);
  });

  it("settles a tie within the same millisecond for the commitment that arrived first", () => {
    const state = accepted(applyCommand(liveAuction(), setProxy(alice, yuan(1_050_000)), midway)).state;
    const outcome = accepted(applyCommand(state, bid(bob, yuan(1_050_000)), midway));
    expect(outcome.state.leader).toEqual(alice);
  });

  it("remembers when the leader committed to its lead: when it took it, or when its proxy last raised the price", () => {
    const first = accepted(applyCommand(liveAuction(), setProxy(alice, yuan(1_090_000)), midway)).state;
    expect(first.leadAt).toEqual(midway);
    const raised = accepted(applyCommand(first, bid(bob, yuan(1_050_000)), later)).state;
    expect(raised.leadAt).toEqual(later);
    const silent = accepted(applyCommand(raised, setProxy(alice, yuan(1_200_000)), after(hours(14)))).state;
    expect(silent.leadAt).toEqual(later);
    const overtaken = accepted(applyCommand(silent, bid(carol, yuan(1_300_000)), after(hours(15)))).state;
    expect(overtaken.leadAt).toEqual(after(hours(15)));
  });

  it("keeps the maximum secret: the price is what it took to win, not what the leader would pay", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_500_000)), bid(bob, yuan(1_020_000)));
    expect(state.currentPrice).toBe(yuan(1_030_000));
    const events = JSON.stringify(accepted(applyCommand(state, bid(carol, yuan(1_040_000)), later)).events, (_, v) =>
      typeof v === "bigint" ? v.toString() : v,
    );
    expect(events).not.toContain(yuan(1_500_000).toString());
  });
});

describe("right of first refusal", () => {
  it("lets a holder take the lead from an ordinary bidder by matching the current price", () => {
    const state = given(liveAuction(), bid(alice, yuan(1_020_000)));
    const outcome = accepted(applyCommand(state, bid(holderRank2, yuan(1_020_000)), later));
    expect(bidsOf(outcome)).toEqual([{ by: "R21", amount: yuan(1_020_000), kind: "manual" }]);
    expect(outcome.state.leader).toEqual(holderRank2);
    expect(outcome.state.currentPrice).toBe(yuan(1_020_000));
    expect(outcome.events).toContainEqual({ type: "lead_changed", from: alice, to: holderRank2 });
  });

  it("lets a better-ranked holder take the lead from a lower-ranked holder at the same price", () => {
    const state = given(liveAuction(), bid(holderRank2, yuan(1_020_000)));
    const outcome = accepted(applyCommand(state, bid(holderRank1, yuan(1_020_000)), later));
    expect(outcome.state.leader).toEqual(holderRank1);
  });

  it("keeps the lead with the earlier of two equally ranked holders", () => {
    const state = given(liveAuction(), bid(holderRank2, yuan(1_020_000)));
    const outcome = rejected(applyCommand(state, bid(otherHolderRank2, yuan(1_020_000)), later));
    expect(outcome.code).toBe("BID_TOO_LOW");
    expect(outcome.details).toEqual({ nextMinimumBid: yuan(1_030_000).toString() });
  });

  it("refuses a lower-ranked holder's match of a better-ranked leader", () => {
    const state = given(liveAuction(), bid(holderRank1, yuan(1_020_000)));
    expect(rejected(applyCommand(state, bid(holderRank2, yuan(1_020_000)), later)).code).toBe("BID_TOO_LOW");
  });

  it("refuses an ordinary bidder's match of the current price", () => {
    const state = given(liveAuction(), bid(holderRank1, yuan(1_020_000)));
    expect(rejected(applyCommand(state, bid(alice, yuan(1_020_000)), later)).code).toBe("BID_TOO_LOW");
  });

  it("refuses a holder's bid below the current price", () => {
    const state = given(liveAuction(), bid(alice, yuan(1_020_000)));
    expect(rejected(applyCommand(state, bid(holderRank1, yuan(1_010_000)), later)).code).toBe("BID_TOO_LOW");
  });

  it("answers a holder's match with the leader's proxy, one increment up", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_050_000)));
    const outcome = accepted(applyCommand(state, bid(holderRank1, yuan(1_000_000)), later));
    expect(bidsOf(outcome)).toEqual([
      { by: "R11", amount: yuan(1_000_000), kind: "manual" },
      { by: "A01", amount: yuan(1_010_000), kind: "proxy" },
    ]);
    expect(outcome.state.leader).toEqual(alice);
  });

  it("lets a holder's match take the lead from a proxy that has reached its maximum", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_050_000)), bid(bob, yuan(1_040_000)));
    expect(state.currentPrice).toBe(yuan(1_050_000));
    const outcome = accepted(applyCommand(state, bid(holderRank1, yuan(1_050_000)), later));
    expect(bidsOf(outcome)).toEqual([{ by: "R11", amount: yuan(1_050_000), kind: "manual" }]);
    expect(outcome.state.leader).toEqual(holderRank1);
  });

  it("lets a holder's manual bid equal to a proxy's maximum take the lead from an ordinary bidder's proxy", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_050_000)));
    const outcome = accepted(applyCommand(state, bid(holderRank2, yuan(1_050_000)), later));
    expect(outcome.state.leader).toEqual(holderRank2);
    expect(outcome.state.currentPrice).toBe(yuan(1_050_000));
  });

  it("extends the end for a holder's match in the last minutes", () => {
    const state = given(liveAuction(), bid(alice, yuan(1_020_000)));
    const now = before(state.endsAt, minutes(1));
    const outcome = accepted(applyCommand(state, bid(holderRank1, yuan(1_020_000)), now));
    expect(endOf(outcome.state)).toBe(now.getTime() + minutes(5));
  });

  it("lets an ordinary bidder win the lead back from a holder with a raise", () => {
    const state = given(liveAuction(), bid(alice, yuan(1_020_000)), bid(holderRank1, yuan(1_020_000)));
    const outcome = accepted(applyCommand(state, bid(alice, yuan(1_030_000)), later));
    expect(outcome.state.leader).toEqual(alice);
  });
});

describe("closing", () => {
  it("refuses to close before the end, saying when it ends", () => {
    const state = liveAuction();
    const outcome = rejected(applyCommand(state, close(), before(state.endsAt, 1)));
    expect(outcome.code).toBe("NOT_DUE");
    expect(outcome.details).toEqual({ endsAt: state.endsAt.toISOString() });
  });

  it("waits for an extended end", () => {
    const original = liveAuction();
    const state = accepted(applyCommand(original, bid(alice, yuan(1_000_000)), before(original.endsAt, minutes(1)))).state;
    expect(rejected(applyCommand(state, close(), original.endsAt)).code).toBe("NOT_DUE");
    expect(applyCommand(state, close(), state.endsAt).ok).toBe(true);
  });

  it("sells to the leader at the current price at the end", () => {
    const state = given(liveAuction(), bid(alice, yuan(1_000_000)), bid(bob, yuan(1_040_000)));
    const outcome = accepted(applyCommand(state, close(), state.endsAt));
    expect(outcome.events).toEqual([
      { type: "closed", result: { outcome: "sold", winner: bob, price: yuan(1_040_000) }, status: "awarded" },
    ]);
    expect(outcome.state.status).toBe("awarded");
  });

  it("sells at the price the proxies reached, not at the winner's maximum", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_200_000)), bid(bob, yuan(1_020_000)));
    const outcome = accepted(applyCommand(state, close(), state.endsAt));
    expect(outcome.events).toEqual([
      { type: "closed", result: { outcome: "sold", winner: alice, price: yuan(1_030_000) }, status: "awarded" },
    ]);
  });

  it("lets one qualified bidder at the starting price win", () => {
    const state = given(liveAuction(), bid(alice, yuan(1_000_000)));
    const outcome = accepted(applyCommand(state, close(), state.endsAt));
    expect(outcome.events).toEqual([
      { type: "closed", result: { outcome: "sold", winner: alice, price: yuan(1_000_000) }, status: "awarded" },
    ]);
  });

  it("fails an auction nobody bid on", () => {
    const state = liveAuction();
    const outcome = accepted(applyCommand(state, close(), state.endsAt));
    expect(outcome.events).toEqual([{ type: "closed", result: { outcome: "failed", reason: "no_bids" }, status: "failed" }]);
    expect(outcome.state.status).toBe("failed");
  });

  it("sells to the designated investor at the starting price when nobody bid", () => {
    const state = liveAuction({ designatedRegistrationId: "registration-D01" });
    const outcome = accepted(applyCommand(state, close(), state.endsAt));
    expect(outcome.events).toEqual([
      {
        type: "closed",
        result: { outcome: "designated_floor", winnerRegistrationId: "registration-D01", price: yuan(1_000_000) },
        status: "awarded",
      },
    ]);
  });

  it("runs a normal auction when others bid on a designated purchase", () => {
    const state = given(liveAuction({ designatedRegistrationId: "registration-D01" }), bid(alice, yuan(1_010_000)));
    const outcome = accepted(applyCommand(state, close(), state.endsAt));
    expect(outcome.events).toEqual([
      { type: "closed", result: { outcome: "sold", winner: alice, price: yuan(1_010_000) }, status: "awarded" },
    ]);
  });

  it("closes only once: a second close is refused as not live", () => {
    const closed = accepted(applyCommand(liveAuction(), close(), liveAuction().endsAt)).state;
    expect(rejected(applyCommand(closed, close(), after(hours(30)))).code).toBe("LISTING_NOT_LIVE");
  });

  it("refuses bids, proxies and clearing after the close", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_100_000)));
    const closed = accepted(applyCommand(state, close(), state.endsAt)).state;
    const soon = new Date(endOf(state) + 1);
    expect(rejected(applyCommand(closed, bid(bob, yuan(1_010_000)), soon)).code).toBe("LISTING_NOT_LIVE");
    expect(rejected(applyCommand(closed, setProxy(bob, yuan(1_100_000)), soon)).code).toBe("LISTING_NOT_LIVE");
    expect(rejected(applyCommand(closed, clearProxy(alice), soon)).code).toBe("LISTING_NOT_LIVE");
  });

  it("refuses to close a listing that is not live", () => {
    const state = liveAuction({ status: "suspended" });
    expect(rejected(applyCommand(state, close(), state.endsAt)).code).toBe("LISTING_NOT_LIVE");
  });
});

describe("the bid log", () => {
  it("numbers recorded bids one by one from the last sequence number, and counts them", () => {
    const state = liveAuction({
      currentPrice: yuan(1_000_000),
      leader: alice,
      leadAt: midway,
      bidCount: 7,
      lastSeq: 41,
      proxies: [{ bidder: alice, maximum: yuan(1_090_000), setAt: midway }],
    });
    const outcome = accepted(applyCommand(state, bid(bob, yuan(1_050_000)), later));
    expect(outcome.events.flatMap((e) => (e.type === "bid_accepted" ? [e.seq] : []))).toEqual([42, 43]);
    expect(outcome.state.lastSeq).toBe(43);
    expect(outcome.state.bidCount).toBe(9);
  });

  it("stamps every recorded bid with the time of the command", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_090_000)));
    const outcome = accepted(applyCommand(state, bid(bob, yuan(1_050_000)), later));
    for (const e of outcome.events) if (e.type === "bid_accepted") expect(e.at).toEqual(later);
  });

  it("records the outbid proxy's last bid before the higher manual bid, then announces the new leader", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_050_000)));
    const outcome = accepted(applyCommand(state, bid(bob, yuan(1_070_000)), later));
    expect(typesOf(outcome)).toEqual(["bid_accepted", "bid_accepted", "lead_changed"]);
    expect(bidsOf(outcome).map((b) => b.by)).toEqual(["A01", "B02"]);
  });

  it("leaves the state it was given untouched", () => {
    const state = given(liveAuction(), setProxy(alice, yuan(1_090_000)));
    const copy = structuredClone(state);
    applyCommand(state, bid(bob, yuan(1_050_000)), later);
    applyCommand(state, bid(bob, yuan(1_000_000)), later);
    applyCommand(state, close(), state.endsAt);
    expect(state).toEqual(copy);
  });
});
