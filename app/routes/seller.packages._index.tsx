import { type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PackageView } from "../../core/contract/packages";
import { formatDateTime } from "../../core/time";
import { DataTable, EmptyState } from "../components/data-table";
import { Money } from "../components/listing-bits";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "seller.listings.read");
  const [packages, t] = await Promise.all([context.services.packages.list(principal), i18nServer.getFixedT(request)]);
  return { title: t("packages.title"), packages };
}

export default function Packages() {
  const { packages } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("packages.title")}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t("packages.intro")}</p>
      </header>
      {packages.length === 0 ? (
        <EmptyState>{t("packages.empty")}</EmptyState>
      ) : (
        <DataTable<PackageView>
          caption={t("packages.caption", { count: packages.length })}
          rows={packages}
          rowKey={(p) => p.id}
          columns={[
            {
              key: "title",
              header: t("packages.colTitle"),
              primary: true,
              cell: (p) => (
                <Link to={`/seller/packages/${p.id}`} className="text-brand-700 underline hover:text-brand-900">
                  {p.title}
                </Link>
              ),
            },
            {
              key: "assets",
              header: t("packages.colAssets"),
              numeric: true,
              cell: (p) => p.assetCount.toLocaleString(i18n.language),
            },
            {
              key: "principal",
              header: t("packages.colPrincipal"),
              numeric: true,
              cell: (p) => <Money value={p.principal} currency={p.currency} />,
            },
            {
              key: "created",
              header: t("packages.colCreated"),
              cell: (p) => <span className="whitespace-nowrap">{formatDateTime(p.createdAt, i18n.language)}</span>,
            },
          ]}
        />
      )}
    </div>
  );
}
