import { listingTermsSchema } from "../../core/listing-terms";
import { rawTermsFromValues, type TermsFormValues } from "./listing-terms";
import type { FieldIssue, Refusal } from "./refusal";
import { refusalOf } from "./refusal.server";

/** A draft that was not saved: the refusal (a code under `lifecycleError.`, each field's problem) and what was typed. */
export interface TermsFailure extends Refusal {
  fields: Record<string, FieldIssue>;
  values: TermsFormValues;
}

/** The form field a terms issue belongs to; a right-of-first-refusal holder's issue names the form row it came from. */
const termsField = (rows: number[]) => (path: PropertyKey[]) => {
  const [field, index, part] = path;
  if (field === "rightOfFirstRefusalHolders" && typeof index === "number" && typeof part === "string") {
    return `rightOfFirstRefusalHolders.${rows[index] ?? index}.${part}`;
  }
  return String(field ?? "lot");
};

/**
 * Reads the posted terms for the workflow service. When an amount or a time cannot be read, the
 * rest is still checked against the terms schema so that every field's problem shows at once.
 */
export function readTerms(values: TermsFormValues, lot: { type: "asset" | "package"; id: string }, currency: string) {
  const { raw, issues, rows } = rawTermsFromValues(values, lot, currency);
  if (Object.keys(issues).length === 0) return { ok: true as const, raw, rows };
  const parsed = listingTermsSchema.safeParse(raw);
  const fields = parsed.success ? {} : (refusalOf(parsed.error, termsField(rows)).refusal.fields ?? {});
  for (const field of Object.keys(issues)) delete fields[field];
  const failure: TermsFailure = { code: "VALIDATION_FAILED", fields: { ...fields, ...issues }, values };
  return { ok: false as const, failure };
}

/** A refusal of the workflow service as the terms form shows it; anything unexpected is re-thrown. */
export function termsFailure(error: unknown, values: TermsFormValues, rows: number[]): { status: number; body: TermsFailure } {
  const { status, refusal } = refusalOf(error, termsField(rows));
  return { status, body: { ...refusal, fields: refusal.fields ?? {}, values } };
}
