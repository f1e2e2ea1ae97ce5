import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClosingPageHeader } from "../components/closing-page-header";
import { DataTable } from "../components/data-table";
import { buttonStyle, Field, FormNotice } from "../components/forms";
import { useDates } from "../components/investing-bits";
import { RefusalAlert, useFieldError } from "../components/refusal";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { refusalOf } from "../lib/refusal.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const id = params.id ?? "";
  const [t, listing] = await Promise.all([i18nServer.getFixedT(request), context.services.listings.getPublic(id)]);
  let agreement;
  try {
    agreement = await context.services.agreements.view(principal, id);
  } catch (error) {
    const { status } = refusalOf(error);
    throw new Response("Not found", { status: status === 404 ? 404 : status });
  }
  return {
    title: t("closing.agreement.title"),
    listingTitle: listing?.title ?? "",
    agreement: {
      ...agreement,
      issuedAt: agreement.issuedAt.toISOString(),
      dueAt: agreement.dueAt.toISOString(),
      signatures: agreement.signatures.map((s) => ({ ...s, signedAt: s.signedAt.toISOString() })),
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const form = await request.formData();
  const input = { name: form.get("name"), sha256: form.get("sha256") };
  try {
    const signed = await context.services.agreements.sign(principal, params.id ?? "", input, context.clientIp);
    return data({ signed: { complete: signed.complete }, refusal: null, name: "" });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return data({ signed: null, refusal, name: typeof input.name === "string" ? input.name : "" }, { status });
  }
}

export default function AgreementPage() {
  const { agreement, listingTitle } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const { dateTime, date } = useDates();
  const navigation = useNavigation();
  const fieldError = useFieldError(result?.refusal, "forms", "closing.agreement.errors");
  const partyName = (party: "seller" | "buyer") => t(`closing.agreement.party.${party}`);
  const partyIn = (party: "seller" | "buyer") => t(`closing.agreement.partyInSentence.${party}`);
  const signedParties = new Set(agreement.signatures.map((s) => s.party));
  const waitingFor = (["seller", "buyer"] as const).filter((p) => !signedParties.has(p));
  const showIp = agreement.signatures.some((s) => "ip" in s);

  return (
    <div className="mx-auto max-w-4xl">
      <ClosingPageHeader
        listingId={agreement.listingId}
        title={t("closing.agreement.title")}
        listingTitle={listingTitle}
        intro={t("closing.agreement.intro")}
      />
      <p className="mt-2 text-sm text-slate-700">{t("closing.agreement.dueBy", { date: date(agreement.dueAt) })}</p>
      <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <a href={`/listings/${agreement.listingId}/agreement.pdf`} className="text-brand-700 underline">
          {t("closing.agreement.pdf")}
        </a>
        <a href={`/listings/${agreement.listingId}/confirmation.pdf`} className="text-brand-700 underline">
          {t("closing.agreement.confirmationPdf")}
        </a>
        <Link to={`/listings/${agreement.listingId}/handover`} className="text-brand-700 underline">
          {t("closing.handover.link")}
        </Link>
      </p>

      <FormNotice
        message={
          result?.signed ? (result.signed.complete ? t("closing.agreement.complete") : t("closing.agreement.signed")) : null
        }
        focus={result}
      />

      <section aria-labelledby="signatures-heading" className="mt-6">
        <h2 id="signatures-heading" className="text-lg font-semibold">
          {t("closing.agreement.signaturesHeading")}
        </h2>
        <p className="mt-1 text-sm text-slate-700" data-testid="agreement-standing">
          {waitingFor.length === 0
            ? t("closing.agreement.signedBoth")
            : waitingFor.map((p) => t("closing.agreement.waitingFor", { party: partyIn(p) })).join(" ")}
        </p>
        {agreement.signatures.length > 0 ? (
          <div className="mt-2">
            <DataTable
              caption={t("closing.agreement.signaturesHeading")}
              captionHidden
              rows={agreement.signatures}
              rowKey={(s) => s.party}
              columns={[
                { key: "party", header: t("closing.agreement.colParty"), cell: (s) => partyName(s.party), primary: true },
                { key: "name", header: t("closing.agreement.colName"), cell: (s) => s.name },
                { key: "when", header: t("closing.agreement.colWhen"), cell: (s) => dateTime(s.signedAt) },
                ...(showIp
                  ? [
                      {
                        key: "ip",
                        header: t("closing.agreement.colIp"),
                        cell: (s: (typeof agreement.signatures)[number]) => ("ip" in s ? s.ip : ""),
                      },
                    ]
                  : []),
              ]}
            />
          </div>
        ) : (
          <p className="mt-2 text-sm text-slate-600">{t("closing.agreement.noSignatures")}</p>
        )}
      </section>

      <section aria-labelledby="text-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <h2 id="text-heading" className="text-lg font-semibold">
          {t("closing.agreement.textHeading")}
        </h2>
        <p className="mt-1 text-xs text-slate-600">
          {t("closing.agreement.version", { version: agreement.version, date: dateTime(agreement.issuedAt) })}
        </p>
        <div
          className="mt-3 max-h-[32rem] overflow-y-auto whitespace-pre-wrap break-words rounded border border-slate-100 bg-slate-50 p-3 text-sm leading-relaxed text-slate-900"
          tabIndex={0}
          role="document"
          aria-label={t("closing.agreement.textHeading")}
          data-testid="agreement-text"
        >
          {agreement.text}
        </div>
        <p className="mt-2 text-xs text-slate-600">
          {t("closing.agreement.digest")}:{" "}
          <span className="break-all font-mono" data-testid="agreement-digest">
            {agreement.sha256}
          </span>
        </p>
      </section>

      {agreement.canSign && agreement.party ? (
        <Form
          method="post"
          className="mt-6 space-y-4 rounded-lg border border-brand-200 bg-white p-4 sm:p-5"
          aria-labelledby="sign-heading"
        >
          <h2 id="sign-heading" className="text-lg font-semibold">
            {t("closing.agreement.signHeading", { party: partyIn(agreement.party) })}
          </h2>
          <p className="text-sm text-slate-700">{t("closing.agreement.signIntro")}</p>
          <RefusalAlert refusal={result?.refusal ?? null} messages="closing.agreement.errors" />
          <input type="hidden" name="sha256" value={agreement.sha256} />
          <Field
            label={t("closing.agreement.name")}
            name="name"
            required
            minLength={2}
            maxLength={200}
            autoComplete="name"
            defaultValue={result?.name}
            error={fieldError("name")}
          />
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input type="checkbox" name="read" required className="mt-1" />
            <span>{t("closing.agreement.read")}</span>
          </label>
          <button type="submit" className={buttonStyle()} disabled={navigation.state === "submitting"}>
            {t("closing.agreement.sign")}
          </button>
        </Form>
      ) : (
        <p className="mt-6 text-sm text-slate-700">
          {agreement.party && signedParties.has(agreement.party)
            ? t("closing.agreement.yourSideSigned")
            : agreement.party
              ? null
              : t("closing.agreement.readOnly")}
        </p>
      )}
    </div>
  );
}
