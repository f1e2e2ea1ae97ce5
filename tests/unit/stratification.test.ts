import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifications, collateralTypes, litigationStatuses, securityTypes } from "../../core/enums";
import {
  balanceBand,
  regionParts,
  shares,
  stratificationDimensions,
  stratify,
  UNKNOWN,
  type LoanFacts,
} from "../../core/stratification";

const yuan = (n: number) => BigInt(n) * 100n;

const loan = (overrides: Partial<LoanFacts> = {}): LoanFacts => ({
  principal: yuan(1_000_000),
  interest: yuan(50_000),
  collateral: 0n,
  classification: "doubtful",
  security: "unsecured",
  collateralType: null,
  litigationStatus: "none",
  region: "浙江 · 杭州",
  industry: "制造业",
  defaultedOn: "2023-05-04",
  ...overrides,
});

const loans = fc.array(
  fc.record({
    principal: fc.bigInt({ min: 0n, max: yuan(900_000_000) }),
    interest: fc.bigInt({ min: 0n, max: yuan(90_000_000) }),
    collateral: fc.bigInt({ min: 0n, max: yuan(900_000_000) }),
    classification: fc.option(fc.constantFrom(...classifications)),
    security: fc.option(fc.constantFrom(...securityTypes)),
    collateralType: fc.option(fc.constantFrom(...collateralTypes)),
    litigationStatus: fc.option(fc.constantFrom(...litigationStatuses)),
    region: fc.constantFrom("浙江 · 杭州", "浙江 · 宁波", "江苏 · 苏州", "上海", "广东/深圳"),
    industry: fc.option(fc.constantFrom("制造业", "建筑业", "  ")),
    defaultedOn: fc.option(fc.constantFrom("2019-01-31", "2021-07-01", "2024-12-31")),
  }),
  { maxLength: 60 },
);

describe("stratification", () => {
  it("adds up: in every dimension the groups sum to the totals, and each share column to 10,000 basis points", () => {
    fc.assert(
      fc.property(loans, (book) => {
        const { totals, dimensions } = stratify(book);
        expect(totals.count).toBe(book.length);
        expect(totals.principal).toBe(book.reduce((a, l) => a + l.principal, 0n));
        for (const dimension of stratificationDimensions) {
          const strata = dimensions[dimension];
          expect(strata.reduce((a, s) => a + s.count, 0)).toBe(totals.count);
          expect(strata.reduce((a, s) => a + s.principal, 0n)).toBe(totals.principal);
          expect(strata.reduce((a, s) => a + s.interest, 0n)).toBe(totals.interest);
          expect(strata.reduce((a, s) => a + s.collateral, 0n)).toBe(totals.collateral);
          expect(new Set(strata.map((s) => s.key)).size).toBe(strata.length);
          if (book.length) expect(strata.reduce((a, s) => a + s.countShareBp, 0)).toBe(10_000);
          if (totals.principal > 0n) expect(strata.reduce((a, s) => a + s.principalShareBp, 0)).toBe(10_000);
          if (strata.some((s) => s.key === UNKNOWN)) expect(strata.at(-1)!.key).toBe(UNKNOWN);
        }
      }),
    );
  });

  it("gives each part a share within one basis point of its exact share", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { minLength: 1, maxLength: 30 }), (parts) => {
        const total = parts.reduce((a, b) => a + b, 0n);
        const bp = shares(parts);
        if (total === 0n) {
          // Nothing to share: every part gets none. (Returning the assertion's value made fast-check
          // read it as a failed property.)
          expect(bp.every((s) => s === 0)).toBe(true);
          return;
        }
        expect(bp.reduce((a, b) => a + b, 0)).toBe(10_000);
        parts.forEach((part, i) => {
          const exact = Number((part * 10_000_000n) / total) / 1000;
          expect(Math.abs(bp[i]! - exact)).toBeLessThan(1);
        });
      }),
    );
  });

  it("groups a small book as a buyer reads it", () => {
    const { totals, dimensions } = stratify([
      loan({
        principal: yuan(800_000),
        classification: "substandard",
        security: "collateral",
        collateralType: "residential",
        collateral: yuan(600_000),
      }),
      loan({ principal: yuan(3_000_000), region: "浙江 · 宁波", defaultedOn: "2021-02-01" }),
      loan({ principal: yuan(60_000_000), region: "江苏 · 苏州", classification: "loss", industry: null, defaultedOn: null }),
    ]);
    expect(totals).toEqual({ count: 3, principal: yuan(63_800_000), interest: yuan(150_000), collateral: yuan(600_000) });
    expect(dimensions.classification.map((s) => [s.key, s.count])).toEqual([
      ["substandard", 1],
      ["doubtful", 1],
      ["loss", 1],
    ]);
    expect(dimensions.province.map((s) => [s.key, s.count, s.countShareBp])).toEqual([
      ["江苏", 1, 3333],
      ["浙江", 2, 6667],
    ]);
    expect(dimensions.city.map((s) => s.key)).toEqual(["苏州", "宁波", "杭州"]);
    expect(dimensions.balance.map((s) => s.key)).toEqual(["under_1m", "1m_5m", "50m_plus"]);
    expect(dimensions.vintage.map((s) => s.key)).toEqual(["2021", "2023", UNKNOWN]);
    expect(dimensions.industry.map((s) => s.key)).toEqual(["制造业", UNKNOWN]);
    expect(dimensions.collateralType.map((s) => [s.key, s.collateral])).toEqual([
      ["residential", yuan(600_000)],
      [UNKNOWN, 0n],
    ]);
  });

  it("reads a region as province and city, and bands balances at their edges", () => {
    expect(regionParts("浙江 · 杭州")).toEqual(["浙江", "杭州"]);
    expect(regionParts("Zhejiang · Hangzhou")).toEqual(["Zhejiang", "Hangzhou"]);
    expect(regionParts("上海")).toEqual(["上海", "上海"]);
    expect(regionParts("")).toEqual([UNKNOWN, UNKNOWN]);
    expect(balanceBand(yuan(1_000_000) - 1n)).toBe("under_1m");
    expect(balanceBand(yuan(1_000_000))).toBe("1m_5m");
    expect(balanceBand(yuan(50_000_000))).toBe("50m_plus");
  });
});
