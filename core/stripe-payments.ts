import { isWaitingDeposit, type DepositStatus } from "./deposits";

/**
 * How nplex reads a deposit's payment at Stripe (docs/domain.md "Payments", Stripe): whatever event
 * arrives, in whatever order and however often, the payment is read afresh and only its present
 * state counts. These rules say what that state means for the deposit, and where Stripe's record and
 * ours disagree so that an operator sees it.
 */

/** A PaymentIntent as read: its state, what it asks and what has reached Stripe for it. */
export interface PaymentSeen {
  status: string;
  amount: bigint;
  arrived: bigint;
  method: "card" | "bank_transfer";
}

/** A deposit as we hold it, with what we counted from its payment. */
export interface DepositSeen {
  status: DepositStatus;
  expected: bigint;
  received: bigint;
  method: "card" | "bank_transfer";
  /** The winner's hold is due to be taken (the sale opened, or the deposit was applied or forfeited). */
  captureDue: boolean;
  captured: boolean;
}

/** Money that reached Stripe beyond what we have recorded from the payment: nothing when there is none. */
export function newlyArrived(payment: PaymentSeen, recorded: bigint): bigint {
  return payment.arrived > recorded ? payment.arrived - recorded : 0n;
}

export type MismatchKind =
  /** A transfer deposit that Stripe has not been asked to set up long after it opened. */
  | "not_set_up"
  | "missing_at_stripe"
  | "amount_differs"
  | "arrived_not_recorded"
  | "recorded_not_arrived"
  | "hold_not_let_go"
  | "not_captured"
  /** A refund sent through Stripe that Stripe reports failed or cancelled, or does not know. */
  | "refund_failed";

export interface Mismatch {
  kind: MismatchKind;
  ours: string;
  theirs: string;
}

const keeps = (status: DepositStatus) =>
  status === "pending" || status === "held" || status === "applied" || status === "forfeited";

/** Every way Stripe's record of a deposit's payment and ours disagree; none when they agree. */
export function mismatchesOf(deposit: DepositSeen, payment: PaymentSeen | null): Mismatch[] {
  const ours = `${deposit.status} ${deposit.received}/${deposit.expected}${deposit.captured ? " captured" : ""}`;
  if (!payment) return [{ kind: "missing_at_stripe", ours, theirs: "no such payment" }];
  const theirs = `${payment.status} ${payment.arrived}/${payment.amount}`;
  const found: Mismatch[] = [];
  const add = (kind: MismatchKind) => found.push({ kind, ours, theirs });
  if (payment.amount > deposit.expected) add("amount_differs");
  if (isWaitingDeposit(deposit.status) && payment.arrived > deposit.received) add("arrived_not_recorded");
  if (keeps(deposit.status) && deposit.received > payment.arrived) add("recorded_not_arrived");
  const stillHeld = payment.method === "card" && payment.status === "requires_capture";
  if (stillHeld && (deposit.status === "released" || deposit.status === "expired" || deposit.status === "failed")) {
    add("hold_not_let_go");
  }
  if (stillHeld && deposit.captureDue) add("not_captured");
  return found;
}

/** A refund we sent through Stripe, and Stripe's refund as read (null when Stripe has none by that id). */
export interface RefundSeen {
  sent: { reference: string; amount: bigint };
  theirs: { status: string | null; amount: bigint } | null;
}

/**
 * The refunds Stripe did not carry out: failed or cancelled after we sent them (Stripe tells of
 * this later, not when the refund is made), or unknown to it. One disagreement naming each of them;
 * none when every refund stands.
 */
export function refundMismatch(refunds: readonly RefundSeen[]): Mismatch | null {
  const failed = refunds.filter((r) => r.theirs === null || r.theirs.status === "failed" || r.theirs.status === "canceled");
  if (failed.length === 0) return null;
  return {
    kind: "refund_failed",
    ours: failed.map((r) => `sent ${r.sent.reference} ${r.sent.amount}`).join("; "),
    theirs: failed.map((r) => (r.theirs ? `${r.theirs.status} ${r.theirs.amount}` : "no such refund")).join("; "),
  };
}
