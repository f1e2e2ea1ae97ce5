import { AppError, isZodError } from "../../server/errors";
import { listingTermsSchema } from "../../core/listing-terms";
import { refusalOf } from "./refusal.server";
import { rawTermsFromValues, type TermsFieldIssue, type TermsFormValues } from "./listing-terms";

/** A draft that was not saved: the refusal's code, each field's problem, and what was typed. */
export interface TermsFailure {
  /** A code under `lifecycleError.`. */
  formError: string;
  formErrorParams?: Record<string, string>;
  fields: Record<string, TermsFieldIssue>;
  values: TermsFormValues;
}

type ZodIssues = { path: PropertyKey[] }[];

/** zod's issues by form field; a right-of-first-refusal holder's issue names the form row it came from. */
function zodFields(issues: ZodIssues, rows: number[]): Record<string, TermsFieldIssue> {
  const fields: Record<string, TermsFieldIssue> = {};
  for (const issue of issues) {
    const [field, index, part] = issue.path;
    if (field === "rightOfFirstRefusalHolders" && typeof index === "number" && typeof part === "string") {
      fields[`rightOfFirstRefusalHolders.${rows[index] ?? index}.${part}`] ??= { code: "INVALID" };
    } else {
      fields[String(field ?? "lot")] ??= { code: "INVALID" };
    }
  }
  return fields;
}

/**
 * Reads the posted terms for the workflow service. When an amount or a time cannot be read, the
 * rest is still checked against the terms schema so that every field's problem shows at once.
 */
export function readTerms(values: TermsFormValues, lot: { type: "asset" | "package"; id: string }, currency: string) {
  const { raw, issues, rows } = rawTermsFromValues(values, lot, currency);
  if (Object.keys(issues).length === 0) return { ok: true as const, raw, rows };
  const parsed = listingTermsSchema.safeParse(raw);
  const fields = parsed.success ? {} : zodFields(parsed.error.issues, rows);
  for (const field of Object.keys(issues)) delete fields[field];
  const failure: TermsFailure = { formError: "VALIDATION_FAILED", fields: { ...fields, ...issues }, values };
  return { ok: false as const, failure };
}

/** A refusal of the workflow service as the terms form shows it; anything unexpected is re-thrown. */
export function termsFailure(error: unknown, values: TermsFormValues, rows: number[]): { status: number; body: TermsFailure } {
  if (isZodError(error)) {
    return { status: 422, body: { formError: "VALIDATION_FAILED", fields: zodFields(error.issues, rows), values } };
  }
  const { status, refusal } = refusalOf(error);
  const fields = { ...refusal.fields };
  // A refusal about one field (the lot is not yours) shows beside that field too.
  if (!refusal.fields && AppError.is(error) && typeof error.details.field === "string") {
    fields[error.details.field] = { code: error.code };
  }
  return { status, body: { formError: refusal.code, formErrorParams: refusal.params, fields, values } };
}
