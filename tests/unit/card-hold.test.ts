import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CARD_MAX_AMOUNT, cardHoldFits } from "../../core/card-hold";

const now = new Date("2026-12-01T00:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe("whether a deposit fits a card hold", () => {
  it("takes a small deposit for an auction closing within four days", () => {
    expect(cardHoldFits({ amount: 500_000n, currency: "EUR", closesAt: days(4), now })).toEqual({ fits: true });
  });

  it("asks for a transfer when the hold would lapse before the close and the day after it", () => {
    expect(cardHoldFits({ amount: 500_000n, currency: "EUR", closesAt: days(4.01), now })).toEqual({
      fits: false,
      reason: "hold_expires",
    });
  });

  it("asks for a transfer above 8 digits of minor units (¥6.8M is 680,000,000 fen) and for currencies Stripe does not take", () => {
    expect(cardHoldFits({ amount: CARD_MAX_AMOUNT + 1n, currency: "USD", closesAt: days(1), now })).toMatchObject({
      reason: "amount",
    });
    expect(cardHoldFits({ amount: 680_000_000n, currency: "CNY", closesAt: days(1), now })).toMatchObject({ reason: "currency" });
  });

  it("never fits a hold that ends before the capture window closes (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: CARD_MAX_AMOUNT }), fc.integer({ min: 0, max: 20 * 24 }), (amount, hours) => {
        const closesAt = new Date(now.getTime() + hours * 3_600_000);
        const answer = cardHoldFits({ amount, currency: "GBP", closesAt, now });
        expect(answer.fits).toBe(hours + 24 <= 5 * 24);
      }),
    );
  });
});
