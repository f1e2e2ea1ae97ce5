import { AppError, isZodError } from "../../server/errors";
import type { FieldIssue, Refusal } from "./refusal";

/** The service failure pages test for (a refusal with a stable code). */
export { AppError } from "../../server/errors";

type FieldOf = (path: PropertyKey[]) => string;
const byPath: FieldOf = (path) => path.map(String).join(".") || "form";

/**
 * The one mapping from a service failure to what a page shows: a refusal with its HTTP status.
 * A schema's issues become field problems (keyed by `fieldOf`, the dotted path by default); a
 * service refusal keeps its code and its details as text, and a problem tied to one field (an
 * email already taken, a terms rule) lands on that field. Anything that is not a refusal is
 * re-thrown, to become the error page.
 */
export function refusalOf(error: unknown, fieldOf: FieldOf = byPath): { status: number; refusal: Refusal } {
  if (isZodError(error)) {
    const fields: Record<string, FieldIssue> = {};
    for (const issue of error.issues) fields[fieldOf(issue.path)] ??= { code: "INVALID", message: issue.message };
    return { status: 422, refusal: { code: "VALIDATION_FAILED", fields } };
  }
  if (AppError.is(error)) {
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(error.details)) {
      if (typeof value === "string" || typeof value === "number") params[key] = String(value);
    }
    if (params.retryAfterSeconds) params.seconds = params.retryAfterSeconds;
    const refusal: Refusal = { code: error.code, params };
    const detailed = error.details.fields as Record<string, { code: string; params?: Record<string, string> }> | undefined;
    if (detailed && typeof detailed === "object") {
      refusal.fields = Object.fromEntries(
        Object.entries(detailed).map(([field, issue]) => [field, { code: issue.code, params: issue.params ?? {} }]),
      );
    } else if (typeof error.details.field === "string") {
      refusal.fields = { [error.details.field]: { code: error.code, message: error.message } };
    }
    return { status: error.status, refusal };
  }
  throw error;
}
