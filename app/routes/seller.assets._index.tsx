import { type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assetQuerySchema, type SellerAsset } from "../../core/contract/assets";
import { assetKinds } from "../../core/enums";
import { can } from "../../core/identity/access";
import { formatDateTime } from "../../core/time";
import { DataTable, EmptyState } from "../components/data-table";
import { buttonStyle } from "../components/forms";
import { Money } from "../components/listing-bits";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** A seller's book: never cached, never restored from the back/forward cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "seller.listings.read");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  // A filter that does not read (a hand-edited address) falls back to the whole book.
  const parsed = assetQuerySchema.safeParse(params);
  const query = parsed.success ? parsed.data : assetQuerySchema.parse({});
  const [page, t] = await Promise.all([context.services.assets.reads.list(principal, query), i18nServer.getFixedT(request)]);
  return { title: t("assets.title"), ...page, query, canRecord: can(principal, "asset.manage") };
}

export default function Assets() {
  const { assets, total, query, canRecord } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const state = (a: SellerAsset) =>
    a.archived ? t("assets.archived") : a.lockedBy.length ? t("assets.locked") : t("assets.editable");

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("assets.title")}</h1>
          <p className="mt-2 max-w-3xl text-slate-700">{t("assets.intro")}</p>
        </div>
        {canRecord ? (
          <Link to="/seller/assets/new" className={buttonStyle("primary")}>
            {t("assets.newAsset")}
          </Link>
        ) : null}
      </header>

      <Form method="get" className="flex flex-wrap items-end gap-3" role="search">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("assets.search")}</span>
          <input name="q" defaultValue={query.q ?? ""} className="rounded border border-slate-300 px-3 py-2" />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("assets.colKind")}</span>
          <select name="kind" defaultValue={query.kind ?? ""} className="rounded border border-slate-300 bg-white px-3 py-2">
            <option value="">{t("assets.kindAll")}</option>
            {assetKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {query.archived ? <input type="hidden" name="archived" value="1" /> : null}
        <button type="submit" className={buttonStyle("secondary")}>
          {t("assets.filter")}
        </button>
        <Link
          to={query.archived ? "/seller/assets" : "/seller/assets?archived=1"}
          className="py-2 text-sm text-brand-700 underline"
        >
          {query.archived ? t("assets.showActive") : t("assets.showArchived")}
        </Link>
      </Form>

      {assets.length === 0 ? (
        <EmptyState>{t("assets.empty")}</EmptyState>
      ) : (
        <DataTable<SellerAsset>
          caption={t("assets.caption", { count: total })}
          rows={assets}
          rowKey={(a) => a.id}
          columns={[
            {
              key: "title",
              header: t("assets.colTitle"),
              primary: true,
              className: "md:min-w-64",
              cell: (a) => (
                <span className="block">
                  <Link to={`/seller/assets/${a.id}`} className="text-brand-700 underline hover:text-brand-900">
                    {a.title}
                  </Link>
                  <span className="block text-xs font-normal text-slate-600">
                    {[a.loanId, a.region].filter(Boolean).join(" · ")}
                  </span>
                </span>
              ),
            },
            { key: "kind", header: t("assets.colKind"), cell: (a) => t(`kind.${a.kind}`) },
            {
              key: "principal",
              header: t("assets.colPrincipal"),
              numeric: true,
              cell: (a) => (a.principal ? <Money value={a.principal} currency={a.currency} /> : "—"),
            },
            {
              key: "appraised",
              header: t("assets.colAppraised"),
              numeric: true,
              cell: (a) => (a.appraisedValue ? <Money value={a.appraisedValue} currency={a.currency} /> : "—"),
            },
            { key: "state", header: t("assets.colState"), cell: state },
            {
              key: "updated",
              header: t("assets.colUpdated"),
              cell: (a) => <span className="whitespace-nowrap">{formatDateTime(a.updatedAt, i18n.language)}</span>,
            },
          ]}
        />
      )}
    </div>
  );
}
