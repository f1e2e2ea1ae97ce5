import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can, organisationsWith } from "../../core/identity/access";
import type { SellerListing } from "../lib/read-models.server";
import { DataTable, EmptyState } from "../components/data-table";
import { buttonStyle } from "../components/forms";
import { Money, StatusBadge } from "../components/listing-bits";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { formatDateTime } from "../../core/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** Personal and operational data: never cached, never restored from the back/forward cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

/** Everyone who works on a seller's listings sees them; investors of the same group do not. */
const sellerRoles = ["seller_admin", "seller_staff", "approver", "valuer"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "seller.listings.read");
  const organisationIds = organisationsWith(principal, sellerRoles);
  const [listings, t] = await Promise.all([
    context.services.sellerListings.listForOrganisations(organisationIds),
    i18nServer.getFixedT(request),
  ]);
  const names = new Map(principal.memberships.map((m) => [m.organisationId, m.organisationName]));
  return {
    title: t("seller.title"),
    canDraft: can(principal, "listing.draft"),
    organisations: organisationIds
      .map((id) => ({ id, name: names.get(id) ?? "", listings: listings.filter((l) => l.organisation.id === id) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export default function SellerListings() {
  const { organisations, canDraft } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const date = (value: string) => <span className="whitespace-nowrap">{formatDateTime(value, i18n.language)}</span>;
  const several = organisations.length > 1;

  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("seller.title")}</h1>
          <p className="mt-2 max-w-3xl text-slate-700">{t("seller.intro")}</p>
          <p className="mt-1 text-sm">
            <Link to="/seller/recovery" className="text-brand-700 underline">
              {t("closing.recovery.link")}
            </Link>
          </p>
        </div>
        {canDraft ? (
          <Link to="/manage/listings/new" className={buttonStyle("primary")}>
            {t("manage.newListing")}
          </Link>
        ) : null}
      </header>

      {organisations.map((org) => (
        <section key={org.id} aria-labelledby={`org-${org.id}`}>
          <h2 id={`org-${org.id}`} className={several ? "text-lg font-semibold" : "sr-only"}>
            {org.name}
          </h2>
          {org.listings.length === 0 ? (
            <EmptyState className="mt-3">{t("seller.empty")}</EmptyState>
          ) : (
            <div className={several ? "mt-3" : ""}>
              <DataTable<SellerListing>
                caption={t("seller.caption", { count: org.listings.length, organisation: org.name })}
                rows={org.listings}
                rowKey={(l) => l.id}
                columns={[
                  {
                    key: "title",
                    header: t("seller.colTitle"),
                    primary: true,
                    className: "md:min-w-56",
                    cell: (l) => (
                      <span className="block">
                        <Link to={`/manage/listings/${l.id}`} className="text-brand-700 underline hover:text-brand-900">
                          {l.title}
                        </Link>
                        <span className="block text-xs font-normal text-slate-600">
                          {t(`kind.${l.kind}`)}
                          {l.isPublic ? (
                            <>
                              {" · "}
                              <Link
                                to={`/listings/${l.id}`}
                                className="text-brand-700 underline hover:text-brand-900"
                                aria-label={t("common.actionOn", { action: t("seller.view"), subject: l.title })}
                              >
                                {t("seller.view")}
                              </Link>
                            </>
                          ) : (
                            ` · ${t("seller.notPublic")}`
                          )}
                        </span>
                      </span>
                    ),
                  },
                  {
                    key: "status",
                    header: t("seller.colStatus"),
                    className: "whitespace-nowrap",
                    cell: (l) => <StatusBadge status={l.status} />,
                  },
                  { key: "mode", header: t("seller.colMode"), cell: (l) => t(`mode.${l.mode}`) },
                  {
                    key: "starting",
                    header: t("listing.startingPrice"),
                    numeric: true,
                    cell: (l) => <Money value={l.startingPrice} currency={l.currency} />,
                  },
                  {
                    key: "reserve",
                    header: t("seller.reserve"),
                    numeric: true,
                    cell: (l) =>
                      l.reservePrice ? (
                        <span className="inline-flex flex-col items-end">
                          <Money value={l.reservePrice} currency={l.currency} />
                          {l.reserveMet === null ? null : (
                            <span className={`text-xs font-medium ${l.reserveMet ? "text-emerald-800" : "text-amber-800"}`}>
                              {l.reserveMet ? t("listing.reserveMet") : t("listing.reserveNotMet")}
                            </span>
                          )}
                        </span>
                      ) : (
                        <span className="text-slate-600">{t("seller.noReserve")}</span>
                      ),
                  },
                  {
                    key: "current",
                    header: t("listing.currentPrice"),
                    numeric: true,
                    cell: (l) =>
                      l.currentPrice ? (
                        <Money value={l.currentPrice} currency={l.currency} />
                      ) : (
                        <span className="text-slate-600">—</span>
                      ),
                  },
                  {
                    key: "bids",
                    header: t("seller.colBids"),
                    numeric: true,
                    cell: (l) => <span className="tabular-nums">{l.bidCount}</span>,
                  },
                  {
                    key: "ends",
                    header: t("seller.colEnds"),
                    cell: (l) => (l.endsAt ? date(l.endsAt) : <span className="text-slate-600">{t("seller.notScheduled")}</span>),
                  },
                ]}
              />
            </div>
          )}
        </section>
      ))}
    </div>
  );
}

/** Read-only for now: posts are refused after the same permission check as the page. */
export function action({ request, context }: ActionFunctionArgs) {
  requirePermission(context, request, "seller.listings.read");
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET" } });
}
