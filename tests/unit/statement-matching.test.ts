import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { displayReference, paymentReference } from "../../core/payment-reference";
import { matchStatement, type OwedPayment, type StatementLine } from "../../core/statement-matching";

const harbour = paymentReference("deposit", [1, 2, 3, 4, 5, 6, 7, 8]);
const jade = paymentReference("deposit", [8, 7, 6, 5, 4, 3, 2, 1]);
const settledOne = paymentReference("deposit", [3, 3, 3, 3, 3, 3, 3, 3]);
const owedBook: Record<string, OwedPayment> = {
  [harbour]: { reference: harbour, purpose: "deposit", currency: "CNY", expected: 500_000_00n, received: 0n, open: true },
  [jade]: { reference: jade, purpose: "deposit", currency: "CNY", expected: 500_000_00n, received: 200_000_00n, open: true },
  [settledOne]: { reference: settledOne, purpose: "deposit", currency: "CNY", expected: 100n, received: 100n, open: false },
};
const owed = (reference: string) => owedBook[reference];

let n = 0;
const line = (referenceText: string, amount: bigint, currency = "CNY"): StatementLine => ({
  lineNo: ++n,
  amount,
  currency,
  referenceText,
  externalId: `line-${n}`,
});

describe("matching a bank statement", () => {
  it("credits a line that names a reference and brings what is outstanding, and lists the rest with why", () => {
    const seen = new Set(["line-old"]);
    const lines = [
      line(`DEPOSIT ${displayReference(harbour)} HARBOUR CAPITAL`, 500_000_00n),
      line(`保证金 ${jade.toLowerCase()}`, 200_000_00n),
      line("deposit lot 12", 100_00n),
      line(harbour.slice(0, 12) + (harbour[12] === "0" ? "1" : "0"), 500_000_00n),
      line(jade, 300_000_00n, "USD"),
      line(settledOne, 100n),
      line("transfer to bidder", -100n),
      { ...line(harbour, 1n), externalId: "line-old" },
      line(paymentReference("deposit", [0, 0, 0, 0, 0, 0, 0, 1]), 5n),
    ];
    const outcomes = matchStatement(lines, owed, (id) => seen.has(id));
    expect(outcomes.map((o) => o.outcome)).toEqual([
      "matched",
      "amount_mismatch",
      "unknown_reference",
      "unknown_reference",
      "currency_mismatch",
      "settled",
      "outgoing",
      "duplicate",
      "unknown_reference",
    ]);
    expect(outcomes[0]!.reference).toBe(harbour);
    expect(outcomes[1]!.params).toEqual({ outstanding: "30000000" });
    expect(outcomes[3]!.params.nearMiss).toMatch(/^NPXD/);
    expect(outcomes[4]!.params).toEqual({ paid: "USD", owed: "CNY" });
  });

  it("never credits more than is outstanding, however the lines come", () => {
    const amount = fc.constantFrom(100_000_00n, 200_000_00n, 300_000_00n, 500_000_00n, 1n);
    const lineArb = fc.record({ ref: fc.constantFrom(harbour, jade, settledOne, "none"), amount });
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 12 }), (raw) => {
        const lines = raw.map((r, i) => ({ lineNo: i + 1, amount: r.amount, currency: "CNY", referenceText: r.ref, externalId: `x${i}` }));
        const outcomes = matchStatement(lines, owed, () => false);
        for (const reference of [harbour, jade, settledOne]) {
          const credited = outcomes
            .filter((o) => o.outcome === "matched" && o.reference === reference)
            .reduce((sum, o) => sum + lines[o.lineNo - 1]!.amount, 0n);
          const payment = owedBook[reference]!;
          // Exactly what was outstanding, or nothing.
          expect([0n, payment.open ? payment.expected - payment.received : 0n]).toContain(credited);
        }
      }),
    );
  });
});
