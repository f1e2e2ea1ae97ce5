import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assetKinds, listingModes } from "../../db/schema";
import { listingQuerySchema, publicStatuses } from "../../server/listings/schemas";
import { ListingCard } from "../components/ListingCard";

export const meta: MetaFunction = () => [{ title: "nplex · Listings" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  // A hand-edited URL with a bad filter shows everything rather than an error page.
  const parsed = listingQuerySchema.safeParse(params);
  const query = parsed.success ? parsed.data : listingQuerySchema.parse({});
  return context.services.listings.listPublic(query);
}

export default function Home() {
  const { items, total, page, pageSize } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `/?${next}`;
  };
  const select = (name: string, label: string, values: readonly string[], prefix: string) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`f-${name}`} className="text-xs font-medium text-slate-700">
        {label}
      </label>
      <select
        id={`f-${name}`}
        name={name}
        defaultValue={params.get(name) ?? ""}
        className="rounded border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        <option value="">{t("home.any")}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {t(`${prefix}.${v}`)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("home.title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("home.intro")}</p>

      <Form
        method="get"
        role="search"
        aria-label={t("home.filters")}
        className="mt-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      >
        <div className="flex min-w-48 flex-1 flex-col gap-1">
          <label htmlFor="f-q" className="text-xs font-medium text-slate-700">
            {t("home.search")}
          </label>
          <input
            id="f-q"
            name="q"
            type="search"
            defaultValue={params.get("q") ?? ""}
            placeholder={t("home.searchPlaceholder")}
            className="rounded border border-slate-300 px-2 py-1.5 text-sm"
          />
        </div>
        {select("status", t("home.filterStatus"), publicStatuses, "status")}
        {select("mode", t("home.filterMode"), listingModes, "mode")}
        {select("kind", t("home.filterKind"), [...assetKinds, "package"], "kind")}
        <button type="submit" className="rounded bg-brand-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-brand-900">
          {t("home.apply")}
        </button>
      </Form>

      <p className="mt-4 text-sm text-slate-600" aria-live="polite">
        {t("home.results", { count: total })}
      </p>
      {items.length === 0 ? (
        <p className="mt-8 text-center text-slate-600">{t("home.empty")}</p>
      ) : (
        <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {items.map((listing) => (
            <ListingCard key={listing.id} listing={listing} />
          ))}
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t("home.pagination")} className="mt-6 flex items-center justify-center gap-4 text-sm">
          {page > 1 ? (
            <Link to={pageLink(page - 1)} className="underline">
              {t("home.previous")}
            </Link>
          ) : null}
          <span>{t("home.page", { page, pages })}</span>
          {page < pages ? (
            <Link to={pageLink(page + 1)} className="underline">
              {t("home.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
