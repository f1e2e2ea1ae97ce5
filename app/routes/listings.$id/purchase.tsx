import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatMoney } from "../../../core/money";
import { formatDateTime } from "../../../core/time";
import { Money } from "../../components/listing-bits";

interface PurchaseView {
  price: string;
  currency: string;
  depositHeld: string;
  outstanding: string;
  dueAt: string;
  paidAt: string | null;
  instructions: { bank: string; accountName: string; accountNumber: string; reference: string; amount: string } | null;
}

/** The buyer's own banner after the award: what it owes, by when, and where to pay; or that it has paid. */
export function Purchase({ purchase, listingId, status }: { purchase: PurchaseView; listingId: string; status: string }) {
  const { t, i18n } = useTranslation();
  const money = (value: string) => formatMoney(value, purchase.currency, i18n.language);
  const pay = purchase.instructions;
  return (
    <section
      aria-labelledby="purchase-heading"
      className="mt-4 rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm"
      data-testid="purchase"
    >
      <h2 id="purchase-heading" className="text-base font-semibold text-emerald-950">
        {t("payments.purchase.heading", { price: money(purchase.price) })}
      </h2>
      {purchase.paidAt ? (
        <p className="mt-1">{t("payments.purchase.paid", { date: formatDateTime(purchase.paidAt, i18n.language) })}</p>
      ) : (
        <>
          <p className="mt-1">
            {t("payments.purchase.owe", {
              deposit: money(purchase.depositHeld),
              balance: money(purchase.outstanding),
              due: formatDateTime(purchase.dueAt, i18n.language),
            })}
          </p>
          {pay ? (
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              <dt className="text-slate-600">{t("payments.amount")}</dt>
              <dd className="font-medium" data-testid="balance-amount">
                <Money value={pay.amount} currency={purchase.currency} />
              </dd>
              <dt className="text-slate-600">{t("payments.bank")}</dt>
              <dd>{pay.bank}</dd>
              <dt className="text-slate-600">{t("payments.accountName")}</dt>
              <dd>{pay.accountName}</dd>
              <dt className="text-slate-600">{t("payments.accountNumber")}</dt>
              <dd className="font-mono">{pay.accountNumber}</dd>
              <dt className="text-slate-600">{t("payments.reference")}</dt>
              <dd className="font-mono text-base" data-testid="balance-reference">
                {pay.reference}
              </dd>
            </dl>
          ) : null}
          <p className="mt-2 text-xs text-slate-700">{t("payments.purchase.default")}</p>
        </>
      )}
      <NextStep status={status} purchase={purchase} />
      <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1">
        <Link to={`/listings/${listingId}/agreement`} className="font-semibold text-brand-700 underline">
          {t("closing.agreement.link")}
        </Link>
        <a href={`/listings/${listingId}/confirmation.pdf`} className="text-brand-700 underline">
          {t("closing.agreement.confirmationPdf")}
        </a>
        <Link to={`/listings/${listingId}/handover`} className="text-brand-700 underline">
          {t("closing.handover.link")}
        </Link>
      </p>
    </section>
  );
}

/** What the buyer must do now, by when: the step its sale has reached says it. */
function NextStep({ status, purchase }: { status: string; purchase: PurchaseView }) {
  const { t, i18n } = useTranslation();
  const due = formatDateTime(purchase.dueAt, i18n.language);
  const key =
    status === "awarded"
      ? purchase.paidAt
        ? "awardedPaid"
        : "awarded"
      : status === "contracted" || status === "paid" || status === "closed"
        ? status
        : null;
  return key ? (
    <p className="mt-2 font-medium text-emerald-950" data-testid="next-step">
      {t(`closing.next.${key}`, { due })}
    </p>
  ) : null;
}
