import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  depositAfter,
  isTerminalDeposit,
  newDeposit,
  settle,
  settledAmounts,
  type DepositEvent,
  type DepositOutcome,
  type DepositState,
} from "../../core/deposits";

const run = (deposit: DepositState, events: DepositEvent[]) => events.reduce((d, e) => depositAfter(d, e).deposit, deposit);

const amount = fc.bigInt({ min: 1n, max: 10_000_000_000n });
const event: fc.Arbitrary<DepositEvent> = fc.oneof(
  fc.constantFrom<DepositEvent>(
    { kind: "instructed" },
    { kind: "failed" },
    { kind: "lapsed" },
    { kind: "released" },
    { kind: "applied" },
    { kind: "forfeited" },
  ),
  amount.map((a): DepositEvent => ({ kind: "received", amount: a })),
);

describe("a deposit's steps", () => {
  it("goes required, pending, held, and then to the price, back to the bidder or to the seller", () => {
    const asked = newDeposit(500_000n);
    const paying = run(asked, [{ kind: "instructed" }, { kind: "received", amount: 200_000n }]);
    expect(paying).toEqual({ status: "pending", expected: 500_000n, received: 200_000n });
    const held = run(paying, [{ kind: "received", amount: 300_000n }]);
    expect(held.status).toBe("held");
    expect(run(held, [{ kind: "applied" }]).status).toBe("applied");
    expect(run(held, [{ kind: "released" }]).status).toBe("released");
    expect(run(held, [{ kind: "forfeited" }]).status).toBe("forfeited");
  });

  it("holds an overpayment whole, so that all of it is released or applied", () => {
    const held = run(newDeposit(100n), [{ kind: "received", amount: 130n }]);
    expect(held).toMatchObject({ status: "held", received: 130n });
    expect(settledAmounts(run(held, [{ kind: "released" }]))).toEqual({ applied: 0n, released: 130n, forfeited: 0n });
  });

  it("ends failed or expired when nothing arrived, and gives back a part that did", () => {
    expect(run(newDeposit(100n), [{ kind: "instructed" }, { kind: "failed" }]).status).toBe("failed");
    expect(run(newDeposit(100n), [{ kind: "lapsed" }]).status).toBe("expired");
    const part = run(newDeposit(100n), [{ kind: "received", amount: 40n }]);
    expect(depositAfter(part, { kind: "failed" })).toMatchObject({ ok: false, code: "DEPOSIT_STEP_REFUSED" });
    expect(run(part, [{ kind: "lapsed" }])).toMatchObject({ status: "released", received: 40n });
  });

  it("refuses, changing nothing, a step that does not fit: money for a settled deposit, applying what is not held", () => {
    const released = run(newDeposit(100n), [{ kind: "received", amount: 100n }, { kind: "released" }]);
    for (const step of [
      { kind: "received", amount: 100n },
      { kind: "applied" },
      { kind: "forfeited" },
      { kind: "failed" },
    ] as DepositEvent[]) {
      const answer = depositAfter(released, step);
      expect(answer.ok, step.kind).toBe(false);
      expect(answer.deposit).toBe(released);
    }
    expect(depositAfter(newDeposit(100n), { kind: "applied" }).ok).toBe(false);
    const part = run(newDeposit(100n), [{ kind: "received", amount: 99n }]);
    expect(depositAfter(part, { kind: "applied" }).ok).toBe(false);
    expect(depositAfter(part, { kind: "forfeited" }).ok).toBe(false);
    expect(depositAfter(newDeposit(100n), { kind: "received", amount: 0n }).ok).toBe(false);
    expect(() => newDeposit(0n)).toThrow(RangeError);
  });

  it("takes a step reported twice once", () => {
    fc.assert(
      fc.property(amount, fc.array(event, { maxLength: 12 }), (expected, events) => {
        for (const step of events) {
          const once = run(newDeposit(expected), [...events.slice(0, events.indexOf(step)), step]);
          const twice = depositAfter(once, step);
          if (step.kind === "received") continue; // Two transfers of one amount are two transfers.
          expect(twice.deposit).toEqual(once);
        }
      }),
    );
  });

  it("never leaves a final state, and never loses money: what arrived is where it ended", () => {
    fc.assert(
      fc.property(amount, fc.array(event, { maxLength: 20 }), (expected, events) => {
        let deposit = newDeposit(expected);
        let arrived = 0n;
        for (const step of events) {
          const before = deposit;
          const answer = depositAfter(deposit, step);
          if (answer.ok && step.kind === "received") arrived += step.amount;
          deposit = answer.deposit;
          if (isTerminalDeposit(before.status)) expect(deposit).toEqual(before);
          expect(deposit.received).toBe(arrived);
        }
        if (isTerminalDeposit(deposit.status)) {
          const settled = settledAmounts(deposit);
          expect(settled.applied + settled.released + settled.forfeited).toBe(arrived);
        }
      }),
    );
  });
});

/** One registration's deposit as it really happened, before its reports are shuffled and repeated. */
interface History {
  expected: bigint;
  /** The payments that arrived, in parts. */
  parts: bigint[];
  instructed: boolean;
  failed: boolean;
}

const history: fc.Arbitrary<History> = fc
  .record({
    expected: fc.bigInt({ min: 1_000n, max: 100_000_000n }),
    shares: fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 3 }),
    full: fc.boolean(),
    instructed: fc.boolean(),
    failed: fc.boolean(),
  })
  .map(({ expected, shares, full, instructed, failed }) => {
    // Paid in full: the parts add up to the deposit (the last may overpay); otherwise to less.
    const total = shares.reduce((a, b) => a + b, 0) || 1;
    let parts = shares.map((s) => (expected * BigInt(s)) / BigInt(total)).filter((p) => p > 0n);
    const sum = parts.reduce((a, b) => a + b, 0n);
    if (full) parts = [...parts, expected - sum + (sum >= expected ? 1n : 0n)];
    else if (sum >= expected) parts = parts.slice(0, -1);
    return { expected, parts: parts.filter((p) => p > 0n), instructed, failed: failed && parts.length === 0 };
  });

describe("a listing's deposits, whatever order their reports come in", () => {
  it("each ends in exactly one final state, and what was held equals what was applied, released and forfeited", () => {
    fc.assert(
      fc.property(
        fc.array(history, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.infiniteStream(fc.integer({ min: 0, max: 1_000_000 })),
        fc.array(fc.nat(), { maxLength: 10 }),
        (histories, winnerPays, order, repeats) => {
          const held = histories.map((h) => h.parts.reduce((a, b) => a + b, 0n) >= h.expected);
          const winner = held.indexOf(true);
          const outcomes: DepositOutcome[] = histories.map((_, i) =>
            i === winner ? (winnerPays ? "won_and_paid" : "won_and_defaulted") : "did_not_win",
          );
          // Every report any source could make: the provider's or the statement's, the closing job's, an operator's.
          const reports: [number, DepositEvent][] = histories.flatMap((h, i) => [
            ...(h.instructed ? [[i, { kind: "instructed" }] as [number, DepositEvent]] : []),
            ...h.parts.map((amount): [number, DepositEvent] => [i, { kind: "received", amount }]),
            ...(h.failed ? [[i, { kind: "failed" }] as [number, DepositEvent]] : []),
            [
              i,
              outcomes[i] === "won_and_paid"
                ? { kind: "applied" }
                : outcomes[i] === "won_and_defaulted"
                  ? { kind: "forfeited" }
                  : { kind: "released" },
            ] as [number, DepositEvent],
          ]);
          // Replays and duplicates, then any order.
          const sent = [...reports, ...repeats.map((r) => reports[r % reports.length]!)]
            .map((report) => ({ report, key: order.next().value }))
            .sort((a, b) => a.key - b.key)
            .map(({ report }) => report);

          const deposits = histories.map((h) => newDeposit(h.expected));
          // A transfer is taken once, by its reference or its event's id, before it reaches the deposit.
          const taken = new Set<DepositEvent>();
          let arrived = 0n;
          for (const [i, step] of sent) {
            if (step.kind === "received") {
              if (taken.has(step)) continue;
              taken.add(step);
            }
            const answer = depositAfter(deposits[i]!, step);
            if (answer.ok && step.kind === "received") arrived += step.amount;
            deposits[i] = answer.deposit;
          }
          // The closing job settles whatever the reports left open, as often as it runs.
          for (let pass = 0; pass < 2; pass++) {
            histories.forEach((_, i) => (deposits[i] = settle(deposits[i]!, outcomes[i]!).deposit));
          }

          const totals = { applied: 0n, released: 0n, forfeited: 0n };
          deposits.forEach((deposit, i) => {
            expect(isTerminalDeposit(deposit.status), `deposit ${i} is ${deposit.status}`).toBe(true);
            const settled = settledAmounts(deposit);
            totals.applied += settled.applied;
            totals.released += settled.released;
            totals.forfeited += settled.forfeited;
            if (outcomes[i] === "did_not_win") expect(settled.applied + settled.forfeited).toBe(0n);
          });
          if (winner >= 0) expect(deposits[winner]!.status).toBe(winnerPays ? "applied" : "forfeited");
          expect(totals.applied + totals.released + totals.forfeited).toBe(arrived);
        },
      ),
      { numRuns: 300 },
    );
  });
});
