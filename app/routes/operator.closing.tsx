import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { nameIn, titleIn } from "../../core/bilingual";
import { DataTable, EmptyState } from "../components/data-table";
import { useDates } from "../components/investing-bits";
import { StatusBadge } from "../components/listing-bits";
import { OperatorQueueHeader, WaitingHeading } from "../components/operator-tabs";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "listing.operate");
  const [t, sales] = await Promise.all([i18nServer.getFixedT(request), context.services.closingQueue.pending(principal)]);
  return {
    title: t("operatorQueues.closing.title"),
    sales: sales.map((s) => ({
      ...s,
      dueAt: s.dueAt.toISOString(),
      paidAt: s.paidAt?.toISOString() ?? null,
      noticeAt: s.noticeAt?.toISOString() ?? null,
    })),
  };
}

export default function OperatorClosing() {
  const { sales } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const { date } = useDates();
  return (
    <div className="space-y-6">
      <OperatorQueueHeader queue="closing" />
      <section aria-labelledby="closing-heading" className="space-y-3">
        <WaitingHeading id="closing-heading" title={t("operatorQueues.closing.heading")} count={sales.length} tone="sky" />
        {sales.length === 0 ? (
          <EmptyState>{t("operatorQueues.closing.empty")}</EmptyState>
        ) : (
          <DataTable
            caption={t("operatorQueues.closing.heading")}
            captionHidden
            rows={sales}
            rowKey={(s) => s.listingId}
            columns={[
              {
                key: "listing",
                header: t("operatorQueues.closing.colListing"),
                primary: true,
                cell: (s) => (
                  <Link to={`/manage/listings/${s.listingId}`} className="text-brand-700 underline">
                    {titleIn(s, i18n.language)}
                  </Link>
                ),
              },
              {
                key: "buyer",
                header: t("operatorQueues.closing.colBuyer"),
                cell: (s) => nameIn({ name: s.buyer, nameZh: s.buyerZh }, i18n.language),
              },
              { key: "status", header: t("operatorQueues.closing.colStatus"), cell: (s) => <StatusBadge status={s.status} /> },
              {
                key: "agreement",
                header: t("operatorQueues.closing.colAgreement"),
                cell: (s) => (
                  <Link to={`/listings/${s.listingId}/agreement`} className="underline">
                    {t("operatorQueues.closing.signed", { count: s.signatures })}
                  </Link>
                ),
              },
              {
                key: "balance",
                header: t("operatorQueues.closing.colBalance"),
                cell: (s) =>
                  s.paidAt ? (
                    t("operatorQueues.closing.paid")
                  ) : s.overdue ? (
                    <span className="font-semibold text-rose-800">
                      {t("operatorQueues.closing.overdue", { date: date(s.dueAt) })}
                    </span>
                  ) : (
                    t("operatorQueues.closing.dueBy", { date: date(s.dueAt) })
                  ),
              },
              {
                key: "handover",
                header: t("operatorQueues.closing.colHandover"),
                cell: (s) =>
                  s.items === 0
                    ? t("operatorQueues.closing.handoverNone")
                    : t("operatorQueues.closing.handover", { confirmed: s.confirmed, items: s.items }),
              },
              {
                key: "notice",
                header: t("operatorQueues.closing.colNotice"),
                cell: (s) => (s.noticeAt ? date(s.noticeAt) : t("operatorQueues.closing.noticeNone")),
              },
            ]}
          />
        )}
      </section>
    </div>
  );
}
