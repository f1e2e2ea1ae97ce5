import { type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "../../core/identity/access";
import { buttonStyle } from "../components/forms";
import { StratificationChartsLater } from "../components/stratification-later";
import { StratificationTotals } from "../components/stratification-totals";
import { requirePermission } from "../lib/auth.server";
import { refusalOf } from "../lib/refusal.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.pkg.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "seller.listings.read");
  const { packages } = context.services;
  const id = params.id ?? "";
  try {
    const [pkg, stratification] = await Promise.all([packages.get(principal, id), packages.stratification(principal, id)]);
    return { pkg, stratification, canDraft: can(principal, "listing.draft") };
  } catch (error) {
    throw new Response(null, { status: refusalOf(error).status });
  }
}

export default function PackagePage() {
  const { pkg, stratification, canDraft } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/seller/packages" className="text-brand-700 underline">
          ← {t("packages.back")}
        </Link>
      </p>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{pkg.title}</h1>
          {pkg.description ? <p className="mt-2 max-w-3xl text-slate-700">{pkg.description}</p> : null}
        </div>
        <div className="flex flex-wrap gap-2">
          <Link to={`/seller/rooms/package/${pkg.id}`} className={buttonStyle("secondary")}>
            {t("dataRoom.open")}
          </Link>
          {canDraft ? (
            <Link to={`/manage/listings/new?lot=${encodeURIComponent(`package:${pkg.id}`)}`} className={buttonStyle("primary")}>
              {t("packages.draft")}
            </Link>
          ) : null}
        </div>
      </header>
      <StratificationTotals stratification={stratification} />
      <section aria-labelledby="strat-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 id="strat-heading" className="text-lg font-semibold">
            {t("packages.stratification")}
          </h2>
          <p className="flex gap-3 text-sm">
            <a href={`/seller/packages/${pkg.id}/stratification.csv`} download className="text-brand-700 underline">
              {t("packages.exportCsv")}
            </a>
            <a href={`/seller/packages/${pkg.id}/stratification.xlsx`} download className="text-brand-700 underline">
              {t("packages.exportXlsx")}
            </a>
          </p>
        </div>
        <StratificationChartsLater stratification={stratification} />
      </section>
    </div>
  );
}
