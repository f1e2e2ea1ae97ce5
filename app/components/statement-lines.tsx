import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { displayReference } from "../../core/payment-reference";
import { formatMoney } from "../../core/money";
import { buttonStyle, Field } from "./forms";

/** A statement line waiting for the operator, as the payments page lists it. */
export interface WaitingLine {
  id: string;
  currency: string;
  outcome: string;
  reference: string | null;
  why: Record<string, string>;
}

/** Why a line waits, in the reader's words. */
export function LineWhy({ line }: { line: WaitingLine }) {
  const { t, i18n } = useTranslation();
  const { why } = line;
  if (line.outcome === "unknown_reference") {
    const key = why.nearMiss ? "unknown_reference_near" : line.reference ? "unknown_reference_known" : "unknown_reference";
    return (
      <>
        {t(`payments.operator.outcome.${key}`, {
          nearMiss: why.nearMiss ? displayReference(why.nearMiss) : "",
          reference: line.reference,
        })}
      </>
    );
  }
  const outstanding = why.outstanding && why.owedCurrency ? formatMoney(why.outstanding, why.owedCurrency, i18n.language) : "";
  return (
    <>
      {t(`payments.operator.outcome.${line.outcome}`, {
        reference: line.reference ?? "",
        paid: line.currency,
        owed: why.owedCurrency ?? "",
        outstanding,
      })}
    </>
  );
}

/** Credit the line to a deposit by its reference, or record that it was sent back. */
export function ResolveForms({ line }: { line: WaitingLine }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-3 text-left">
      {line.outcome !== "settled" && line.outcome !== "currency_mismatch" ? (
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="credit" />
          <input type="hidden" name="lineId" value={line.id} />
          <Field
            id={`credit-ref-${line.id}`}
            name="reference"
            label={t("payments.operator.creditReference")}
            defaultValue={line.reference ?? ""}
            required
            minLength={8}
            maxLength={40}
          />
          <button type="submit" className={buttonStyle("primary", "sm")}>
            {t("payments.operator.credit")}
          </button>
        </Form>
      ) : null}
      <Form method="post" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="intent" value="return" />
        <input type="hidden" name="lineId" value={line.id} />
        <Field
          id={`return-ref-${line.id}`}
          name="bankReference"
          label={t("payments.operator.returnReference")}
          required
          minLength={2}
          maxLength={100}
        />
        <button type="submit" className={buttonStyle("secondary", "sm")}>
          {t("payments.operator.markReturned")}
        </button>
      </Form>
    </div>
  );
}
