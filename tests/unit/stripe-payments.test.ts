import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mismatchesOf, refundMismatch, newlyArrived, type DepositSeen, type PaymentSeen } from "../../core/stripe-payments";

const deposit = (overrides: Partial<DepositSeen> = {}): DepositSeen => ({
  status: "held",
  expected: 500_000n,
  received: 500_000n,
  method: "card",
  captureDue: false,
  captured: false,
  ...overrides,
});
const payment = (overrides: Partial<PaymentSeen> = {}): PaymentSeen => ({
  status: "requires_capture",
  amount: 500_000n,
  arrived: 500_000n,
  method: "card",
  ...overrides,
});
const kinds = (d: DepositSeen, p: PaymentSeen | null) => mismatchesOf(d, p).map((m) => m.kind);

describe("what Stripe's payment says about a deposit", () => {
  it("counts only what arrived beyond what was recorded", () => {
    expect(newlyArrived(payment({ arrived: 300n }), 100n)).toBe(200n);
    expect(newlyArrived(payment({ arrived: 300n }), 300n)).toBe(0n);
    // A payment read before a later one was recorded never takes money back.
    expect(newlyArrived(payment({ arrived: 100n }), 300n)).toBe(0n);
  });

  it("finds nothing where both records agree: a hold held, a transfer paid, a loser's hold let go, the winner's taken", () => {
    expect(kinds(deposit(), payment())).toEqual([]);
    const transfer = { method: "bank_transfer" as const };
    expect(kinds(deposit(transfer), payment({ ...transfer, status: "succeeded" }))).toEqual([]);
    expect(kinds(deposit({ status: "released" }), payment({ status: "canceled", arrived: 0n }))).toEqual([]);
    expect(kinds(deposit({ captureDue: true, captured: true }), payment({ status: "succeeded" }))).toEqual([]);
    expect(
      kinds(deposit({ status: "pending", received: 0n }), payment({ status: "requires_payment_method", arrived: 0n })),
    ).toEqual([]);
  });

  it("names each disagreement", () => {
    expect(kinds(deposit(), null)).toEqual(["missing_at_stripe"]);
    expect(kinds(deposit(), payment({ amount: 600_000n }))).toEqual(["amount_differs"]);
    expect(kinds(deposit({ status: "pending", received: 0n }), payment())).toEqual(["arrived_not_recorded"]);
    // Stripe dropped the hold after its 7 days while we still count it.
    expect(kinds(deposit(), payment({ status: "canceled", arrived: 0n }))).toEqual(["recorded_not_arrived"]);
    expect(kinds(deposit({ status: "released" }), payment())).toEqual(["hold_not_let_go"]);
    expect(kinds(deposit({ captureDue: true }), payment())).toEqual(["not_captured"]);
  });

  it("finds no disagreement in a deposit that holds exactly what its payment holds (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 99_999_999n }),
        fc.constantFrom("pending", "held", "applied", "forfeited") as fc.Arbitrary<DepositSeen["status"]>,
        (amount, status) => {
          const settledCard = status === "applied" || status === "forfeited";
          const d = deposit({ status, expected: amount, received: amount, captureDue: settledCard, captured: settledCard });
          const p = payment({ amount, arrived: amount, status: settledCard ? "succeeded" : "requires_capture" });
          expect(mismatchesOf(d, p)).toEqual([]);
        },
      ),
    );
  });

  it("names the refunds Stripe did not carry out, all in one disagreement; none while every refund stands", () => {
    const sent = (reference: string, amount = 8_000_000n) => ({ reference, amount });
    expect(refundMismatch([])).toBeNull();
    expect(
      refundMismatch([
        { sent: sent("re_1"), theirs: { status: "succeeded", amount: 8_000_000n } },
        { sent: sent("re_2", 100n), theirs: { status: "pending", amount: 100n } },
      ]),
    ).toBeNull();
    expect(
      refundMismatch([
        { sent: sent("re_1"), theirs: { status: "failed", amount: 8_000_000n } },
        { sent: sent("re_2", 100n), theirs: { status: "succeeded", amount: 100n } },
        { sent: sent("re_3", 5n), theirs: { status: "canceled", amount: 5n } },
        { sent: sent("re_4", 7n), theirs: null },
      ]),
    ).toEqual({
      kind: "refund_failed",
      ours: "sent re_1 8000000; sent re_3 5; sent re_4 7",
      theirs: "failed 8000000; canceled 5; no such refund",
    });
  });
});
