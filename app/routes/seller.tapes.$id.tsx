import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../core/time";
import { buttonStyle, FormNotice } from "../components/forms";
import { RefusalAlert } from "../components/refusal";
import { TapeProgress, TapeStatus } from "../components/tape-bits";
import { MappingForm, TapeDiffView, TapeProblems } from "../components/tape-review";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { formText } from "../lib/form-data";
import { refusalOf } from "../lib/refusal.server";
import { tapeFieldOptions } from "../lib/tapes.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.tape.fileName} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "asset.manage");
  const { tapes } = context.services;
  const id = params.id ?? "";
  const tape = await tapes.get(principal, id).catch((error: unknown) => {
    throw new Response(null, { status: refusalOf(error).status });
  });
  const locale = await i18nServer.getLocale(request);
  // What applying would do, once the rows are read and while it can still be applied.
  const diff =
    (tape.status === "valid" || tape.status === "invalid") && tape.validRows > 0 ? await tapes.diff(principal, id) : null;
  return { tape, diff, fields: tapeFieldOptions(locale) };
}

type Answer =
  | { refusal: ReturnType<typeof refusalOf>["refusal"]; intent: string }
  | { applied: { created: number; updated: number; unchanged: number } };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "asset.manage");
  const { tapes } = context.services;
  const id = params.id ?? "";
  const form = await request.formData();
  const intent = formText(form, "intent");
  try {
    if (intent === "remap") {
      await tapes.remap(
        principal,
        id,
        form.getAll("mapping").map((value) => (typeof value === "string" && value ? value : null)),
      );
      return redirect(`/seller/tapes/${id}`);
    }
    if (intent === "cancel") {
      await tapes.cancel(principal, id);
      return redirect(`/seller/tapes/${id}`);
    }
    if (intent === "package") {
      const pkg = await context.services.packages.create(principal, { title: formText(form, "title"), tapeId: id });
      return redirect(`/seller/packages/${pkg.id}`);
    }
    if (intent === "apply") {
      const { created, updated, unchanged } = await tapes.apply(principal, id, {
        validOnly: formText(form, "validOnly") === "on",
      });
      return data<Answer>({ applied: { created, updated, unchanged } });
    }
    return data<Answer>({ refusal: { code: "BAD_REQUEST" }, intent }, { status: 400 });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return data<Answer>({ refusal, intent }, { status });
  }
}

export default function TapePage() {
  const { tape, diff, fields } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const revalidator = useRevalidator();
  const reading = tape.status === "validating";

  // While the rows are read, the page asks again every second; the server's figures fill the bar.
  useEffect(() => {
    if (!reading) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [reading, revalidator]);

  const open = tape.status === "valid" || tape.status === "invalid";
  const rejected = tape.rows - tape.validRows;
  const applied = answer && "applied" in answer ? answer.applied : null;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/seller/tapes" className="text-brand-700 underline">
          ← {t("tapes.title")}
        </Link>
      </p>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight break-all sm:text-3xl">{tape.fileName}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <TapeStatus status={tape.status} />
            <span>{t("tapes.uploadedAt", { at: formatDateTime(tape.createdAt, i18n.language) })}</span>
            <span>{t("tapes.format", { format: tape.format.toUpperCase(), encoding: tape.encoding.toUpperCase() })}</span>
          </p>
          <p className="mt-1 text-xs break-all text-slate-600">
            {t("tapes.checksum")} <code>{tape.sha256}</code>
          </p>
        </div>
        {reading || open ? (
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className={buttonStyle("secondary")}>
              {t("tapes.cancel")}
            </button>
          </Form>
        ) : null}
      </header>

      {answer && "refusal" in answer ? (
        <RefusalAlert refusal={answer.refusal} messages={answer.intent === "package" ? "packages.errors" : "tapes.errors"} />
      ) : null}
      {applied ? (
        <FormNotice
          focus={applied}
          message={t("tapes.apply.applied", { at: formatDateTime(tape.appliedAt ?? tape.createdAt, i18n.language), ...applied })}
        />
      ) : null}
      {tape.status === "applied" && !applied && tape.appliedAt ? (
        <FormNotice message={t("tapes.apply.appliedShort", { at: formatDateTime(tape.appliedAt, i18n.language) })} />
      ) : null}
      {tape.status === "applied" ? (
        <>
          <p>
            <Link to="/seller/assets" className="text-brand-700 underline">
              {t("tapes.apply.toBook")}
            </Link>
          </p>
          <Form method="post" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4">
            <input type="hidden" name="intent" value="package" />
            <div className="flex flex-col gap-1 text-sm">
              <label htmlFor="package-title" className="font-medium">
                {t("packages.build.name")}
              </label>
              <input
                id="package-title"
                name="title"
                required
                minLength={3}
                maxLength={200}
                defaultValue={tape.fileName.replace(/\.[^.]*$/, "")}
                className="w-80 max-w-full rounded border border-slate-300 px-3 py-2"
              />
            </div>
            <button type="submit" className={buttonStyle("primary")}>
              {t("packages.build.submit")}
            </button>
          </Form>
        </>
      ) : null}
      {tape.status === "cancelled" ? <FormNotice tone="warning" message={t("tapes.cancelled")} /> : null}
      {tape.failure ? <FormNotice tone="warning" message={t("tapes.failure", { failure: tape.failure })} /> : null}
      {reading ? <TapeProgress progress={tape.progress} /> : null}

      {tape.status !== "validating" && tape.errorCount === 0 && tape.rows > 0 ? (
        <p className="text-sm text-emerald-800">{t("tapes.problems.none")}</p>
      ) : null}
      <TapeProblems tape={tape} />
      {diff ? <TapeDiffView diff={diff} currency="CNY" /> : null}
      {open && tape.validRows > 0 ? (
        <section aria-labelledby="apply-heading" className="space-y-3 rounded border border-slate-200 bg-white p-4">
          <h2 id="apply-heading" className="text-lg font-semibold">
            {t("tapes.apply.title")}
          </h2>
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="apply" />
            {tape.status === "invalid" ? (
              <>
                <p className="text-sm text-slate-700">{t("tapes.apply.fixFirst")}</p>
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name="validOnly" required className="mt-1" />
                  <span>{t("tapes.apply.validOnly", { valid: tape.validRows, rejected })}</span>
                </label>
                <button type="submit" className={buttonStyle("secondary")}>
                  {t("tapes.apply.submitValid")}
                </button>
              </>
            ) : (
              <button type="submit" className={buttonStyle("primary")}>
                {t("tapes.apply.all", { count: tape.validRows })}
              </button>
            )}
          </Form>
        </section>
      ) : null}

      <MappingForm tape={tape} fields={fields} editable={open} />
    </div>
  );
}
