import { AppError, isZodError } from "../../server/errors";
import type { Refusal } from "../components/lifecycle-bits";
import type { TermsFieldIssue } from "./listing-terms";

/**
 * A refused lifecycle, registration or objection action as the page shows it: the stable code, the
 * details that fill its message, and the terms' problems when submitting found some. Anything that
 * is not a refusal is re-thrown.
 */
export function refusalOf(error: unknown): { status: number; refusal: Refusal } {
  if (isZodError(error)) {
    const fields: Record<string, TermsFieldIssue> = {};
    for (const issue of error.issues) fields[String(issue.path[0] ?? "form")] ??= { code: "INVALID" };
    return { status: 422, refusal: { code: "VALIDATION_FAILED", fields } };
  }
  if (AppError.is(error)) {
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(error.details)) if (typeof value === "string") params[key] = value;
    const detailed = error.details.fields as Record<string, { code: string; params?: Record<string, string> }> | undefined;
    const fields =
      error.code === "INVALID_TERMS" && detailed
        ? Object.fromEntries(
            Object.entries(detailed).map(([field, issue]) => [field, { code: issue.code, params: issue.params ?? {} }]),
          )
        : undefined;
    return { status: error.status, refusal: { code: error.code, params, ...(fields ? { fields } : {}) } };
  }
  throw error;
}
