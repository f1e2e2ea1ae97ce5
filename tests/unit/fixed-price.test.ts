import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyCommand, type AuctionState } from "../../server/sale-modes/auction/rules";
import { accepted, after, bid, bidder, close, hours, liveAuction, minutes, rejected, yuan } from "../support/auction-factories";

/*
 * The fixed-price sale (变卖) after two failed rounds runs on the auction engine: the offer stands
 * for up to 60 days at the last round's start; the first registered investor who commits the full
 * price opens a 24-hour window in which others may still bid higher under the usual rules.
 */
const price = yuan(800_000);
const increment = yuan(4_000);
const DAY = 86_400_000;
const offer = (overrides: Partial<AuctionState> = {}) =>
  liveAuction({ startingPrice: price, increment, endsAt: after(60 * DAY), firstBidWindowMs: hours(24), ...overrides });

const taker = bidder("T01");
const rival = bidder("R02");
const third = bidder("C03");
const takenAt = after(10 * DAY);
const windowEndsAt = new Date(takenAt.getTime() + hours(24));
const taken = accepted(applyCommand(offer(), bid(taker, price), takenAt));

describe("fixed-price sale on the engine", () => {
  it("opens a 24-hour window for the first investor who commits the full price, and tells the room the new end", () => {
    expect(taken.state).toMatchObject({ endsAt: windowEndsAt, currentPrice: price, leader: taker, bidCount: 1 });
    expect(taken.events).toContainEqual({ type: "end_extended", endsAt: windowEndsAt, extensionCount: 0 });
  });

  it("refuses a taker who commits less than the full price, and the offer stays as it was", () => {
    expect(rejected(applyCommand(offer(), bid(taker, price - increment), takenAt)).code).toBe("BID_TOO_LOW");
  });

  it("during the window, accepts another investor's bid of the best plus one increment and keeps the window's end", () => {
    const outbid = accepted(applyCommand(taken.state, bid(rival, price + increment), after(10 * DAY + hours(3))));
    expect(outbid.state).toMatchObject({ leader: rival, currentPrice: price + increment, endsAt: windowEndsAt });
  });

  it("during the window, refuses a bid below the best plus one increment", () => {
    const now = after(10 * DAY + hours(3));
    expect(rejected(applyCommand(taken.state, bid(rival, price), now)).code).toBe("BID_TOO_LOW");
  });

  it("extends the window by the anti-sniping rule when a higher bid comes in its last minutes", () => {
    const late = new Date(windowEndsAt.getTime() - minutes(2));
    const outbid = accepted(applyCommand(taken.state, bid(rival, price + increment), late));
    expect(outbid.state.endsAt).toEqual(new Date(late.getTime() + minutes(5)));
  });

  it("sells to the first taker at the fixed price when nobody outbids it", () => {
    const closed = accepted(applyCommand(taken.state, close(), windowEndsAt));
    expect(closed.events).toContainEqual({
      type: "closed",
      status: "awarded",
      result: { outcome: "sold", winner: taker, price },
    });
  });

  it("sells to the best bid at its amount when the window ends", () => {
    const b = accepted(applyCommand(taken.state, bid(rival, price + increment), after(10 * DAY + hours(1)))).state;
    const c = accepted(applyCommand(b, bid(third, price + 3n * increment), after(10 * DAY + hours(2)))).state;
    const closed = accepted(applyCommand(c, close(), windowEndsAt));
    expect(closed.events).toContainEqual({
      type: "closed",
      status: "awarded",
      result: { outcome: "sold", winner: third, price: price + 3n * increment },
    });
  });

  it("refuses a bid at the window's end and does not close before it", () => {
    expect(rejected(applyCommand(taken.state, bid(rival, price * 2n), windowEndsAt)).code).toBe("LISTING_ENDED");
    expect(rejected(applyCommand(taken.state, close(), new Date(windowEndsAt.getTime() - 1))).code).toBe("NOT_DUE");
  });

  it("lapses at the offer's end when nobody has taken the lot", () => {
    const closed = accepted(applyCommand(offer(), close(), after(60 * DAY)));
    expect(closed.events).toContainEqual({ type: "closed", status: "failed", result: { outcome: "failed", reason: "no_bids" } });
    expect(rejected(applyCommand(offer(), bid(taker, price), after(60 * DAY))).code).toBe("LISTING_ENDED");
  });

  it("property: the lot goes to the last accepted bid at its amount, never below the fixed price, each accepted bid an increment or more above the last", () => {
    const who = [taker, rival, third];
    const step = fc.record({
      who: fc.integer({ min: 0, max: 2 }),
      steps: fc.integer({ min: -2, max: 5 }),
      advance: fc.integer({ min: 0, max: hours(6) }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 15 }), (steps) => {
        let state = taken.state;
        let now = takenAt.getTime();
        let last = { bidder: taker, amount: price };
        for (const s of steps) {
          now += s.advance;
          const amount = last.amount + BigInt(s.steps) * increment;
          const result = applyCommand(state, bid(who[s.who]!, amount), new Date(now));
          if (now >= state.endsAt.getTime()) expect(result).toMatchObject({ ok: false, code: "LISTING_ENDED" });
          else if (who[s.who] === last.bidder) expect(result).toMatchObject({ ok: false, code: "ALREADY_LEADING" });
          else if (amount < last.amount + increment) expect(result).toMatchObject({ ok: false, code: "BID_TOO_LOW" });
          else {
            state = accepted(result).state;
            last = { bidder: who[s.who]!, amount };
          }
        }
        const closed = accepted(applyCommand(state, close(), new Date(Math.max(now, state.endsAt.getTime()))));
        expect(closed.events).toContainEqual({
          type: "closed",
          status: "awarded",
          result: { outcome: "sold", winner: last.bidder, price: last.amount },
        });
        expect(last.amount >= price).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
