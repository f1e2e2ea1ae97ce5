import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endingAlertDue, outbidRegistration } from "../../core/alerts";
import { notificationSentence } from "../../core/notification-text";

const MIN = 60_000;
const end = new Date("2026-12-06T10:00:00.000Z");
const before = (ms: number) => new Date(end.getTime() - ms);

describe("ending alerts", () => {
  it.each([
    [61 * MIN, null],
    [60 * MIN, 60],
    [10 * MIN + 1, 60],
    [10 * MIN, 10],
    [1, 10],
    [0, null],
    [-MIN, null],
  ] as const)("with %i ms left, the %s minutes' alert is due", (left, due) => {
    expect(endingAlertDue(end, before(left))).toBe(due);
  });

  it("is due the nearest threshold passed, so an alert never names more time than is left", () => {
    fc.assert(
      fc.property(fc.integer({ min: -2 * 60 * MIN, max: 3 * 60 * MIN }), (left) => {
        const due = endingAlertDue(end, before(left));
        if (due === null) expect(left <= 0 || left > 60 * MIN).toBe(true);
        else expect(left > 0 && left <= due * MIN && (due === 10 || left > 10 * MIN)).toBe(true);
      }),
    );
  });
});

describe("outbid alerts", () => {
  it("go to the bidder that led before a command and no longer does", () => {
    expect(outbidRegistration("a", "b")).toBe("a");
    expect(outbidRegistration("a", "a")).toBeNull();
    expect(outbidRegistration(null, "b")).toBeNull();
    expect(outbidRegistration("a", null)).toBe("a");
  });
});

describe("alert sentences", () => {
  it("say what happened in both languages, with the reader's money and time", () => {
    const outbid = { kind: "outbid" as const, params: { amount: "740000000", currency: "CNY" }, title: "Textile claim" };
    expect(notificationSentence({ ...outbid, locale: "en" })).toBe(
      "You have been outbid on “Textile claim”: the price is now CN¥7,400,000.00.",
    );
    expect(notificationSentence({ ...outbid, locale: "zh-CN" })).toContain("¥7,400,000.00");
    const ending = { kind: "auction_ending" as const, params: { minutes: "10", due: end.toISOString() }, title: "Textile claim" };
    expect(notificationSentence({ ...ending, locale: "en" })).toMatch(/^Bidding on “Textile claim” ends in 10 minutes, at .+\.$/);
    expect(notificationSentence({ ...ending, params: { ...ending.params, minutes: "60" }, locale: "zh-CN" })).toMatch(/一小时后/);
  });
});
