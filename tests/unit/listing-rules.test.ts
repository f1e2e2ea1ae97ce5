import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Role } from "../../core/enums";
import { addDays } from "../../core/time";
import { announcedTimetable, announcementPeriod, announcementSettingsSchema, defaultAnnouncementSettings, defaultApprovalTiers, listingValue, requiredApproval, type AnnouncementSettings, type ApprovalTier } from "../../server/listings/rules/approval";

/** Amounts are minor units: CNY 1 = 100n. */
const yuan = (amount: number) => BigInt(amount) * 100n;
const TEN_MILLION = 1_000_000_000n;
const FIFTY_MILLION = 5_000_000_000n;
const HUNDRED_MILLION = 10_000_000_000n;

const DAY = 86_400_000;
const shanghai = "Asia/Shanghai";

/** The weekday in Shanghai (UTC+8 all year, no daylight saving), worked out without Intl: 0 is Sunday. */
const shanghaiWeekday = (date: Date) => new Date(date.getTime() + 8 * 3_600_000).getUTCDay();
const isShanghaiWeekend = (date: Date) => [0, 6].includes(shanghaiWeekday(date));

const timeOfDayIn = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(date) + `.${date.getUTCMilliseconds()}`;

describe("listingValue", () => {
  it("is the sum of the lots' valuations when that is above the starting price", () => {
    expect(listingValue({ startingPrice: yuan(6_800_000), valuations: [yuan(5_000_000), yuan(3_000_000)] })).toBe(
      yuan(8_000_000),
    );
  });

  it("is the starting price when that is above the valuations", () => {
    expect(listingValue({ startingPrice: yuan(9_000_000), valuations: [yuan(8_000_000)] })).toBe(yuan(9_000_000));
  });

  it("counts an unvalued lot as nothing and an unvalued listing at its starting price", () => {
    expect(listingValue({ startingPrice: yuan(100), valuations: [null, yuan(300), null] })).toBe(yuan(300));
    expect(listingValue({ startingPrice: yuan(100), valuations: [null, null] })).toBe(yuan(100));
    expect(listingValue({ startingPrice: yuan(100), valuations: [] })).toBe(yuan(100));
  });

  it("is the larger of the starting price and the sum of the valuations (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 16n }),
        fc.array(fc.option(fc.bigInt({ min: 0n, max: 10n ** 15n })), { maxLength: 12 }),
        (startingPrice, valuations) => {
          let sum = 0n;
          for (const v of valuations) if (v !== null) sum += v;
          const value = listingValue({ startingPrice, valuations });
          expect(value >= startingPrice).toBe(true);
          expect(value >= sum).toBe(true);
          expect(value === startingPrice || value === sum).toBe(true);
        },
      ),
    );
  });
});

describe("requiredApproval", () => {
  const tier = (minValue: bigint, approvalsRequired: number, role: Role = "approver"): ApprovalTier => ({
    minValue,
    approvalsRequired,
    role,
  });

  it("asks one approver below CNY 10M, two from 10M, three from 100M by default", () => {
    const cases: [bigint, number][] = [
      [0n, 1],
      [1n, 1],
      [TEN_MILLION - 1n, 1],
      [TEN_MILLION, 2],
      [TEN_MILLION + 1n, 2],
      [HUNDRED_MILLION - 1n, 2],
      [HUNDRED_MILLION, 3],
      [HUNDRED_MILLION * 50n, 3],
    ];
    for (const [value, approvals] of cases) {
      expect(requiredApproval(value, defaultApprovalTiers, false), `value ${value}`).toEqual({
        minValue: expect.any(BigInt),
        approvalsRequired: approvals,
        role: "approver",
      });
    }
  });

  it("falls back to the default tiers when the seller has set none", () => {
    expect(requiredApproval(yuan(5_000_000), [], false)).toEqual({ minValue: 0n, approvalsRequired: 1, role: "approver" });
    expect(requiredApproval(yuan(50_000_000), [], false)).toEqual({
      minValue: TEN_MILLION,
      approvalsRequired: 2,
      role: "approver",
    });
    expect(requiredApproval(yuan(500_000_000), [], false)).toEqual({
      minValue: HUNDRED_MILLION,
      approvalsRequired: 3,
      role: "approver",
    });
  });

  it("picks the seller's own tier whatever order the tiers are given in", () => {
    const tiers = [tier(yuan(20_000_000), 1, "seller_admin"), tier(0n, 1), tier(yuan(5_000_000), 2)];
    expect(requiredApproval(yuan(4_999_999), tiers, false)).toEqual(tier(0n, 1));
    expect(requiredApproval(yuan(5_000_000), tiers, false)).toEqual(tier(yuan(5_000_000), 2));
    expect(requiredApproval(yuan(30_000_000), tiers, false)).toEqual(tier(yuan(20_000_000), 1, "seller_admin"));
  });

  it("sends a start below 70% of the valuation to the top tier, whatever the value", () => {
    const tiers = [tier(yuan(5_000_000), 2), tier(0n, 1), tier(yuan(20_000_000), 1, "seller_admin")];
    expect(requiredApproval(1n, tiers, true)).toEqual(tier(yuan(20_000_000), 1, "seller_admin"));
    expect(requiredApproval(0n, [], true)).toEqual({ minValue: HUNDRED_MILLION, approvalsRequired: 3, role: "approver" });
  });

  it("does not reorder the seller's tiers", () => {
    const tiers = [tier(yuan(20_000_000), 3), tier(0n, 1)];
    requiredApproval(yuan(1), tiers, false);
    expect(tiers.map((t) => t.minValue)).toEqual([yuan(20_000_000), 0n]);
  });

  const arbitraryTiers = fc.uniqueArray(
    fc.record({
      minValue: fc.bigInt({ min: 0n, max: 10n ** 14n }),
      approvalsRequired: fc.integer({ min: 1, max: 5 }),
      role: fc.constantFrom<Role>("approver", "seller_admin"),
    }),
    { minLength: 1, maxLength: 6, selector: (t) => t.minValue },
  );

  it("picks the tier with the highest threshold at or below the value (property)", () => {
    fc.assert(
      fc.property(arbitraryTiers, fc.bigInt({ min: 0n, max: 2n * 10n ** 14n }), (tiers, value) => {
        let expected: ApprovalTier | undefined;
        for (const t of tiers) if (t.minValue <= value && (!expected || t.minValue > expected.minValue)) expected = t;
        // A value below every threshold still needs the lowest tier's approval.
        if (!expected) for (const t of tiers) if (!expected || t.minValue < expected.minValue) expected = t;
        expect(requiredApproval(value, tiers, false)).toEqual(expected);
      }),
    );
  });

  it("never asks less of a higher value (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.bigInt({ min: 0n, max: 10n ** 13n }), (a, b) => {
        const [low, high] = a < b ? [a, b] : [b, a];
        expect(requiredApproval(high, defaultApprovalTiers, false).approvalsRequired).toBeGreaterThanOrEqual(
          requiredApproval(low, defaultApprovalTiers, false).approvalsRequired,
        );
      }),
    );
  });

  it("gives the valuation exception the tier with the highest threshold (property)", () => {
    fc.assert(
      fc.property(arbitraryTiers, fc.bigInt({ min: 0n, max: 2n * 10n ** 14n }), (tiers, value) => {
        const top = tiers.reduce((a, b) => (b.minValue > a.minValue ? b : a));
        expect(requiredApproval(value, tiers, true)).toEqual(top);
      }),
    );
  });
});

describe("announcementPeriod", () => {
  it("scales the default period with the value, each tier's bound included in it", () => {
    const cases: [bigint, number][] = [
      [0n, 7],
      [1n, 7],
      [TEN_MILLION - 1n, 7],
      [TEN_MILLION, 7],
      [TEN_MILLION + 1n, 10],
      [FIFTY_MILLION, 10],
      [FIFTY_MILLION + 1n, 15],
      [HUNDRED_MILLION, 15],
      [HUNDRED_MILLION + 1n, 20],
      [10n ** 17n, 20],
    ];
    for (const [value, days] of cases) {
      expect(announcementPeriod(value, defaultAnnouncementSettings), `value ${value}`).toEqual({ days, workingDays: true });
    }
  });

  it("reads tiers given in any order, the open-ended one last", () => {
    const settings: AnnouncementSettings = {
      tiers: [
        { upTo: null, days: 30, workingDays: false },
        { upTo: "50000", days: 15, workingDays: false },
        { upTo: "500", days: 3, workingDays: true },
      ],
      timeZone: shanghai,
    };
    expect(announcementPeriod(500n, settings)).toEqual({ days: 3, workingDays: true });
    expect(announcementPeriod(501n, settings)).toEqual({ days: 15, workingDays: false });
    expect(announcementPeriod(50_000n, settings)).toEqual({ days: 15, workingDays: false });
    expect(announcementPeriod(50_001n, settings)).toEqual({ days: 30, workingDays: false });
  });

  it("uses the longest bounded tier for a value above every bound when no tier is open-ended", () => {
    const settings: AnnouncementSettings = {
      tiers: [
        { upTo: "50000", days: 15, workingDays: false },
        { upTo: "500", days: 3, workingDays: true },
      ],
      timeZone: shanghai,
    };
    expect(announcementPeriod(10n ** 12n, settings)).toEqual({ days: 15, workingDays: false });
  });

  it("ships default settings that its own schema accepts", () => {
    expect(announcementSettingsSchema.parse(defaultAnnouncementSettings)).toEqual(defaultAnnouncementSettings);
    expect(announcementSettingsSchema.parse({ tiers: defaultAnnouncementSettings.tiers }).timeZone).toBe(shanghai);
  });
});

describe("addDays", () => {
  const fridayMorning = new Date("2026-11-20T10:00:00+08:00");

  it("ends 7 working days after a Friday on the Tuesday of the week after next, at the same time", () => {
    // Mon 23, Tue 24, Wed 25, Thu 26, Fri 27, Mon 30 Nov, Tue 1 Dec.
    expect(addDays(fridayMorning, 7, true, shanghai)).toEqual(new Date("2026-12-01T10:00:00+08:00"));
  });

  it("ends 7 calendar days after a Friday on the next Friday", () => {
    expect(addDays(fridayMorning, 7, false, shanghai)).toEqual(new Date("2026-11-27T10:00:00+08:00"));
  });

  it("counts the Monday after a weekend publication as the first working day", () => {
    expect(addDays(new Date("2026-11-21T15:00:00+08:00"), 1, true, shanghai)).toEqual(new Date("2026-11-23T15:00:00+08:00"));
    expect(addDays(new Date("2026-11-22T23:59:00+08:00"), 1, true, shanghai)).toEqual(new Date("2026-11-23T23:59:00+08:00"));
  });

  it("counts the weekend in Shanghai, not in UTC", () => {
    // 02:00 on a Friday in Shanghai is still Thursday in UTC: the next working day is Monday.
    expect(addDays(new Date("2026-11-20T02:00:00+08:00"), 1, true, shanghai)).toEqual(new Date("2026-11-23T02:00:00+08:00"));
    // 23:00 on a Sunday in Shanghai is still Sunday in UTC, 15:00: the next working day is Monday.
    expect(addDays(new Date("2026-11-22T23:00:00+08:00"), 1, true, shanghai)).toEqual(new Date("2026-11-23T23:00:00+08:00"));
    // 07:00 on a Monday in Shanghai is still Sunday in UTC: Monday to Tuesday is one working day.
    expect(addDays(new Date("2026-11-23T07:00:00+08:00"), 1, true, shanghai)).toEqual(new Date("2026-11-24T07:00:00+08:00"));
  });

  it("ends 20 working days later four calendar weeks on", () => {
    expect(addDays(fridayMorning, 20, true, shanghai)).toEqual(new Date("2026-12-18T10:00:00+08:00"));
  });

  it("adds nothing for zero days", () => {
    expect(addDays(fridayMorning, 0, true, shanghai)).toEqual(fridayMorning);
    expect(addDays(fridayMorning, 0, false, shanghai)).toEqual(fridayMorning);
  });

  it("keeps the local time of day across a daylight-saving change in the platform's time zone", () => {
    // Berlin leaves summer time on Sunday 25 October 2026. Published Friday 23 Oct at 10:00 local time,
    // 7 working days end on Tuesday 3 November at 10:00 local time (now UTC+1), not an hour earlier.
    const published = new Date("2026-10-23T10:00:00+02:00");
    expect(addDays(published, 7, true, "Europe/Berlin")).toEqual(new Date("2026-11-03T10:00:00+01:00"));
    expect(addDays(published, 7, false, "Europe/Berlin")).toEqual(new Date("2026-10-30T10:00:00+01:00"));
  });

  const instant = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2040-12-31T00:00:00Z"), noInvalidDate: true });

  it("ends at least the given number of calendar days later, at the same time of day (property)", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 }), fc.boolean(), (from, days, workingDays) => {
        const end = addDays(from, days, workingDays, shanghai);
        const elapsed = end.getTime() - from.getTime();
        expect(elapsed).toBeGreaterThanOrEqual(days * DAY);
        expect(elapsed % DAY).toBe(0);
        expect(timeOfDayIn(end, shanghai)).toBe(timeOfDayIn(from, shanghai));
        if (!workingDays) expect(elapsed).toBe(days * DAY);
      }),
    );
  });

  it("counts exactly the given number of Shanghai weekdays and ends on one (property)", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), (from, days) => {
        const end = addDays(from, days, true, shanghai);
        expect(isShanghaiWeekend(end)).toBe(false);
        let weekdays = 0;
        for (let at = from.getTime() + DAY; at <= end.getTime(); at += DAY) {
          if (!isShanghaiWeekend(new Date(at))) weekdays += 1;
        }
        expect(weekdays).toBe(days);
        // Never more than the weekends a run of that many weekdays can span.
        expect(end.getTime() - from.getTime()).toBeLessThanOrEqual((days + 2 * Math.ceil(days / 5) + 2) * DAY);
      }),
    );
  });
});

describe("announcedTimetable", () => {
  const publishedAt = new Date("2026-11-20T10:00:00+08:00");
  const value = yuan(5_000_000);

  it("moves bidding to the end of the announcement period, keeping its length, when the seller's start is earlier", () => {
    const timetable = announcedTimetable({
      publishedAt,
      value,
      startsAt: new Date("2026-11-25T09:00:00+08:00"),
      endsAt: new Date("2026-11-28T09:00:00+08:00"),
      settings: defaultAnnouncementSettings,
    });
    expect(timetable).toEqual({
      announcementEndsAt: new Date("2026-12-01T10:00:00+08:00"),
      startsAt: new Date("2026-12-01T10:00:00+08:00"),
      endsAt: new Date("2026-12-04T10:00:00+08:00"),
      period: { days: 7, workingDays: true },
    });
  });

  it("keeps the seller's timetable when bidding starts after the announcement period", () => {
    const startsAt = new Date("2026-12-10T10:00:00+08:00");
    const endsAt = new Date("2026-12-13T10:00:00+08:00");
    const timetable = announcedTimetable({ publishedAt, value, startsAt, endsAt, settings: defaultAnnouncementSettings });
    expect(timetable.startsAt).toEqual(startsAt);
    expect(timetable.endsAt).toEqual(endsAt);
  });

  it("keeps the seller's timetable when bidding starts the moment the announcement period ends", () => {
    const startsAt = new Date("2026-12-01T10:00:00+08:00");
    const endsAt = new Date("2026-12-02T10:00:00+08:00");
    const timetable = announcedTimetable({ publishedAt, value, startsAt, endsAt, settings: defaultAnnouncementSettings });
    expect(timetable.startsAt).toEqual(startsAt);
    expect(timetable.endsAt).toEqual(endsAt);
  });

  it("announces a listing above CNY 100M for 20 working days", () => {
    const timetable = announcedTimetable({
      publishedAt,
      value: HUNDRED_MILLION + 1n,
      startsAt: publishedAt,
      endsAt: new Date(publishedAt.getTime() + 3 * DAY),
      settings: defaultAnnouncementSettings,
    });
    expect(timetable.period).toEqual({ days: 20, workingDays: true });
    expect(timetable.announcementEndsAt).toEqual(new Date("2026-12-18T10:00:00+08:00"));
    expect(timetable.startsAt).toEqual(new Date("2026-12-18T10:00:00+08:00"));
    expect(timetable.endsAt).toEqual(new Date("2026-12-21T10:00:00+08:00"));
  });

  /** The default periods, written out from docs/domain.md "Announcements and their periods". */
  const expectedDays = (v: bigint) => (v <= TEN_MILLION ? 7 : v <= FIFTY_MILLION ? 10 : v <= HUNDRED_MILLION ? 15 : 20);

  it("opens bidding at the later of the seller's start and the announcement's end, for as long as the seller chose (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2035-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.integer({ min: -5 * DAY, max: 60 * DAY }),
        fc.integer({ min: 1, max: 30 * DAY }),
        (published, v, startOffset, duration) => {
          const startsAt = new Date(published.getTime() + startOffset);
          const endsAt = new Date(startsAt.getTime() + duration);
          const t = announcedTimetable({
            publishedAt: published,
            value: v,
            startsAt,
            endsAt,
            settings: defaultAnnouncementSettings,
          });
          expect(t.period).toEqual({ days: expectedDays(v), workingDays: true });
          expect(t.announcementEndsAt.getTime() - published.getTime()).toBeGreaterThanOrEqual(expectedDays(v) * DAY);
          const opens = Math.max(startsAt.getTime(), t.announcementEndsAt.getTime());
          expect(t.startsAt.getTime()).toBe(opens);
          expect(t.endsAt.getTime() - t.startsAt.getTime()).toBe(duration);
          if (startsAt < t.announcementEndsAt) {
            expect(t.startsAt).toEqual(t.announcementEndsAt);
          } else {
            expect(t.startsAt).toEqual(startsAt);
            expect(t.endsAt).toEqual(endsAt);
          }
        },
      ),
    );
  });
});
