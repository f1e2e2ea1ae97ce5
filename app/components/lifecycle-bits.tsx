import { useTranslation } from "react-i18next";
import { formatMoney } from "../../core/money";
import type { FieldIssue, Refusal } from "../lib/refusal";

const moneyParams = new Set(["min", "max"]);

/** The translated text of one field's problem; money in its params is formatted in the listing's currency. */
export function useTermsIssueText(currency: string) {
  const { t, i18n } = useTranslation();
  return (field: string, issue: FieldIssue): string => {
    if (issue.code === "INVALID") {
      const base = field.startsWith("rightOfFirstRefusalHolders.") ? field.split(".").pop()! : field;
      return t(`terms.invalid.${base}`, { defaultValue: t("terms.invalid.generic") });
    }
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(issue.params ?? {})) {
      params[key] = moneyParams.has(key) && /^\d+$/.test(value) ? formatMoney(value, currency, i18n.language) : value;
    }
    return t(`terms.errors.${issue.code}`, {
      ...params,
      defaultValue: t(`lifecycleError.${issue.code}`, { ...params, defaultValue: t("lifecycleError.generic") }),
    });
  };
}

/** The label of a terms field, for a summary of problems. */
export function useTermsFieldLabel(currency: string) {
  const { t } = useTranslation();
  const unit = t(`auction.currencyUnit.${currency}`, { defaultValue: currency });
  return (field: string): string => {
    const row = /^rightOfFirstRefusalHolders\.(\d+)\.(name|rank)$/.exec(field);
    if (row) return t(row[2] === "name" ? "terms.rofrName" : "terms.rofrRank", { row: Number(row[1]) + 1 });
    return t(`terms.label.${field}`, { unit, defaultValue: field });
  };
}

/** The terms' problems of a refusal, one by one, listed under its sentence. */
export function TermsIssues({ refusal, currency }: { refusal?: Refusal | null; currency: string }) {
  const issueText = useTermsIssueText(currency);
  const label = useTermsFieldLabel(currency);
  const fields = Object.entries(refusal?.fields ?? {});
  if (fields.length === 0) return null;
  return (
    <ul className="mt-1 list-disc pl-5">
      {fields.map(([field, issue]) => (
        <li key={field}>
          {label(field)}: {issueText(field, issue)}
        </li>
      ))}
    </ul>
  );
}

/** "Yes" or "No" in words, with the tone of the answer. */
export function YesNo({ value }: { value: boolean }) {
  const { t } = useTranslation();
  return <span className={value ? "text-emerald-800" : "text-amber-800"}>{value ? t("manage.yes") : t("manage.no")}</span>;
}
