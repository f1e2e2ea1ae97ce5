import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { organisationsWith } from "../../server/identity/rules";
import { barredCategories } from "../../server/listings/screening";
import { buttonStyle, Field, TextAreaField } from "../components/forms";
import { RefusalAlert, RegistrationBadge, useRefusalFields } from "../components/investing-bits";
import { Money } from "../components/listing-bits";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { refusalOf, type Refusal } from "../lib/investing.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** The applicant's identity is typed here: never cached, never restored from the back/forward cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "investor.register");
  const { listings, registrations, clock } = context.services;
  const id = params.id ?? "";
  const [listing, mine, t] = await Promise.all([
    listings.getPublic(id),
    registrations.mine(principal),
    i18nServer.getFixedT(request),
  ]);
  if (!listing) throw new Response("Not found", { status: 404 });
  const existing = mine.find((r) => r.listingId === id && (r.status === "pending" || r.status === "approved"));
  const investorOrgs = organisationsWith(principal, ["investor"]);
  const now = clock.now();
  return {
    title: t("registration.title"),
    listing: {
      id: listing.id,
      title: listing.title,
      currency: listing.currency,
      startingPrice: listing.startingPrice,
      deposit: listing.deposit,
      specialTerms: listing.specialTerms,
      balanceDueDays: listing.balanceDueDays,
      termsVersion: listing.termsVersion,
      rightOfFirstRefusalHolders: listing.rightOfFirstRefusalHolders,
    },
    existing: existing ? { status: existing.status, bidderCode: existing.bidderCode } : null,
    // The registration service's own rule: open from the announcement until bidding ends.
    open: (listing.status === "announced" || listing.status === "live") && (!listing.endsAt || now < new Date(listing.endsAt)),
    organisations: principal.memberships
      .filter((m) => investorOrgs.includes(m.organisationId))
      .filter((m, i, all) => all.findIndex((o) => o.organisationId === m.organisationId) === i)
      .map((m) => ({ id: m.organisationId, name: m.organisationName })),
  };
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "investor.register");
  const listingId = params.id ?? "";
  const form = await request.formData();
  const claimsRight = form.get("rightOfFirstRefusalClaim") === "on";
  const values = {
    organisationId: text(form, "organisationId"),
    applicantName: text(form, "applicantName"),
    applicantIdNumber: text(form, "applicantIdNumber"),
    attestations: form.getAll("attestations").map(String),
    depositReference: text(form, "depositReference"),
    rightOfFirstRefusalClaim: claimsRight,
    rightOfFirstRefusalRank: text(form, "rightOfFirstRefusalRank"),
    rightOfFirstRefusalProof: text(form, "rightOfFirstRefusalProof"),
  };
  try {
    await context.services.registrations.apply(principal, listingId, {
      organisationId: values.organisationId || undefined,
      applicantName: values.applicantName,
      applicantIdNumber: values.applicantIdNumber,
      attestations: values.attestations,
      termsVersion: text(form, "termsVersion"),
      acceptTerms: form.get("acceptTerms") === "on",
      acceptNda: form.get("acceptNda") === "on",
      depositReference: values.depositReference,
      rightOfFirstRefusal: claimsRight ? { rank: values.rightOfFirstRefusalRank, proof: values.rightOfFirstRefusalProof } : null,
    });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return data({ refusal, values }, { status });
  }
  return redirect(`/registrations?registered=${encodeURIComponent(listingId)}`);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

const fieldOrder = [
  "organisationId",
  "applicantName",
  "applicantIdNumber",
  "attestations",
  "termsVersion",
  "acceptTerms",
  "acceptNda",
  "depositReference",
  "rightOfFirstRefusal.rank",
  "rightOfFirstRefusal.proof",
];
const fieldAnchor: Record<string, string> = {
  organisationId: "field-organisationId",
  applicantName: "field-applicantName",
  applicantIdNumber: "field-applicantIdNumber",
  attestations: "attest-borrower_or_guarantor",
  termsVersion: "accept-terms",
  acceptTerms: "accept-terms",
  acceptNda: "accept-nda",
  depositReference: "field-depositReference",
  "rightOfFirstRefusal.rank": "field-rightOfFirstRefusalRank",
  "rightOfFirstRefusal.proof": "field-rightOfFirstRefusalProof",
};

function Refused({ refusal }: { refusal: Refusal }) {
  const { t } = useTranslation();
  const fieldError = useRefusalFields(refusal, "registration.fieldErrors");
  if (refusal.code === "BARRED_BUYER") {
    const against = refusal.details?.against;
    return (
      <>
        <h2 className="text-base font-semibold">{t("registration.barred.heading")}</h2>
        <p className="mt-1">
          {t(`registration.barred.${against ?? "generic"}`, { defaultValue: t("registration.barred.generic") })}
        </p>
        <p className="mt-1">{t("registration.barred.recorded")}</p>
      </>
    );
  }
  const fields = fieldOrder.filter((f) => refusal.fieldErrors?.[f]);
  return (
    <>
      <p className="font-semibold">
        {refusal.code === "VALIDATION_FAILED"
          ? t("investing.fieldErrorsIntro")
          : t(`investing.errors.${refusal.code}`, { defaultValue: t("investing.errors.generic") })}
      </p>
      {fields.length ? (
        <ul className="mt-1 list-disc pl-5">
          {fields.map((f) => (
            <li key={f}>
              <a href={`#${fieldAnchor[f]}`} className="underline">
                {fieldError(f)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function AlreadyOrClosed({ data: { listing, existing } }: { data: LoaderData }) {
  const { t } = useTranslation();
  return (
    <div className="mt-6 space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="registration-unavailable">
      {existing ? (
        <>
          <p className="font-semibold">{t("registration.already")}</p>
          <p className="flex items-center gap-2 text-sm">
            <RegistrationBadge status={existing.status} />
            {existing.bidderCode ? t("investing.listing.registrationApproved", { code: existing.bidderCode }) : null}
          </p>
          <Link to="/registrations" className="text-brand-700 underline">
            {t("registration.seeRegistrations")}
          </Link>
        </>
      ) : (
        <p className="font-semibold">{t("registration.closed")}</p>
      )}
      <p>
        <Link to={`/listings/${listing.id}`} className="text-brand-700 underline">
          {t("investing.backToListing")}
        </Link>
      </p>
    </div>
  );
}

export default function RegisterPage() {
  const loaderData = useLoaderData<typeof loader>();
  const { listing, existing, open, organisations } = loaderData;
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const refusal = result?.refusal ?? null;
  const values = result?.values;
  const fieldError = useRefusalFields(refusal, "registration.fieldErrors");
  const [claimsRight, setClaimsRight] = useState(values?.rightOfFirstRefusalClaim ?? false);
  const busy = navigation.state === "submitting";
  const transferNote = `NPLEX-${listing.id.slice(0, 8).toUpperCase()}`;
  const section = "space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5";
  const h2 = "text-lg font-semibold";
  const checkbox = "mt-1 h-4 w-4 shrink-0 accent-brand-700";
  const errorText = (id: string, message?: string) =>
    message ? (
      <p id={id} className="text-sm text-rose-700">
        {message}
      </p>
    ) : null;
  const fact = (label: string, value: React.ReactNode, testId?: string) => (
    <div className="flex justify-between gap-4 border-b border-slate-100 py-1.5 text-sm last:border-b-0">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right font-medium" data-testid={testId}>
        {value}
      </dd>
    </div>
  );

  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link to={`/listings/${listing.id}`} className="text-brand-700 underline">
          ← {t("investing.backToListing")}
        </Link>
      </p>
      <h1 className="mt-3 text-2xl font-bold tracking-tight sm:text-3xl">{t("registration.title")}</h1>
      <p className="mt-1 text-lg text-slate-800">{listing.title}</p>
      <p className="mt-2 text-slate-700">{t("registration.intro", { title: listing.title })}</p>

      {existing || !open ? (
        <AlreadyOrClosed data={loaderData} />
      ) : (
        <Form method="post" className="mt-6 space-y-6" aria-label={t("registration.title")}>
          {refusal ? (
            <RefusalAlert refusal={refusal}>
              <Refused refusal={refusal} />
            </RefusalAlert>
          ) : null}
          <input type="hidden" name="termsVersion" value={listing.termsVersion} />

          <section aria-labelledby="applicant-heading" className={section}>
            <h2 id="applicant-heading" className={h2}>
              {t("registration.applicant.heading")}
            </h2>
            <p id="applicant-explain" className="text-sm text-slate-700">
              {t("registration.applicant.explain")}
            </p>
            {organisations.length > 1 ? (
              <div className="flex flex-col gap-1">
                <label htmlFor="field-organisationId" className="text-sm font-medium text-slate-800">
                  {t("registration.organisation")}
                </label>
                <select
                  id="field-organisationId"
                  name="organisationId"
                  defaultValue={values?.organisationId || organisations[0]?.id}
                  className="rounded border border-slate-300 bg-white px-3 py-2"
                >
                  {organisations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <p className="text-sm">
                {t("registration.organisation")}
                {t("auction.colon")}
                <strong>{organisations[0]?.name}</strong>
              </p>
            )}
            <Field
              label={t("registration.applicant.name")}
              name="applicantName"
              autoComplete="organization"
              required
              minLength={2}
              maxLength={200}
              defaultValue={values?.applicantName}
              error={fieldError("applicantName")}
            />
            <Field
              label={t("registration.applicant.idNumber")}
              name="applicantIdNumber"
              autoComplete="off"
              spellCheck={false}
              required
              minLength={6}
              maxLength={40}
              defaultValue={values?.applicantIdNumber}
              hint={t("registration.applicant.idNumberHint")}
              error={fieldError("applicantIdNumber")}
            />
          </section>

          <section aria-labelledby="attest-heading" className={section}>
            <fieldset aria-describedby={`attest-explain${fieldError("attestations") ? " attest-error" : ""}`}>
              <legend>
                <h2 id="attest-heading" className={h2}>
                  {t("registration.attest.heading")}
                </h2>
              </legend>
              <p id="attest-explain" className="mt-2 text-sm text-slate-700">
                {t("registration.attest.explain")}
              </p>
              <ul className="mt-3 space-y-2">
                {barredCategories.map((category) => (
                  <li key={category} className="flex items-start gap-2">
                    <input
                      type="checkbox"
                      id={`attest-${category}`}
                      name="attestations"
                      value={category}
                      required
                      defaultChecked={values?.attestations.includes(category)}
                      className={checkbox}
                    />
                    <label htmlFor={`attest-${category}`} className="text-sm">
                      {t(`registration.attest.${category}`)}
                    </label>
                  </li>
                ))}
              </ul>
              {errorText("attest-error", fieldError("attestations"))}
            </fieldset>
          </section>

          <section aria-labelledby="terms-heading" className={section}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="terms-heading" className={h2}>
                {t("registration.terms.heading")}
              </h2>
              <span className="text-sm text-slate-600">{t("registration.terms.version", { version: listing.termsVersion })}</span>
            </div>
            <dl>
              {fact(t("registration.terms.startingPrice"), <Money value={listing.startingPrice} currency={listing.currency} />)}
              {fact(t("registration.terms.deposit"), <Money value={listing.deposit} currency={listing.currency} />)}
              {fact(t("registration.terms.balance"), t("registration.terms.balanceDays", { count: listing.balanceDueDays }))}
            </dl>
            <h3 className="font-semibold">{t("registration.terms.special")}</h3>
            <p className="text-sm whitespace-pre-line text-slate-800" data-testid="special-terms">
              {listing.specialTerms || t("registration.terms.noSpecial")}
            </p>
            <h3 className="font-semibold">{t("registration.terms.general")}</h3>
            <ol className="list-decimal space-y-1 pl-6 text-sm text-slate-800">
              <li>{t("registration.terms.asIs")}</li>
              <li>{t("registration.terms.binding")}</li>
              <li>{t("registration.terms.depositRule")}</li>
              <li>{t("registration.terms.default")}</li>
              <li>{t("registration.terms.withdraw")}</li>
            </ol>
            <div className="flex items-start gap-2 border-t border-slate-100 pt-3">
              <input
                key={`terms-${listing.termsVersion}`}
                type="checkbox"
                id="accept-terms"
                name="acceptTerms"
                required
                aria-describedby={fieldError("acceptTerms") ? "accept-terms-error" : undefined}
                className={checkbox}
              />
              <label htmlFor="accept-terms" className="text-sm font-medium">
                {t("registration.terms.accept", { version: listing.termsVersion })}
              </label>
            </div>
            {errorText("accept-terms-error", fieldError("acceptTerms") ?? fieldError("termsVersion"))}
          </section>

          <section aria-labelledby="nda-heading" className={section}>
            <h2 id="nda-heading" className={h2}>
              {t("registration.nda.heading")}
            </h2>
            <ol className="list-decimal space-y-1 pl-6 text-sm text-slate-800">
              <li>{t("registration.nda.p1")}</li>
              <li>{t("registration.nda.p2")}</li>
              <li>{t("registration.nda.p3")}</li>
              <li>{t("registration.nda.p4")}</li>
            </ol>
            <div className="flex items-start gap-2 border-t border-slate-100 pt-3">
              <input
                key={`nda-${listing.termsVersion}`}
                type="checkbox"
                id="accept-nda"
                name="acceptNda"
                required
                aria-describedby={fieldError("acceptNda") ? "accept-nda-error" : undefined}
                className={checkbox}
              />
              <label htmlFor="accept-nda" className="text-sm font-medium">
                {t("registration.nda.accept")}
              </label>
            </div>
            {errorText("accept-nda-error", fieldError("acceptNda"))}
          </section>

          <section aria-labelledby="deposit-heading" className={section}>
            <h2 id="deposit-heading" className={h2}>
              {t("registration.deposit.heading")}
            </h2>
            <p className="text-sm text-slate-700">{t("registration.deposit.explain")}</p>
            <dl className="rounded-md bg-slate-50 px-3 py-1">
              {fact(
                t("registration.deposit.amount"),
                <Money value={listing.deposit} currency={listing.currency} />,
                "deposit-amount",
              )}
              {fact(t("registration.deposit.accountName"), t("registration.deposit.accountNameValue"))}
              {fact(t("registration.deposit.bank"), t("registration.deposit.bankValue"))}
              {fact(
                t("registration.deposit.accountNumber"),
                <span className="font-mono">{t("registration.deposit.accountNumberValue")}</span>,
              )}
              {fact(t("registration.deposit.note"), <span className="font-mono">{transferNote}</span>)}
            </dl>
            <p className="text-xs text-slate-600">{t("registration.deposit.noteHint")}</p>
            <Field
              label={t("registration.deposit.reference")}
              name="depositReference"
              autoComplete="off"
              spellCheck={false}
              required
              minLength={4}
              maxLength={64}
              defaultValue={values?.depositReference}
              hint={t("registration.deposit.referenceHint")}
              error={fieldError("depositReference")}
            />
          </section>

          <section aria-labelledby="rofr-heading" className={section}>
            <h2 id="rofr-heading" className={h2}>
              {t("registration.rofr.heading")}
            </h2>
            <p className="text-sm text-slate-700">{t("registration.rofr.explain")}</p>
            <p className="text-sm text-slate-700">
              {listing.rightOfFirstRefusalHolders > 0
                ? t("registration.rofr.declared", { count: listing.rightOfFirstRefusalHolders })
                : t("registration.rofr.noneDeclared")}
            </p>
            <div className="flex items-start gap-2">
              <input
                type="checkbox"
                id="rofr-claim"
                name="rightOfFirstRefusalClaim"
                checked={claimsRight}
                onChange={(event) => setClaimsRight(event.target.checked)}
                aria-controls="rofr-fields"
                className={checkbox}
              />
              <label htmlFor="rofr-claim" className="text-sm font-medium">
                {t("registration.rofr.claim")}
              </label>
            </div>
            <div id="rofr-fields" hidden={!claimsRight} className="space-y-3">
              <Field
                label={t("registration.rofr.rank")}
                name="rightOfFirstRefusalRank"
                type="number"
                inputMode="numeric"
                min={1}
                max={20}
                required={claimsRight}
                defaultValue={values?.rightOfFirstRefusalRank}
                hint={t("registration.rofr.rankHint")}
                error={fieldError("rightOfFirstRefusal.rank")}
              />
              <TextAreaField
                id="field-rightOfFirstRefusalProof"
                label={t("registration.rofr.proof")}
                name="rightOfFirstRefusalProof"
                required={claimsRight}
                minLength={10}
                maxLength={2000}
                defaultValue={values?.rightOfFirstRefusalProof}
                hint={t("registration.rofr.proofHint")}
                error={fieldError("rightOfFirstRefusal.proof")}
              />
            </div>
          </section>

          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className={buttonStyle("primary")} disabled={busy}>
              {busy ? t("registration.submitting") : t("registration.submit")}
            </button>
            <Link to={`/listings/${listing.id}`} className="text-sm text-brand-700 underline">
              {t("investing.backToListing")}
            </Link>
          </div>
        </Form>
      )}
    </div>
  );
}
