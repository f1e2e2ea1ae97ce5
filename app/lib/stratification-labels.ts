import { placeName } from "../../core/regions";
import { UNKNOWN, type StratificationDimension } from "../../core/stratification";

/** Where a group's key finds its words: the lists the screens already name, else the key itself (a province, a year). */
const labelKeys: Partial<Record<StratificationDimension, string>> = {
  classification: "classification",
  security: "security",
  litigationStatus: "litigation",
  collateralType: "assets.collateralType",
  balance: "packages.band",
};

type T = (key: string, options?: { defaultValue: string }) => string;

/** A stratification group's name in the reader's language, on the page and in the export alike. */
export function stratumLabel(t: T, language: string, dimension: StratificationDimension, key: string): string {
  if (key === UNKNOWN) return t("packages.unknown");
  if (dimension === "province" || dimension === "city") return placeName(key, language);
  const prefix = labelKeys[dimension];
  return prefix ? t(`${prefix}.${key}`, { defaultValue: key }) : key;
}
