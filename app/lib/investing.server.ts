import { AppError, isZodError } from "../../server/errors";

/** A refused investing form: a stable code for the page to translate, and the fields at fault. */
export interface Refusal {
  code: string;
  /** The service's details that the message needs, such as whom a barred buyer matched. */
  details?: Record<string, string>;
  /** By the field's path ("rightOfFirstRefusal.rank"), the service's own message as a fallback. */
  fieldErrors?: Record<string, string>;
}

/** Turns a service failure into what the form shows; anything unexpected is re-thrown. */
export function refusalOf(error: unknown): { status: number; refusal: Refusal } {
  if (isZodError(error)) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of error.issues) fieldErrors[issue.path.map(String).join(".") || "form"] ??= issue.message;
    return { status: 422, refusal: { code: "VALIDATION_FAILED", fieldErrors } };
  }
  if (AppError.is(error)) {
    const details = Object.fromEntries(
      Object.entries(error.details).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
    return { status: error.status, refusal: { code: error.code, details } };
  }
  throw error;
}
