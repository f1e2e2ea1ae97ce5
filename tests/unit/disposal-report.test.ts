import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { disposalRatios, formatBp, overallRecoveryBp } from "../../core/disposal-report";

describe("the disposal report's ratios", () => {
  it("compares the price with what was owed, the principal, the valuation and the start, in basis points rounded down", () => {
    expect(
      disposalRatios({
        price: 120_000_000n,
        principal: 290_000_000n,
        interest: 23_600_000n,
        valuation: 144_256_000n,
        start: 110_000_000n,
      }),
    ).toEqual({ owed: 313_600_000n, recoveryBp: 3826, ofPrincipalBp: 4137, ofValuationBp: 8318, ofStartBp: 10909 });
    expect(formatBp(3826, "en")).toBe("38.26%");
    expect(formatBp(null, "en")).toBe("—");
  });

  it("has no ratio without a price, or where nothing is owed or valued", () => {
    expect(disposalRatios({ price: null, principal: 100n, interest: 0n, valuation: 50n, start: 40n })).toMatchObject({
      recoveryBp: null,
      ofValuationBp: null,
      ofStartBp: null,
    });
    expect(disposalRatios({ price: 10n, principal: 0n, interest: 0n, valuation: null, start: 10n })).toMatchObject({
      recoveryBp: null,
      ofValuationBp: null,
      ofStartBp: 10_000,
    });
  });

  it("never overstates a recovery: the rate times what was owed never exceeds the price (property)", () => {
    fc.assert(
      // Prices up to a hundred times what was owed: basis points well inside exact numbers.
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 13n }), fc.bigInt({ min: 1n, max: 10n ** 13n }), (a, owed) => {
        const price = (a % (owed * 100n)) + 1n;
        const { recoveryBp } = disposalRatios({ price, principal: owed, interest: 0n, valuation: null, start: 1n });
        expect(BigInt(recoveryBp!) * owed).toBeLessThanOrEqual(price * 10_000n);
        expect(BigInt(recoveryBp! + 1) * owed).toBeGreaterThan(price * 10_000n);
      }),
    );
  });

  it("weighs the overall recovery by amount and leaves out unsold lots", () => {
    expect(
      overallRecoveryBp([
        { price: 30n, owed: 100n },
        { price: 10n, owed: 300n },
        { price: null, owed: 1_000n },
      ]),
    ).toBe(1000);
    expect(overallRecoveryBp([{ price: null, owed: 5n }])).toBeNull();
  });
});
