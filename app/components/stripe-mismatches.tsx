import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { MismatchForPage } from "../lib/payments.server";
import { formatDateTime } from "../../core/time";
import { DataTable, EmptyState } from "./data-table";
import { WaitingHeading } from "./operator-tabs";

/**
 * Where Stripe's record of a deposit's payment and nplex's disagree, as the reconciliation last
 * found them: what each side says, since when, and the payment to look up in Stripe's dashboard.
 */
export function StripeMismatches({ mismatches }: { mismatches: MismatchForPage[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="stripe-heading" className="space-y-3" data-testid="stripe-mismatches">
      <WaitingHeading id="stripe-heading" title={t("payments.stripe.heading")} count={mismatches.length} />
      <p className="max-w-3xl text-sm text-slate-700">{t("payments.stripe.intro")}</p>
      {mismatches.length === 0 ? (
        <EmptyState>{t("payments.stripe.empty")}</EmptyState>
      ) : (
        <DataTable<MismatchForPage>
          caption={t("payments.stripe.caption", { count: mismatches.length })}
          rows={mismatches}
          rowKey={(row) => row.id}
          columns={[
            {
              key: "kind",
              header: t("payments.stripe.colKind"),
              primary: true,
              cell: (row) => t(`payments.stripe.kind.${row.kind}`, { defaultValue: row.kind }),
            },
            { key: "payer", header: t("payments.operator.colTo"), cell: (row) => row.organisationName },
            {
              key: "listing",
              header: t("payments.operator.colListing"),
              cell: (row) => <Link to={`/listings/${row.listingId}`}>{row.listingTitle}</Link>,
            },
            {
              key: "ours",
              header: t("payments.stripe.colOurs"),
              cell: (row) => <span className="font-mono text-xs">{row.ours}</span>,
            },
            {
              key: "theirs",
              header: t("payments.stripe.colTheirs"),
              cell: (row) => <span className="font-mono text-xs">{row.theirs}</span>,
            },
            {
              key: "payment",
              header: t("payments.stripe.colPayment"),
              cell: (row) => (
                <span className="font-mono text-xs whitespace-nowrap">
                  {row.paymentIntent ?? "—"} · {row.reference}
                </span>
              ),
            },
            {
              key: "since",
              header: t("payments.stripe.colSince"),
              cell: (row) => formatDateTime(row.foundAt, i18n.language),
            },
          ]}
        />
      )}
    </section>
  );
}
