import { useTranslation } from "react-i18next";
import { formatMoney } from "../../core/money";
import { remaining } from "../../core/time";
import { useServerNow } from "../lib/use-server-now";

const statusStyle: Record<string, string> = {
  live: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  announced: "bg-sky-100 text-sky-900 ring-sky-300",
  suspended: "bg-amber-100 text-amber-900 ring-amber-300",
  failed: "bg-rose-100 text-rose-900 ring-rose-300",
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${statusStyle[status] ?? "bg-slate-100 text-slate-800 ring-slate-300"}`}
    >
      {status === "live" ? <span aria-hidden className="mr-1 h-1.5 w-1.5 rounded-full bg-emerald-600" /> : null}
      {t(`status.${status}`)}
    </span>
  );
}

export function Money({ value, currency, compact }: { value: string | null; currency: string; compact?: boolean }) {
  const { i18n } = useTranslation();
  if (value === null) return null;
  return <span className="tabular-nums">{formatMoney(value, currency, i18n.language, { compact })}</span>;
}

export function TimeLeft({ until }: { until: string }) {
  const { t } = useTranslation();
  const now = useServerNow();
  const left = remaining(Date.parse(until), now);
  if (left.totalMs === 0) return <span>{t("time.over")}</span>;
  const parts =
    left.days > 0
      ? [t("time.d", { count: left.days }), t("time.h", { count: left.hours })]
      : left.hours > 0
        ? [t("time.h", { count: left.hours }), t("time.m", { count: left.minutes })]
        : [t("time.m", { count: left.minutes }), t("time.s", { count: left.seconds })];
  const urgent = left.totalMs < 3_600_000;
  return (
    <time dateTime={until} className={`tabular-nums ${urgent ? "font-semibold text-rose-700" : ""}`}>
      {parts.join(" ")}
    </time>
  );
}

/** What the clock means for a listing in this status: time to start, time to end, or nothing. */
export function ListingClock({ status, startsAt, endsAt }: { status: string; startsAt: string | null; endsAt: string | null }) {
  const { t } = useTranslation();
  if (status === "live" && endsAt)
    return (
      <>
        <dt className="text-slate-600">{t("listing.endsIn")}</dt>
        <dd>
          <TimeLeft until={endsAt} />
        </dd>
      </>
    );
  if (status === "announced" && startsAt)
    return (
      <>
        <dt className="text-slate-600">{t("listing.startsIn")}</dt>
        <dd>
          <TimeLeft until={startsAt} />
        </dd>
      </>
    );
  return null;
}
