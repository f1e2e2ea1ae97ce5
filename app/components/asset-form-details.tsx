import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  classifications,
  collateralTypes,
  foreclosureMethods,
  litigationStatuses,
  occupancies,
  realEstateUses,
  securityTypes,
  type AssetKind,
} from "../../core/enums";
import { rowCount, type AssetFormValues } from "../lib/asset-form";
import { useFieldProps, type FieldError } from "../lib/use-asset-fields";
import { Field, SelectField, TextAreaField, buttonStyle } from "./forms";

interface SectionProps {
  values: AssetFormValues;
  error: FieldError;
  amountHint: string;
}

/** A select over one of the contract's word lists, its labels from `labels.<value>`. */
function useChoice(values: AssetFormValues, error: FieldError) {
  const { t } = useTranslation();
  return (name: string, label: string, words: readonly string[], labels: string, blank = true) => (
    <SelectField
      label={label}
      name={name}
      defaultValue={values.fields[name] ?? ""}
      error={error(name)}
      options={[
        ...(blank ? [{ value: "", label: t("assets.form.choose") }] : []),
        ...words.map((w) => ({ value: w, label: t(`${labels}.${w}`) })),
      ]}
    />
  );
}

/** A claim's balances apart, its grading, litigation, legal clocks and loan officers, and its collateral. */
export function ClaimSection({ values, error, amountHint }: SectionProps) {
  const { t } = useTranslation();
  const field = useFieldProps(values, error);
  const choice = useChoice(values, error);
  const [collateralRows, setCollateralRows] = useState(rowCount(values.fields, "claim.collateral") + 1);
  const collateralError = error("claim.collateral");

  return (
    <>
      <section aria-labelledby="asset-claim" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <h2 id="asset-claim" className="text-lg font-semibold sm:col-span-2 lg:col-span-4">
          {t("assets.form.claim")}
        </h2>
        <div className="sm:col-span-2">
          <Field label={t("assets.form.loanId")} hint={t("assets.form.loanIdHint")} {...field("claim.loanId")} />
        </div>
        <Field label={t("assets.form.originatedOn")} type="date" {...field("claim.originatedOn")} />
        <Field label={t("assets.form.defaultedOn")} type="date" {...field("claim.defaultedOn")} />
        <Field label={t("assets.form.principal")} hint={amountHint} inputMode="decimal" required {...field("claim.principal")} />
        <Field label={t("assets.form.accruedInterest")} inputMode="decimal" {...field("claim.accruedInterest")} />
        <Field label={t("assets.form.penaltyInterest")} inputMode="decimal" {...field("claim.penaltyInterest")} />
        <Field label={t("assets.form.fees")} inputMode="decimal" {...field("claim.fees")} />
        {choice("claim.classification", t("assets.form.classification"), classifications, "classification")}
        {choice("claim.security", t("assets.form.security"), securityTypes, "security")}
        {choice("claim.litigationStatus", t("assets.form.litigationStatus"), litigationStatuses, "litigation", false)}
        <Field label={t("assets.form.industry")} {...field("claim.industry")} />
        <div className="sm:col-span-2">
          <Field label={t("assets.form.court")} {...field("claim.court")} />
        </div>
        <div className="sm:col-span-2">
          <Field label={t("assets.form.caseNumber")} {...field("claim.caseNumber")} />
        </div>
        <Field label={t("assets.form.limitationExpiresOn")} type="date" {...field("claim.limitationExpiresOn")} />
        <Field label={t("assets.form.guaranteeExpiresOn")} type="date" {...field("claim.guaranteeExpiresOn")} />
        <Field label={t("assets.form.enforcementDeadline")} type="date" {...field("claim.enforcementDeadline")} />
        <span className="hidden lg:block" />
        <div className="sm:col-span-2">
          <Field label={t("assets.form.originatingOfficer")} {...field("claim.originatingOfficer")} />
        </div>
        <div className="sm:col-span-2">
          <Field label={t("assets.form.investigatingOfficer")} {...field("claim.investigatingOfficer")} />
        </div>
      </section>

      <section aria-labelledby="asset-collateral" className="space-y-4">
        <h2 id="asset-collateral" className="text-lg font-semibold">
          {t("assets.form.collateral")}
        </h2>
        {collateralError ? <p className="text-sm text-rose-700">{collateralError}</p> : null}
        {Array.from({ length: collateralRows }, (_, i) => {
          const name = (f: string) => `claim.collateral.${i}.${f}`;
          return (
            <fieldset key={i} className="grid gap-3 rounded border border-slate-200 p-3 sm:grid-cols-2 lg:grid-cols-4">
              <legend className="px-1 text-sm font-medium text-slate-700">{t("assets.form.collateralItem", { n: i + 1 })}</legend>
              {choice(name("type"), t("assets.form.collateralType"), collateralTypes, "assets.collateralType", false)}
              <div className="sm:col-span-2 lg:col-span-3">
                <Field label={t("assets.form.location")} {...field(name("location"))} />
              </div>
              <Field label={t("assets.form.area")} inputMode="decimal" {...field(name("area"))} />
              <Field label={t("assets.form.collateralValue")} inputMode="decimal" {...field(name("appraisedValue"))} />
              <Field label={t("assets.form.appraisedOn")} type="date" {...field(name("appraisedOn"))} />
              <Field label={t("assets.form.lienRank")} inputMode="numeric" {...field(name("lienRank"))} />
              <div className="sm:col-span-2 lg:col-span-4">
                <Field label={t("assets.form.certificateNumber")} {...field(name("certificateNumber"))} />
              </div>
            </fieldset>
          );
        })}
        <button type="button" className={buttonStyle("secondary", "sm")} onClick={() => setCollateralRows((n) => n + 1)}>
          {t("assets.form.addCollateral")}
        </button>
      </section>
    </>
  );
}

/** Real estate, movables, equity and foreclosed assets: each kind's own facts. */
export function KindSection({ kind, values, error, amountHint }: SectionProps & { kind: AssetKind }) {
  const { t } = useTranslation();
  const field = useFieldProps(values, error);
  const choice = useChoice(values, error);
  if (kind === "claim") return null;
  const heading = { real_estate: "realEstate", movable: "movable", equity: "equity", foreclosed: "foreclosed" }[kind];
  return (
    <section aria-labelledby="asset-details" className="grid gap-4 sm:grid-cols-2">
      <h2 id="asset-details" className="text-lg font-semibold sm:col-span-2">
        {t(`assets.form.${heading}`)}
      </h2>
      {kind === "real_estate" ? (
        <>
          <div className="sm:col-span-2">
            <Field label={t("assets.form.location")} required {...field("realEstate.location")} />
          </div>
          <Field label={t("assets.form.area")} inputMode="decimal" required {...field("realEstate.area")} />
          {choice("realEstate.use", t("assets.form.use"), realEstateUses, "assets.use")}
          <Field label={t("assets.form.titleCertificate")} {...field("realEstate.titleCertificate")} />
          {choice("realEstate.occupancy", t("assets.form.occupancy"), occupancies, "assets.occupancy", false)}
          <div className="sm:col-span-2">
            <TextAreaField label={t("assets.form.encumbrances")} {...field("realEstate.encumbrances")} />
          </div>
        </>
      ) : null}
      {kind === "movable" ? (
        <>
          <div className="sm:col-span-2">
            <Field label={t("assets.form.location")} required {...field("movable.location")} />
          </div>
          <Field label={t("assets.form.quantity")} inputMode="numeric" {...field("movable.quantity")} />
          <Field label={t("assets.form.condition")} {...field("movable.condition")} />
        </>
      ) : null}
      {kind === "equity" ? (
        <>
          <div className="sm:col-span-2">
            <Field label={t("assets.form.company")} required {...field("equity.company")} />
          </div>
          <Field
            label={t("assets.form.stakePercent")}
            inputMode="decimal"
            required
            {...field("equity.stakePercent")}
            error={error("equity.stakeBasisPoints")}
          />
          <Field
            label={t("assets.form.registeredCapital")}
            hint={amountHint}
            inputMode="decimal"
            required
            {...field("equity.registeredCapital")}
          />
        </>
      ) : null}
      {kind === "foreclosed" ? (
        <>
          {choice("foreclosed.acquiredHow", t("assets.form.acquiredHow"), foreclosureMethods, "assets.foreclosure")}
          <Field label={t("assets.form.acquiredOn")} type="date" required {...field("foreclosed.acquiredOn")} />
          {choice(
            "foreclosed.formerAssetKind",
            t("assets.form.formerAssetKind"),
            ["real_estate", "movable", "equity", "other"],
            "assets.formerKind",
          )}
          <Field label={t("assets.form.location")} {...field("foreclosed.location")} />
        </>
      ) : null}
    </section>
  );
}
