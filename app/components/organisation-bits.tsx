import { useTranslation } from "react-i18next";

const orgStatusStyle: Record<string, string> = {
  approved: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  pending: "bg-amber-100 text-amber-900 ring-amber-300",
  rejected: "bg-rose-100 text-rose-900 ring-rose-300",
  suspended: "bg-slate-200 text-slate-900 ring-slate-400",
};

/** An organisation's verification status, in words (colour only repeats them). */
export function OrgStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ${orgStatusStyle[status] ?? orgStatusStyle.suspended}`}
    >
      {t(`orgStatus.${status}`)}
    </span>
  );
}
