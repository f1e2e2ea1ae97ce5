import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../core/time";
import { formatMoney } from "../../../core/money";
import type { DefaultActionResult } from "./default.server";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { FormNotice, TextAreaField } from "../../components/forms";
import { useRefusalText } from "../../components/refusal";
import type { Workspace } from "../../components/listing-workspace";

/**
 * The operator's side of a winner's default on an awarded listing: record it (with a reason),
 * offering the lot to the runner-up at its own last bid or failing the award; then where the
 * offer stands.
 */
export function DefaultCard({ listing, result }: { listing: Workspace; result?: DefaultActionResult }) {
  const { t, i18n } = useTranslation();
  const refusalText = useRefusalText();
  const money = (minor: string) => formatMoney(minor, listing.currency, i18n.language);
  const refusal = result && "refusal" in result ? result.refusal : undefined;
  return (
    <section
      aria-labelledby="default-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
      data-testid="default-card"
    >
      <h2 id="default-heading" className="text-lg font-semibold">
        {t("runnerUp.heading")}
      </h2>
      <div className="mt-3 space-y-2">
        <FormNotice message={result && "done" in result ? t(`runnerUp.done_${result.done}`) : null} focus={result} />
        {refusal ? (
          <p role="alert" className="rounded border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {refusalText(refusal)}
          </p>
        ) : null}
      </div>
      {listing.runnerUp ? (
        <p className="mt-2 text-sm" data-testid="runner-up-offer">
          {t("runnerUp.offered", {
            code: listing.runnerUp.bidderCode,
            price: money(listing.runnerUp.price ?? "0"),
            deadline: listing.runnerUp.deadline ? formatDateTime(listing.runnerUp.deadline, i18n.language) : "—",
          })}
        </p>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-700">{t("runnerUp.explain")}</p>
          <div className="mt-3">
            <ConfirmDialog
              triggerLabel={t("runnerUp.record")}
              triggerTone="danger"
              title={t("runnerUp.recordTitle")}
              description={t("runnerUp.recordBody")}
              confirmLabel={t("runnerUp.recordConfirm")}
              tone="danger"
              intent="record_default"
            >
              <TextAreaField id="default-reason" name="reason" label={t("runnerUp.reason")} required maxLength={2000} />
              <label className="mt-3 flex items-start gap-2 text-sm">
                <input type="checkbox" name="offerRunnerUp" defaultChecked className="mt-1 h-4 w-4 accent-brand-700" />
                <span>{t("runnerUp.offerLabel")}</span>
              </label>
              <label className="mt-3 block text-sm">
                <span className="font-medium">{t("runnerUp.deadline")}</span>
                <select
                  name="deadlineHours"
                  defaultValue="72"
                  className="mt-1 block rounded border border-slate-300 bg-white px-2 py-1"
                >
                  {[24, 48, 72, 120].map((h) => (
                    <option key={h} value={h}>
                      {t("negotiation.hours", { count: h })}
                    </option>
                  ))}
                </select>
              </label>
            </ConfirmDialog>
          </div>
        </>
      )}
    </section>
  );
}
