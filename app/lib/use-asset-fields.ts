import { useTranslation } from "react-i18next";
import type { AssetFormValues } from "./asset-form";
import type { Refusal } from "./refusal";

/** The error a field shows: a rule in the reader's language, an unreadable amount, or a refusal tied to it. */
export function useAssetFieldError(refusal: Refusal | null | undefined) {
  const { t } = useTranslation();
  return (path: string): string | undefined => {
    const issue = refusal?.fields?.[path];
    if (!issue) return undefined;
    if (issue.code === "AMOUNT") return t("assets.errors.amount");
    if (refusal.code !== "VALIDATION_FAILED")
      return t(`assets.errors.${refusal.code}`, { ...refusal.params, defaultValue: issue.message ?? issue.code });
    const rule = path.replace(/\.\d+(?=\.|$)/g, "").replace(/^parties\./, "");
    const key = /(On|Deadline)$/.test(rule) ? "date" : rule;
    return t(`assets.rules.${key}`, { defaultValue: issue.message ?? issue.code });
  };
}

export type FieldError = ReturnType<typeof useAssetFieldError>;

/** A text field of the asset form, its value and error looked up by its contract path. */
export function useFieldProps(values: AssetFormValues, error: FieldError) {
  return (name: string) => ({ name, id: `asset-${name}`, defaultValue: values.fields[name] ?? "", error: error(name) });
}
