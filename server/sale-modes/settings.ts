import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { platformSettings } from "../../db/schema/index";

/**
 * The platform's `sale_modes` setting. A negotiated transfer of a whole package takes a large
 * book out of open competition, so it is off unless the platform allows it.
 */
export const saleModesSettingSchema = z.object({
  negotiatedPackages: z.boolean(),
});
export type SaleModesSetting = z.infer<typeof saleModesSettingSchema>;

export const defaultSaleModesSetting: SaleModesSetting = { negotiatedPackages: false };

export async function saleModesSetting(tx: Db): Promise<SaleModesSetting> {
  const [row] = await tx.select().from(platformSettings).where(eq(platformSettings.key, "sale_modes"));
  const parsed = row ? saleModesSettingSchema.safeParse(row.value) : null;
  return parsed?.success ? parsed.data : defaultSaleModesSetting;
}
