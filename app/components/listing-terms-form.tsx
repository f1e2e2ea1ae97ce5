import { Form, Link, useNavigation } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { buttonStyle, Field, SelectField, TextAreaField } from "./forms";
import { useTermsFieldLabel, useTermsIssueText } from "./lifecycle-bits";
import { RefusalAlert } from "./refusal";
import {
  ConditionsFields,
  fieldsetClass,
  legendClass,
  PriceFields,
  TimetableFields,
  type TermsFieldError,
} from "./listing-terms-fields";
import { currencyDigits, formatMoney, parseMajorAmount } from "../../core/money";
import {
  depositRange,
  minimumStartWithoutException,
  RIGHT_OF_FIRST_REFUSAL_ROWS,
  type TermsFormValues,
} from "../lib/listing-terms";
import type { FieldIssue, Refusal } from "../lib/refusal";

export interface TermsLot {
  /** `asset:<id>` or `package:<id>`. */
  ref: string;
  title: string;
  kind: string;
  currency: string;
  /** The latest valuation in minor units, or null while the lot is not valued. */
  valuation: string | null;
}

export interface TermsFormFailure extends Refusal {
  fields: Record<string, FieldIssue>;
}

/**
 * The terms of a listing, for a new draft and for editing one: every field with its error beside
 * it, money typed in major units and times on the China Standard Time wall clock.
 */
export function ListingTermsForm({
  lot,
  values,
  failure,
  submitLabel,
  cancelTo,
  lotAction,
  modes,
  designatable,
}: {
  lot: TermsLot;
  /** The sale modes to offer; the service says which of them may be listed now. */
  modes: readonly string[];
  /** The investor organisations a designated purchase may name. */
  designatable: readonly { id: string; name: string }[];
  values: TermsFormValues;
  failure?: TermsFormFailure | null;
  submitLabel: string;
  cancelTo: string;
  /** A way to choose another lot, shown beside the lot's name. */
  lotAction?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const currency = lot.currency;
  const unit = t(`auction.currencyUnit.${currency}`, { defaultValue: currency });
  const money = (minor: string) => formatMoney(minor, currency, i18n.language);
  const issueText = useTermsIssueText(currency);
  const fields = failure?.fields ?? {};
  const error: TermsFieldError = (field) => (fields[field] ? issueText(field, fields[field]) : undefined);

  const [mode, setMode] = useState(values.mode);
  // The hints follow the starting price as it is typed.
  const [startText, setStartText] = useState(values.startingPrice);
  const start = parseMajorAmount(startText, currencyDigits(currency));
  const range = start ? depositRange(start) : null;
  const minimumStart = lot.valuation ? minimumStartWithoutException(lot.valuation) : null;
  const belowValuation = start && minimumStart ? BigInt(start) < BigInt(minimumStart) : false;

  const holders = Array.from(
    { length: Math.max(RIGHT_OF_FIRST_REFUSAL_ROWS, values.rightOfFirstRefusalHolders.length) },
    (_, row) => values.rightOfFirstRefusalHolders[row] ?? { name: "", rank: "" },
  );

  return (
    <Form method="post" className="space-y-6">
      <input type="hidden" name="lot" value={lot.ref} />
      <input type="hidden" name="rofrRows" value={holders.length} />

      {failure ? <TermsProblems failure={failure} currency={currency} /> : null}

      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t("terms.sectionSold")}</legend>
        <div className="grid gap-4 md:grid-cols-2">
          <div className="md:col-span-2">
            <p id="lot-heading" className="text-sm font-medium text-slate-800">
              {t("terms.label.lot")}
            </p>
            <p className="mt-1 flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <span className="font-semibold">{lot.title}</span>
              <span className="text-sm text-slate-600">
                {t(`kind.${lot.kind}`)}
                {" · "}
                {lot.valuation ? t("terms.valuedAt", { value: money(lot.valuation) }) : t("manage.notValued")}
              </span>
              {lotAction}
            </p>
            {error("lot") ? <p className="mt-1 text-sm text-rose-700">{error("lot")}</p> : null}
          </div>
          <Field
            label={t("terms.label.title")}
            name="title"
            lang="en"
            maxLength={200}
            defaultValue={values.title}
            hint={error("title") ? undefined : t("terms.hint.title")}
            error={error("title")}
          />
          <Field
            label={t("terms.label.titleZh")}
            name="titleZh"
            lang="zh-CN"
            maxLength={200}
            defaultValue={values.titleZh}
            error={error("titleZh")}
          />
          <TextAreaField
            id="field-summary"
            label={t("terms.label.summary")}
            name="summary"
            lang="en"
            rows={4}
            maxLength={4000}
            defaultValue={values.summary}
            hint={t("terms.hint.summary")}
            error={error("summary")}
          />
          <TextAreaField
            id="field-summaryZh"
            label={t("terms.label.summaryZh")}
            name="summaryZh"
            lang="zh-CN"
            rows={4}
            maxLength={4000}
            defaultValue={values.summaryZh}
            error={error("summaryZh")}
          />
          <SelectField
            label={t("terms.label.mode")}
            name="mode"
            defaultValue={values.mode}
            hint={error("mode") ? undefined : t("terms.hint.mode")}
            error={error("mode")}
            options={modes.map((m) => ({ value: m, label: t(`mode.${m}`) }))}
            onChange={setMode}
          />
          <Field
            label={t("terms.label.currency")}
            name="currency"
            readOnly
            value={currency}
            hint={t("terms.hint.currency")}
            error={error("currency")}
          />
          <ModeFields mode={mode} values={values} designatable={designatable} error={error} />
        </div>
      </fieldset>

      <PriceFields
        values={values}
        unit={unit}
        error={error}
        money={money}
        minimumStart={minimumStart}
        depositRange={range}
        onStartingPriceChange={setStartText}
      />
      <TimetableFields values={values} error={error} />
      <ConditionsFields
        values={values}
        holders={holders}
        error={error}
        money={money}
        valuation={lot.valuation}
        minimumStart={minimumStart}
        belowValuation={belowValuation}
      />

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonStyle("primary")} disabled={busy}>
          {busy ? t("terms.saving") : submitLabel}
        </button>
        <Link to={cancelTo} className={buttonStyle("secondary")}>
          {t("common.cancel")}
        </Link>
        <p className="text-sm text-slate-600">{t("terms.privateUntilPublished")}</p>
      </div>
    </Form>
  );
}

/** What stops the terms being saved, each problem linked to its field. */
function TermsProblems({ failure, currency }: { failure: TermsFormFailure; currency: string }) {
  const { t } = useTranslation();
  const issueText = useTermsIssueText(currency);
  const fieldLabel = useTermsFieldLabel(currency);
  const summary = Object.entries(failure.fields);
  const sentence =
    failure.code === "VALIDATION_FAILED" || failure.code === "INVALID_TERMS" ? (
      <p className="font-semibold">{t("terms.problems", { count: summary.length })}</p>
    ) : undefined;
  return (
    <RefusalAlert refusal={failure} sentence={sentence}>
      {failure.code === "LOT_IN_USE" && failure.params?.listingId ? (
        <p className="mt-1">
          <Link to={`/manage/listings/${failure.params.listingId}`} className="underline">
            {t("manage.openHoldingListing")}
          </Link>
        </p>
      ) : null}
      {summary.length > 0 ? (
        <ul className="mt-2 list-disc space-y-0.5 pl-5">
          {summary.map(([field, issue]) => (
            <li key={field}>
              <a href={`#${idOf(field)}`} className="underline">
                {fieldLabel(field)}
              </a>
              : {issueText(field, issue)}
            </li>
          ))}
        </ul>
      ) : null}
    </RefusalAlert>
  );
}

/** The element a problem in the summary leads to: the field's input, or the heading of a group. */
function idOf(field: string) {
  const row = /^rightOfFirstRefusalHolders\.(\d+)\.(name|rank)$/.exec(field);
  if (row) return `field-rofr${row[2] === "name" ? "Name" : "Rank"}${row[1]}`;
  if (field === "rightOfFirstRefusalHolders") return "rofr-legend";
  if (field === "lot") return "lot-heading";
  return `field-${field}`;
}

/** What each sale mode asks beyond the common terms: a tender's pricing, a designated purchase's investor. */
function ModeFields({
  mode,
  values,
  designatable,
  error,
}: {
  mode: string;
  values: TermsFormValues;
  designatable: readonly { id: string; name: string }[];
  error: TermsFieldError;
}) {
  const { t } = useTranslation();
  if (mode === "tender") {
    return (
      <div className="md:col-span-2">
        <SelectField
          label={t("designated.form.tenderPricing")}
          name="tenderPricing"
          defaultValue={values.tenderPricing}
          hint={t("designated.form.tenderPricingHint")}
          error={error("tenderPricing")}
          options={[
            { value: "first_price", label: t("designated.form.firstPrice") },
            { value: "second_price", label: t("designated.form.secondPrice") },
          ]}
        />
        <div className="mt-4">
          <Field
            label={t("designated.form.bestAndFinal")}
            name="bestAndFinalTopN"
            type="number"
            min={2}
            max={10}
            defaultValue={values.bestAndFinalTopN}
            hint={error("bestAndFinalTopN") ? undefined : t("designated.form.bestAndFinalHint")}
            error={error("bestAndFinalTopN")}
          />
        </div>
      </div>
    );
  }
  if (mode === "negotiated") {
    return (
      <>
        <div className="md:col-span-2">
          <SelectField
            label={t("designated.form.counterparty")}
            name="counterpartyOrgId"
            defaultValue={values.counterpartyOrgId}
            hint={error("counterpartyOrgId") ? undefined : t("designated.form.counterpartyHint")}
            error={error("counterpartyOrgId")}
            options={[
              { value: "", label: t("designated.form.chooseInvestor") },
              ...designatable.map((o) => ({ value: o.id, label: o.name })),
            ]}
          />
        </div>
        <div className="md:col-span-2">
          <TextAreaField
            id="field-negotiationJustification"
            label={t("designated.form.justification")}
            name="negotiationJustification"
            rows={3}
            maxLength={4000}
            defaultValue={values.negotiationJustification}
            hint={error("negotiationJustification") ? undefined : t("designated.form.justificationHint")}
            error={error("negotiationJustification")}
          />
        </div>
      </>
    );
  }
  if (mode === "designated") {
    return (
      <div className="md:col-span-2">
        <SelectField
          label={t("designated.form.investor")}
          name="designatedOrgId"
          defaultValue={values.designatedOrgId}
          hint={error("designatedOrgId") ? undefined : t("designated.form.investorHint")}
          error={error("designatedOrgId")}
          options={[
            { value: "", label: t("designated.form.chooseInvestor") },
            ...designatable.map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
      </div>
    );
  }
  return null;
}
