import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { buttonStyle } from "../components/forms";
import { RefusalAlert } from "../components/refusal";
import { TemplateLinks } from "../components/tape-bits";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { refusalOf } from "../lib/refusal.server";
import { readTapeUpload } from "../lib/tapes.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(context, request, "asset.manage");
  const t = await i18nServer.getFixedT(request);
  return { title: t("tapes.uploadTitle") };
}

/** The file is checked by its content as it arrives; the tape is kept and read in the background. */
export async function action({ request, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "asset.manage");
  try {
    const tape = await context.services.tapes.upload(principal, await readTapeUpload(request));
    return redirect(`/seller/tapes/${tape.id}`);
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return data({ refusal }, { status });
  }
}

export default function UploadTape() {
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const busy = navigation.state === "submitting";
  // A file refused as it arrived says so in its rule: its kind or its size.
  const rule = answer?.refusal.params?.rule;
  const refusal = useMemo(
    () =>
      answer
        ? {
            ...answer.refusal,
            code: rule === "type" ? "UNSUPPORTED_MEDIA_TYPE" : rule === "size" ? "PAYLOAD_TOO_LARGE" : answer.refusal.code,
          }
        : null,
    [answer, rule],
  );
  const detail = answer?.refusal.fields?.file?.message;
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/seller/tapes" className="text-brand-700 underline">
          ← {t("tapes.title")}
        </Link>
      </p>
      <header>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("tapes.uploadTitle")}</h1>
        <p className="mt-2 text-slate-700">{t("tapes.uploadIntro")}</p>
      </header>
      <TemplateLinks />
      <RefusalAlert refusal={refusal} messages="tapes.errors">
        {detail ? <p className="mt-1 text-sm">{detail}</p> : null}
      </RefusalAlert>
      <Form method="post" encType="multipart/form-data" className="space-y-4 rounded border border-slate-200 bg-white p-4">
        <div className="flex flex-col gap-1">
          <label htmlFor="tape-file" className="font-medium">
            {t("tapes.file")}
          </label>
          <input
            id="tape-file"
            name="file"
            type="file"
            required
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="tape-file-hint"
            className="text-sm"
          />
          <p id="tape-file-hint" className="text-sm text-slate-600">
            {t("tapes.fileHint")}
          </p>
        </div>
        <button type="submit" className={buttonStyle("primary")} disabled={busy}>
          {busy ? t("tapes.uploading") : t("tapes.submit")}
        </button>
      </Form>
    </div>
  );
}
