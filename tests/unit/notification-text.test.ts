import { describe, expect, it } from "vitest";
import { notificationKinds } from "../../core/enums";
import { notificationLocaleOf, notificationLocales, notificationSentence } from "../../core/notification-text";

/** Every parameter any notification carries, so that no placeholder is left unfilled. */
const params = {
  amount: "12345600",
  balance: "100000000",
  currency: "CNY",
  due: "2026-12-10T07:00:00.000Z",
  reference: "NPX-B-4K7Q-9M2T-X",
  bidderCode: "8101",
  number: "NPX-N-2026-0001",
  round: "2",
  failures: "5",
  decision: "approve",
};

describe("what a notification says", () => {
  it("has a sentence for every kind in every language, with every placeholder filled", () => {
    for (const locale of notificationLocales) {
      for (const kind of notificationKinds) {
        const sentence = notificationSentence({ kind, params, title: "Jiaxing claim", locale });
        expect(sentence, `${kind} in ${locale}`).not.toMatch(/\{\{|\}\}/);
        expect(sentence.length, `${kind} in ${locale}`).toBeGreaterThan(10);
      }
    }
  });

  it("writes money and times as the reader does, and names the decision or the side that signed", () => {
    const won = { kind: "auction_won" as const, params, title: "Jiaxing claim" };
    expect(notificationSentence({ ...won, locale: "en" })).toContain("CN¥123,456.00");
    expect(notificationSentence({ ...won, locale: "zh-CN" })).toContain("¥123,456.00");
    expect(notificationSentence({ ...won, locale: "zh-CN" })).toContain("2026");
    const rejected = { kind: "registration_decided" as const, params: { decision: "reject" }, title: "X", locale: "en" as const };
    expect(notificationSentence(rejected)).toBe("Your registration for “X” was not approved.");
    const signed = { kind: "agreement_signed" as const, title: "X", locale: "en" as const };
    expect(notificationSentence({ ...signed, params: { party: "seller" } })).toMatch(/^The seller signed/);
    expect(notificationSentence({ ...signed, params: { party: "buyer", complete: "yes" } })).toMatch(/^Both sides/);
  });

  it("names no listing it does not know, and speaks the reader's language or English", () => {
    expect(notificationSentence({ kind: "bidding_opened", params: {}, title: null, locale: "en" })).toBe(
      "Bidding has opened on “a listing”.",
    );
    expect(notificationLocaleOf("zh-CN")).toBe("zh-CN");
    expect(notificationLocaleOf("zh")).toBe("zh-CN");
    expect(notificationLocaleOf(null)).toBe("en");
    expect(notificationLocaleOf("fr")).toBe("en");
  });
});
