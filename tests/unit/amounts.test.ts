import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bidAmountBounds, placeBidSchema } from "../../core/contract/bids";
import { sealedBidSchema } from "../../core/contract/bids";
import { farAbovePrice, nearestOnGrid, onGrid, readBidAmount, stepsAbove } from "../../core/price-grid";
import { minorToMajorInput, parseMajorAmount } from "../../core/money";

describe("parseMajorAmount", () => {
  it("turns yuan as people type them into fen, exactly", () => {
    expect(parseMajorAmount("7250000", 2)).toBe("725000000");
    expect(parseMajorAmount("7,250,000.10", 2)).toBe("725000010");
    expect(parseMajorAmount(" ¥7 250 000.5 ", 2)).toBe("725000050");
    expect(parseMajorAmount("CN¥1,000", 2)).toBe("100000");
    expect(parseMajorAmount(".5", 2)).toBe("50");
    expect(parseMajorAmount("7250000.500", 2)).toBe("725000050");
  });

  it("reads full-width digits and punctuation from a Chinese input method", () => {
    expect(parseMajorAmount("７，２５０，０００．５", 2)).toBe("725000050");
    expect(parseMajorAmount("￥7250000", 2)).toBe("725000000");
  });

  it("refuses what is not a positive whole number of minor units", () => {
    for (const bad of ["", "abc", "0", "0.00", "-5", "1.005", "1e6", "1.2.3", "7,250,000.5x", "Infinity"]) {
      expect(parseMajorAmount(bad, 2), bad).toBeNull();
    }
    expect(parseMajorAmount("1500.5", 0)).toBeNull();
    expect(parseMajorAmount("1500", 0)).toBe("1500");
  });

  it("reads zero as nothing owed only when asked to, and never a negative", () => {
    expect(parseMajorAmount("0", 2, { zero: true })).toBe("0");
    expect(parseMajorAmount("0.00", 2, { zero: true })).toBe("0");
    expect(parseMajorAmount("1,250.5", 2, { zero: true })).toBe("125050");
    for (const bad of ["", "-0", "-5", "1.005", "abc"]) expect(parseMajorAmount(bad, 2, { zero: true }), bad).toBeNull();
  });

  it("stays exact beyond a float's precision", () => {
    expect(parseMajorAmount("90071992547409931.23", 2)).toBe("9007199254740993123");
  });

  it("round-trips with minorToMajorInput (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 18n }), (minor) => {
        expect(parseMajorAmount(minorToMajorInput(minor.toString(), 2), 2)).toBe(minor.toString());
      }),
    );
  });
});

describe("the increment grid", () => {
  const grid = { startingPrice: "680000000", increment: "5000000" };

  it("accepts the starting price plus whole increments only", () => {
    expect(onGrid("680000000", grid)).toBe(true);
    expect(onGrid("715000000", grid)).toBe(true);
    expect(onGrid("715000001", grid)).toBe(false);
    expect(onGrid("675000000", grid)).toBe(false);
  });

  it("offers the valid amounts either side of an off-grid one, never below the minimum", () => {
    expect(nearestOnGrid("722000000", grid, "720000000")).toEqual({ below: "720000000", above: "725000000" });
    expect(nearestOnGrid("718000000", grid, "720000000")).toEqual({ below: null, above: "720000000" });
  });

  it("steps up from the next minimum bid", () => {
    expect(stepsAbove("720000000", "5000000", 2)).toBe("730000000");
  });
});

describe("readBidAmount: a typed bid against the bid schema's bounds", () => {
  it("refuses ¥99,999,999,999,999,999,999 as more than any bid may name, before any confirmation", () => {
    expect(readBidAmount("99,999,999,999,999,999,999", 2, "200000000")).toEqual({ ok: false, problem: "aboveLargest" });
    expect(readBidAmount("9,999,999,999,999,999.99", 2, "200000000")).toEqual({
      ok: true,
      amount: bidAmountBounds.max.toString(),
    });
    expect(readBidAmount("10,000,000,000,000,000", 2, "200000000")).toEqual({ ok: false, problem: "aboveLargest" });
  });

  it("tells an unreadable amount from one below the minimum", () => {
    expect(readBidAmount("two million", 2, "200000000")).toEqual({ ok: false, problem: "invalid" });
    expect(readBidAmount("1,999,999.99", 2, "200000000")).toEqual({ ok: false, problem: "belowMinimum" });
    expect(readBidAmount("2,000,000", 2, "200000000")).toEqual({ ok: true, amount: "200000000" });
  });

  it("accepts exactly what the server accepts as an open or a sealed bid (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 22n }), (minor) => {
        const read = readBidAmount(minorToMajorInput(minor.toString(), 2), 2, "1");
        const open = placeBidSchema.safeParse({ amount: minor.toString(), idempotencyKey: "a-retry-key" }).success;
        const sealed = sealedBidSchema.safeParse({ amount: minor.toString() }).success;
        expect([read.ok, sealed]).toEqual([open, open]);
      }),
    );
  });
});

describe("farAbovePrice", () => {
  const room = { currentPrice: "100000000", startingPrice: "100000000", minimum: "101000000", increment: "1000000" };

  it("is the next minimum and a few increments more: not far", () => {
    expect(farAbovePrice("101000000", room)).toBe(false);
    expect(farAbovePrice("106000000", room)).toBe(false);
  });

  it("is ten increments over the next minimum, or half as much again as the current price", () => {
    expect(farAbovePrice("111000000", room)).toBe(true);
    const coarse = { ...room, minimum: "110000000", increment: "10000000" };
    expect(farAbovePrice("140000000", coarse)).toBe(false);
    expect(farAbovePrice("150000000", coarse)).toBe(true);
  });

  it("measures from the starting price before the first bid", () => {
    expect(farAbovePrice("150000000", { ...room, currentPrice: null, minimum: "100000000" })).toBe(true);
  });
});
