import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "../../core/identity/access";
import { formatDateTime } from "../../core/time";
import { AssetForm } from "../components/asset-form";
import { FormNotice, buttonStyle } from "../components/forms";
import { RefusalAlert } from "../components/refusal";
import { i18nServer } from "../i18n.server";
import { formValuesFromAsset, formValuesFromForm } from "../lib/asset-form";
import { saveAsset, type AssetFormFailure } from "../lib/asset-form.server";
import { requirePermission } from "../lib/auth.server";
import { formText } from "../lib/form-data";
import { refusalOf } from "../lib/refusal.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.asset.title} · nplex` : "nplex" }];

/** Personal data may be on this page once revealed: never cached. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "seller.listings.read");
  const [asset, t] = await Promise.all([
    context.services.assets.reads.get(principal, params.id ?? "").catch((error: unknown) => {
      const { status } = refusalOf(error);
      throw new Response(null, { status });
    }),
    i18nServer.getFixedT(request),
  ]);
  return { title: t("assets.title"), asset, canEdit: can(principal, "asset.manage", undefined) };
}

type ActionAnswer =
  | ({ intent: "save" } & AssetFormFailure)
  | { intent: "reveal"; parties: { role: string; kind: string; name: string; idNumber: string }[]; at: string }
  | { intent: "archive"; refusal: AssetFormFailure["refusal"] };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "seller.listings.read");
  const id = params.id ?? "";
  const form = await request.formData();
  const intent = formText(form, "intent");
  const { commands } = context.services.assets;
  if (intent === "reveal") {
    try {
      const parties = await commands.revealParties(principal, id);
      return data<ActionAnswer>({ intent: "reveal", parties, at: context.services.clock.now().toISOString() });
    } catch (error) {
      throw new Response(null, { status: refusalOf(error).status });
    }
  }
  requirePermission(context, request, "asset.manage");
  if (intent === "archive" || intent === "restore") {
    try {
      await commands.archive(principal, id, intent === "archive");
      return redirect(`/seller/assets/${id}`);
    } catch (error) {
      const { status, refusal } = refusalOf(error);
      return data<ActionAnswer>({ intent: "archive", refusal }, { status });
    }
  }
  const saved = await saveAsset(context, principal, formValuesFromForm(form), id);
  if (saved.ok) return redirect(`/seller/assets/${id}?saved=1`);
  return data<ActionAnswer>({ intent: "save", ...saved.failure }, { status: saved.status });
}

export default function AssetPage() {
  const { asset, canEdit } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const lock = asset.lockedBy[0];
  const editable = canEdit && !asset.archived && !lock;
  const failure = answer?.intent === "save" ? answer : null;
  const notice = search.get("created") ? t("assets.edit.created") : search.get("saved") ? t("assets.edit.saved") : null;

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/seller/assets" className="text-brand-700 underline">
          ← {t("assets.edit.back")}
        </Link>
      </p>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{asset.title}</h1>
          <p className="mt-1 text-slate-700">
            {[t(`kind.${asset.kind}`), asset.loanId, asset.region].filter(Boolean).join(" · ")}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link to={`/seller/rooms/asset/${asset.id}`} className={buttonStyle("secondary")}>
            {t("dataRoom.open")}
          </Link>
          {canEdit && editable ? (
            <Link to={`/manage/listings/new?lot=${encodeURIComponent(`asset:${asset.id}`)}`} className={buttonStyle("secondary")}>
              {t("assets.edit.draftListing")}
            </Link>
          ) : null}
          {!canEdit || lock ? null : (
            <Form method="post">
              <input type="hidden" name="intent" value={asset.archived ? "restore" : "archive"} />
              <button type="submit" className={buttonStyle("secondary")}>
                {asset.archived ? t("assets.edit.restore") : t("assets.edit.archive")}
              </button>
            </Form>
          )}
        </div>
      </header>

      <FormNotice message={notice} />
      {answer?.intent === "archive" ? <RefusalAlert refusal={answer.refusal} messages="assets.errors" /> : null}
      {asset.archived ? <FormNotice tone="warning" message={t("assets.edit.archivedNotice")} /> : null}
      {lock ? (
        <div role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p>{t("assets.edit.lockedNotice", { status: t(`status.${lock.status}`) })}</p>
          <Link to={`/manage/listings/${lock.listingId}`} className="underline">
            {t("assets.edit.openListing")}
          </Link>
        </div>
      ) : null}

      {asset.parties.length === 0 ? null : (
        <section aria-labelledby="reveal-heading" className="rounded border border-slate-200 p-4">
          <h2 id="reveal-heading" className="text-lg font-semibold">
            {t("assets.edit.revealHeading")}
          </h2>
          {answer?.intent === "reveal" ? (
            <>
              <ul className="mt-2 space-y-1 text-sm">
                {answer.parties.map((p, i) => (
                  <li key={i}>
                    <span className="font-medium">{t(`party.${p.role}`)}</span> · {p.name} ·{" "}
                    <span className="font-mono">{p.idNumber}</span>
                  </li>
                ))}
              </ul>
              <p className="mt-2 text-xs text-slate-600">
                {t("assets.edit.revealed", { time: formatDateTime(answer.at, i18n.language) })}
              </p>
            </>
          ) : (
            <Form method="post" className="mt-2 flex flex-wrap items-center gap-3">
              <input type="hidden" name="intent" value="reveal" />
              <button type="submit" className={buttonStyle("secondary", "sm")}>
                {t("assets.edit.reveal")}
              </button>
              <span className="text-xs text-slate-600">{t("assets.edit.revealHint")}</span>
            </Form>
          )}
        </section>
      )}

      <AssetForm
        values={failure?.values ?? formValuesFromAsset(asset)}
        failure={failure}
        storedParties={asset.parties}
        submitLabel={t("assets.edit.save")}
        disabled={!editable}
      />
    </div>
  );
}
