import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonStyle } from "./forms";
import type { DepositForPage } from "../lib/payments.server";
import { formatMoney } from "../../core/money";
import { Money } from "./listing-bits";

const tones: Record<DepositForPage["status"], string> = {
  required: "bg-amber-100 text-amber-900",
  pending: "bg-amber-100 text-amber-900",
  held: "bg-emerald-100 text-emerald-900",
  applied: "bg-sky-100 text-sky-900",
  released: "bg-slate-100 text-slate-800",
  forfeited: "bg-rose-100 text-rose-900",
  failed: "bg-rose-100 text-rose-900",
  expired: "bg-slate-100 text-slate-800",
};

/** Where a deposit stands, and how much of it has come while it is awaited. */
export function DepositBadge({ deposit, amount = true }: { deposit: DepositForPage | null; amount?: boolean }) {
  const { t, i18n } = useTranslation();
  if (!deposit) return <span className="text-slate-600">{t("payments.none")}</span>;
  const awaited = deposit.status === "required" || deposit.status === "pending";
  return (
    <span className="inline-flex flex-col items-start gap-0.5" data-testid="deposit-status" data-status={deposit.status}>
      <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${tones[deposit.status]}`}>
        {t(`payments.status.${deposit.status}`)}
      </span>
      {!amount ? null : awaited && deposit.received !== "0" ? (
        <span className="text-xs text-slate-700">
          {t("payments.partly", {
            received: formatMoney(deposit.received, deposit.currency, i18n.language),
            expected: formatMoney(deposit.expected, deposit.currency, i18n.language),
          })}
        </span>
      ) : (
        <span className="text-xs text-slate-700">
          <Money value={deposit.received === "0" ? deposit.expected : deposit.received} currency={deposit.currency} />
        </span>
      )}
    </span>
  );
}

/**
 * How to pay one deposit: the account, the amount and the reference to quote; or, where the deposit
 * is held on a card, the way to Stripe's page; or word that the account is being set up.
 */
export function PaymentInstructionsCard({
  title,
  deposit,
  registrationId,
}: {
  title: string;
  deposit: DepositForPage;
  registrationId: string;
}) {
  const { t, i18n } = useTranslation();
  const pay = deposit.instructions;
  if (!pay) return null;
  const row = (label: string, value: React.ReactNode, testId?: string) => (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd className="font-medium break-all" data-testid={testId}>
        {value}
      </dd>
    </>
  );
  return (
    <li
      className="rounded-lg border border-amber-300 bg-amber-50 p-4"
      data-testid="deposit-instructions"
      data-method={pay.method}
    >
      <p className="font-semibold">{t("payments.payFor", { title })}</p>
      {pay.method === "bank_transfer" ? (
        <>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {row(t("payments.amount"), <Money value={pay.amount} currency={pay.currency} />, "deposit-amount")}
            {row(t("payments.bank"), pay.bank)}
            {row(t("payments.accountName"), pay.accountName)}
            {row(t("payments.accountNumber"), <span className="font-mono">{pay.accountNumber}</span>)}
            {row(t("payments.reference"), <span className="font-mono text-base">{pay.reference}</span>, "deposit-reference")}
          </dl>
          <p className="mt-2 text-xs text-slate-700">
            {pay.provider === "stripe" ? `${t("payments.stripeAccount")} ` : null}
            {t("payments.referenceHint")}
          </p>
        </>
      ) : pay.method === "card" ? (
        <Form method="post" className="mt-2 space-y-2 text-sm">
          <p>{t("payments.card.intro")}</p>
          <input type="hidden" name="intent" value="card-hold" />
          <input type="hidden" name="registrationId" value={registrationId} />
          <button type="submit" className={buttonStyle("primary", "sm")}>
            {t("payments.card.hold", { amount: formatMoney(pay.amount, pay.currency, i18n.language) })}
          </button>
          <p className="text-xs text-slate-700">{t("payments.card.away")}</p>
        </Form>
      ) : (
        <p className="mt-2 text-sm" role="status">
          {t("payments.preparing")}
        </p>
      )}
    </li>
  );
}
