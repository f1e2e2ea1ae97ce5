import { Form, Link, useNavigation } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { parseMajorAmount } from "./auction/amount";
import { buttonStyle, Field, TextAreaField } from "./forms";
import { useRefusalText, useTermsFieldLabel, useTermsIssueText } from "./lifecycle-bits";
import { currencyDigits, formatMoney } from "../lib/format";
import {
  depositRange,
  minimumStartWithoutException,
  RIGHT_OF_FIRST_REFUSAL_ROWS,
  type TermsFieldIssue,
  type TermsFormValues,
} from "../lib/listing-terms";

export interface TermsLot {
  /** `asset:<id>` or `package:<id>`. */
  ref: string;
  title: string;
  kind: string;
  currency: string;
  /** The latest valuation in minor units, or null while the lot is not valued. */
  valuation: string | null;
}

export interface TermsFormFailure {
  formError: string;
  formErrorParams?: Record<string, string>;
  fields: Record<string, TermsFieldIssue>;
}

const fieldsetClass = "rounded-lg border border-slate-200 bg-white p-4 sm:p-6";
const legendClass = "px-1 text-base font-semibold";

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
}: {
  lot: TermsLot;
  /** The sale modes to offer; the service says which of them may be listed now. */
  modes: readonly string[];
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
  const fieldLabel = useTermsFieldLabel(currency);
  const refusalText = useRefusalText();
  const fields = failure?.fields ?? {};
  const error = (field: string) => (fields[field] ? issueText(field, fields[field]!) : undefined);

  // The hints follow the starting price as it is typed.
  const [startText, setStartText] = useState(values.startingPrice);
  const start = parseMajorAmount(startText, currencyDigits(currency));
  const range = start ? depositRange(start) : null;
  const minimumStart = lot.valuation ? minimumStartWithoutException(lot.valuation) : null;
  const belowValuation = start && minimumStart ? BigInt(start) < BigInt(minimumStart) : false;

  const summary = Object.entries(fields);
  const holders = Array.from(
    { length: Math.max(RIGHT_OF_FIRST_REFUSAL_ROWS, values.rightOfFirstRefusalHolders.length) },
    (_, row) => values.rightOfFirstRefusalHolders[row] ?? { name: "", rank: "" },
  );
  const idOf = (field: string) => {
    const row = /^rightOfFirstRefusalHolders\.(\d+)\.(name|rank)$/.exec(field);
    if (row) return `field-rofr${row[2] === "name" ? "Name" : "Rank"}${row[1]}`;
    if (field === "rightOfFirstRefusalHolders") return "rofr-legend";
    if (field === "lot") return "lot-heading";
    return `field-${field}`;
  };

  return (
    <Form method="post" className="space-y-6">
      <input type="hidden" name="lot" value={lot.ref} />
      <input type="hidden" name="rofrRows" value={holders.length} />

      {failure ? (
        <div
          id="terms-problems"
          role="alert"
          className="rounded border border-rose-300 bg-rose-50 px-4 py-3 text-sm text-rose-800"
        >
          <p className="font-semibold">
            {failure.formError === "VALIDATION_FAILED" || failure.formError === "INVALID_TERMS"
              ? t("terms.problems", { count: summary.length })
              : refusalText({ code: failure.formError, params: failure.formErrorParams })}
          </p>
          {failure.formError === "LOT_IN_USE" && failure.formErrorParams?.listingId ? (
            <p className="mt-1">
              <Link to={`/manage/listings/${failure.formErrorParams.listingId}`} className="underline">
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
        </div>
      ) : null}

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
          <div className="md:col-span-2">
            <Field
              label={t("terms.label.title")}
              name="title"
              required
              minLength={5}
              maxLength={200}
              defaultValue={values.title}
              error={error("title")}
            />
          </div>
          <div className="md:col-span-2">
            <TextAreaField
              id="field-summary"
              label={t("terms.label.summary")}
              name="summary"
              rows={4}
              maxLength={4000}
              defaultValue={values.summary}
              hint={t("terms.hint.summary")}
              error={error("summary")}
            />
          </div>
          <SelectField
            label={t("terms.label.mode")}
            name="mode"
            defaultValue={values.mode}
            hint={error("mode") ? undefined : t("terms.hint.mode")}
            error={error("mode")}
            options={modes.map((mode) => ({ value: mode, label: t(`mode.${mode}`) }))}
          />
          <Field
            label={t("terms.label.currency")}
            name="currency"
            readOnly
            value={currency}
            hint={t("terms.hint.currency")}
            error={error("currency")}
          />
        </div>
      </fieldset>

      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t("terms.sectionPrices")}</legend>
        <p className="mb-4 text-sm text-slate-700">{t("terms.moneyIntro", { unit })}</p>
        <div className="grid gap-4 md:grid-cols-2">
          <Field
            label={t("terms.label.startingPrice", { unit })}
            name="startingPrice"
            inputMode="decimal"
            autoComplete="off"
            required
            defaultValue={values.startingPrice}
            onChange={(event) => setStartText(event.currentTarget.value)}
            hint={
              minimumStart ? t("terms.hint.startingPriceValued", { minimum: money(minimumStart) }) : t("terms.hint.startingPrice")
            }
            error={error("startingPrice")}
          />
          <Field
            label={t("terms.label.reservePrice", { unit })}
            name="reservePrice"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={values.reservePrice}
            hint={t("terms.hint.reservePrice")}
            error={error("reservePrice")}
          />
          <Field
            label={t("terms.label.increment", { unit })}
            name="increment"
            inputMode="decimal"
            autoComplete="off"
            required
            defaultValue={values.increment}
            hint={t("terms.hint.increment")}
            error={error("increment")}
          />
          <Field
            label={t("terms.label.deposit", { unit })}
            name="deposit"
            inputMode="decimal"
            autoComplete="off"
            required
            defaultValue={values.deposit}
            hint={
              range
                ? `${t("terms.hint.deposit")}${t("manage.sentenceJoin")}${t("terms.hint.depositRange", { min: money(range.min), max: money(range.max) })}`
                : t("terms.hint.deposit")
            }
            error={error("deposit")}
          />
        </div>
      </fieldset>

      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t("terms.sectionTimetable")}</legend>
        <p className="mb-4 text-sm text-slate-700">{t("terms.timetableIntro")}</p>
        <div className="grid gap-4 md:grid-cols-2">
          <Field
            label={t("terms.label.startsAt")}
            name="startsAt"
            type="datetime-local"
            step={60}
            required
            defaultValue={values.startsAt}
            hint={t("terms.hint.startsAt")}
            error={error("startsAt")}
          />
          <Field
            label={t("terms.label.endsAt")}
            name="endsAt"
            type="datetime-local"
            step={60}
            required
            defaultValue={values.endsAt}
            hint={t("terms.hint.endsAt")}
            error={error("endsAt")}
          />
          <Field
            label={t("terms.label.antiSnipingWindowMinutes")}
            name="antiSnipingWindowMinutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            step={1}
            required
            defaultValue={values.antiSnipingWindowMinutes}
            hint={t("terms.hint.antiSnipingWindowMinutes")}
            error={error("antiSnipingWindowMinutes")}
          />
          <Field
            label={t("terms.label.antiSnipingExtensionMinutes")}
            name="antiSnipingExtensionMinutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            step={1}
            required
            defaultValue={values.antiSnipingExtensionMinutes}
            hint={t("terms.hint.antiSnipingExtensionMinutes")}
            error={error("antiSnipingExtensionMinutes")}
          />
          <Field
            label={t("terms.label.maxExtensions")}
            name="maxExtensions"
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            step={1}
            defaultValue={values.maxExtensions}
            hint={t("terms.hint.maxExtensions")}
            error={error("maxExtensions")}
          />
          <Field
            label={t("terms.label.balanceDueDays")}
            name="balanceDueDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={90}
            step={1}
            required
            defaultValue={values.balanceDueDays}
            hint={t("terms.hint.balanceDueDays")}
            error={error("balanceDueDays")}
          />
        </div>
      </fieldset>

      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t("terms.sectionConditions")}</legend>
        <div className="space-y-6">
          <TextAreaField
            id="field-specialTerms"
            label={t("terms.label.specialTerms")}
            name="specialTerms"
            rows={4}
            maxLength={8000}
            defaultValue={values.specialTerms}
            hint={t("terms.hint.specialTerms")}
            error={error("specialTerms")}
          />
          <div className={`rounded border p-3 ${belowValuation ? "border-amber-300 bg-amber-50" : "border-slate-200"}`}>
            <TextAreaField
              id="field-valuationExceptionReason"
              label={t("terms.label.valuationExceptionReason")}
              name="valuationExceptionReason"
              rows={3}
              maxLength={2000}
              defaultValue={values.valuationExceptionReason}
              hint={
                lot.valuation && minimumStart
                  ? t("terms.hint.valuationException", { valuation: money(lot.valuation), minimum: money(minimumStart) })
                  : t("terms.hint.valuationExceptionUnvalued")
              }
              error={error("valuationExceptionReason")}
            />
            {belowValuation ? <p className="mt-2 text-sm font-medium text-amber-900">{t("terms.belowValuationNow")}</p> : null}
          </div>
          <fieldset aria-describedby="rofr-intro">
            <legend id="rofr-legend" className="text-sm font-semibold text-slate-800">
              {t("terms.label.rightOfFirstRefusalHolders")}
            </legend>
            <p id="rofr-intro" className="mt-1 text-xs text-slate-600">
              {t("terms.hint.rightOfFirstRefusalHolders")}
            </p>
            {error("rightOfFirstRefusalHolders") ? (
              <p className="mt-1 text-sm text-rose-700">{error("rightOfFirstRefusalHolders")}</p>
            ) : null}
            <ol className="mt-3 space-y-3">
              {holders.map((holder, row) => (
                <li key={row} className="grid items-start gap-3 sm:grid-cols-[1fr_12rem]">
                  <Field
                    label={t("terms.rofrName", { row: row + 1 })}
                    name={`rofrName${row}`}
                    maxLength={200}
                    autoComplete="off"
                    defaultValue={holder.name}
                    error={error(`rightOfFirstRefusalHolders.${row}.name`)}
                  />
                  <Field
                    label={t("terms.rofrRank", { row: row + 1 })}
                    name={`rofrRank${row}`}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={20}
                    step={1}
                    defaultValue={holder.rank}
                    error={error(`rightOfFirstRefusalHolders.${row}.rank`)}
                  />
                </li>
              ))}
            </ol>
          </fieldset>
        </div>
      </fieldset>

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

/** A labelled select whose error and hint are announced with it, like Field. */
function SelectField({
  label,
  name,
  options,
  error,
  hint,
  defaultValue,
}: {
  label: string;
  name: string;
  options: { value: string; label: string }[];
  error?: string;
  hint?: string;
  defaultValue?: string;
}) {
  const id = `field-${name}`;
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        className={`rounded border bg-white px-3 py-2 ${error ? "border-rose-600" : "border-slate-300"}`}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-rose-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
