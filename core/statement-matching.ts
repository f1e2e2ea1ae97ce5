import type { statementLineOutcomes } from "./enums";
import { readReference, type PaymentPurpose } from "./payment-reference";

/**
 * Matching a bank statement against what the platform is owed (docs/domain.md "Payments"): a line
 * credits a payment only when it names the payment's reference and brings exactly what is still
 * owed, in its currency. Anything else is listed for the operator, who knows what the bank does
 * not: a partial transfer, a payer that wrote its own words, money that came too late.
 */

export type LineOutcome = (typeof statementLineOutcomes)[number];

export interface StatementLine {
  lineNo: number;
  /** Positive for money in; the platform's own transfers out are on the statement too. */
  amount: bigint;
  currency: string;
  referenceText: string;
  /** The line's fingerprint (or the bank's transaction id): the same line read twice has the same one. */
  externalId: string;
}

/** A payment the platform waits for (or waited for), found by its reference. */
export interface OwedPayment {
  reference: string;
  purpose: PaymentPurpose;
  currency: string;
  expected: bigint;
  received: bigint;
  /** Still waiting for money; a settled one takes no more. */
  open: boolean;
}

export interface MatchedLine {
  lineNo: number;
  outcome: LineOutcome;
  /** The platform reference the line names, when it names one. */
  reference: string | null;
  /** What the operator is shown beside the outcome (the page words it in the reader's language). */
  params: Record<string, string>;
}

/**
 * Each line's outcome, in the statement's order: a matched line counts towards its payment before
 * the next line is judged, so two lines paying one deposit twice match once and flag the second.
 */
export function matchStatement(
  lines: readonly StatementLine[],
  owed: (reference: string) => OwedPayment | undefined,
  seenBefore: (externalId: string) => boolean,
): MatchedLine[] {
  const credited = new Map<string, bigint>();
  return lines.map((line): MatchedLine => {
    const at = (outcome: LineOutcome, reference: string | null = null, params: Record<string, string> = {}): MatchedLine => ({
      lineNo: line.lineNo,
      outcome,
      reference,
      params,
    });
    if (line.amount <= 0n) return at("outgoing");
    if (seenBefore(line.externalId)) return at("duplicate");
    const read = readReference(line.referenceText);
    if (!read.found) {
      // A reference-shaped string whose check fails is shown, so the operator can see the typo.
      return at("unknown_reference", null, read.nearMiss ? { nearMiss: read.nearMiss } : {});
    }
    const payment = owed(read.reference);
    if (!payment) return at("unknown_reference", read.reference);
    if (line.currency !== payment.currency) {
      return at("currency_mismatch", read.reference, { paid: line.currency, owed: payment.currency });
    }
    const received = payment.received + (credited.get(read.reference) ?? 0n);
    if (!payment.open || received >= payment.expected) {
      return at("settled", read.reference);
    }
    const outstanding = payment.expected - received;
    if (line.amount !== outstanding) {
      return at("amount_mismatch", read.reference, { outstanding: outstanding.toString() });
    }
    credited.set(read.reference, (credited.get(read.reference) ?? 0n) + line.amount);
    return at("matched", read.reference);
  });
}
