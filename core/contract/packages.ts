import { z } from "zod";
import { moneyString } from "../money";
import { stratificationDimensions, type Figures, type Stratification } from "../stratification";

/** Packages as the API and the seller's pages exchange them (docs/domain.md "Packages and stratification"). */

/** A package is built from assets picked by id, or from every loan a tape brought in. */
export const packageInputSchema = z
  .object({
    title: z.string().trim().min(3, { message: "Give the package a title of at least 3 characters" }).max(200),
    description: z.string().trim().max(4000).default(""),
    organisationId: z.uuid().optional(),
    assetIds: z.array(z.uuid()).max(100_000).optional(),
    tapeId: z.uuid().optional(),
  })
  .refine((p) => Boolean(p.assetIds?.length) !== Boolean(p.tapeId), {
    message: "Pick the assets, or name the tape whose loans it holds (one of the two)",
    path: ["assetIds"],
  });
export type PackageInput = z.infer<typeof packageInputSchema>;

const figures = { count: z.number().int(), principal: moneyString, interest: moneyString, collateral: moneyString };

export const stratumSchema = z.object({
  key: z.string(),
  ...figures,
  /** Shares of the package's count and principal, in basis points (each column sums to 10,000). */
  countShareBp: z.number().int(),
  principalShareBp: z.number().int(),
});

export const stratificationSchema = z.object({
  currency: z.string(),
  totals: z.object(figures),
  dimensions: z.object(
    Object.fromEntries(stratificationDimensions.map((d) => [d, z.array(stratumSchema)])) as Record<
      (typeof stratificationDimensions)[number],
      z.ZodArray<typeof stratumSchema>
    >,
  ),
});
export type StratificationView = z.infer<typeof stratificationSchema>;

export const packageSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  currency: z.string(),
  assetCount: z.number().int(),
  principal: moneyString,
  createdAt: z.iso.datetime(),
});
export type PackageView = z.infer<typeof packageSchema>;

/** The stratification as JSON: amounts as decimal strings of minor units. */
export function stratificationView(currency: string, s: Stratification): StratificationView {
  const money = (f: Figures) => ({
    count: f.count,
    principal: f.principal.toString(),
    interest: f.interest.toString(),
    collateral: f.collateral.toString(),
  });
  const dimensions = {} as StratificationView["dimensions"];
  for (const d of stratificationDimensions) {
    dimensions[d] = s.dimensions[d].map((stratum) => ({
      key: stratum.key,
      ...money(stratum),
      countShareBp: stratum.countShareBp,
      principalShareBp: stratum.principalShareBp,
    }));
  }
  return { currency, totals: money(s.totals), dimensions };
}
