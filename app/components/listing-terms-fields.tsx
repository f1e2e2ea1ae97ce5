import { useTranslation } from "react-i18next";
import { MAX_BID_MULTIPLE_RANGE } from "../../core/price-grid";
import { Field, TextAreaField } from "./forms";
import type { TermsFormValues } from "../lib/listing-terms";

export const fieldsetClass = "rounded-lg border border-slate-200 bg-white p-4 sm:p-6";
export const legendClass = "px-1 text-base font-semibold";

/** The translated problem with one field of the terms, if it has one. */
export type TermsFieldError = (field: string) => string | undefined;

/** Money in the lot's currency, formatted for the reader. */
type FormatMoney = (minor: string) => string;

/** Prices and deposit, typed in major units of the lot's currency. */
export function PriceFields({
  values,
  unit,
  error,
  money,
  minimumStart,
  depositRange,
  onStartingPriceChange,
}: {
  values: TermsFormValues;
  unit: string;
  error: TermsFieldError;
  money: FormatMoney;
  /** The lowest starting price that needs no valuation exception, when the lot is valued. */
  minimumStart: string | null;
  /** The usual deposit for the starting price typed so far. */
  depositRange: { min: string; max: string } | null;
  onStartingPriceChange: (text: string) => void;
}) {
  const { t } = useTranslation();
  return (
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
          onChange={(event) => onStartingPriceChange(event.currentTarget.value)}
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
          label={t("terms.label.maxBidMultiple")}
          name="maxBidMultiple"
          type="number"
          inputMode="numeric"
          min={MAX_BID_MULTIPLE_RANGE.min}
          max={MAX_BID_MULTIPLE_RANGE.max}
          step={1}
          defaultValue={values.maxBidMultiple}
          hint={t("terms.hint.maxBidMultiple")}
          error={error("maxBidMultiple")}
        />
        <Field
          label={t("terms.label.deposit", { unit })}
          name="deposit"
          inputMode="decimal"
          autoComplete="off"
          required
          defaultValue={values.deposit}
          hint={
            depositRange
              ? `${t("terms.hint.deposit")}${t("manage.sentenceJoin")}${t("terms.hint.depositRange", { min: money(depositRange.min), max: money(depositRange.max) })}`
              : t("terms.hint.deposit")
          }
          error={error("deposit")}
        />
      </div>
    </fieldset>
  );
}

/** When bidding runs, how the end extends, and how long the winner has to pay. */
export function TimetableFields({ values, error }: { values: TermsFormValues; error: TermsFieldError }) {
  const { t } = useTranslation();
  return (
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
  );
}

/** Special terms, the reason for a start below the valuation, and the right-of-first-refusal holders. */
export function ConditionsFields({
  values,
  holders,
  error,
  money,
  valuation,
  minimumStart,
  belowValuation,
}: {
  values: TermsFormValues;
  holders: TermsFormValues["rightOfFirstRefusalHolders"];
  error: TermsFieldError;
  money: FormatMoney;
  /** The lot's latest valuation in minor units, or null while it is not valued. */
  valuation: string | null;
  minimumStart: string | null;
  /** Whether the starting price typed so far needs a valuation exception. */
  belowValuation: boolean;
}) {
  const { t } = useTranslation();
  return (
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
              valuation && minimumStart
                ? t("terms.hint.valuationException", { valuation: money(valuation), minimum: money(minimumStart) })
                : t("terms.hint.valuationExceptionUnvalued")
            }
            error={error("valuationExceptionReason")}
          />
          {belowValuation ? <p className="mt-2 text-sm font-medium text-amber-900">{t("terms.belowValuationNow")}</p> : null}
        </div>
        <RightOfFirstRefusalRows holders={holders} error={error} />
      </div>
    </fieldset>
  );
}

/** One name and rank per holder; the rows left blank declare no one. */
function RightOfFirstRefusalRows({
  holders,
  error,
}: {
  holders: TermsFormValues["rightOfFirstRefusalHolders"];
  error: TermsFieldError;
}) {
  const { t } = useTranslation();
  return (
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
  );
}
