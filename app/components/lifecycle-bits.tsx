import { useTranslation } from "react-i18next";
import type { TermsFieldIssue } from "../lib/listing-terms";
import { formatMoney } from "../../core/money";

/** A refused action as a page shows it: the code, its details, and the terms' problems by field. */
export interface Refusal {
  code: string;
  params?: Record<string, string>;
  fields?: Record<string, TermsFieldIssue>;
}

const moneyParams = new Set(["min", "max"]);

/** The translated text of one field's problem; money in its params is formatted in the listing's currency. */
export function useTermsIssueText(currency: string) {
  const { t, i18n } = useTranslation();
  return (field: string, issue: TermsFieldIssue): string => {
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

/** The translated sentence for a lifecycle refusal, with statuses, actions and roles in words. */
export function useRefusalText() {
  const { t } = useTranslation();
  return (refusal: Refusal): string => {
    const params: Record<string, string> = { ...(refusal.params ?? {}) };
    if (params.status) params.status = t(`status.${params.status}`, { defaultValue: params.status });
    if (params.action) params.action = t(`lifecycleAction.${params.action}`, { defaultValue: params.action });
    if (params.role) params.role = t(`role.${params.role}`, { defaultValue: params.role });
    return t(`lifecycleError.${refusal.code}`, { ...params, defaultValue: t("lifecycleError.generic") });
  };
}

/** A refusal announced at once, with the terms' problems listed when the terms were the reason. */
export function RefusalAlert({ refusal, currency }: { refusal?: Refusal | null; currency: string }) {
  const text = useRefusalText();
  const issueText = useTermsIssueText(currency);
  const label = useTermsFieldLabel(currency);
  if (!refusal) return null;
  const fields = Object.entries(refusal.fields ?? {});
  return (
    <div role="alert" className="rounded border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-800">
      <p>{text(refusal)}</p>
      {fields.length > 0 ? (
        <ul className="mt-1 list-disc pl-5">
          {fields.map(([field, issue]) => (
            <li key={field}>
              {label(field)}: {issueText(field, issue)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** "Yes" or "No" in words, with the tone of the answer. */
export function YesNo({ value }: { value: boolean }) {
  const { t } = useTranslation();
  return <span className={value ? "text-emerald-800" : "text-amber-800"}>{value ? t("manage.yes") : t("manage.no")}</span>;
}
