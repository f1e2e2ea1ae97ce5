import { useTranslation } from "react-i18next";
import type { TapeView } from "../../core/contract/tapes";

const tones: Record<TapeView["status"], string> = {
  validating: "bg-sky-100 text-sky-900",
  invalid: "bg-amber-100 text-amber-900",
  valid: "bg-emerald-100 text-emerald-900",
  applied: "bg-slate-200 text-slate-900",
  cancelled: "bg-slate-100 text-slate-600",
};

/** Where a tape stands, as a badge. */
export function TapeStatus({ status }: { status: TapeView["status"] }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${tones[status]}`}>
      {t(`tapes.status.${status}`)}
    </span>
  );
}

/** The template's four files: XLSX and CSV, in English and Chinese. */
export function TemplateLinks() {
  const { t } = useTranslation();
  const links = [
    ["en", "xlsx", "tapes.templateXlsx"],
    ["zh-CN", "xlsx", "tapes.templateXlsxZh"],
    ["en", "csv", "tapes.templateCsv"],
    ["zh-CN", "csv", "tapes.templateCsvZh"],
  ] as const;
  return (
    <p className="text-sm text-slate-700">
      {t("tapes.templateHint")}{" "}
      {links.map(([lang, format, label], i) => (
        <span key={label}>
          {i ? " · " : null}
          <a href={`/seller/tapes/template?lang=${lang}&format=${format}`} download className="text-brand-700 underline">
            {t(label)}
          </a>
        </span>
      ))}
    </p>
  );
}

/** Reading under way: a bar when the rows to come are known, the counts always. */
export function TapeProgress({ progress }: { progress: TapeView["progress"] }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => value.toLocaleString(i18n.language);
  return (
    <div className="space-y-1">
      <label className="block text-sm font-medium" htmlFor="tape-progress">
        {t("tapes.progress")}
      </label>
      {progress.total ? (
        <progress
          id="tape-progress"
          className="h-3 w-full"
          value={Math.min(progress.written, progress.total)}
          max={progress.total}
        />
      ) : (
        <progress id="tape-progress" className="h-3 w-full" />
      )}
      <p className="text-sm text-slate-700" aria-live="polite">
        {progress.total
          ? t("tapes.progressOf", { parsed: n(progress.parsed), total: n(progress.total) })
          : t("tapes.progressCounts", {
              parsed: n(progress.parsed),
              validated: n(progress.validated),
              written: n(progress.written),
            })}
      </p>
    </div>
  );
}
