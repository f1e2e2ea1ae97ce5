import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Refusal } from "../lib/refusal";

/** Where a refusal's code finds its sentence: account and sign-in forms, an investor's forms, the listing workflow, the seller's assets and tapes. */
export type RefusalMessages =
  | "errors"
  | "investing.errors"
  | "lifecycleError"
  | "assets.errors"
  | "tapes.errors"
  | "packages.errors"
  | "dataRoom.errors"
  | "payments.errors"
  | "closing.agreement.errors";

const generic: Record<RefusalMessages, string> = {
  errors: "errors.title",
  "investing.errors": "investing.errors.generic",
  lifecycleError: "lifecycleError.generic",
  "assets.errors": "assets.errors.generic",
  "tapes.errors": "tapes.errors.generic",
  "packages.errors": "packages.errors.generic",
  "dataRoom.errors": "dataRoom.errors.generic",
  "payments.errors": "payments.errors.generic",
  "closing.agreement.errors": "closing.agreement.errors.generic",
};

/** The translated sentence for a refusal, with statuses, actions and roles in words. */
export function useRefusalText(messages: RefusalMessages = "lifecycleError") {
  const { t } = useTranslation();
  return (refusal: Pick<Refusal, "code" | "params">): string => {
    const params: Record<string, string> = { ...(refusal.params ?? {}) };
    if (params.status) params.status = t(`status.${params.status}`, { defaultValue: params.status });
    if (params.action) params.action = t(`lifecycleAction.${params.action}`, { defaultValue: params.action });
    if (params.role) params.role = t(`role.${params.role}`, { defaultValue: params.role });
    return t(`${messages}.${refusal.code}`, { ...params, defaultValue: t(generic[messages]) });
  };
}

/**
 * The translated message for one field of a refused form: a refusal tied to the field (an email
 * already taken) reads as that refusal; a value its schema refused reads as the field's own rule,
 * under `rules` in the locale; the service's message is the last resort.
 */
export function useFieldError(refusal: Refusal | null | undefined, rules = "forms", messages: RefusalMessages = "errors") {
  const { t } = useTranslation();
  return (field: string): string | undefined => {
    const issue = refusal?.fields?.[field];
    if (!issue) return undefined;
    const raw = issue.message ?? issue.code;
    if (refusal.code !== "VALIDATION_FAILED") return t(`${messages}.${refusal.code}`, { defaultValue: raw });
    return t(`${rules}.${field}`, { defaultValue: raw });
  };
}

interface RefusalAlertProps {
  refusal?: Refusal | null;
  messages?: RefusalMessages;
  /** In place of the refusal's sentence, when the page says it better (a list of the fields at fault). */
  sentence?: ReactNode;
  /** More after the sentence, such as the terms' problems one by one. */
  children?: ReactNode;
}

/**
 * A refusal said at the top of its form and focused, so that a keyboard or screen-reader user who
 * pressed submit at the bottom of a long form learns what happened.
 */
export function RefusalAlert({ refusal, messages = "lifecycleError", sentence, children }: RefusalAlertProps) {
  const text = useRefusalText(messages);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refusal) ref.current?.focus();
  }, [refusal]);
  if (!refusal) return null;
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      className="rounded-lg border border-rose-300 bg-rose-50 px-4 py-3 text-sm text-rose-900"
      data-testid="form-refusal"
    >
      {sentence ?? <p>{text(refusal)}</p>}
      {children}
    </div>
  );
}
