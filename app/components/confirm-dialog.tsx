import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { buttonStyle } from "./forms";

type Tone = "primary" | "danger";

interface ConfirmDialogProps {
  /** The visible text of the button that opens the dialog. */
  triggerLabel: string;
  /** A fuller name for screen readers when several triggers read alike ("Sign out Chrome on Linux"). */
  triggerName?: string;
  triggerTone?: Tone | "secondary";
  triggerSize?: "md" | "sm";
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  tone?: Tone;
  /** The form's `intent` and hidden values. */
  intent: string;
  values?: Record<string, string>;
  /** Extra inputs asked for at confirmation, such as a reason. The first one receives the focus. */
  children?: ReactNode;
  /**
   * Confirms a form that lives outside the dialog (one with fields of its own): the confirm button
   * submits that form, and the dialog opens only once the form's fields are valid.
   */
  formId?: string;
}

/** Invoker commands (`command`/`commandfor`) open the dialog even before the page has hydrated. */
const invoker = (command: "show-modal" | "close", target: string) => ({ command, commandfor: target }) as Record<string, string>;

/**
 * A button that asks before it acts: a modal <dialog> (focus kept inside, Escape cancels, focus
 * returns to the button) holding the form that does the work. Cancel comes first, so a stray
 * Enter never confirms a destructive action.
 */
export function ConfirmDialog({
  triggerLabel,
  triggerName,
  triggerTone = "secondary",
  triggerSize = "sm",
  title,
  description,
  confirmLabel,
  tone = "danger",
  intent,
  values = {},
  children,
  formId,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const dialogId = `confirm-${id}`;
  const titleId = `${dialogId}-title`;
  const descriptionId = `${dialogId}-description`;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;

  const show = () => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    const first = dialog.querySelector<HTMLElement>("[data-initial-focus], input:not([type=hidden]), textarea, select");
    (first ?? dialog.querySelector<HTMLElement>("button"))?.focus();
  };
  const open = (event: React.MouseEvent<HTMLButtonElement>) => {
    event.preventDefault(); // opened here, not a second time by the invoker command
    const form = formId ? document.getElementById(formId) : null;
    if (form instanceof HTMLFormElement && !form.reportValidity()) return;
    show();
  };

  // Enter in the outside form's fields would submit it through the confirm button, unasked: ask first.
  useEffect(() => {
    const form = formId ? document.getElementById(formId) : null;
    if (!(form instanceof HTMLFormElement)) return;
    const guard = (event: SubmitEvent) => {
      if (dialogRef.current?.open) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      show();
    };
    form.addEventListener("submit", guard);
    return () => form.removeEventListener("submit", guard);
  }, [formId]);
  const close = (event?: React.MouseEvent) => {
    event?.preventDefault();
    dialogRef.current?.close();
  };

  const buttons = (
    <div className="mt-6 flex flex-wrap justify-end gap-3">
      <button type="button" className={buttonStyle("secondary")} onClick={close} {...invoker("close", dialogId)}>
        {t("common.cancel")}
      </button>
      <button
        type="submit"
        name="intent"
        value={intent}
        form={formId}
        className={buttonStyle(tone)}
        disabled={busy}
        // An outside form's submit event never reaches this dialog: close it from the click, after the
        // submission has read the form. Enter in a field "clicks" this button too, with the dialog shut.
        onClick={formId ? () => dialogRef.current?.open && setTimeout(() => dialogRef.current?.close()) : undefined}
      >
        {confirmLabel}
      </button>
    </div>
  );

  return (
    <>
      <button
        type="button"
        className={buttonStyle(triggerTone, triggerSize)}
        aria-label={triggerName}
        aria-haspopup="dialog"
        onClick={open}
        {...invoker("show-modal", dialogId)}
      >
        {triggerLabel}
      </button>
      <dialog
        ref={dialogRef}
        id={dialogId}
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
        // A click on the backdrop (the dialog box itself, outside its padding) cancels.
        onClick={(event) => {
          if (event.target === event.currentTarget) close();
        }}
      >
        <div className="p-5 sm:p-6">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {description ? (
            <div id={descriptionId} className="mt-2 text-sm text-slate-700">
              {description}
            </div>
          ) : null}
          {formId ? (
            buttons
          ) : (
            <Form
              method="post"
              preventScrollReset
              onSubmit={() => dialogRef.current?.close()}
              className="mt-4 flex flex-col gap-3"
            >
              {Object.entries(values).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              {children}
              {buttons}
            </Form>
          )}
        </div>
      </dialog>
    </>
  );
}
