import { classifications, collateralTypes, litigationStatuses, securityTypes } from "./enums";

/**
 * A package's stratification (docs/domain.md "Packages and stratification"): its loans grouped by
 * each of the dimensions buyers price from, with count, principal, interest and appraised
 * collateral per group, the totals, and each group's share of the count and of the principal in
 * basis points. Pure: the service reads the loans' facts, this sums them. Amounts are minor units.
 */

/** What one loan brings to the tables. */
export interface LoanFacts {
  principal: bigint;
  /** Accrued and penalty interest together. */
  interest: bigint;
  /** The appraised value of its collateral, all items. */
  collateral: bigint;
  classification: string | null;
  security: string | null;
  /** Its first (main) collateral item's type. */
  collateralType: string | null;
  litigationStatus: string | null;
  /** "Province · City", as assets record it. */
  region: string;
  industry: string | null;
  /** YYYY-MM-DD. */
  defaultedOn: string | null;
}

export const stratificationDimensions = [
  "classification",
  "security",
  "collateralType",
  "litigationStatus",
  "province",
  "city",
  "industry",
  "balance",
  "vintage",
] as const;
export type StratificationDimension = (typeof stratificationDimensions)[number];

/** Principal bands, in minor units of a currency with two decimals: under ¥1m, to ¥5m, to ¥10m, to ¥50m, and above. */
export const balanceBands = [
  { key: "under_1m", below: 1_000_000_00n },
  { key: "1m_5m", below: 5_000_000_00n },
  { key: "5m_10m", below: 10_000_000_00n },
  { key: "10m_50m", below: 50_000_000_00n },
  { key: "50m_plus", below: null },
] as const;

/** A group with no value for the dimension (no collateral, no default date). */
export const UNKNOWN = "unknown";

export interface Figures {
  count: number;
  principal: bigint;
  interest: bigint;
  collateral: bigint;
}

export interface Stratum extends Figures {
  key: string;
  /** Shares of the package's count and principal, in basis points; each column sums to 10,000. */
  countShareBp: number;
  principalShareBp: number;
}

export interface Stratification {
  totals: Figures;
  dimensions: Record<StratificationDimension, Stratum[]>;
}

/** "浙江 · 杭州" -> ["浙江", "杭州"]; a region of one part is its own province and city. */
export function regionParts(region: string): [province: string, city: string] {
  const parts = region
    .split(/\s*[·・/,，]\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  const province = parts[0] ?? UNKNOWN;
  return [province, parts[1] ?? province];
}

export function balanceBand(principal: bigint): string {
  return balanceBands.find((band) => band.below === null || principal < band.below)!.key;
}

function keysOf(loan: LoanFacts): Record<StratificationDimension, string> {
  const [province, city] = regionParts(loan.region);
  return {
    classification: loan.classification ?? UNKNOWN,
    security: loan.security ?? UNKNOWN,
    collateralType: loan.collateralType ?? UNKNOWN,
    litigationStatus: loan.litigationStatus ?? UNKNOWN,
    province,
    city,
    industry: loan.industry?.trim() || UNKNOWN,
    balance: balanceBand(loan.principal),
    vintage: loan.defaultedOn?.slice(0, 4) ?? UNKNOWN,
  };
}

/** The order groups are shown in: a list's own order where it has one, years in order, else the largest principal first. */
const fixedOrder: Partial<Record<StratificationDimension, readonly string[]>> = {
  classification: classifications,
  security: securityTypes,
  collateralType: collateralTypes,
  litigationStatus: litigationStatuses,
  balance: balanceBands.map((b) => b.key),
};

function ordered(dimension: StratificationDimension, strata: Stratum[]): Stratum[] {
  const order = fixedOrder[dimension];
  const rank = (key: string) => (key === UNKNOWN ? Number.MAX_SAFE_INTEGER : (order?.indexOf(key) ?? -1));
  return strata.sort((a, b) => {
    if (a.key === UNKNOWN || b.key === UNKNOWN) return rank(a.key) - rank(b.key);
    if (order) return rank(a.key) - rank(b.key);
    if (dimension === "vintage") return a.key.localeCompare(b.key);
    return a.principal === b.principal ? a.key.localeCompare(b.key) : a.principal > b.principal ? -1 : 1;
  });
}

/**
 * Shares of a whole in basis points that sum to exactly 10,000 (largest remainder): each part's
 * floor, then the points left over to the largest remainders, ties to the earlier part.
 */
export function shares(parts: readonly bigint[]): number[] {
  const total = parts.reduce((a, b) => a + b, 0n);
  if (total <= 0n) return parts.map(() => 0);
  const exact = parts.map((p) => p * 10_000n);
  const floors = exact.map((e) => Number(e / total));
  const left = 10_000 - floors.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((e, i) => ({ i, rest: e % total }))
    .sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (let k = 0; k < left; k += 1) floors[byRemainder[k]!.i]! += 1;
  return floors;
}

export function stratify(loans: Iterable<LoanFacts>): Stratification {
  const totals: Figures = { count: 0, principal: 0n, interest: 0n, collateral: 0n };
  const groups = Object.fromEntries(stratificationDimensions.map((d) => [d, new Map<string, Figures>()])) as Record<
    StratificationDimension,
    Map<string, Figures>
  >;
  for (const loan of loans) {
    totals.count += 1;
    totals.principal += loan.principal;
    totals.interest += loan.interest;
    totals.collateral += loan.collateral;
    const keys = keysOf(loan);
    for (const dimension of stratificationDimensions) {
      const map = groups[dimension];
      let figures = map.get(keys[dimension]);
      if (!figures) map.set(keys[dimension], (figures = { count: 0, principal: 0n, interest: 0n, collateral: 0n }));
      figures.count += 1;
      figures.principal += loan.principal;
      figures.interest += loan.interest;
      figures.collateral += loan.collateral;
    }
  }
  const dimensions = Object.fromEntries(
    stratificationDimensions.map((dimension) => {
      const strata = ordered(
        dimension,
        [...groups[dimension]].map(([key, f]) => ({ key, ...f, countShareBp: 0, principalShareBp: 0 })),
      );
      const countShares = shares(strata.map((s) => BigInt(s.count)));
      const principalShares = shares(strata.map((s) => s.principal));
      strata.forEach((s, i) => {
        s.countShareBp = countShares[i]!;
        s.principalShareBp = principalShares[i]!;
      });
      return [dimension, strata];
    }),
  ) as Record<StratificationDimension, Stratum[]>;
  return { totals, dimensions };
}
