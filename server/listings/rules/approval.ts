import { z } from "zod";
import type { Role } from "../../../db/schema/index";
import { MINOR_PER_MAJOR } from "../../../core/money";

const major = (units: number) => BigInt(units) * MINOR_PER_MAJOR;

/**
 * What a listing is worth for approval and announcement purposes: the latest valuation of its
 * lots, or the starting price where that is higher (an unvalued lot is worth at least its start).
 */
export function listingValue(input: { startingPrice: bigint; valuations: readonly (bigint | null)[] }): bigint {
  const valued = input.valuations.reduce<bigint>((sum, v) => sum + (v ?? 0n), 0n);
  return valued > input.startingPrice ? valued : input.startingPrice;
}

export interface ApprovalTier {
  minValue: bigint;
  approvalsRequired: number;
  role: Role;
}

/** A seller that has set no tiers of its own: one approver below 10M, two from 10M, three from 100M. */
export const defaultApprovalTiers: readonly ApprovalTier[] = [
  { minValue: 0n, approvalsRequired: 1, role: "approver" },
  { minValue: major(10_000_000), approvalsRequired: 2, role: "approver" },
  { minValue: major(100_000_000), approvalsRequired: 3, role: "approver" },
];

/**
 * The tier whose authority covers the value (按权限审批): the highest threshold at or below it.
 * An exception (a start below 70% of the valuation, a negotiated transfer) only the top tier may approve.
 */
export function requiredApproval(value: bigint, tiers: readonly ApprovalTier[], exception: boolean): ApprovalTier {
  const sorted = [...(tiers.length ? tiers : defaultApprovalTiers)].sort((a, b) => (a.minValue < b.minValue ? -1 : 1));
  if (exception) return sorted[sorted.length - 1]!;
  return sorted.filter((t) => t.minValue <= value).pop() ?? sorted[0]!;
}

/** Announcement periods by value tier, configurable per platform (docs/domain.md "Announcements and their periods", AMC disposal notices). */
export const announcementSettingsSchema = z.object({
  tiers: z
    .array(
      z.object({
        /** Up to and including this value (minor units as a decimal string); null for "above every other tier". */
        upTo: z.string().regex(/^\d+$/).nullable(),
        days: z.number().int().min(1).max(90),
        workingDays: z.boolean(),
      }),
    )
    .min(1),
  /** Working days are counted in this time zone. */
  timeZone: z.string().default("Asia/Shanghai"),
});
export type AnnouncementSettings = z.infer<typeof announcementSettingsSchema>;

export const defaultAnnouncementSettings: AnnouncementSettings = {
  tiers: [
    { upTo: major(10_000_000).toString(), days: 7, workingDays: true },
    { upTo: major(50_000_000).toString(), days: 10, workingDays: true },
    { upTo: major(100_000_000).toString(), days: 15, workingDays: true },
    { upTo: null, days: 20, workingDays: true },
  ],
  timeZone: "Asia/Shanghai",
};

export function announcementPeriod(value: bigint, settings: AnnouncementSettings): { days: number; workingDays: boolean } {
  const tiers = [...settings.tiers].sort((a, b) =>
    a.upTo === null ? 1 : b.upTo === null ? -1 : BigInt(a.upTo) < BigInt(b.upTo) ? -1 : 1,
  );
  const tier = tiers.find((t) => t.upTo === null || value <= BigInt(t.upTo)) ?? tiers[tiers.length - 1]!;
  return { days: tier.days, workingDays: tier.workingDays };
}

/** The wall-clock fields of an instant in a time zone. */
function zoned(date: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    })
      .formatToParts(date)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<"year" | "month" | "day" | "hour" | "minute" | "second", number>;
  return parts;
}

/** How far the zone's wall clock is ahead of UTC at this instant. */
function offsetMs(at: number, timeZone: string) {
  const z = zoned(new Date(at), timeZone);
  return Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute, z.second) - (at - (((at % 1000) + 1000) % 1000));
}

/** The instant at which the zone's wall clock shows these fields (daylight saving included). */
function fromZoned(
  fields: { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number },
  timeZone: string,
) {
  const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, fields.ms);
  const first = wall - offsetMs(wall, timeZone);
  const second = wall - offsetMs(first, timeZone);
  return new Date(second);
}

/**
 * `from` plus `days` calendar days at the same wall-clock time in the platform's time zone;
 * working days skip Saturdays and Sundays. Public holidays are not modelled.
 */
export function addDays(from: Date, days: number, workingDays: boolean, timeZone: string): Date {
  const start = zoned(from, timeZone);
  // Calendar arithmetic on the local date, done in UTC where every day has 24 hours.
  const date = new Date(Date.UTC(start.year, start.month - 1, start.day));
  let counted = 0;
  while (counted < days) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (!workingDays || (weekday !== 0 && weekday !== 6)) counted += 1;
  }
  return fromZoned(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: start.hour,
      minute: start.minute,
      second: start.second,
      ms: from.getUTCMilliseconds(),
    },
    timeZone,
  );
}

/**
 * The timetable an announcement publishes: bidding opens at the later of the seller's start and
 * the end of the announcement period, and keeps the duration the seller chose.
 */
export function announcedTimetable(input: {
  publishedAt: Date;
  value: bigint;
  startsAt: Date;
  endsAt: Date;
  settings: AnnouncementSettings;
}): { announcementEndsAt: Date; startsAt: Date; endsAt: Date; period: { days: number; workingDays: boolean } } {
  const period = announcementPeriod(input.value, input.settings);
  const announcementEndsAt = addDays(input.publishedAt, period.days, period.workingDays, input.settings.timeZone);
  const shift = Math.max(0, announcementEndsAt.getTime() - input.startsAt.getTime());
  return {
    announcementEndsAt,
    startsAt: new Date(input.startsAt.getTime() + shift),
    endsAt: new Date(input.endsAt.getTime() + shift),
    period,
  };
}
