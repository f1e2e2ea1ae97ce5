import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleIn } from "../../core/bilingual";
import { formatBp } from "../../core/disposal-report";
import { formatMoney } from "../../core/money";
import { RecoveryChartLater } from "../components/closing-charts-later";
import { DataTable } from "../components/data-table";
import { StatusBadge } from "../components/listing-bits";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "seller.listings.read");
  const [t, recovery] = await Promise.all([i18nServer.getFixedT(request), context.services.disposalReports.recovery(principal)]);
  return {
    title: t("closing.recovery.title"),
    overall: recovery.overall,
    items: recovery.items.map((i) => ({
      ...i,
      closedAt: i.closedAt?.toISOString() ?? null,
      price: i.price?.toString() ?? null,
      owed: i.owed.toString(),
      valuation: i.valuation?.toString() ?? null,
    })),
  };
}

export default function Recovery() {
  const { items, overall } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const chart = items
    .filter((i) => i.recoveryBp !== null)
    .map((i) => ({ name: titleIn(i, i18n.language), rate: i.recoveryBp! / 100 }));
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("closing.recovery.title")}</h1>
      <p className="mt-2 text-slate-700">{t("closing.recovery.intro")}</p>
      {overall.map((o) => (
        <p key={o.currency} className="mt-3 text-lg font-semibold" data-testid="overall-recovery">
          {t("closing.recovery.overall", { currency: o.currency, rate: formatBp(o.recoveryBp, i18n.language) })}
        </p>
      ))}
      {items.length === 0 ? (
        <p className="mt-4 text-slate-700">{t("closing.recovery.empty")}</p>
      ) : (
        <>
          {chart.length > 0 ? (
            <section aria-labelledby="chart-heading" className="mt-6">
              <h2 id="chart-heading" className="text-lg font-semibold">
                {t("closing.recovery.chartHeading")}
              </h2>
              <div
                aria-hidden
                style={{ height: Math.max(140, 40 + chart.length * 28) }}
                className="mt-2 rounded border border-slate-200 bg-white p-2"
              >
                <RecoveryChartLater bars={chart} />
              </div>
            </section>
          ) : null}
          <div className="mt-6">
            <DataTable
              caption={t("closing.recovery.caption")}
              rows={items}
              rowKey={(i) => i.id}
              columns={[
                {
                  key: "listing",
                  header: t("closing.recovery.colListing"),
                  primary: true,
                  cell: (i) => (
                    <Link to={`/listings/${i.id}/report`} className="text-brand-700 underline">
                      {titleIn(i, i18n.language)}
                    </Link>
                  ),
                },
                { key: "status", header: t("closing.recovery.colStatus"), cell: (i) => <StatusBadge status={i.status} /> },
                {
                  key: "price",
                  header: t("closing.recovery.colPrice"),
                  numeric: true,
                  cell: (i) => (i.price === null ? "—" : formatMoney(i.price, i.currency, i18n.language)),
                },
                {
                  key: "owed",
                  header: t("closing.recovery.colOwed"),
                  numeric: true,
                  cell: (i) => formatMoney(i.owed, i.currency, i18n.language),
                },
                {
                  key: "recovery",
                  header: t("closing.recovery.colRecovery"),
                  numeric: true,
                  cell: (i) => formatBp(i.recoveryBp, i18n.language),
                },
              ]}
            />
          </div>
        </>
      )}
    </div>
  );
}
