import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListingClock, Money, StatusBadge } from "../components/listing-bits";
import { formatDateTime } from "../lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.listing.title} · nplex` : "nplex" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const listing = await context.services.listings.getPublic(params.id ?? "");
  if (!listing) throw new Response("Not found", { status: 404 });
  return { listing };
}

export default function ListingPage() {
  const { listing } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const fact = (label: string, value: React.ReactNode) =>
    value === null || value === undefined ? null : (
      <div className="flex justify-between gap-4 border-b border-slate-100 py-1.5 text-sm">
        <dt className="text-slate-600">{label}</dt>
        <dd className="text-right">{value}</dd>
      </div>
    );
  return (
    <article>
      <p className="text-sm">
        <Link to="/" className="text-brand-700 underline">
          ← {t("listing.back")}
        </Link>
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <StatusBadge status={listing.status} />
        <span>
          {t(`kind.${listing.kind}`)} · {t(`mode.${listing.mode}`)}
        </span>
      </div>
      <h1 className="mt-2 text-2xl font-bold tracking-tight sm:text-3xl">{listing.title}</h1>
      <p className="mt-1 text-slate-700">{listing.summary}</p>

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="price-heading" className="rounded-lg border border-slate-200 bg-white p-4 lg:order-2">
          <h2 id="price-heading" className="sr-only">
            {t("listing.currentPrice")}
          </h2>
          <p className="text-sm text-slate-600">{t("listing.currentPrice")}</p>
          <p className="text-3xl font-bold" data-testid="current-price">
            {listing.currentPrice ? (
              <Money value={listing.currentPrice} currency={listing.currency} />
            ) : (
              <span className="text-xl font-medium text-slate-600">{t("listing.noBids")}</span>
            )}
          </p>
          <p className={`mt-1 text-sm font-medium ${listing.reserveMet ? "text-emerald-700" : "text-amber-800"}`}>
            {listing.reserveMet ? t("listing.reserveMet") : t("listing.reserveNotMet")}
          </p>
          <dl className="mt-4 grid grid-cols-2 gap-y-1 text-sm">
            <ListingClock status={listing.status} startsAt={listing.startsAt} endsAt={listing.endsAt} />
            <dt className="text-slate-600">{t("listing.startingPrice")}</dt>
            <dd>
              <Money value={listing.startingPrice} currency={listing.currency} />
            </dd>
            <dt className="text-slate-600">{t("listing.nextBid")}</dt>
            <dd>
              <Money value={listing.nextMinimumBid} currency={listing.currency} />
            </dd>
            <dt className="text-slate-600">{t("listing.increment")}</dt>
            <dd>
              <Money value={listing.increment} currency={listing.currency} />
            </dd>
            <dt className="text-slate-600">{t("listing.deposit")}</dt>
            <dd>
              <Money value={listing.deposit} currency={listing.currency} />
            </dd>
            <dt className="text-slate-600">{t("listing.bids", { count: listing.bidCount })}</dt>
            <dd>{listing.leaderBidderCode ? `${t("listing.leader")}: ${listing.leaderBidderCode}` : "—"}</dd>
            {listing.startsAt ? (
              <>
                <dt className="text-slate-600">{t("listing.starts")}</dt>
                <dd>{formatDateTime(listing.startsAt, i18n.language)}</dd>
              </>
            ) : null}
            {listing.endsAt ? (
              <>
                <dt className="text-slate-600">{t("listing.ends")}</dt>
                <dd>{formatDateTime(listing.endsAt, i18n.language)}</dd>
              </>
            ) : null}
          </dl>
          <p className="mt-4 text-xs text-slate-600">
            {t("listing.antiSniping", {
              window: Math.round(listing.antiSniping.windowSeconds / 60),
              extension: Math.round(listing.antiSniping.extensionSeconds / 60),
            })}
            {listing.antiSniping.extensionCount > 0
              ? ` ${t("listing.extensions", { count: listing.antiSniping.extensionCount })}`
              : ""}
          </p>
        </section>

        <section aria-labelledby="lots-heading" className="lg:order-1 lg:col-span-2">
          <div className="flex items-baseline justify-between">
            <h2 id="lots-heading" className="text-lg font-semibold">
              {t("listing.lots")}
            </h2>
            <span className="text-sm text-slate-600">
              {t("listing.seller")}: {listing.seller.name} · {t("listing.lotCount", { count: listing.assets.length })}
            </span>
          </div>
          <div className="mt-3 space-y-4">
            {listing.assets.map((asset) => (
              <div key={asset.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <h3 className="font-semibold">{asset.title}</h3>
                <p className="mt-1 text-sm text-slate-700">{asset.description}</p>
                <dl className="mt-3 grid gap-x-8 sm:grid-cols-2">
                  {fact(t("listing.region"), asset.region)}
                  {fact(
                    t("listing.principal"),
                    asset.principal ? <Money value={asset.principal} currency={asset.currency} /> : null,
                  )}
                  {fact(
                    t("listing.interest"),
                    asset.accruedInterest ? <Money value={asset.accruedInterest} currency={asset.currency} /> : null,
                  )}
                  {fact(
                    t("listing.appraised"),
                    asset.appraisedValue ? <Money value={asset.appraisedValue} currency={asset.currency} /> : null,
                  )}
                  {fact(t("listing.classification"), asset.classification ? t(`classification.${asset.classification}`) : null)}
                  {fact(t("listing.security"), asset.security ? t(`security.${asset.security}`) : null)}
                  {fact(t("listing.litigation"), asset.litigationStatus ? t(`litigation.${asset.litigationStatus}`) : null)}
                </dl>
                {asset.parties.length ? (
                  <div className="mt-3">
                    <h4 className="text-sm font-medium">{t("listing.parties")}</h4>
                    <ul className="mt-1 text-sm" data-testid="parties">
                      {asset.parties.map((p, i) => (
                        <li key={i} className="flex flex-wrap gap-x-3">
                          <span className="text-slate-600">{t(`party.${p.role}`)}</span>
                          <span>{p.name}</span>
                          <span className="font-mono text-slate-600">{p.idNumber}</span>
                        </li>
                      ))}
                    </ul>
                    <p className="mt-1 text-xs text-slate-600">{t("listing.partiesMasked")}</p>
                  </div>
                ) : null}
              </div>
            ))}
          </div>
        </section>
      </div>
    </article>
  );
}
