import { AppError, isZodError } from "../../server/errors";

/** The service failure the pages test for (a refusal with a stable code); mapped to what a page shows below. */
export { AppError } from "../../server/errors";

export interface FormFailure {
  /** A translation key under `errors.` for the form as a whole. */
  formError?: string;
  formErrorParams?: Record<string, unknown>;
  fieldErrors?: Record<string, string>;
}

/** Turns a service failure into what a form shows; anything unexpected is re-thrown. */
export function formFailure(error: unknown): { status: number; body: FormFailure } {
  if (isZodError(error)) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { status: 422, body: { formError: "VALIDATION_FAILED", fieldErrors } };
  }
  if (AppError.is(error)) {
    const field = typeof error.details.field === "string" ? error.details.field : undefined;
    return {
      status: error.status,
      body: {
        formError: error.code,
        formErrorParams: { seconds: error.details.retryAfterSeconds },
        fieldErrors: field ? { [field]: error.message } : undefined,
      },
    };
  }
  throw error;
}
