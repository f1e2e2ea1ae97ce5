import {
  data,
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppError } from "../lib/refusal.server";
import type { UserPrincipal } from "../../core/identity/access";
import { StatusBadge } from "../components/listing-bits";
import { ListingTermsForm } from "../components/listing-terms-form";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { draftableModes, formValuesFromForm, formValuesFromTerms, lotRef } from "../lib/listing-terms";
import { readTerms, termsFailure, type TermsFailure } from "../lib/listing-terms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** Personal and operational data: never cached, never restored from the back/forward cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

/** The draft and the lot it sells; someone with no part in the listing gets the same 404 as for a missing one. */
async function draftOf(context: AppLoadContext, principal: UserPrincipal, id: string) {
  const { workspace } = context.services;
  const listing = await workspace.workspace(principal, id).catch((error: unknown) => {
    if (AppError.is(error) && error.code === "NOT_FOUND") throw new Response("Not found", { status: 404 });
    throw error;
  });
  const lot = listing.lot.packageId
    ? { type: "package" as const, id: listing.lot.packageId }
    : { type: "asset" as const, id: listing.lot.assetId! };
  const known = await workspace.sellerLot(principal, lot);
  return {
    listing,
    lot,
    termsLot: {
      ref: lotRef(lot),
      title: known?.title ?? listing.lots[0]?.title ?? listing.title,
      kind: known?.kind ?? (listing.isPackage ? "package" : (listing.lots[0]?.kind ?? "claim")),
      currency: listing.currency,
      valuation: listing.valuation,
    },
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "listing.draft");
  const [{ listing, termsLot }, t] = await Promise.all([
    draftOf(context, principal, params.id ?? ""),
    i18nServer.getFixedT(request),
  ]);
  return {
    title: t("manage.editTitle", { title: listing.title }),
    id: listing.id,
    listingTitle: listing.title,
    status: listing.status,
    editable: listing.allowed.includes("edit"),
    modes: draftableModes,
    designatable: await context.services.workflow.designatableOrganisations(principal),
    lot: termsLot,
    values: formValuesFromTerms({ ...listing, title: listing.titleEn }, listing.currency),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "listing.draft");
  const { listing, lot } = await draftOf(context, principal, params.id ?? "");
  const values = formValuesFromForm(await request.formData());
  const read = readTerms(values, lot, listing.currency);
  if (!read.ok) return data<TermsFailure>(read.failure, { status: 422 });
  try {
    await context.services.workflow.updateDraft(principal, listing.id, read.raw);
    return redirect(`/manage/listings/${listing.id}`);
  } catch (error) {
    const { status, body } = termsFailure(error, values, read.rows);
    return data<TermsFailure>(body, { status });
  }
}

export default function EditListing() {
  const { id, listingTitle, status, editable, lot, values, modes, designatable } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const back = `/manage/listings/${id}`;

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to={back} className="text-brand-700 underline">
          ← {t("manage.backToListing")}
        </Link>
      </p>
      <header>
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={status} />
        </div>
        <h1 className="mt-2 text-2xl font-bold tracking-tight sm:text-3xl">{t("manage.editTitle", { title: listingTitle })}</h1>
        {editable ? <p className="mt-2 max-w-3xl text-slate-700">{t("manage.editIntro")}</p> : null}
      </header>
      {editable ? (
        <ListingTermsForm
          lot={lot}
          modes={modes}
          designatable={designatable}
          values={failure?.values ?? values}
          failure={failure}
          submitLabel={t("manage.saveDraft")}
          cancelTo={back}
        />
      ) : (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("manage.notEditable", { status: t(`status.${status}`) })}
        </p>
      )}
    </div>
  );
}
