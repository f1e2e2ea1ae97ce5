import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assetKinds, classifications, listingModes } from "../../core/enums";
import { listingQuerySchema, publicStatuses } from "../../core/contract/listings";
import { parseMajorAmount } from "../../core/money";
import { ListingCard } from "../components/listing-card";
import { currencyDigits } from "../../core/money";
import { keepWithinPages } from "../lib/pages.server";

export const meta: MetaFunction = () => [{ title: "nplex · Listings" }];

/** Listings are priced in yuan: people type the price range in yuan, the query counts in fen. */
const priceCurrency = "CNY";

export async function loader({ request, context }: LoaderFunctionArgs) {
  // The form sends every field; one left at "Any" or blank is no filter.
  const { priceMin, priceMax, ...params } = Object.fromEntries(
    [...new URL(request.url).searchParams].filter(([, value]) => value.trim() !== ""),
  );
  const digits = currencyDigits(priceCurrency);
  const minPrice = priceMin ? parseMajorAmount(priceMin, digits) : undefined;
  const maxPrice = priceMax ? parseMajorAmount(priceMax, digits) : undefined;
  const input: Record<string, string> = { ...params };
  if (minPrice) input.minPrice = minPrice;
  if (maxPrice) input.maxPrice = maxPrice;
  // A hand-edited URL with a bad filter drops that filter rather than showing an error page. The
  // service parses the query itself (prices become bigints, which do not parse twice): it gets strings.
  const checked = listingQuerySchema.safeParse(input);
  const bad = new Set(checked.success ? [] : checked.error.issues.map((issue) => String(issue.path[0])));
  const query = Object.fromEntries(Object.entries(input).filter(([key]) => !bad.has(key)));
  // An amount that is not one is ignored, and the page says so.
  const invalidPrices = [minPrice === null ? priceMin : null, maxPrice === null ? priceMax : null].filter(
    (v): v is string => typeof v === "string",
  );
  const result = await context.services.listings.listPublic(query);
  keepWithinPages(request, result);
  return { ...result, invalidPrices };
}

export default function Home() {
  const { items, total, page, pageSize, invalidPrices } = useLoaderData<typeof loader>();
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
        <ExtraFilters select={select} />
        <div className="flex items-center gap-3">
          <button type="submit" className="rounded bg-brand-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-brand-900">
            {t("home.apply")}
          </button>
          {[...params.keys()].some((k) => k !== "page") ? (
            <Link to="/" className="text-sm text-brand-700 underline">
              {t("filters.clear")}
            </Link>
          ) : null}
        </div>
      </Form>
      {invalidPrices.map((value) => (
        <p key={value} role="alert" className="mt-2 text-sm text-rose-700">
          {t("filters.invalidPrice", { value, unit: t(`auction.currencyUnit.${priceCurrency}`) })}
        </p>
      ))}

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

/** Region, classification, price range and "ending soon": the filters an investor narrows a search with. */
function ExtraFilters({
  select,
}: {
  select: (name: string, label: string, values: readonly string[], prefix: string) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const unit = t(`auction.currencyUnit.${priceCurrency}`);
  const input = "rounded border border-slate-300 px-2 py-1.5 text-sm";
  const label = "text-xs font-medium text-slate-700";
  return (
    <>
      <div className="flex w-40 flex-col gap-1">
        <label htmlFor="f-region" className={label}>
          {t("filters.region")}
        </label>
        <input
          id="f-region"
          name="region"
          type="text"
          maxLength={100}
          defaultValue={params.get("region") ?? ""}
          placeholder={t("filters.regionPlaceholder")}
          className={input}
        />
      </div>
      {select("classification", t("filters.classification"), classifications, "classification")}
      <div className="flex w-36 flex-col gap-1">
        <label htmlFor="f-priceMin" className={label}>
          {t("filters.priceMin", { unit })}
        </label>
        <input
          id="f-priceMin"
          name="priceMin"
          inputMode="decimal"
          defaultValue={params.get("priceMin") ?? ""}
          aria-describedby="f-price-hint"
          className={input}
        />
      </div>
      <div className="flex w-36 flex-col gap-1">
        <label htmlFor="f-priceMax" className={label}>
          {t("filters.priceMax", { unit })}
        </label>
        <input
          id="f-priceMax"
          name="priceMax"
          inputMode="decimal"
          defaultValue={params.get("priceMax") ?? ""}
          aria-describedby="f-price-hint"
          className={input}
        />
      </div>
      <p id="f-price-hint" className="sr-only">
        {t("filters.priceHint")}
      </p>
      <div className="flex items-center gap-2 self-center pt-4">
        <input
          id="f-endingSoon"
          name="endingSoon"
          type="checkbox"
          value="1"
          defaultChecked={params.get("endingSoon") === "1"}
          className="h-4 w-4 accent-brand-700"
        />
        <label htmlFor="f-endingSoon" className="text-sm text-slate-800">
          {t("filters.endingSoon")}
        </label>
      </div>
    </>
  );
}
