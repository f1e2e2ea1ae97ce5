import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  designatedOutcome,
  designatedTerms,
  negotiationStep,
  runnerUpOf,
  type DesignatedOutcome,
  type Offer,
} from "../../server/sale-modes/rules";
import { checkNextRound, defaultRoundSettings, fixedPriceOffer, lowestNextStart } from "../../server/sale-modes/rounds/rules";
import { hours, yuan } from "../support/auction-factories";

const runs = { numRuns: 300 };
const DAY = 86_400_000;

/** Every failed round in these tests closed at this instant. */
const closedAt = new Date("2026-06-01T10:00:00.000Z");
const afterClose = (ms: number) => new Date(closedAt.getTime() + ms);

/** A listing whose auction failed: round 1, failed once, unless overridden. */
function failedRound(overrides: Partial<Parameters<typeof checkNextRound>[0]> = {}) {
  return { status: "failed", startingPrice: yuan(1_000_000), closedAt, round: 1, failedRounds: 1, ...overrides };
}

describe("defaultRoundSettings", () => {
  it("follows docs/domain.md 'Failed auctions and re-listing rounds': re-list within 30 days, cut at most 20%, fixed price after 2 failures for up to 60 days, 24-hour window", () => {
    expect(defaultRoundSettings).toEqual({
      relistWithinDays: 30,
      maxCutPercent: 20,
      fixedPriceAfterFailures: 2,
      fixedPriceMaxDays: 60,
      fixedPriceWindowHours: 24,
    });
  });
});

describe("lowestNextStart", () => {
  it("is the previous start less 20%", () => {
    expect(lowestNextStart(yuan(1_000_000))).toBe(yuan(800_000));
  });

  it("rounds up, so the cut never exceeds 20% by a fraction of a minor unit", () => {
    expect(lowestNextStart(101n)).toBe(81n); // 80.8 → 81
    expect(lowestNextStart(1n)).toBe(1n);
  });

  it("uses the listing's own maximum cut when set", () => {
    expect(lowestNextStart(yuan(1_000_000), { ...defaultRoundSettings, maxCutPercent: 10 })).toBe(yuan(900_000));
  });

  it("property: never cuts more than 20%, and is the lowest start that does not (lowest*100 ≥ prev*80 > (lowest-1)*100)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (previous) => {
        const lowest = lowestNextStart(previous);
        expect(lowest * 100n >= previous * 80n).toBe(true);
        expect((lowest - 1n) * 100n < previous * 80n).toBe(true);
        expect(lowest <= previous).toBe(true);
      }),
      runs,
    );
  });
});

describe("checkNextRound", () => {
  it("accepts a re-listing at the lowest allowed start as the next round", () => {
    expect(checkNextRound(failedRound(), yuan(800_000), afterClose(DAY))).toEqual({ ok: true, round: 2 });
  });

  it("accepts a re-listing at the same start", () => {
    expect(checkNextRound(failedRound(), yuan(1_000_000), afterClose(DAY))).toEqual({ ok: true, round: 2 });
  });

  it("refuses a cut of more than 20%, naming the lowest allowed start", () => {
    expect(checkNextRound(failedRound(), yuan(800_000) - 1n, afterClose(DAY))).toMatchObject({
      ok: false,
      code: "START_CUT_TOO_DEEP",
      details: { lowest: yuan(800_000).toString() },
    });
  });

  it("refuses a next round that starts above the failed one", () => {
    expect(checkNextRound(failedRound(), yuan(1_000_000) + 1n, afterClose(DAY))).toMatchObject({
      ok: false,
      code: "START_RAISED",
    });
  });

  it("accepts a re-listing exactly 30 days after the close", () => {
    expect(checkNextRound(failedRound(), yuan(900_000), afterClose(30 * DAY))).toEqual({ ok: true, round: 2 });
  });

  it("refuses a re-listing just after 30 days, naming the deadline", () => {
    expect(checkNextRound(failedRound(), yuan(900_000), afterClose(30 * DAY + 1))).toEqual({
      ok: false,
      code: "RELIST_TOO_LATE",
      message: expect.any(String),
      details: { deadline: afterClose(30 * DAY).toISOString() },
    });
  });

  it("refuses to re-list a listing that did not fail", () => {
    for (const status of ["live", "closed", "awarded", "draft"]) {
      expect(checkNextRound(failedRound({ status }), yuan(900_000), afterClose(DAY))).toMatchObject({
        ok: false,
        code: "NOT_FAILED",
      });
    }
  });

  it("refuses to re-list a failed listing with no close time", () => {
    expect(checkNextRound(failedRound({ closedAt: null }), yuan(900_000), afterClose(DAY))).toMatchObject({
      ok: false,
      code: "NOT_FAILED",
    });
  });

  it("refuses a third round after two failed rounds: a fixed-price sale is due instead", () => {
    expect(checkNextRound(failedRound({ round: 2, failedRounds: 2 }), yuan(1_000_000), afterClose(DAY))).toMatchObject({
      ok: false,
      code: "FIXED_PRICE_DUE",
    });
  });

  it("property: each round's start is within the allowed cut of the previous (accepted iff lowest ≤ proposed ≤ previous)", () => {
    const previousAndProposed = fc.bigInt({ min: 1n, max: 10n ** 13n }).chain((previous) => {
      const lowest = lowestNextStart(previous);
      return fc.tuple(
        fc.constant(previous),
        fc.oneof(
          fc.bigInt({ min: 0n, max: previous * 2n }),
          fc.bigInt({ min: -3n, max: 3n }).map((d) => lowest + d),
          fc.bigInt({ min: -3n, max: 3n }).map((d) => previous + d),
        ),
      );
    });
    fc.assert(
      fc.property(
        previousAndProposed,
        fc.integer({ min: 0, max: 30 * DAY }),
        fc.integer({ min: 1, max: 5 }),
        ([previous, proposed], sinceClose, round) => {
          const result = checkNextRound(
            failedRound({ startingPrice: previous, round, failedRounds: 1 }),
            proposed,
            afterClose(sinceClose),
          );
          const allowed = lowestNextStart(previous) <= proposed && proposed <= previous;
          expect(result.ok).toBe(allowed);
          if (result.ok) expect(result.round).toBe(round + 1);
          else expect(["START_CUT_TOO_DEEP", "START_RAISED"]).toContain(result.code);
          // The same rule, stated without lowestNextStart: a cut of at most 20%, and no raise.
          expect(result.ok).toBe(proposed * 100n >= previous * 80n && proposed <= previous);
        },
      ),
      runs,
    );
  });

  it("property: re-listing at the lowest allowed start for as many rounds as allowed never drops below 64% of the first start", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 13n }),
        fc.constantFrom(2, 3),
        fc.integer({ min: 0, max: 30 * DAY }),
        (firstStart, fixedPriceAfterFailures, relistAfter) => {
          const settings = { ...defaultRoundSettings, fixedPriceAfterFailures };
          let round = { status: "failed", startingPrice: firstStart, closedAt, round: 1, failedRounds: 1 };
          const starts = [firstStart];
          for (;;) {
            const lowest = lowestNextStart(round.startingPrice, settings);
            const next = checkNextRound(round, lowest, afterClose(relistAfter), settings);
            if (!next.ok) {
              expect(next.code).toBe("FIXED_PRICE_DUE");
              break;
            }
            // The next round fails too.
            round = { ...round, startingPrice: lowest, round: next.round, failedRounds: round.failedRounds + 1 };
            starts.push(lowest);
          }
          // One round at the first start, then one re-listing per further failure allowed.
          expect(starts).toHaveLength(fixedPriceAfterFailures);
          for (let i = 1; i < starts.length; i++) expect(starts[i]! * 100n >= starts[i - 1]! * 80n).toBe(true);
          for (const start of starts) expect(start * 100n >= firstStart * 64n).toBe(true);

          const offer = fixedPriceOffer(
            { startingPrice: round.startingPrice, closedAt, failedRounds: round.failedRounds },
            settings,
          );
          expect(offer).toMatchObject({ ok: true, price: starts.at(-1) });
        },
      ),
      runs,
    );
  });
});

describe("fixedPriceOffer", () => {
  it("offers the lot at the last round's start for 60 days after the second failed round closed", () => {
    expect(fixedPriceOffer({ startingPrice: yuan(800_000), closedAt, failedRounds: 2 })).toEqual({
      ok: true,
      price: yuan(800_000),
      offerEndsAt: afterClose(60 * DAY),
    });
  });

  it("is not yet due after a single failed round", () => {
    expect(fixedPriceOffer({ startingPrice: yuan(800_000), closedAt, failedRounds: 1 })).toMatchObject({
      ok: false,
      code: "NOT_YET",
    });
    expect(fixedPriceOffer({ startingPrice: yuan(800_000), closedAt, failedRounds: 0 })).toMatchObject({
      ok: false,
      code: "NOT_YET",
    });
  });
});

describe("designatedOutcome", () => {
  // Every case, written out: [designated investor approved, other approved bidders, registration already extended, outcome].
  const truthTable: [boolean, number, boolean, DesignatedOutcome][] = [
    [true, 0, false, "extend_registration"], // only the designated investor: extend once
    [true, 0, true, "award_at_floor"], // still only the designated investor: it buys at its floor
    [true, 1, false, "extend_registration"], // a single rival: extend once to draw more
    [true, 1, true, "run_auction"], // a rival after the extension: the designated investor bids against it
    [true, 2, false, "run_auction"],
    [true, 2, true, "run_auction"],
    [false, 0, false, "extend_registration"], // nobody yet: extend once
    [false, 0, true, "no_buyer"], // nobody after the extension
    [false, 1, false, "extend_registration"], // a single bidder: extend once
    [false, 1, true, "run_auction"], // a single bidder after the extension: it may win at the start
    [false, 2, false, "run_auction"],
    [false, 2, true, "run_auction"],
  ];

  it.each(truthTable)(
    "designated approved %s, %i other bidder(s), already extended %s → %s",
    (designatedApproved, otherBidders, alreadyExtended, outcome) => {
      expect(designatedOutcome({ designatedApproved, otherBidders, alreadyExtended })).toBe(outcome);
    },
  );

  it("runs an auction whenever two or more others registered", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: 2, max: 500 }),
        fc.boolean(),
        (designatedApproved, otherBidders, alreadyExtended) => {
          expect(designatedOutcome({ designatedApproved, otherBidders, alreadyExtended })).toBe("run_auction");
        },
      ),
    );
  });
});

describe("designatedTerms", () => {
  const floor = yuan(1_000_000);

  it("accepts the floor as the start with a deposit between 5% and 20% of the floor, both ends included", () => {
    expect(designatedTerms(floor, yuan(50_000), floor)).toEqual({ ok: true });
    expect(designatedTerms(floor, yuan(100_000), floor)).toEqual({ ok: true });
    expect(designatedTerms(floor, yuan(200_000), floor)).toEqual({ ok: true });
  });

  it("requires a committed floor", () => {
    expect(designatedTerms(0n, 0n, 0n)).toMatchObject({ ok: false, code: "FLOOR_REQUIRED" });
    expect(designatedTerms(-1n, 0n, -1n)).toMatchObject({ ok: false, code: "FLOOR_REQUIRED" });
  });

  it("requires the starting price to equal the floor", () => {
    expect(designatedTerms(floor, yuan(100_000), floor - 1n)).toMatchObject({ ok: false, code: "START_NOT_FLOOR" });
    expect(designatedTerms(floor, yuan(100_000), floor + 1n)).toMatchObject({ ok: false, code: "START_NOT_FLOOR" });
  });

  it("refuses a deposit below 5% or above 20% of the floor", () => {
    expect(designatedTerms(floor, yuan(50_000) - 1n, floor)).toMatchObject({ ok: false, code: "DEPOSIT_OUT_OF_RANGE" });
    expect(designatedTerms(floor, yuan(200_000) + 1n, floor)).toMatchObject({ ok: false, code: "DEPOSIT_OUT_OF_RANGE" });
  });

  it("property: with the floor as the start, the terms hold iff 5% of the floor ≤ deposit ≤ 20% of the floor", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 300n }), (floorAmount, permille) => {
        // Deposits spread across 0-30% of the floor, plus the exact boundaries' neighbours.
        for (const deposit of [(floorAmount * permille) / 1000n, (floorAmount * 5n) / 100n, (floorAmount * 20n) / 100n + 1n]) {
          const inRange = deposit * 100n >= floorAmount * 5n && deposit * 100n <= floorAmount * 20n;
          expect(designatedTerms(floorAmount, deposit, floorAmount).ok).toBe(inRange);
        }
      }),
      runs,
    );
  });
});

describe("negotiationStep", () => {
  const t0 = new Date("2026-07-01T09:00:00.000Z");
  const later = (ms: number) => new Date(t0.getTime() + ms);
  const offer = (from: "seller" | "investor", id: string, amount: bigint, expiresAt: Date) =>
    ({ type: "offer", from, id, amount, expiresAt }) as const;
  const accept = (by: "seller" | "investor") => ({ type: "accept", by }) as const;

  function agreedStep(thread: readonly Offer[], action: Parameters<typeof negotiationStep>[1], now: Date) {
    const result = negotiationStep(thread, action, now);
    if (!result.ok) throw new Error(`expected the step to be accepted, got ${result.code}`);
    return result;
  }

  /** The investor offered CNY 1,000,000 at t0, open for 48 hours. */
  const investorOffered = agreedStep([], offer("investor", "o1", yuan(1_000_000), later(hours(48))), t0).thread;

  it("records an investor's first offer as open, with nothing agreed yet", () => {
    const result = agreedStep([], offer("investor", "o1", yuan(1_000_000), later(hours(48))), t0);
    expect(result.agreed).toBeNull();
    expect(result.thread).toEqual([
      { id: "o1", from: "investor", amount: yuan(1_000_000), expiresAt: later(hours(48)), status: "open" },
    ]);
  });

  it("agrees at the counter-offer's amount when the investor accepts the seller's counter, and then refuses anything further", () => {
    const countered = agreedStep(investorOffered, offer("seller", "o2", yuan(1_200_000), later(hours(72))), later(hours(1)));
    expect(countered.agreed).toBeNull();
    expect(countered.thread.map((o) => [o.id, o.status])).toEqual([
      ["o1", "countered"],
      ["o2", "open"],
    ]);

    const agreed = agreedStep(countered.thread, accept("investor"), later(hours(2)));
    expect(agreed.agreed).toBe(yuan(1_200_000));
    expect(agreed.thread.map((o) => [o.id, o.status])).toEqual([
      ["o1", "countered"],
      ["o2", "accepted"],
    ]);

    for (const action of [
      offer("investor", "o3", yuan(1_100_000), later(hours(96))),
      offer("seller", "o3", yuan(1_300_000), later(hours(96))),
      accept("seller"),
      accept("investor"),
    ]) {
      expect(negotiationStep(agreed.thread, action, later(hours(3)))).toMatchObject({ ok: false, code: "ALREADY_AGREED" });
    }
  });

  it("binds an offer's maker: the same side cannot make another while its own is open and unexpired", () => {
    expect(
      negotiationStep(investorOffered, offer("investor", "o2", yuan(900_000), later(hours(48))), later(hours(1))),
    ).toMatchObject({
      ok: false,
      code: "NOT_YOUR_TURN",
    });
    expect(
      negotiationStep(investorOffered, offer("investor", "o2", yuan(900_000), later(hours(48))), later(hours(48) - 1)),
    ).toMatchObject({ ok: false, code: "NOT_YOUR_TURN" });
  });

  it("lets only the other side accept an offer", () => {
    expect(negotiationStep(investorOffered, accept("investor"), later(hours(1)))).toMatchObject({
      ok: false,
      code: "NOT_YOUR_TURN",
    });
    const agreed = agreedStep(investorOffered, accept("seller"), later(hours(1)));
    expect(agreed.agreed).toBe(yuan(1_000_000));
    expect(agreed.thread[0]?.status).toBe("accepted");
  });

  it("refuses to accept an offer at or after its expiry", () => {
    expect(negotiationStep(investorOffered, accept("seller"), later(hours(48)))).toMatchObject({
      ok: false,
      code: "OFFER_EXPIRED",
    });
    expect(negotiationStep(investorOffered, accept("seller"), later(hours(50)))).toMatchObject({
      ok: false,
      code: "OFFER_EXPIRED",
    });
  });

  it("lets either side make a new offer once the open one has expired, marking it expired", () => {
    for (const from of ["investor", "seller"] as const) {
      const result = agreedStep(investorOffered, offer(from, "o2", yuan(950_000), later(hours(96))), later(hours(49)));
      expect(result.agreed).toBeNull();
      expect(result.thread.map((o) => [o.id, o.from, o.status])).toEqual([
        ["o1", "investor", "expired"],
        ["o2", from, "open"],
      ]);
    }
  });

  it("refuses an offer without a positive amount", () => {
    for (const amount of [0n, -1n]) {
      expect(negotiationStep([], offer("seller", "o1", amount, later(hours(1))), t0)).toMatchObject({
        ok: false,
        code: "BAD_AMOUNT",
      });
    }
  });

  it("refuses an offer that expires at or before the moment it is made", () => {
    expect(negotiationStep([], offer("seller", "o1", yuan(1), t0), t0)).toMatchObject({ ok: false, code: "BAD_EXPIRY" });
    expect(negotiationStep([], offer("seller", "o1", yuan(1), later(-1)), t0)).toMatchObject({ ok: false, code: "BAD_EXPIRY" });
  });

  it("has nothing to accept on an empty thread", () => {
    expect(negotiationStep([], accept("seller"), t0)).toMatchObject({ ok: false, code: "NO_OPEN_OFFER" });
    expect(negotiationStep([], accept("investor"), t0)).toMatchObject({ ok: false, code: "NO_OPEN_OFFER" });
  });

  it("leaves the thread it was given unchanged", () => {
    const before = structuredClone(investorOffered);
    negotiationStep(investorOffered, accept("seller"), later(hours(1)));
    negotiationStep(investorOffered, offer("seller", "o2", yuan(1_100_000), later(hours(72))), later(hours(1)));
    expect(investorOffered).toEqual(before);
  });

  it("property: at most one offer is open, and an agreement is at the amount of the other side's unexpired offer", () => {
    const side = fc.constantFrom("seller" as const, "investor" as const);
    const actionArb = fc.record({
      advance: fc.integer({ min: 0, max: hours(30) }),
      action: fc.oneof(
        fc.record({
          type: fc.constant("offer" as const),
          from: side,
          amount: fc.bigInt({ min: -1n, max: 50n }),
          openFor: fc.integer({ min: -1, max: hours(40) }),
        }),
        fc.record({ type: fc.constant("accept" as const), by: side }),
      ),
    });
    fc.assert(
      fc.property(fc.array(actionArb, { maxLength: 20 }), (steps) => {
        let thread: Offer[] = [];
        let now = t0.getTime();
        let agreed = false;
        steps.forEach(({ advance, action }, i) => {
          now += advance;
          const at = new Date(now);
          const open = thread.filter((o) => o.status === "open");
          const standing = open.find((o) => o.expiresAt > at);
          const result = negotiationStep(
            thread,
            action.type === "offer"
              ? offer(action.from, `o${i}`, action.amount, new Date(now + action.openFor))
              : accept(action.by),
            at,
          );
          if (agreed) {
            expect(result).toMatchObject({ ok: false, code: "ALREADY_AGREED" });
            return;
          }
          if (!result.ok) {
            if (result.code === "NOT_YOUR_TURN") {
              const maker = action.type === "offer" ? action.from : action.by;
              expect(standing?.from).toBe(maker);
            }
            return;
          }
          thread = result.thread;
          expect(thread.filter((o) => o.status === "open").length).toBeLessThanOrEqual(1);
          if (action.type === "accept") {
            expect(standing).toBeDefined();
            expect(standing!.from).not.toBe(action.by);
            expect(result.agreed).toBe(standing!.amount);
            agreed = true;
          } else {
            expect(result.agreed).toBeNull();
            expect(action.amount > 0n).toBe(true);
            expect(standing?.from).not.toBe(action.from);
          }
        });
      }),
      runs,
    );
  });
});

describe("runnerUpOf", () => {
  const at = (minute: number) => new Date(closedAt.getTime() + minute * 60_000);
  const bid = (registrationId: string, amount: number, minute: number) => ({
    registrationId,
    amount: yuan(amount),
    at: at(minute),
  });

  it("offers the lot to the other bidder whose own best bid is highest, at that bid", () => {
    const bids = [
      bid("A", 1_000_000, 1),
      bid("B", 1_010_000, 2),
      bid("A", 1_020_000, 3),
      bid("C", 1_015_000, 4),
      bid("B", 1_030_000, 5),
    ];
    expect(runnerUpOf(bids, ["B"])).toEqual(bid("A", 1_020_000, 3));
  });

  it("passes over every excluded bidder, and has nobody when only they bid", () => {
    const bids = [bid("A", 1_000_000, 1), bid("B", 1_010_000, 2)];
    expect(runnerUpOf(bids, ["B", "A"])).toBeNull();
    expect(runnerUpOf([], [])).toBeNull();
  });

  it("prefers the earlier bid at the same amount", () => {
    expect(runnerUpOf([bid("C", 900_000, 5), bid("D", 900_000, 2)], ["W"])).toEqual(bid("D", 900_000, 2));
  });

  it("property: the runner-up is never excluded and no other bidder's bid beats its own", () => {
    const arb = fc.array(
      fc.record({
        who: fc.constantFrom("A", "B", "C", "D"),
        amount: fc.integer({ min: 1, max: 50 }),
        minute: fc.integer({ min: 0, max: 100 }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, fc.subarray(["A", "B", "C", "D"]), (raw, excluded) => {
        const bids = raw.map((b) => bid(b.who, b.amount, b.minute));
        const chosen = runnerUpOf(bids, excluded);
        const eligible = bids.filter((b) => !excluded.includes(b.registrationId));
        if (eligible.length === 0) {
          expect(chosen).toBeNull();
          return;
        }
        expect(chosen).not.toBeNull();
        expect(excluded).not.toContain(chosen!.registrationId);
        for (const b of eligible) {
          expect(b.amount < chosen!.amount || (b.amount === chosen!.amount && b.at >= chosen!.at)).toBe(true);
        }
      }),
      runs,
    );
  });
});
