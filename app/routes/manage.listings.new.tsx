import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DataTable, EmptyState } from "../components/data-table";
import { buttonStyle } from "../components/forms";
import { ListingTermsForm } from "../components/listing-terms-form";
import { Money } from "../components/listing-bits";
import { Pagination } from "../components/investing-bits";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { draftableModes, formValuesFromForm, formValuesFromTerms, lotRef, parseLotRef, titleFromLot } from "../lib/listing-terms";
import { readTerms, termsFailure, type TermsFailure } from "../lib/listing-terms.server";
import { formText } from "../lib/form-data";
import { regionName } from "../../core/regions";

/** The search and the page of the lot list: anything unreadable reads as no search, the first page. */
const lotQuery = z.object({
  q: z.string().trim().max(200).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** Personal and operational data: never cached, never restored from the back/forward cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "listing.draft");
  const { workspace } = context.services;
  const url = new URL(request.url);
  const { q, page } = lotQuery.parse(Object.fromEntries(url.searchParams));
  const asked = url.searchParams.get("lot");
  const wanted = parseLotRef(asked);
  const [found, t] = await Promise.all([wanted ? workspace.sellerLot(principal, wanted) : null, i18nServer.getFixedT(request)]);
  const chosen = found && !found.listingId ? found : null;
  // The lots are listed only while none is chosen: a page at a time, searchable.
  const lots = chosen ? null : await workspace.sellerLots(principal, { q, page });
  const defaults = chosen ? workspace.draftDefaults(chosen.valuation === null ? null : BigInt(chosen.valuation)) : null;
  return {
    title: t("manage.newTitle"),
    q,
    lots: lots ? { ...lots, lots: lots.lots.map((l) => ({ ...l, ref: lotRef(l) })) } : null,
    modes: draftableModes,
    designatable: await context.services.workflow.designatableOrganisations(principal),
    /** Why the lot asked for cannot be drafted: not among this seller's lots, or already in a listing. */
    problem: asked && !chosen ? (found ? ("lotHeld" as const) : ("lotNotFound" as const)) : null,
    heldBy: found?.listingId ?? null,
    chosen: chosen
      ? {
          lot: {
            ref: lotRef(chosen),
            title: chosen.title,
            kind: chosen.kind,
            currency: chosen.currency,
            valuation: chosen.valuation,
          },
          organisationName: chosen.organisationName,
          values: formValuesFromTerms({ ...defaults!, ...titleFromLot(chosen.title) }, chosen.currency),
        }
      : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "listing.draft");
  const { workspace, workflow } = context.services;
  const form = await request.formData();
  const values = formValuesFromForm(form);
  const wanted = parseLotRef(formText(form, "lot"));
  const lot = wanted ? await workspace.sellerLot(principal, wanted) : null;
  if (!wanted || !lot) {
    return data<TermsFailure>({ code: "NOT_FOUND", fields: { lot: { code: "NOT_FOUND" } }, values }, { status: 404 });
  }
  // The lot's own currency, whatever the read-only field was made to say.
  const read = readTerms(values, wanted, lot.currency);
  if (!read.ok) return data<TermsFailure>(read.failure, { status: 422 });
  try {
    const { id } = await workflow.createDraft(principal, read.raw);
    return redirect(`/manage/listings/${id}`);
  } catch (error) {
    const { status, body } = termsFailure(error, values, read.rows);
    return data<TermsFailure>(body, { status });
  }
}

export default function NewListing() {
  const { q, lots, chosen, problem, heldBy, modes, designatable } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation();

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/seller/listings" className="text-brand-700 underline">
          ← {t("manage.backToListings")}
        </Link>
      </p>
      <header>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("manage.newTitle")}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{chosen ? t("manage.newIntroTerms") : t("manage.newIntro")}</p>
      </header>

      {chosen ? (
        <ListingTermsForm
          key={chosen.lot.ref}
          lot={chosen.lot}
          modes={modes}
          designatable={designatable}
          values={failure?.values ?? chosen.values}
          failure={failure}
          submitLabel={t("manage.createDraft")}
          cancelTo="/seller/listings"
          lotAction={
            <Link to="/manage/listings/new" className="text-sm text-brand-700 underline">
              {t("manage.changeLot")}
            </Link>
          }
        />
      ) : (
        <section aria-labelledby="lots-heading" className="space-y-3">
          <h2 id="lots-heading" className="text-lg font-semibold">
            {t("manage.chooseLot")}
          </h2>
          {problem ? (
            <div role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              <p>{t(`manage.${problem}`)}</p>
              {heldBy ? (
                <p className="mt-1">
                  <Link to={`/manage/listings/${heldBy}`} className="underline">
                    {t("manage.openHoldingListing")}
                  </Link>
                </p>
              ) : null}
            </div>
          ) : null}
          <Form method="get" role="search" className="flex flex-wrap items-end gap-2">
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium text-slate-700">{t("manage.searchLots")}</span>
              <input
                type="search"
                name="q"
                defaultValue={q}
                maxLength={200}
                placeholder={t("manage.searchLotsHint")}
                className="w-72 rounded border border-slate-300 px-2 py-1.5"
              />
            </label>
            <button type="submit" className={buttonStyle("secondary", "sm")}>
              {t("manage.search")}
            </button>
          </Form>
          {!lots || lots.total === 0 ? (
            <EmptyState>{q ? t("manage.noLotsFound", { q }) : t("manage.noLots")}</EmptyState>
          ) : (
            <>
              <DataTable
                caption={t(q ? "manage.lotsFoundCaption" : "manage.lotsCaption", { count: lots.total })}
                rows={lots.lots}
                rowKey={(l) => l.ref}
                columns={[
                  {
                    key: "lot",
                    header: t("manage.colLot"),
                    primary: true,
                    className: "md:min-w-64",
                    cell: (l) => (
                      <span className="block">
                        <span className={l.listingId ? "text-slate-600" : ""}>{l.title}</span>
                        <span className="block text-xs font-normal text-slate-600">{l.organisationName}</span>
                      </span>
                    ),
                  },
                  { key: "kind", header: t("manage.colKind"), cell: (l) => t(`kind.${l.kind}`) },
                  {
                    key: "region",
                    header: t("manage.colRegion"),
                    cell: (l) => (l.region ? regionName(l.region, i18n.language) : "—"),
                  },
                  {
                    key: "valuation",
                    header: t("manage.colValuation"),
                    numeric: true,
                    cell: (l) =>
                      l.valuation ? (
                        <Money value={l.valuation} currency={l.currency} />
                      ) : (
                        <span className="text-slate-600">{t("manage.notValued")}</span>
                      ),
                  },
                  {
                    key: "action",
                    header: t("manage.colAction"),
                    cell: (l) =>
                      l.listingId ? (
                        <span className="inline-flex flex-col items-end gap-0.5 md:items-start">
                          <span className="text-sm text-slate-600">{t("manage.lotHeldShort")}</span>
                          <Link
                            to={`/manage/listings/${l.listingId}`}
                            className="text-sm text-brand-700 underline"
                            aria-label={t("common.actionOn", { action: t("manage.openListing"), subject: l.title })}
                          >
                            {t("manage.openListing")}
                          </Link>
                        </span>
                      ) : (
                        <Link
                          to={`/manage/listings/new?lot=${encodeURIComponent(l.ref)}`}
                          className={buttonStyle("primary", "sm")}
                          aria-label={t("common.actionOn", { action: t("manage.chooseThis"), subject: l.title })}
                        >
                          {t("manage.chooseThis")}
                        </Link>
                      ),
                  },
                ]}
              />
              <Pagination
                page={lots.page}
                pages={lots.pages}
                hrefFor={(n) =>
                  `/manage/listings/new?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) }).toString()}`
                }
              />
            </>
          )}
        </section>
      )}
    </div>
  );
}
