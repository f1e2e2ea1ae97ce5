import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonStyle, TextAreaField } from "../components/forms";
import { useDates } from "../components/investing-bits";
import { RefusalAlert, useFieldError } from "../components/refusal";
import { i18nServer } from "../i18n.server";
import { attachmentRules } from "../../core/contract/objections";
import { requirePermission } from "../lib/auth.server";
import { AppError, refusalOf } from "../lib/refusal.server";
import { attachmentKinds, parseUpload, type UploadedFile } from "../lib/uploads.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(context, request, "account.manage");
  const { listings, clock } = context.services;
  const [listing, t] = await Promise.all([listings.getPublic(params.id ?? ""), i18nServer.getFixedT(request)]);
  if (!listing) throw new Response("Not found", { status: 404 });
  const periodEndsAt = listing.announcementEndsAt;
  return {
    title: t("objection.title"),
    listing: { id: listing.id, title: listing.title },
    periodEndsAt,
    // The objection service's own rule: only while announced and before the period ends.
    open: listing.status === "announced" && periodEndsAt !== null && clock.now() < new Date(periodEndsAt),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const listingId = params.id ?? "";
  let reasons: string | null;
  let files: UploadedFile[] = [];
  try {
    if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
      // Parts are read as they arrive: the sixth file, a file's byte past its limit or a file that
      // is not what it may be stops the upload there (the body's total is limited at the edge).
      const upload = await parseUpload(request, {
        field: "attachments",
        maxFiles: attachmentRules.maxFiles,
        maxFileBytes: attachmentRules.maxBytes,
        kinds: attachmentKinds,
      });
      reasons = upload.fields.get("reasons") ?? null;
      files = upload.files;
    } else {
      const value = (await request.formData()).get("reasons");
      reasons = typeof value === "string" ? value : null;
    }
  } catch (error) {
    if (!AppError.is(error)) throw error;
    const rule =
      error.details.field === "attachments" ? String(error.details.rule) : error.code === "PAYLOAD_TOO_LARGE" ? "total" : null;
    const attachmentError = rule ? { rule, file: typeof error.details.file === "string" ? error.details.file : "" } : null;
    return data({ refusal: { code: error.code }, reasons: "", attachmentError }, { status: error.status });
  }
  try {
    await context.services.objections.file(principal, listingId, { reasons }, files);
  } catch (error) {
    const attachmentError =
      AppError.is(error) && error.details.field === "attachments"
        ? { rule: String(error.details.rule), file: typeof error.details.file === "string" ? error.details.file : "" }
        : null;
    const { status, refusal } = refusalOf(error);
    return data({ refusal, reasons: typeof reasons === "string" ? reasons : "", attachmentError }, { status });
  }
  return redirect(`/listings/${encodeURIComponent(listingId)}?objection=filed`);
}

export default function ObjectionPage() {
  const { listing, periodEndsAt, open } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const navigation = useNavigation();
  const refusal = result?.refusal ?? null;
  const attachmentError = result && "attachmentError" in result ? result.attachmentError : null;
  const fieldError = useFieldError(refusal, "objection.fieldErrors", "investing.errors");
  const busy = navigation.state === "submitting";

  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link to={`/listings/${listing.id}`} className="text-brand-700 underline">
          ← {t("investing.backToListing")}
        </Link>
      </p>
      <h1 className="mt-3 text-2xl font-bold tracking-tight sm:text-3xl">{t("objection.title")}</h1>
      <p className="mt-1 text-lg text-slate-800">{listing.title}</p>
      <p className="mt-2 text-slate-700">{t("objection.intro", { title: listing.title })}</p>

      <section aria-labelledby="process-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <h2 id="process-heading" className="text-lg font-semibold">
          {t("objection.processHeading")}
        </h2>
        <ol className="mt-2 list-decimal space-y-1 pl-6 text-sm text-slate-800">
          {periodEndsAt ? <li>{t("objection.p1", { date: dateTime(periodEndsAt) })}</li> : null}
          <li>{t("objection.p2")}</li>
          <li>{t("objection.p3")}</li>
          <li>{t("objection.p4")}</li>
        </ol>
      </section>

      {open ? (
        <Form method="post" encType="multipart/form-data" className="mt-6 space-y-4" aria-labelledby="objection-form-heading">
          <h2 id="objection-form-heading" className="sr-only">
            {t("objection.title")}
          </h2>
          <RefusalAlert refusal={refusal} messages="investing.errors" />
          <TextAreaField
            id="field-reasons"
            label={t("objection.reasons")}
            name="reasons"
            rows={8}
            required
            minLength={20}
            maxLength={8000}
            defaultValue={result?.reasons}
            hint={t("objection.reasonsHint")}
            error={fieldError("reasons")}
          />
          <div className="flex flex-col gap-1">
            <label htmlFor="field-attachments" className="text-sm font-medium text-slate-800">
              {t("objection.attachmentsLabel")}
            </label>
            <input
              id="field-attachments"
              name="attachments"
              type="file"
              multiple
              accept=".pdf,.png,.jpg,.jpeg,.txt,application/pdf,image/png,image/jpeg,text/plain"
              aria-describedby={`field-attachments-hint${attachmentError ? " field-attachments-error" : ""}`}
              aria-invalid={attachmentError ? true : undefined}
              className="text-sm"
            />
            <p id="field-attachments-hint" className="text-xs text-slate-600">
              {t("objection.attachments")}
            </p>
            {attachmentError ? (
              <p id="field-attachments-error" className="text-sm text-rose-700">
                {t(`objection.attachmentErrors.${attachmentError.rule}`, { file: attachmentError.file })}
              </p>
            ) : null}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className={buttonStyle("primary")} disabled={busy}>
              {busy ? t("objection.submitting") : t("objection.submit")}
            </button>
            <Link to={`/listings/${listing.id}`} className="text-sm text-brand-700 underline">
              {t("investing.backToListing")}
            </Link>
          </div>
        </Form>
      ) : (
        <p className="mt-6 rounded-lg border border-slate-200 bg-white p-4 font-medium" data-testid="objection-closed">
          {t("objection.periodOver")}
        </p>
      )}
    </div>
  );
}
