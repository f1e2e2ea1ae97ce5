import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMoney } from "../../core/money";
import { remaining } from "../../core/time";

describe("formatMoney", () => {
  it("formats minor units of yuan with two decimals in both locales", () => {
    expect(formatMoney("123456789", "CNY", "en")).toBe("CN¥1,234,567.89");
    expect(formatMoney("123456789", "CNY", "zh-CN")).toBe("¥1,234,567.89");
  });

  it("uses the currency's own number of decimals", () => {
    expect(formatMoney("1500", "JPY", "en")).toBe("¥1,500");
    expect(formatMoney("1500", "USD", "en")).toBe("$15.00");
    expect(formatMoney("1500", "EUR", "en")).toBe("€15.00");
  });

  it("stays exact for amounts beyond a float's precision", () => {
    expect(formatMoney("900719925474099312", "USD", "en")).toBe("$9,007,199,254,740,993.12");
  });

  it("never loses or invents a digit (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), (minor) => {
        const digitsOnly = formatMoney(minor, "USD", "en").replace(/[^0-9]/g, "");
        expect(BigInt(digitsOnly)).toBe(minor);
      }),
    );
  });
});

describe("remaining", () => {
  it("splits the time left into days, hours, minutes and seconds", () => {
    const now = Date.UTC(2026, 10, 20, 8);
    expect(remaining(now + 90_061_000, now)).toEqual({ totalMs: 90_061_000, days: 1, hours: 1, minutes: 1, seconds: 1 });
  });

  it("is zero, never negative, once the time has passed", () => {
    expect(remaining(1000, 5000).totalMs).toBe(0);
  });
});
