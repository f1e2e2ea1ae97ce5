import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleIn } from "../../core/bilingual";
import { formatBp } from "../../core/disposal-report";
import { formatMoney } from "../../core/money";
import { PriceChartLater } from "../components/closing-charts-later";
import { DataTable } from "../components/data-table";
import { useDates } from "../components/investing-bits";
import { StatusBadge } from "../components/listing-bits";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { refusalOf } from "../lib/refusal.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const text = (v: bigint | null) => (v === null ? null : v.toString());

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const [t, r] = await Promise.all([
    i18nServer.getFixedT(request),
    context.services.disposalReports.report(principal, params.id ?? "").catch((error: unknown) => {
      throw new Response("Not found", { status: refusalOf(error).status });
    }),
  ]);
  const f = r.figures;
  return {
    title: t("closing.report.title"),
    listing: { ...r.listing, closedAt: r.listing.closedAt?.toISOString() ?? null },
    figures: {
      price: text(f.price),
      principal: text(f.principal),
      interest: text(f.interest),
      owed: text(f.owed),
      valuation: text(f.valuation),
      start: text(f.start),
      recoveryBp: f.recoveryBp,
      ofValuationBp: f.ofValuationBp,
      ofStartBp: f.ofStartBp,
    },
    bidders: r.bidders,
    bids: r.bids.map((b) => ({ ...b, amount: b.amount.toString(), placedAt: b.placedAt.toISOString() })),
    timeline: r.timeline,
  };
}

export default function DisposalReport() {
  const { listing, figures, bidders, bids, timeline } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const { dateTime } = useDates();
  const money = (v: string | null) => (v === null ? "—" : formatMoney(v, listing.currency, i18n.language));
  const rate = (bp: number | null) => formatBp(bp, i18n.language);
  const figure = (label: string, value: string, testId?: string) => (
    <div className="rounded border border-slate-200 bg-white p-3">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  // Major units for the chart's axis: it draws the shape, the table below gives the exact amounts.
  const chart = bids.map((b) => ({ seq: b.seq, amount: Number(BigInt(b.amount) / 100n) }));

  return (
    <div className="mx-auto max-w-5xl">
      <p className="text-sm">
        <Link to={`/listings/${listing.id}`} className="text-brand-700 underline">
          ← {t("investing.backToListing")}
        </Link>
      </p>
      <h1 className="mt-3 text-2xl font-bold tracking-tight sm:text-3xl">{t("closing.report.title")}</h1>
      <p className="mt-1 flex flex-wrap items-center gap-2 text-lg text-slate-800">
        {titleIn(listing, i18n.language)} <StatusBadge status={listing.status} />
      </p>
      <p className="mt-2 text-slate-700">{t("closing.report.intro")}</p>
      <p className="mt-2 flex flex-wrap gap-x-4 text-sm">
        <a href={`/listings/${listing.id}/report.csv`} className="text-brand-700 underline">
          {t("closing.report.csv")}
        </a>
        <a href={`/listings/${listing.id}/report.pdf`} className="text-brand-700 underline">
          {t("closing.report.pdf")}
        </a>
      </p>

      <dl className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {figure(t("closing.report.recovery"), rate(figures.recoveryBp), "recovery-rate")}
        {figure(t("closing.report.price"), figures.price === null ? t("closing.report.notSold") : money(figures.price))}
        {figure(t("closing.report.owed"), money(figures.owed))}
        {figure(t("closing.report.valuation"), money(figures.valuation))}
        {figure(t("closing.report.principal"), money(figures.principal))}
        {figure(t("closing.report.interest"), money(figures.interest))}
        {figure(t("closing.report.start"), money(figures.start))}
        {figure(t("closing.report.ofValuation"), rate(figures.ofValuationBp))}
        {figure(t("closing.report.ofStart"), rate(figures.ofStartBp))}
        {figure(t("closing.report.bidders"), String(bidders))}
        {figure(t("closing.report.bids"), String(bids.length))}
        {figure(t("closing.report.extensions"), String(listing.extensions))}
      </dl>
      <p className="mt-2 text-xs text-slate-600">{t("closing.report.recoveryHint")}</p>

      <section aria-labelledby="chart-heading" className="mt-6">
        <h2 id="chart-heading" className="text-lg font-semibold">
          {t("closing.report.chartHeading")}
        </h2>
        {bids.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{t("closing.report.noBids")}</p>
        ) : (
          <>
            <div aria-hidden className="mt-2 h-56 rounded border border-slate-200 bg-white p-2" data-testid="price-chart">
              <PriceChartLater points={chart} />
            </div>
            <div className="mt-3">
              <DataTable
                caption={t("closing.report.bidsCaption")}
                rows={bids}
                rowKey={(b) => String(b.seq)}
                columns={[
                  { key: "seq", header: t("closing.report.colBid"), cell: (b) => `#${b.seq}`, primary: true },
                  { key: "bidder", header: t("closing.report.colBidder"), cell: (b) => b.bidderCode ?? "—" },
                  { key: "amount", header: t("closing.report.colAmount"), cell: (b) => money(b.amount), numeric: true },
                  { key: "when", header: t("closing.report.colWhen"), cell: (b) => dateTime(b.placedAt) },
                ]}
              />
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="timeline-heading" className="mt-6">
        <h2 id="timeline-heading" className="text-lg font-semibold">
          {t("closing.report.timelineHeading")}
        </h2>
        <ol className="mt-2 space-y-1 text-sm">
          {timeline.map((step) => (
            <li key={step.seq} className="flex flex-wrap gap-x-3">
              <span className="tabular-nums text-slate-600">{dateTime(step.at)}</span>
              <span>{t(`manage.event.${step.action}`, { defaultValue: step.action })}</span>
              {step.status ? <StatusBadge status={step.status} /> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
