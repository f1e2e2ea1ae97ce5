import type { depositStatuses } from "./enums";

/**
 * A bidder's deposit (保证金) from the moment it is asked for to the moment its money has gone
 * where it belongs (docs/domain.md "Registration, deposits and who may not bid"): asked for (`required`), paid for but not all of it
 * seen yet (`pending`), held in escrow or on a card (`held`), and then counted towards the
 * winner's price (`applied`), paid back (`released`) or kept after a default (`forfeited`). A
 * payment that fails or lapses before any money arrived ends `failed` or `expired`.
 *
 * Whatever reports a step (an operator, a bank statement, a payment provider's webhook, the
 * closing job) may report it late, twice or out of order: a step that does not fit the deposit's
 * state changes nothing and says why, so that replaying a history can never move money twice.
 * Money is conserved: whatever was received ends applied, released or forfeited, never lost.
 */

export type DepositStatus = (typeof depositStatuses)[number];

export interface DepositState {
  status: DepositStatus;
  /** What the bidder must lodge, in minor units. */
  expected: bigint;
  /** What has arrived so far (a transfer may come in parts, or over the amount). */
  received: bigint;
}

export type DepositEvent =
  /** Payment instructions were issued, or a provider's payment was created. */
  | { kind: "instructed" }
  /** Money arrived: an operator's record, a matched bank-statement line, a provider's success. */
  | { kind: "received"; amount: bigint }
  /** The payment attempt failed before any money arrived (a card declined). */
  | { kind: "failed" }
  /** The deposit is no longer wanted (the registration was rejected or withdrawn, its deadline passed, the listing failed). */
  | { kind: "lapsed" }
  /** The bidder lost, or was released by an operator: the money goes back. */
  | { kind: "released" }
  /** The winner paid the balance: the deposit counts towards the price. */
  | { kind: "applied" }
  /** The winner defaulted: the deposit is kept. */
  | { kind: "forfeited" };

export type DepositStep =
  | { ok: true; deposit: DepositState; changed: boolean }
  | { ok: false; code: "DEPOSIT_STEP_REFUSED"; reason: string; deposit: DepositState };

export const terminalDepositStatuses: readonly DepositStatus[] = ["applied", "released", "forfeited", "failed", "expired"];

export const isTerminalDeposit = (status: DepositStatus) => terminalDepositStatuses.includes(status);
/** A deposit still waiting for its money: nothing, or part of it, has arrived. */
export const isWaitingDeposit = (status: DepositStatus) => status === "required" || status === "pending";

/** Where the money of a deposit in a final state went: all of what was received, in one place. */
export function settledAmounts(deposit: DepositState): Record<"applied" | "released" | "forfeited", bigint> {
  const zero = { applied: 0n, released: 0n, forfeited: 0n };
  if (deposit.status === "applied" || deposit.status === "released" || deposit.status === "forfeited") {
    return { ...zero, [deposit.status]: deposit.received };
  }
  return zero;
}

export function newDeposit(expected: bigint): DepositState {
  if (expected <= 0n) throw new RangeError("a deposit asks for a positive amount");
  return { status: "required", expected, received: 0n };
}

const refused = (deposit: DepositState, reason: string): DepositStep => ({
  ok: false,
  code: "DEPOSIT_STEP_REFUSED",
  reason,
  deposit,
});
const unchanged = (deposit: DepositState): DepositStep => ({ ok: true, deposit, changed: false });
const moved = (deposit: DepositState, status: DepositStatus, received = deposit.received): DepositStep => ({
  ok: true,
  deposit: { ...deposit, status, received },
  changed: true,
});

/** The deposit after one reported step, or the reason the step does not fit (and the deposit unchanged). */
export function depositAfter(deposit: DepositState, event: DepositEvent): DepositStep {
  const { status } = deposit;
  const waiting = isWaitingDeposit(status);
  switch (event.kind) {
    case "instructed":
      if (status === "required") return moved(deposit, "pending");
      return waiting ? unchanged(deposit) : refused(deposit, `the deposit is already ${status}`);
    case "received": {
      if (event.amount <= 0n) return refused(deposit, "an amount received is positive");
      if (!waiting) return refused(deposit, `money arrived for a deposit that is ${status}: record it as a separate refund`);
      const received = deposit.received + event.amount;
      return moved(deposit, received >= deposit.expected ? "held" : "pending", received);
    }
    case "failed":
      if (!waiting) return refused(deposit, `the deposit is already ${status}`);
      if (deposit.received > 0n) return refused(deposit, "part of the deposit has arrived: release it instead");
      return moved(deposit, "failed");
    case "lapsed":
      if (!waiting) return status === "held" ? refused(deposit, "a held deposit is released, not lapsed") : unchanged(deposit);
      // Whatever part already arrived goes back.
      return moved(deposit, deposit.received > 0n ? "released" : "expired");
    case "released":
      if (status === "held" || (status === "pending" && deposit.received > 0n)) return moved(deposit, "released");
      return status === "released" ? unchanged(deposit) : refused(deposit, `a deposit that is ${status} has nothing to release`);
    case "applied":
      if (status === "held") return moved(deposit, "applied");
      return status === "applied"
        ? unchanged(deposit)
        : refused(deposit, `a deposit that is ${status} cannot count towards the price`);
    case "forfeited":
      if (status === "held") return moved(deposit, "forfeited");
      return status === "forfeited" ? unchanged(deposit) : refused(deposit, `a deposit that is ${status} cannot be forfeited`);
  }
}

/** How a deposit's registration ended, once the listing is decided or the registration is. */
export type DepositOutcome = "won_and_paid" | "won_and_defaulted" | "did_not_win";

/**
 * The step that settles a deposit for its registration's outcome: the winner's counts towards the
 * price or is forfeited; anyone else's goes back, or lapses if nothing arrived. Settling a settled
 * deposit changes nothing, so the closing job may run on every node and after every restart.
 */
export function settle(deposit: DepositState, outcome: DepositOutcome): DepositStep {
  return depositAfter(deposit, settlingEvent(deposit, outcome));
}

/** The event that settles a deposit for an outcome, as a service records it. */
export function settlingEvent(deposit: DepositState, outcome: DepositOutcome): DepositEvent {
  if (outcome === "won_and_paid") return { kind: "applied" };
  if (outcome === "won_and_defaulted") return { kind: "forfeited" };
  return deposit.received > 0n ? { kind: "released" } : { kind: "lapsed" };
}
