import { useTranslation } from "react-i18next";

/** A refusal to try again yet, saying how long to wait: in seconds under two minutes, in minutes beyond. */
export function WaitNotice({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  const wait = Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : 1;
  const text = wait < 120 ? t("auth.waitSeconds", { count: wait }) : t("auth.waitMinutes", { count: Math.ceil(wait / 60) });
  return (
    <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {text}
    </p>
  );
}
