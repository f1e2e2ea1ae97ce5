import { Form, Link, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  checkDocument,
  checkLegalName,
  documentKinds,
  documentNumberMaxLength,
  legalNameLength,
  type DocumentKind,
} from "../../core/identity/documents";
import { barredCategories } from "../../core/screening";
import { buttonStyle, Field, SelectField, TextAreaField } from "./forms";
import { RefusalAlert, useFieldError } from "./refusal";
import {
  type FieldError,
  type RegistrationListing,
  type RegistrationValues,
  checkboxClass,
  DepositSection,
  DesignatedCommitmentSection,
  ErrorText,
  headingClass,
  NdaSection,
  sectionClass,
  TermsSection,
} from "./registration-sections";
import type { Refusal } from "../lib/refusal";

/** An investor organisation the applicant may register for; an individual's usual document is a resident ID. */
export interface ApplicantOrganisation {
  id: string;
  name: string;
  kind: string;
}

const isDocumentKind = (kind: string | undefined): kind is DocumentKind =>
  (documentKinds as readonly string[]).includes(kind ?? "");

/**
 * The refused fields' messages, with the rule a name or an ID number broke: the same pure checks
 * the service ran, applied to what was sent back, so the message says what to correct.
 */
function useFieldErrors(refusal: Refusal | null, values?: RegistrationValues): FieldError {
  const { t } = useTranslation();
  const fieldError = useFieldError(refusal, "registration.fieldErrors", "investing.errors");
  return (field: string) => {
    const fallback = fieldError(field);
    if (!fallback || !values) return fallback;
    if (field === "applicantName") {
      const checked = checkLegalName(values.applicantName);
      if (!checked.ok)
        return t(`registration.nameRules.${checked.issue}`, { min: legalNameLength.min, max: legalNameLength.max });
    }
    if (field === "applicantIdNumber" && isDocumentKind(values.applicantIdType)) {
      const checked = checkDocument(values.applicantIdType, values.applicantIdNumber);
      if (!checked.ok) {
        return checked.issue === "format"
          ? t(`registration.documentRules.${values.applicantIdType}`)
          : t(`registration.idRules.${checked.issue}`);
      }
    }
    return fallback;
  };
}

/**
 * The registration to bid on one listing: who bids, the declarations, the terms and NDA accepted,
 * the deposit paid and any right of first refusal claimed.
 */
export function RegistrationForm({
  listing,
  organisations,
  refusal,
  values,
  designated,
}: {
  listing: RegistrationListing;
  /** The applicant's investor organisations; with more than one, the applicant chooses. */
  organisations: ApplicantOrganisation[];
  refusal: Refusal | null;
  values?: RegistrationValues;
  /** A designated purchase's commitment, made before the announcement, instead of a registration. */
  designated?: { sellerName: string } | null;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const fieldError = useFieldErrors(refusal, values);
  const busy = navigation.state === "submitting";
  return (
    <Form method="post" className="mt-6 space-y-6" aria-label={t("registration.title")}>
      {refusal ? <RefusalAlert refusal={refusal} sentence={<Refused refusal={refusal} fieldError={fieldError} />} /> : null}
      <input type="hidden" name="termsVersion" value={listing.termsVersion} />

      {designated ? (
        <DesignatedCommitmentSection listing={listing} sellerName={designated.sellerName} fieldError={fieldError} />
      ) : null}
      <ApplicantSection organisations={organisations} values={values} fieldError={fieldError} />
      <DeclarationsSection values={values} fieldError={fieldError} />
      <TermsSection listing={listing} fieldError={fieldError} />
      <NdaSection termsVersion={listing.termsVersion} fieldError={fieldError} />
      <DepositSection listing={listing} />
      <RightOfFirstRefusalSection declaredHolders={listing.rightOfFirstRefusalHolders} values={values} fieldError={fieldError} />

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonStyle("primary")} disabled={busy}>
          {busy ? t("registration.submitting") : designated ? t("designated.commit.submit") : t("registration.submit")}
        </button>
        <Link to={designated ? "/registrations" : `/listings/${listing.id}`} className="text-sm text-brand-700 underline">
          {designated ? t("registration.seeRegistrations") : t("investing.backToListing")}
        </Link>
      </div>
    </Form>
  );
}

/** The refused fields in the order the form asks for them, and where each one is on the page. */
const fieldOrder = [
  "designatedFloor",
  "organisationId",
  "applicantName",
  "applicantIdType",
  "applicantIdNumber",
  "attestations",
  "termsVersion",
  "acceptTerms",
  "acceptNda",
  "rightOfFirstRefusal.rank",
  "rightOfFirstRefusal.proof",
];
const fieldAnchor: Record<string, string> = {
  designatedFloor: "commitment-heading",
  organisationId: "field-organisationId",
  applicantName: "field-applicantName",
  applicantIdType: "field-applicantIdType",
  applicantIdNumber: "field-applicantIdNumber",
  attestations: "attest-borrower_or_guarantor",
  termsVersion: "accept-terms",
  acceptTerms: "accept-terms",
  acceptNda: "accept-nda",
  "rightOfFirstRefusal.rank": "field-rightOfFirstRefusalRank",
  "rightOfFirstRefusal.proof": "field-rightOfFirstRefusalProof",
};

function Refused({ refusal, fieldError }: { refusal: Refusal; fieldError: FieldError }) {
  const { t } = useTranslation();
  // Only a membership of the seller or the platform is refused at once; nothing else is told here.
  if (refusal.code === "BARRED_BUYER") {
    const against = refusal.params?.against;
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
  const fields = fieldOrder.filter((f) => refusal.fields?.[f]);
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

function ApplicantSection({
  organisations,
  values,
  fieldError,
}: {
  organisations: ApplicantOrganisation[];
  values?: RegistrationValues;
  fieldError: FieldError;
}) {
  const { t } = useTranslation();
  const usualKind = (organisationId?: string) =>
    organisations.find((o) => o.id === organisationId)?.kind === "individual" ? "resident_id" : "credit_code";
  const [kind, setKind] = useState<DocumentKind>(
    isDocumentKind(values?.applicantIdType) ? values.applicantIdType : usualKind(values?.organisationId || organisations[0]?.id),
  );
  return (
    <section aria-labelledby="applicant-heading" className={sectionClass}>
      <h2 id="applicant-heading" className={headingClass}>
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
        minLength={legalNameLength.min}
        maxLength={legalNameLength.max}
        defaultValue={values?.applicantName}
        hint={t("registration.applicant.nameHint", { max: legalNameLength.max })}
        error={fieldError("applicantName")}
      />
      <SelectField
        label={t("registration.applicant.idType")}
        name="applicantIdType"
        options={documentKinds.map((k) => ({ value: k, label: t(`registration.documentKinds.${k}`) }))}
        defaultValue={kind}
        onChange={(value) => isDocumentKind(value) && setKind(value)}
        error={fieldError("applicantIdType")}
      />
      <Field
        label={t("registration.applicant.idNumber")}
        name="applicantIdNumber"
        autoComplete="off"
        spellCheck={false}
        required
        maxLength={documentNumberMaxLength}
        defaultValue={values?.applicantIdNumber}
        hint={t(`registration.documentRules.${kind}`)}
        error={fieldError("applicantIdNumber")}
      />
    </section>
  );
}

/** One box to tick for each category of person barred from bidding. */
function DeclarationsSection({ values, fieldError }: { values?: RegistrationValues; fieldError: FieldError }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="attest-heading" className={sectionClass}>
      <fieldset aria-describedby={`attest-explain${fieldError("attestations") ? " attest-error" : ""}`}>
        <legend>
          <h2 id="attest-heading" className={headingClass}>
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
                className={checkboxClass}
              />
              <label htmlFor={`attest-${category}`} className="text-sm">
                {t(`registration.attest.${category}`)}
              </label>
            </li>
          ))}
        </ul>
        <ErrorText id="attest-error" message={fieldError("attestations")} />
      </fieldset>
    </section>
  );
}

/** A claim to a right of first refusal: its rank and proof are asked for only once the box is ticked. */
function RightOfFirstRefusalSection({
  declaredHolders,
  values,
  fieldError,
}: {
  /** How many holders the seller declared. */
  declaredHolders: number;
  values?: RegistrationValues;
  fieldError: FieldError;
}) {
  const { t } = useTranslation();
  const [claimsRight, setClaimsRight] = useState(values?.rightOfFirstRefusalClaim ?? false);
  return (
    <section aria-labelledby="rofr-heading" className={sectionClass}>
      <h2 id="rofr-heading" className={headingClass}>
        {t("registration.rofr.heading")}
      </h2>
      <p className="text-sm text-slate-700">{t("registration.rofr.explain")}</p>
      <p className="text-sm text-slate-700">
        {declaredHolders > 0 ? t("registration.rofr.declared", { count: declaredHolders }) : t("registration.rofr.noneDeclared")}
      </p>
      <div className="flex items-start gap-2">
        <input
          type="checkbox"
          id="rofr-claim"
          name="rightOfFirstRefusalClaim"
          checked={claimsRight}
          onChange={(event) => setClaimsRight(event.target.checked)}
          aria-controls="rofr-fields"
          className={checkboxClass}
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
  );
}
