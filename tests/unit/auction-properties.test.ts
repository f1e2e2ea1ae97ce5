import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyCommand, rejectionCodes, type AuctionCommand, type AuctionEvent, type AuctionState, type Bidder, type Outcome } from "../../server/sale-modes/auction/rules";
import { BID_AMOUNT_MAX, maximumBid, nextMinimumBid, onIncrementGrid } from "../../core/price-grid";
import { placeBidSchema } from "../../core/contract/bids";
import { after, bidder, liveAuction, minutes } from "../support/auction-factories";
import { ReferenceAuction, type ReferenceResult } from "../support/auction-reference";

// Small grids (a few dozen increments) so the reference model's step-by-step walk stays cheap.
const runs = { numRuns: Number(process.env.AUCTION_RUNS ?? 300) };

/** What a bidder (or the closing job) does, with amounts relative to the auction as it stands. */
type Action =
  | { type: "raise"; who: number; increments: number } // next minimum bid plus (or minus) whole increments
  | { type: "match"; who: number } // exactly the current price: a first-refusal holder's right
  | { type: "offGrid"; who: number; increments: number; offset: bigint } // between two grid prices
  | { type: "anyAmount"; who: number; steps: number } // the start plus `steps` increments, whatever the price
  | { type: "proxy"; who: number; increments: number } // maximum relative to the next minimum (the leader: the price)
  | { type: "nearLeaderMaximum"; who: number; increments: number; asProxy: boolean } // around the leader's proxy maximum: ties
  | { type: "clearProxy"; who: number; leader: boolean } // the leader's proxy is usually the only one standing
  | { type: "close" };

interface Step {
  /** Milliseconds the clock moves before the action. */
  advance: number;
  action: Action;
}

interface Scenario {
  state: AuctionState;
  bidders: Bidder[];
  /** Where the clock stands before the first step. */
  clockStart: number;
  steps: Step[];
  /** Whether the closing job runs at the (possibly extended) end after the last step. */
  closeAtEnd: boolean;
}

const who = fc.nat({ max: 4 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ type: fc.constant("raise" as const), who, increments: fc.integer({ min: -1, max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("match" as const), who }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant("offGrid" as const),
      who,
      increments: fc.integer({ min: -1, max: 3 }),
      offset: fc.bigInt({ min: 1n, max: 10_000n }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("anyAmount" as const), who, steps: fc.integer({ min: -2, max: 40 }) }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant("proxy" as const), who, increments: fc.integer({ min: -2, max: 12 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("nearLeaderMaximum" as const),
      who,
      increments: fc.integer({ min: -1, max: 1 }),
      asProxy: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("clearProxy" as const), who, leader: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("close" as const) }) },
);
const step: fc.Arbitrary<Step> = fc.record({
  advance: fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 12, arbitrary: fc.integer({ min: 1, max: 90_000 }) },
    { weight: 3, arbitrary: fc.integer({ min: 90_000, max: minutes(6) }) },
    { weight: 1, arbitrary: fc.integer({ min: minutes(6), max: minutes(20) }) },
  ),
  action,
});

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    startingPrice: fc.constantFrom(1n, 1_000n, 50_000n, 123_456_789n),
    increment: fc.constantFrom(1n, 7n, 100n, 5_000n),
    maxBidMultiple: fc.constantFrom(2, 5, 100),
    reserveSteps: fc.option(fc.integer({ min: 0, max: 25 })),
    reserveOffset: fc.bigInt({ min: 0n, max: 3n }),
    ranks: fc.array(fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), { minLength: 2, maxLength: 5 }),
    windowMs: fc.constantFrom(minutes(5), minutes(3), minutes(10), 0),
    extensionMs: fc.constantFrom(minutes(5), minutes(3), minutes(2)),
    maxExtensions: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    designated: fc.boolean(),
    biddingMinutes: fc.integer({ min: 10, max: 60 }),
    // Before the start, at it, or already in the closing minutes where anti-sniping plays.
    clockStart: fc.constantFrom(-minutes(3), 0, minutes(1), "late" as const, "late" as const),
    steps: fc.array(step, { maxLength: 40 }),
    closeAtEnd: fc.boolean(),
  })
  .map((s) => {
    const bidders = s.ranks.map((rank, i) => bidder(`B${i + 1}`, rank));
    const state = liveAuction({
      startingPrice: s.startingPrice,
      increment: s.increment,
      maxBidMultiple: s.maxBidMultiple,
      reservePrice: s.reserveSteps === null ? null : s.startingPrice + BigInt(s.reserveSteps) * s.increment + s.reserveOffset,
      endsAt: after(minutes(s.biddingMinutes)),
      antiSniping: { windowMs: s.windowMs, extensionMs: s.extensionMs, maxExtensions: s.maxExtensions },
      designatedRegistrationId: s.designated ? bidders[0]!.registrationId : null,
    });
    const clockStart = s.clockStart === "late" ? minutes(s.biddingMinutes - 7) : s.clockStart;
    return { state, bidders, clockStart, steps: s.steps, closeAtEnd: s.closeAtEnd };
  });

/** Turns an action into a concrete command against the auction as it stands. */
function commandFor(state: AuctionState, bidders: Bidder[], action: Action): AuctionCommand {
  if (action.type === "close") return { type: "close" };
  const b = bidders[action.who % bidders.length]!;
  const next = state.currentPrice === null ? state.startingPrice : state.currentPrice + state.increment;
  const steps = (n: number) => BigInt(n) * state.increment;
  switch (action.type) {
    case "raise":
      return { type: "bid", bidder: b, amount: next + steps(action.increments) };
    case "match":
      return { type: "bid", bidder: b, amount: state.currentPrice ?? state.startingPrice };
    case "offGrid":
      return { type: "bid", bidder: b, amount: next + steps(action.increments) + (action.offset % state.increment) };
    case "anyAmount":
      return { type: "bid", bidder: b, amount: state.startingPrice + steps(action.steps) };
    case "proxy": {
      const leads = state.leader?.registrationId === b.registrationId;
      const base = leads ? state.currentPrice! : next;
      return { type: "setProxy", bidder: b, maximum: base + steps(action.increments) };
    }
    case "nearLeaderMaximum": {
      const leaderProxy = state.proxies.find((p) => p.bidder.registrationId === state.leader?.registrationId);
      const amount = (leaderProxy?.maximum ?? next) + steps(action.increments);
      return action.asProxy ? { type: "setProxy", bidder: b, maximum: amount } : { type: "bid", bidder: b, amount };
    }
    case "clearProxy":
      return { type: "clearProxy", bidder: action.leader && state.leader ? state.leader : b };
  }
}

interface Turn {
  before: AuctionState;
  command: AuctionCommand;
  now: Date;
  outcome: Outcome;
  /** The auction after the command: the new state if accepted, the old one if rejected. */
  after: AuctionState;
}

/** The scenario's commands in order, each with its time; the closing job, if any, waits for the end. */
function* commands({ state, bidders, clockStart, steps, closeAtEnd }: Scenario, current: () => AuctionState) {
  let clock = state.startsAt!.getTime() + clockStart;
  for (const { advance, action } of steps) {
    clock += advance;
    yield { command: commandFor(current(), bidders, action), now: new Date(clock) };
  }
  if (closeAtEnd) {
    clock = Math.max(clock, current().endsAt.getTime());
    yield { command: { type: "close" } as AuctionCommand, now: new Date(clock) };
  }
}

/** Plays a scenario through the engine, turn by turn. */
function play(s: Scenario): Turn[] {
  const turns: Turn[] = [];
  let current = s.state;
  for (const { command, now } of commands(s, () => current)) {
    const outcome = applyCommand(current, command, now);
    const next = outcome.ok ? outcome.state : current;
    turns.push({ before: current, command, now, outcome, after: next });
    current = next;
  }
  return turns;
}

const eventsOf = <T extends AuctionEvent["type"]>(outcome: Outcome, type: T) =>
  (outcome.ok ? outcome.events : []).filter((e): e is Extract<AuctionEvent, { type: T }> => e.type === type);

const rank = (b: Bidder) => b.rightOfFirstRefusalRank ?? Infinity;

/** The leader's standing commitment: its proxy maximum if it has one, else the price, since it committed. */
function leaderCommitment(state: AuctionState) {
  const proxy = state.proxies.find((p) => p.bidder.registrationId === state.leader!.registrationId);
  return proxy
    ? { maximum: proxy.maximum, at: proxy.setAt.getTime() }
    : { maximum: state.currentPrice!, at: state.leadAt!.getTime() };
}

/** Is the incumbent (existing) commitment at least as good as the other, per the ordering? Ties in time go to the incumbent. */
function holdsAgainst(
  incumbent: { maximum: bigint; at: number; bidder: Bidder },
  other: { maximum: bigint; at: number; bidder: Bidder },
) {
  if (incumbent.maximum !== other.maximum) return incumbent.maximum > other.maximum;
  if (rank(incumbent.bidder) !== rank(other.bidder)) return rank(incumbent.bidder) < rank(other.bidder);
  return incumbent.at <= other.at;
}

function resultOf(outcome: Outcome): ReferenceResult | null {
  const closed = eventsOf(outcome, "closed")[0];
  if (!closed) return null;
  const r = closed.result;
  if (r.outcome === "sold") return { outcome: "sold", registrationId: r.winner.registrationId, price: r.price };
  if (r.outcome === "designated_floor")
    return { outcome: "designated_floor", registrationId: r.winnerRegistrationId, price: r.price };
  return r;
}

/** The rules a turn exercised, to check that the generator reaches all of them. */
function situations({ before, command, now, outcome, after }: Turn): string[] {
  if (!outcome.ok) return [outcome.code];
  const found: string[] = [];
  const bids = eventsOf(outcome, "bid_accepted");
  const kinds = bids.map((b) => b.kind).join(",");
  if (kinds === "manual,proxy" || kinds === "manual,proxy,proxy") found.push("proxy answers a manual bid");
  if (bids.some((b, i) => b.kind === "proxy" && i < bids.length - 1)) found.push("outbid proxy records its maximum");
  if (command.type === "setProxy" && bids.length === 0) found.push("leader changes its maximum silently");
  if (command.type === "clearProxy") found.push("proxy cleared");
  if (command.type === "bid" && command.amount === before.currentPrice) {
    found.push(after.leader?.registrationId === command.bidder.registrationId ? "holder match leads" : "holder match answered");
  }
  if (bids.length >= 2 && bids.at(-1)!.amount === bids.at(-2)!.amount) found.push("tie at an equal maximum");
  const inWindow = before.endsAt.getTime() - now.getTime() <= before.antiSniping.windowMs;
  if (eventsOf(outcome, "end_extended").length > 0) found.push("end extended");
  else if (bids.length > 0 && inWindow && before.extensionCount === before.antiSniping.maxExtensions)
    found.push("extension capped");
  if (eventsOf(outcome, "reserve_met").length > 0) found.push("reserve met");
  const closed = eventsOf(outcome, "closed")[0];
  if (closed) found.push(`closed ${closed.result.outcome === "failed" ? closed.result.reason : closed.result.outcome}`);
  return found;
}

describe("auction engine properties", () => {
  it("draws scenarios that reach every rule, so the properties below are not vacuous", () => {
    const counts = new Map<string, number>();
    for (const s of fc.sample(scenario, { numRuns: 300, seed: 20261120 })) {
      for (const turn of play(s)) for (const found of situations(turn)) counts.set(found, (counts.get(found) ?? 0) + 1);
    }
    const expected = [
      ...rejectionCodes,
      "proxy answers a manual bid",
      "outbid proxy records its maximum",
      "leader changes its maximum silently",
      "proxy cleared",
      "holder match leads",
      "holder match answered",
      "tie at an equal maximum",
      "end extended",
      "extension capped",
      "reserve met",
      "closed sold",
      "closed designated_floor",
      "closed no_bids",
      "closed reserve_not_met",
    ];
    for (const situation of expected)
      expect({ situation, seen: (counts.get(situation) ?? 0) >= 3 }).toEqual({ situation, seen: true });
  });

  it("agrees with the reference model on every outcome, leader, price and bid, among 2-5 bidders", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const model = new ReferenceAuction({
          startingPrice: s.state.startingPrice,
          increment: s.state.increment,
          maxBidMultiple: s.state.maxBidMultiple,
          reservePrice: s.state.reservePrice,
          startsAt: s.state.startsAt!.getTime(),
          endsAt: s.state.endsAt.getTime(),
          windowMs: s.state.antiSniping.windowMs,
          extensionMs: s.state.antiSniping.extensionMs,
          maxExtensions: s.state.antiSniping.maxExtensions,
          designatedRegistrationId: s.state.designatedRegistrationId,
        });
        for (const turn of play(s)) {
          const expected = model.apply(turn.command, turn.now.getTime());
          const { outcome } = turn;
          if (!expected.ok) {
            expect(outcome.ok ? "accepted" : outcome.code).toBe(expected.code);
            continue;
          }
          expect(outcome.ok ? "accepted" : outcome.code).toBe("accepted");
          const bids = eventsOf(outcome, "bid_accepted").map((e) => ({
            registrationId: e.bidder.registrationId,
            amount: e.amount,
            kind: e.kind,
          }));
          expect(bids).toEqual(expected.bids);
          expect(turn.after.leader?.registrationId ?? null).toBe(model.leader?.registrationId ?? null);
          expect(turn.after.currentPrice).toBe(model.price);
          expect(turn.after.bidCount).toBe(model.bids.length);
          expect(turn.after.endsAt.getTime()).toBe(model.endsAt);
          expect(turn.after.extensionCount).toBe(model.extensions);
          expect(turn.after.status).toBe(model.status);
          const proxies = (list: { bidder: Bidder; maximum: bigint }[]) =>
            list.map((p) => `${p.bidder.registrationId}:${p.maximum}`).sort();
          expect(proxies(turn.after.proxies)).toEqual(proxies(model.proxies));
          expect(eventsOf(outcome, "lead_changed").length).toBe(expected.leaderChanged ? 1 : 0);
          expect(eventsOf(outcome, "reserve_met").length).toBe(expected.reserveMet ? 1 : 0);
          expect(eventsOf(outcome, "end_extended").length).toBe(expected.endExtended ? 1 : 0);
          expect(resultOf(outcome)).toEqual(expected.result);
        }
      }),
      runs,
    );
  });

  it("never lowers the price", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const { before, after } of play(s)) {
          if (before.currentPrice !== null) expect(after.currentPrice! >= before.currentPrice).toBe(true);
        }
      }),
      runs,
    );
  });

  it("keeps the leader on the best standing commitment, by maximum, then rank, then time", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const { before, command, now, outcome, after } of play(s)) {
          if (!outcome.ok || after.leader === null || command.type === "close") continue;
          const leader = { ...leaderCommitment(after), bidder: after.leader };
          for (const proxy of after.proxies) {
            if (proxy.bidder.registrationId === after.leader.registrationId) continue;
            expect(holdsAgainst(leader, { maximum: proxy.maximum, at: proxy.setAt.getTime(), bidder: proxy.bidder })).toBe(true);
          }
          if (command.type === "bid" && command.bidder.registrationId !== after.leader.registrationId) {
            expect(holdsAgainst(leader, { maximum: command.amount, at: now.getTime(), bidder: command.bidder })).toBe(true);
          }
          const overtaken = before.leader;
          if (overtaken !== null && overtaken.registrationId !== after.leader.registrationId) {
            // The new leader beats the old one's whole commitment, which it made earlier.
            const old = { ...leaderCommitment(before), bidder: overtaken };
            expect(holdsAgainst(old, { ...leader, at: leader.at + 1 })).toBe(false);
          }
        }
      }),
      runs,
    );
  });

  it("moves the end only later, and only for an accepted bid inside the anti-sniping window", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const { before, now, outcome, after } of play(s)) {
          expect(after.endsAt.getTime() >= before.endsAt.getTime()).toBe(true);
          if (after.endsAt.getTime() === before.endsAt.getTime()) {
            expect(eventsOf(outcome, "end_extended")).toEqual([]);
            continue;
          }
          expect(eventsOf(outcome, "bid_accepted").length).toBeGreaterThan(0);
          expect(before.endsAt.getTime() - now.getTime()).toBeLessThanOrEqual(before.antiSniping.windowMs);
          expect(after.endsAt.getTime()).toBe(now.getTime() + before.antiSniping.extensionMs);
          expect(after.extensionCount).toBe(before.extensionCount + 1);
          const { maxExtensions } = before.antiSniping;
          if (maxExtensions !== null) expect(after.extensionCount).toBeLessThanOrEqual(maxExtensions);
          expect(eventsOf(outcome, "end_extended")).toEqual([
            { type: "end_extended", endsAt: after.endsAt, extensionCount: after.extensionCount },
          ]);
        }
      }),
      runs,
    );
  });

  it("leaves the state untouched: never mutated, and unchanged by a rejection", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        let current = s.state;
        for (const { command, now } of commands(s, () => current)) {
          const snapshot = structuredClone(current);
          const outcome = applyCommand(current, command, now);
          expect(current).toEqual(snapshot);
          if (outcome.ok) current = outcome.state;
          else expect(Object.keys(outcome)).toEqual(["ok", "code", "message", "details"]);
        }
      }),
      runs,
    );
  });

  it("numbers accepted bids contiguously from the last sequence number, and counts each one", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        let seen = 0;
        for (const { before, outcome, after } of play(s)) {
          const seqs = eventsOf(outcome, "bid_accepted").map((e) => e.seq);
          expect(seqs).toEqual(seqs.map((_, i) => before.lastSeq + 1 + i));
          expect(after.lastSeq).toBe(before.lastSeq + seqs.length);
          seen += seqs.length;
          expect(after.bidCount).toBe(seen);
        }
      }),
      runs,
    );
  });

  it("accepts only bids on the grid and at least the next minimum bid, except a holder's match of the price", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const { before, command, outcome } of play(s)) {
          for (const e of eventsOf(outcome, "bid_accepted")) {
            expect(onIncrementGrid(before, e.amount)).toBe(true);
            const minimum = before.currentPrice === null ? before.startingPrice : before.currentPrice + before.increment;
            if (e.amount >= minimum) continue;
            // The only way under the minimum: a first-refusal holder matching the price, ranked above the leader.
            expect(command.type === "bid" && e.kind === "manual" && e.amount === before.currentPrice).toBe(true);
            expect(rank(e.bidder)).toBeLessThan(rank(before.leader!));
          }
        }
      }),
      runs,
    );
  });

  it("gives the same result when the same commands are replayed from the same state", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(play(s)).toEqual(play(s));
      }),
      runs,
    );
  });

  it("announces the reserve met at most once, when the price first reaches it", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        let announced = 0;
        for (const { before, outcome, after } of play(s)) {
          const met = eventsOf(outcome, "reserve_met").length;
          announced += met;
          const reserve = before.reservePrice;
          const crossed = reserve !== null && (before.currentPrice ?? -1n) < reserve && (after.currentPrice ?? -1n) >= reserve;
          expect(met).toBe(crossed ? 1 : 0);
        }
        expect(announced).toBeLessThanOrEqual(1);
      }),
      runs,
    );
  });

  it("closes once, and refuses everything afterwards as not live", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        let closedAt: number | null = null;
        play(s).forEach(({ outcome, after }, i) => {
          if (closedAt !== null) {
            expect(outcome.ok ? "accepted" : outcome.code).toBe("LISTING_NOT_LIVE");
            return;
          }
          if (eventsOf(outcome, "closed").length > 0) {
            closedAt = i;
            expect(["awarded", "failed"]).toContain(after.status);
          }
        });
      }),
      runs,
    );
  });

  it("closes sold to the leader at the price whenever there were bids and the reserve is met", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const { before, outcome } of play(s)) {
          const closed = eventsOf(outcome, "closed")[0];
          if (!closed) continue;
          if (before.bidCount === 0) {
            expect(closed.result.outcome).toBe(before.designatedRegistrationId ? "designated_floor" : "failed");
          } else if (before.reservePrice !== null && before.currentPrice! < before.reservePrice) {
            expect(closed.result).toEqual({ outcome: "failed", reason: "reserve_not_met" });
          } else {
            expect(closed.result).toEqual({ outcome: "sold", winner: before.leader, price: before.currentPrice });
          }
        }
      }),
      runs,
    );
  });

  /** Auctions of any size up to the largest amount, and bids aimed at the cap, the ceiling and beyond. */
  const hugeAuction = fc
    .record({
      startingPrice: fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.bigInt({ min: 1n, max: BID_AMOUNT_MAX })),
      incrementShare: fc.bigInt({ min: 1n, max: 1000n }),
      maxBidMultiple: fc.integer({ min: 2, max: 100 }),
      moves: fc.array(
        fc.record({
          proxy: fc.boolean(),
          aim: fc.oneof(
            fc.constant("cap" as const),
            fc.constant("largest" as const),
            fc.integer({ min: 0, max: 5 }),
            fc.bigInt({ min: 1n, max: BID_AMOUNT_MAX }),
          ),
        }),
        { minLength: 1, maxLength: 25 },
      ),
    })
    .map(({ startingPrice, incrementShare, maxBidMultiple, moves }) => {
      // An increment from a thousandth of the start up to the start itself (the terms allow a tenth).
      const increment = (startingPrice * incrementShare) / 1000n || 1n;
      return { state: liveAuction({ startingPrice, increment, maxBidMultiple }), moves };
    });

  it("leaves, after any accepted bid or maximum, a next minimum that the bid schema accepts, however large the lot", () => {
    const bidders = [bidder("H1"), bidder("H2"), bidder("H3")];
    fc.assert(
      fc.property(hugeAuction, ({ state, moves }) => {
        let current = state;
        moves.forEach(({ proxy, aim }, i) => {
          const who = bidders[i % bidders.length]!;
          const onGrid = (x: bigint) =>
            x <= current.startingPrice ? current.startingPrice : x - ((x - current.startingPrice) % current.increment);
          const amount =
            aim === "cap"
              ? maximumBid(current)
              : aim === "largest"
                ? onGrid(BID_AMOUNT_MAX)
                : typeof aim === "number"
                  ? nextMinimumBid(current) + BigInt(aim) * current.increment
                  : onGrid(aim);
          const command: AuctionCommand = proxy
            ? { type: "setProxy", bidder: who, maximum: amount }
            : { type: "bid", bidder: who, amount };
          const outcome = applyCommand(current, command, after(minutes(60 + i)));
          if (!outcome.ok) return;
          // No one command carries the price past the cap it was placed under...
          if (outcome.state.currentPrice !== null) expect(outcome.state.currentPrice <= maximumBid(current)).toBe(true);
          current = outcome.state;
          // ...and whoever comes next can still name the amount it takes to outbid.
          const next = nextMinimumBid(current).toString();
          expect(placeBidSchema.safeParse({ amount: next, idempotencyKey: "retry-key-0001" }).success).toBe(true);
        });
      }),
      runs,
    );
  });
});
