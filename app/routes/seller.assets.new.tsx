import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assetKinds, type AssetKind } from "../../core/enums";
import { AssetForm } from "../components/asset-form";
import { i18nServer } from "../i18n.server";
import { blankFormValues, formValuesFromForm } from "../lib/asset-form";
import { saveAsset } from "../lib/asset-form.server";
import { requirePermission } from "../lib/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const kindOf = (value: string | null): AssetKind =>
  (assetKinds as readonly string[]).includes(value ?? "") ? (value as AssetKind) : "claim";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(context, request, "asset.manage");
  const t = await i18nServer.getFixedT(request);
  const kind = kindOf(new URL(request.url).searchParams.get("kind"));
  return { title: t("assets.new.title"), kind, values: blankFormValues(kind) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "asset.manage");
  const saved = await saveAsset(context, principal, formValuesFromForm(await request.formData()));
  if (saved.ok) return redirect(`/seller/assets/${saved.id}?created=1`);
  return data(saved.failure, { status: saved.status });
}

export default function NewAsset() {
  const { kind, values } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const shown = failure?.values ?? values;

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/seller/assets" className="text-brand-700 underline">
          ← {t("assets.edit.back")}
        </Link>
      </p>
      <header>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("assets.new.title")}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t("assets.new.intro")}</p>
      </header>
      <nav aria-label={t("assets.new.kind")} className="flex flex-wrap gap-2">
        {assetKinds.map((k) => (
          <Link
            key={k}
            to={`?kind=${k}`}
            aria-current={k === kind ? "page" : undefined}
            className={`rounded-full border px-3 py-1 text-sm ${k === kind ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 hover:bg-slate-100"}`}
          >
            {t(`kind.${k}`)}
          </Link>
        ))}
      </nav>
      <AssetForm key={kind} values={shown} failure={failure} submitLabel={t("assets.new.create")} />
    </div>
  );
}
