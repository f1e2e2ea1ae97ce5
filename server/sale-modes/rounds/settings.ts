import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client";
import { platformSettings } from "../../../db/schema/index";
import { defaultRoundSettings } from "./rules";
import type { AnnouncementSettings } from "../../listings/rules/approval";

/**
 * The platform's `rounds` setting: the rules of rounds.ts (re-listing window, deepest cut, when the
 * fixed-price sale is due, how long it stands, its window) and how much shorter a later round's
 * announcement is. A later round repeats a disclosure the market has already read, so it is
 * announced for a share of the usual period, never below a floor.
 */
export const roundsSettingSchema = z.object({
  relistWithinDays: z.number().int().min(1).max(365),
  maxCutPercent: z.number().int().min(0).max(90),
  fixedPriceAfterFailures: z.number().int().min(1).max(10),
  fixedPriceMaxDays: z.number().int().min(1).max(365),
  fixedPriceWindowHours: z.number().int().min(1).max(336),
  /** A later round's announcement period as a percentage of the usual one, rounded up. */
  relistAnnouncementPercent: z.number().int().min(10).max(100),
  /** ...and never fewer days than this (counted as the usual tier counts them). */
  relistAnnouncementMinDays: z.number().int().min(1).max(90),
});
export type RoundsSetting = z.infer<typeof roundsSettingSchema>;

export const defaultRoundsSetting: RoundsSetting = {
  ...defaultRoundSettings,
  relistAnnouncementPercent: 50,
  relistAnnouncementMinDays: 3,
};

/** The stored setting, or the defaults when none is stored or the stored one no longer reads. */
export async function roundsSetting(tx: Db): Promise<RoundsSetting> {
  const [row] = await tx.select().from(platformSettings).where(eq(platformSettings.key, "rounds"));
  if (!row) return defaultRoundsSetting;
  const parsed = roundsSettingSchema.safeParse(row.value);
  return parsed.success ? parsed.data : defaultRoundsSetting;
}

/**
 * The announcement periods that apply to a listing of this round: the usual ones for a first
 * listing; for a later round each tier's period cut to the setting's share (rounded up), at least
 * its minimum and never longer than the usual period. Pure: the publish step passes
 * `listing.round` and the two settings.
 */
export function announcementSettingsForRound(
  settings: AnnouncementSettings,
  round: number,
  rounds: Pick<RoundsSetting, "relistAnnouncementPercent" | "relistAnnouncementMinDays"> = defaultRoundsSetting,
): AnnouncementSettings {
  if (round <= 1) return settings;
  return {
    ...settings,
    tiers: settings.tiers.map((tier) => ({
      ...tier,
      days: Math.min(
        tier.days,
        Math.max(rounds.relistAnnouncementMinDays, Math.ceil((tier.days * rounds.relistAnnouncementPercent) / 100)),
      ),
    })),
  };
}
