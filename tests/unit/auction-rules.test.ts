import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextMinimumBid, reserveMet, type PriceState } from "../../core/price-grid";

const yuan = (amount: number) => BigInt(amount) * 100n;

const state = (overrides: Partial<PriceState> = {}): PriceState => ({
  startingPrice: yuan(6_800_000),
  increment: yuan(50_000),
  currentPrice: null,
  reservePrice: null,
  ...overrides,
});

/** Any valid price state: positive start and increment, a current price (if any) at or above the start. */
const arbitraryState = fc
  .record({
    startingPrice: fc.bigInt({ min: 1n, max: 10n ** 15n }),
    increment: fc.bigInt({ min: 1n, max: 10n ** 12n }),
    raisedBy: fc.option(fc.bigInt({ min: 0n, max: 10n ** 15n })),
    reservePrice: fc.option(fc.bigInt({ min: 1n, max: 10n ** 16n })),
  })
  .map(({ startingPrice, increment, raisedBy, reservePrice }) => ({
    startingPrice,
    increment,
    currentPrice: raisedBy === null ? null : startingPrice + raisedBy,
    reservePrice,
  }));

describe("nextMinimumBid", () => {
  it("accepts the starting price as the first bid", () => {
    expect(nextMinimumBid(state())).toBe(yuan(6_800_000));
  });

  it("asks for one increment above the current price once there is a bid", () => {
    expect(nextMinimumBid(state({ currentPrice: yuan(7_100_000) }))).toBe(yuan(7_150_000));
  });

  it("ignores the reserve price", () => {
    expect(nextMinimumBid(state({ reservePrice: yuan(9_000_000) }))).toBe(yuan(6_800_000));
    expect(nextMinimumBid(state({ currentPrice: yuan(6_800_000), reservePrice: yuan(9_000_000) }))).toBe(yuan(6_850_000));
  });

  it("stays exact for amounts beyond a float's precision", () => {
    const huge = 2n ** 60n + 1n;
    expect(nextMinimumBid(state({ currentPrice: huge, increment: 1n }))).toBe(huge + 1n);
  });

  it("is never below the starting price (property)", () => {
    fc.assert(
      fc.property(arbitraryState, (s) => {
        expect(nextMinimumBid(s) >= s.startingPrice).toBe(true);
      }),
    );
  });

  it("always lies strictly above the current price, by exactly one increment (property)", () => {
    fc.assert(
      fc.property(arbitraryState, (s) => {
        fc.pre(s.currentPrice !== null);
        expect(nextMinimumBid(s) - s.currentPrice).toBe(s.increment);
      }),
    );
  });

  it("rises whenever the current price rises (property)", () => {
    fc.assert(
      fc.property(arbitraryState, fc.bigInt({ min: 1n, max: 10n ** 12n }), (s, raise) => {
        const raised = { ...s, currentPrice: (s.currentPrice ?? s.startingPrice) + raise };
        expect(nextMinimumBid(raised) > nextMinimumBid(s)).toBe(true);
      }),
    );
  });
});

describe("reserveMet", () => {
  const reserve = yuan(7_400_000);

  it("is met when there is no reserve, even before any bid", () => {
    expect(reserveMet(state())).toBe(true);
  });

  it("is not met before any bid when there is a reserve", () => {
    expect(reserveMet(state({ reservePrice: reserve }))).toBe(false);
  });

  it("is not met one minor unit below the reserve, and met at and above it", () => {
    expect(reserveMet(state({ reservePrice: reserve, currentPrice: reserve - 1n }))).toBe(false);
    expect(reserveMet(state({ reservePrice: reserve, currentPrice: reserve }))).toBe(true);
    expect(reserveMet(state({ reservePrice: reserve, currentPrice: reserve + 1n }))).toBe(true);
  });

  it("is met exactly when the current price has reached the reserve (property)", () => {
    fc.assert(
      fc.property(arbitraryState, (s) => {
        const expected = s.reservePrice === null || (s.currentPrice !== null && s.currentPrice >= s.reservePrice);
        expect(reserveMet(s)).toBe(expected);
      }),
    );
  });

  it("once met, stays met as the price rises (property)", () => {
    fc.assert(
      fc.property(arbitraryState, fc.bigInt({ min: 0n, max: 10n ** 12n }), (s, raise) => {
        fc.pre(reserveMet(s) && s.currentPrice !== null);
        expect(reserveMet({ ...s, currentPrice: s.currentPrice + raise })).toBe(true);
      }),
    );
  });
});
