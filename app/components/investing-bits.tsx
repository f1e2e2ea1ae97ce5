import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../core/time";
import { formatInZone } from "../../core/time";

/** Dates as the reader writes them, in China Standard Time like every other time on the site. */
export function useDates() {
  const { i18n } = useTranslation();
  return {
    date: (iso: string) => formatInZone(iso, i18n.language, { dateStyle: "medium" }),
    dateTime: (iso: string) => formatDateTime(iso, i18n.language),
  };
}

/** An announcement is published in both languages: a Chinese reader gets the Chinese one. */
export function isChinese(language: string) {
  return language.toLowerCase().startsWith("zh");
}

export function PeriodLabel({ days, workingDays }: { days: number; workingDays: boolean }) {
  const { t } = useTranslation();
  return <>{t(workingDays ? "announcements.periodWorking" : "announcements.periodCalendar", { count: days })}</>;
}

const registrationTone: Record<string, string> = {
  pending: "bg-amber-100 text-amber-900 ring-amber-300",
  approved: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  rejected: "bg-rose-100 text-rose-900 ring-rose-300",
  withdrawn: "bg-slate-100 text-slate-800 ring-slate-300",
};

export function RegistrationBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${registrationTone[status] ?? registrationTone.withdrawn}`}
    >
      {t(`investing.registrationStatus.${status}`)}
    </span>
  );
}

export function Pagination({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("investing.pagination")} className="mt-6 flex items-center justify-center gap-4 text-sm">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} className="underline">
          {t("investing.previous")}
        </Link>
      ) : null}
      <span>{t("investing.page", { page, pages })}</span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} className="underline">
          {t("investing.next")}
        </Link>
      ) : null}
    </nav>
  );
}

export function Notice({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      {message}
    </p>
  );
}
