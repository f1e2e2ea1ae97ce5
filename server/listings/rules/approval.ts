import { z } from "zod";
import type { Role } from "../../../core/enums";
import { MINOR_PER_MAJOR } from "../../../core/money";
import { addDays, DEFAULT_TIME_ZONE } from "../../../core/time";

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
  timeZone: z.string().default(DEFAULT_TIME_ZONE),
});
export type AnnouncementSettings = z.infer<typeof announcementSettingsSchema>;

export const defaultAnnouncementSettings: AnnouncementSettings = {
  tiers: [
    { upTo: major(10_000_000).toString(), days: 7, workingDays: true },
    { upTo: major(50_000_000).toString(), days: 10, workingDays: true },
    { upTo: major(100_000_000).toString(), days: 15, workingDays: true },
    { upTo: null, days: 20, workingDays: true },
  ],
  timeZone: DEFAULT_TIME_ZONE,
};

export function announcementPeriod(value: bigint, settings: AnnouncementSettings): { days: number; workingDays: boolean } {
  const tiers = [...settings.tiers].sort((a, b) =>
    a.upTo === null ? 1 : b.upTo === null ? -1 : BigInt(a.upTo) < BigInt(b.upTo) ? -1 : 1,
  );
  const tier = tiers.find((t) => t.upTo === null || value <= BigInt(t.upTo)) ?? tiers[tiers.length - 1]!;
  return { days: tier.days, workingDays: tier.workingDays };
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
