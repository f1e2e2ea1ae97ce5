import { describe, expect, it } from "vitest";
import { depositFor, incrementFor, nextRoundRequestSchema } from "../../core/contract/rounds";
import { announcementSettingsForRound, defaultRoundsSetting, roundsSettingSchema } from "../../server/sale-modes/rounds/settings";
import { defaultRoundSettings } from "../../server/sale-modes/rounds/rules";
import { announcedTimetable, defaultAnnouncementSettings } from "../../server/listings/rules/approval";

const yuan = (amount: number) => BigInt(amount) * 100n;
const days = (round: number, settings = defaultRoundsSetting) =>
  announcementSettingsForRound(defaultAnnouncementSettings, round, settings).tiers.map((t) => t.days);

describe("the rounds setting", () => {
  it("defaults to rounds.ts's rules, and a later round announced for half the usual period, at least 3 days", () => {
    expect(defaultRoundsSetting).toEqual({
      ...defaultRoundSettings,
      relistAnnouncementPercent: 50,
      relistAnnouncementMinDays: 3,
    });
    expect(roundsSettingSchema.parse(defaultRoundsSetting)).toEqual(defaultRoundsSetting);
  });

  it("refuses a cut of 100% and a window of no hours", () => {
    expect(roundsSettingSchema.safeParse({ ...defaultRoundsSetting, maxCutPercent: 100 }).success).toBe(false);
    expect(roundsSettingSchema.safeParse({ ...defaultRoundsSetting, fixedPriceWindowHours: 0 }).success).toBe(false);
  });
});

describe("a later round's announcement period", () => {
  it("keeps the usual periods for a first listing", () => {
    expect(days(1)).toEqual([7, 10, 15, 20]);
  });

  it("halves each tier's period for a later round, rounding up", () => {
    expect(days(2)).toEqual([4, 5, 8, 10]);
    expect(days(3)).toEqual([4, 5, 8, 10]);
  });

  it("never goes below the minimum, nor above the usual period", () => {
    expect(days(2, { ...defaultRoundsSetting, relistAnnouncementMinDays: 9 })).toEqual([7, 9, 9, 10]);
    expect(days(2, { ...defaultRoundsSetting, relistAnnouncementPercent: 100 })).toEqual([7, 10, 15, 20]);
  });

  it("times a round-2 announcement published on a Friday in Shanghai to end 4 working days later, on Thursday", () => {
    const publishedAt = new Date("2026-11-20T02:00:00.000Z");
    const timetable = announcedTimetable({
      publishedAt,
      value: yuan(1_000_000),
      startsAt: publishedAt,
      endsAt: new Date(publishedAt.getTime() + 86_400_000),
      settings: announcementSettingsForRound(defaultAnnouncementSettings, 2),
    });
    expect(timetable.period).toEqual({ days: 4, workingDays: true });
    expect(timetable.announcementEndsAt.toISOString()).toBe("2026-11-26T02:00:00.000Z");
  });
});

describe("a next round's terms", () => {
  it("carries the deposit's share of the start to the new start, within 5% to 20% of it", () => {
    expect(depositFor(yuan(800_000), { startingPrice: yuan(1_000_000), deposit: yuan(100_000) })).toBe(yuan(80_000));
    expect(depositFor(yuan(800_000), { startingPrice: yuan(1_000_000), deposit: yuan(50_000) })).toBe(yuan(40_000));
    expect(depositFor(yuan(800_000), { startingPrice: yuan(1_000_000), deposit: yuan(400_000) })).toBe(yuan(160_000));
    expect(depositFor(101n, { startingPrice: 1000n, deposit: 50n })).toBe(6n);
  });

  it("keeps the increment unless it is now more than 10% of the start", () => {
    expect(incrementFor(yuan(800_000), { increment: yuan(5_000) })).toBe(yuan(5_000));
    expect(incrementFor(yuan(800_000), { increment: yuan(90_000) })).toBe(yuan(80_000));
  });

  it("reads an auction round with every figure, and a fixed-price sale with none", () => {
    const auction = nextRoundRequestSchema.parse({
      mode: "auction",
      startingPrice: "80000000",
      increment: "400000",
      deposit: "8000000",
      startsAt: "2026-12-01T02:00:00.000Z",
      endsAt: "2026-12-03T02:00:00.000Z",
    });
    expect(auction).toMatchObject({ startingPrice: yuan(800_000), startsAt: new Date("2026-12-01T02:00:00.000Z") });
    expect(nextRoundRequestSchema.parse({ mode: "fixed_price" })).toEqual({ mode: "fixed_price" });
    expect(nextRoundRequestSchema.safeParse({ mode: "auction", startingPrice: "80000000" }).success).toBe(false);
    expect(nextRoundRequestSchema.safeParse({ mode: "tender" }).success).toBe(false);
    expect(nextRoundRequestSchema.safeParse({ mode: "fixed_price", startsAt: "soon" }).success).toBe(false);
  });
});
