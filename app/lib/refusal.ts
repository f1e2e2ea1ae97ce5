/**
 * A refused form or action as every page shows it: the service's stable code (translated by the
 * page), the details its sentence needs, and each field's problem. Built on the server by
 * `refusalOf` (refusal.server.ts) and shown by `RefusalAlert` (components/refusal.tsx).
 */
export interface Refusal {
  code: string;
  /** The refusal's details as text: whom a barred buyer matched, a status, the seconds to wait. */
  params?: Record<string, string>;
  /** By the field's path ("rightOfFirstRefusalHolders.1.rank"), what is wrong with it. */
  fields?: Record<string, FieldIssue>;
}

export interface FieldIssue {
  /** "INVALID" for a value its schema refused; otherwise the refusal's own code or a rule's code. */
  code: string;
  params?: Record<string, string>;
  /** The service's own English message, the fallback when the locale has no sentence for the field. */
  message?: string;
}
