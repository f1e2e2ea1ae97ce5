/**
 * The disposal report's figures (处置说明, docs/domain.md "Closing"): how the price compares with
 * what the debtors owed, the valuation and the start. Ratios are basis points of exact integers,
 * rounded down; null where there is nothing to compare (no price, nothing owed, no valuation).
 */
export interface DisposalAmounts {
  /** The price the lot sold at; null when it did not sell. */
  price: bigint | null;
  /** What the claims of the lot are owed: principal and interest (accrued and penalty). */
  principal: bigint;
  interest: bigint;
  valuation: bigint | null;
  start: bigint;
}

export interface DisposalRatios {
  owed: bigint;
  /** The recovery rate: the price as a share of principal plus interest. */
  recoveryBp: number | null;
  ofPrincipalBp: number | null;
  ofValuationBp: number | null;
  ofStartBp: number | null;
}

const ratio = (part: bigint | null, whole: bigint | null): number | null =>
  part === null || whole === null || whole <= 0n ? null : Number((part * 10_000n) / whole);

export function disposalRatios(amounts: DisposalAmounts): DisposalRatios {
  const owed = amounts.principal + amounts.interest;
  return {
    owed,
    recoveryBp: ratio(amounts.price, owed),
    ofPrincipalBp: ratio(amounts.price, amounts.principal),
    ofValuationBp: ratio(amounts.price, amounts.valuation),
    ofStartBp: ratio(amounts.price, amounts.start),
  };
}

/** The recovery across several sales: their prices over what their claims were owed, weighted by amount. */
export function overallRecoveryBp(sales: readonly { price: bigint | null; owed: bigint }[]): number | null {
  const sold = sales.filter((s) => s.price !== null && s.owed > 0n);
  return ratio(
    sold.reduce((sum, s) => sum + s.price!, 0n),
    sold.length ? sold.reduce((sum, s) => sum + s.owed, 0n) : null,
  );
}

/** Basis points as a percentage with two decimals, in the reader's way of writing numbers. */
export function formatBp(bp: number | null, locale: string): string {
  if (bp === null) return "—";
  return `${(bp / 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`;
}
