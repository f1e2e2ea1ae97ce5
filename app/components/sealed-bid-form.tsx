import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ListingDetail } from "../../core/contract/listings";
import { bidAmountBounds } from "../../core/contract/bids";
import { minorToMajorInput, parseMajorAmount } from "../../core/money";
import { readBidAmount } from "../../core/price-grid";
import { useMoney } from "./auction/room-format";
import { ConfirmDialog } from "./confirm-dialog";

/**
 * The amount in yuan, converted to fen exactly by the action (parseMajorAmount, as here for the
 * preview); confirmed first, because a sealed bid replaces the bidder's earlier one unseen.
 */
export function SealedBidForm({
  listing,
  refusal,
  lastReceipt,
}: {
  listing: ListingDetail;
  refusal: string | null;
  lastReceipt: string | null;
}) {
  const { t } = useTranslation();
  const { money, digits, unit } = useMoney(listing.currency);
  const navigation = useNavigation();
  const submitting = navigation.state !== "idle" && navigation.formData?.get("intent") === "sealed-bid";
  const id = useId();
  const formId = `${id}-form`;
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [showError, setShowError] = useState(false);

  // The bounds of an open bid, from the same schema the server reads sealed bids with.
  const read = readBidAmount(text, digits, listing.startingPrice);
  const typed = text.trim() ? parseMajorAmount(text, digits) : null;
  const error = read.ok
    ? null
    : read.problem === "aboveLargest"
      ? t("tender.form.aboveLargest", { maximum: money(bidAmountBounds.max.toString()) })
      : read.problem === "belowMinimum"
        ? t("tender.form.belowStart", { minimum: money(listing.startingPrice) })
        : t("tender.form.invalid", { unit, example: minorToMajorInput(listing.startingPrice, digits) });
  // The dialog opens only once the form is valid: our rule is the field's custom validity.
  useEffect(() => input.current?.setCustomValidity(error ?? ""), [error]);
  // A new receipt means the bid went in: the field starts empty for a replacement.
  useEffect(() => setText(""), [lastReceipt]);

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-2">
      <h3 id={`${id}-heading`} className="text-base font-semibold">
        {t("tender.form.heading")}
      </h3>
      <Form method="post" id={formId} preventScrollReset className="space-y-2">
        <label htmlFor={`${id}-amount`} className="block text-sm font-medium text-slate-800">
          {t("tender.form.label", { unit })}
        </label>
        <input
          id={`${id}-amount`}
          ref={input}
          name="amount"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          required
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setShowError(false);
          }}
          onInvalid={(e) => {
            // Our message below the field instead of the browser's bubble.
            e.preventDefault();
            setShowError(true);
            input.current?.focus();
          }}
          onKeyDown={(e) => {
            // Enter would open the confirmation unchecked: check first.
            if (e.key === "Enter" && error) {
              e.preventDefault();
              setShowError(true);
            }
          }}
          placeholder={minorToMajorInput(listing.startingPrice, digits)}
          aria-invalid={showError && error ? true : undefined}
          aria-describedby={[`${id}-hint`, typed ? `${id}-preview` : null, showError && error ? `${id}-error` : null]
            .filter(Boolean)
            .join(" ")}
          className={`w-full rounded border px-3 py-2 tabular-nums ${showError && error ? "border-rose-600" : "border-slate-400"}`}
        />
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {t("tender.form.hint", { minimum: money(listing.startingPrice) })}
        </p>
        {typed ? (
          <p id={`${id}-preview`} className="text-sm text-slate-800 tabular-nums">
            {t("tender.form.preview", { amount: money(typed) })}
          </p>
        ) : null}
        {showError && error ? (
          <p id={`${id}-error`} className="text-sm text-rose-700">
            {error}
          </p>
        ) : null}
      </Form>
      <ConfirmDialog
        formId={formId}
        intent="sealed-bid"
        triggerLabel={t("tender.form.submit")}
        triggerTone="primary"
        triggerSize="md"
        tone="primary"
        title={t("tender.form.confirmTitle", { amount: typed ? money(typed) : "" })}
        description={t("tender.form.confirmBody")}
        confirmLabel={t("tender.form.confirm", { amount: typed ? money(typed) : "" })}
      />
      <p className="text-xs text-slate-600">{t("tender.form.replaces")}</p>
      <div aria-live="polite" className="text-sm">
        {submitting ? <p className="text-slate-700">{t("tender.form.submitting")}</p> : null}
      </div>
      {refusal && !submitting ? (
        <p
          role="alert"
          className="rounded border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-800"
          data-testid="tender-error"
        >
          {t(`tender.errors.${refusal}`, {
            unit,
            minimum: money(listing.startingPrice),
            defaultValue: t("tender.errors.generic"),
          })}
        </p>
      ) : null}
    </section>
  );
}
