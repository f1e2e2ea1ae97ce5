import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { documentKinds } from "../../core/identity/documents";
import { partyKinds, partyRoles } from "../../core/enums";
import type { SellerAsset } from "../../core/contract/assets";
import { regionChoices, regionName } from "../../core/regions";
import { rowCount, type AssetFormValues } from "../lib/asset-form";
import { useAssetFieldError, useFieldProps, type FieldError } from "../lib/use-asset-fields";
import type { Refusal } from "../lib/refusal";
import { ClaimSection, KindSection } from "./asset-form-details";
import { Field, SelectField, TextAreaField, buttonStyle } from "./forms";
import { RefusalAlert } from "./refusal";

interface AssetFormProps {
  values: AssetFormValues;
  failure?: { refusal: Refusal } | null;
  /** On a change, the asset's stored parties (masked) that the form offers to keep. */
  storedParties?: SellerAsset["parties"];
  submitLabel: string;
  disabled?: boolean;
}

/** The asset form of every kind: what it is, its parties, and its kind's own facts. */
export function AssetForm({ values, failure, storedParties = [], submitLabel, disabled }: AssetFormProps) {
  const { t, i18n } = useTranslation();
  const error = useAssetFieldError(failure?.refusal);
  const field = useFieldProps(values, error);
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const currency = values.fields.currency || "CNY";
  const amountHint = t("assets.form.amountHint", { currency });

  return (
    <Form method="post" className="space-y-8" noValidate>
      <RefusalAlert refusal={failure?.refusal} messages="assets.errors" />
      <input type="hidden" name="kind" value={values.kind} />
      <fieldset disabled={disabled} className="space-y-8">
        <section aria-labelledby="asset-about" className="grid gap-4 sm:grid-cols-2">
          <h2 id="asset-about" className="text-lg font-semibold sm:col-span-2">
            {t("assets.form.about")}
          </h2>
          <div className="sm:col-span-2">
            <Field label={t("assets.form.title")} hint={t("assets.form.titleHint")} required {...field("title")} />
          </div>
          <Field
            label={t("assets.form.region")}
            hint={t("assets.form.regionHint")}
            required
            list="region-choices"
            {...field("region")}
            defaultValue={regionName(values.fields.region ?? "", i18n.language)}
          />
          <RegionChoices language={i18n.language} />
          <Field label={t("assets.form.currency")} maxLength={3} {...field("currency")} defaultValue={currency} />
          <Field label={t("assets.form.appraisedValue")} hint={amountHint} inputMode="decimal" {...field("appraisedValue")} />
          <div className="sm:col-span-2">
            <TextAreaField label={t("assets.form.description")} rows={4} {...field("description")} />
          </div>
        </section>

        {values.kind === "claim" ? <ClaimSection values={values} error={error} amountHint={amountHint} /> : null}
        <KindSection kind={values.kind} values={values} error={error} amountHint={amountHint} />
        <PartiesSection values={values} error={error} stored={storedParties} readOnly={disabled} />
      </fieldset>
      {disabled ? null : (
        <button type="submit" className={buttonStyle("primary")} disabled={busy}>
          {submitLabel}
        </button>
      )}
    </Form>
  );
}

/** Stored parties, kept unless unticked (shown masked), then new rows typed in full. */
function PartiesSection({
  values,
  error,
  stored,
  readOnly = false,
}: {
  values: AssetFormValues;
  error: FieldError;
  stored: SellerAsset["parties"];
  /** A form that cannot be sent offers no rows to type new parties into. */
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const field = useFieldProps(values, error);
  // One blank row to type into; more on request (a browser without scripts sends the one).
  const [rows, setRows] = useState(readOnly ? 0 : Math.max(rowCount(values.fields, "parties"), 1));
  const kept = new Set(values.keepParties);
  const partiesError = error("parties") ?? error("keepParties");

  return (
    <section aria-labelledby="asset-parties" className="space-y-4">
      <div>
        <h2 id="asset-parties" className="text-lg font-semibold">
          {t("assets.form.parties")}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("assets.form.partiesIntro")}</p>
        {partiesError ? (
          <p id="asset-parties-error" className="mt-2 text-sm text-rose-700">
            {partiesError}
          </p>
        ) : null}
      </div>
      {stored.length > 0 ? (
        <ul className="space-y-2">
          {stored.map((party) => (
            <li key={party.id} className="flex flex-wrap items-center gap-3 rounded border border-slate-200 px-3 py-2 text-sm">
              <label className="flex items-center gap-2">
                <input type="checkbox" name="keepParties" value={party.id} defaultChecked={kept.has(party.id)} />
                <span className="font-medium">{t("assets.form.keep")}</span>
              </label>
              <span>{t(`party.${party.role}`)}</span>
              <span className="text-slate-600">{t(`party.${party.kind}`)}</span>
              <span className="font-mono">{party.name}</span>
              <span className="font-mono text-slate-600">{party.idNumber}</span>
              <span className="text-xs text-slate-600">{t("assets.form.keptHint")}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {Array.from({ length: rows }, (_, i) => (
        <fieldset key={i} className="grid gap-3 rounded border border-slate-200 p-3 sm:grid-cols-2 lg:grid-cols-5">
          <legend className="px-1 text-sm font-medium text-slate-700">{t("assets.form.newParty", { n: i + 1 })}</legend>
          <SelectField
            label={t("assets.form.role")}
            name={`parties.${i}.role`}
            defaultValue={values.fields[`parties.${i}.role`] ?? "borrower"}
            options={partyRoles.map((r) => ({ value: r, label: t(`party.${r}`) }))}
          />
          <SelectField
            label={t("assets.form.partyKind")}
            name={`parties.${i}.kind`}
            defaultValue={values.fields[`parties.${i}.kind`] ?? "company"}
            options={partyKinds.map((k) => ({ value: k, label: t(`party.${k}`) }))}
          />
          <Field label={t("assets.form.name")} autoComplete="off" {...field(`parties.${i}.name`)} />
          <SelectField
            label={t("assets.form.idType")}
            name={`parties.${i}.idType`}
            defaultValue={values.fields[`parties.${i}.idType`] ?? ""}
            options={[
              { value: "", label: t("assets.form.choose") },
              ...documentKinds.map((k) => ({ value: k, label: t(`registration.documentKinds.${k}`) })),
            ]}
            error={error(`parties.${i}.idType`)}
          />
          <Field label={t("assets.form.idNumber")} autoComplete="off" spellCheck={false} {...field(`parties.${i}.idNumber`)} />
        </fieldset>
      ))}
      {readOnly ? null : (
        <button type="button" className={buttonStyle("secondary", "sm")} onClick={() => setRows((n) => n + 1)}>
          {t("assets.form.addParty")}
        </button>
      )}
    </section>
  );
}

/** The provinces and cities a region is picked from, in the reader's language (kept in English whichever is typed). */
function RegionChoices({ language }: { language: string }) {
  const zh = language.startsWith("zh");
  return (
    <datalist id="region-choices">
      {regionChoices().map((choice) => (
        <option key={choice.value} value={zh ? choice.zh : choice.en} />
      ))}
    </datalist>
  );
}
