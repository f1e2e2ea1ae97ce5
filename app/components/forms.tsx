import { useEffect, useRef } from "react";

interface FieldProps extends React.InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  error?: string;
  hint?: string;
}

/** The ids that announce a control's error and hint with it. */
function describedBy(id: string, error?: string, hint?: string) {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}

const controlClass = (error?: string) => `rounded border px-3 py-2 ${error ? "border-rose-600" : "border-slate-300"}`;

/** A control with its label above and its hint and error below, announced with it. */
function Labelled({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-rose-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input whose error and hint are announced with it. */
export function Field({ label, name, error, hint, ...input }: FieldProps) {
  // Several forms on one page may share a field name: they pass their own id.
  const id = input.id ?? `field-${name}`;
  return (
    <Labelled id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={controlClass(error)}
        {...input}
      />
    </Labelled>
  );
}

/** A labelled select, announced like Field. */
export function SelectField({
  label,
  name,
  options,
  error,
  hint,
  defaultValue,
  onChange,
}: {
  label: string;
  name: string;
  options: { value: string; label: string }[];
  error?: string;
  hint?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
}) {
  const id = `field-${name}`;
  return (
    <Labelled id={id} label={label} error={error} hint={hint}>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        onChange={onChange ? (event) => onChange(event.currentTarget.value) : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={`bg-white ${controlClass(error)}`}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

interface TextAreaFieldProps extends React.TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  name: string;
  id: string;
  error?: string;
  hint?: string;
}

/** A labelled multi-line input, announced like Field. */
export function TextAreaField({ label, name, id, error, hint, ...textarea }: TextAreaFieldProps) {
  return (
    <Labelled id={id} label={label} error={error} hint={hint}>
      <textarea
        id={id}
        name={name}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={controlClass(error)}
        {...textarea}
      />
    </Labelled>
  );
}

/**
 * The outcome of a form that worked, announced politely. With `focus`, it takes the focus:
 * used when the control that was pressed has just disappeared (a revoked row, a decided organisation).
 */
export function FormNotice({
  message,
  focus,
  tone = "success",
}: {
  message?: string | null;
  focus?: unknown;
  tone?: "success" | "warning";
}) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focus && message) ref.current?.focus();
  }, [focus, message]);
  if (!message) return null;
  const colours =
    tone === "success" ? "border-emerald-300 bg-emerald-50 text-emerald-900" : "border-amber-300 bg-amber-50 text-amber-900";
  return (
    <p ref={ref} role="status" tabIndex={-1} className={`rounded border px-3 py-2 text-sm ${colours}`}>
      {message}
    </p>
  );
}

const tones = {
  primary: "bg-brand-700 text-white hover:bg-brand-900",
  danger: "bg-rose-700 text-white hover:bg-rose-800",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100",
} as const;

export function buttonStyle(tone: keyof typeof tones = "primary", size: "md" | "sm" = "md") {
  const box = size === "md" ? "px-4 py-2" : "px-3 py-1.5 text-sm";
  return `inline-flex items-center justify-center rounded font-semibold disabled:opacity-60 ${box} ${tones[tone]}`;
}

export const buttonClass = "rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60";
