import { Form } from "@remix-run/react";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { tapeDiffSchema, TapeError, TapeView } from "../../core/contract/tapes";
import { DataTable } from "./data-table";
import { buttonStyle } from "./forms";
import { Money } from "./listing-bits";

/** A field the columns may map to, labelled in the reader's language. */
export interface TapeFieldOption {
  field: string;
  label: string;
  required: boolean;
}

/** How the tape's columns map to fields, each changeable; sent back to read the tape again. */
export function MappingForm({ tape, fields, editable }: { tape: TapeView; fields: TapeFieldOption[]; editable: boolean }) {
  const { t } = useTranslation();
  const labelOf = new Map(fields.map((f) => [f.field, f.label]));
  return (
    <section aria-labelledby="mapping-heading" className="space-y-3">
      <h2 id="mapping-heading" className="text-lg font-semibold">
        {t("tapes.mapping.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("tapes.mapping.intro")}</p>
      {tape.mappingProblems.length ? (
        <ul role="alert" className="list-disc rounded border border-amber-300 bg-amber-50 py-2 pr-3 pl-8 text-sm text-amber-900">
          {tape.mappingProblems.map((p) => (
            <li key={`${p.code}-${p.field}`}>{t(`tapes.mapping.${p.code}`, { field: labelOf.get(p.field) ?? p.field })}</li>
          ))}
        </ul>
      ) : null}
      <Form method="post" className="space-y-3">
        <input type="hidden" name="intent" value="remap" />
        <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {tape.headers.map((header, i) => (
            <label key={`${i}-${header}`} className="flex flex-col gap-1 rounded border border-slate-200 bg-white p-2 text-sm">
              <span className="font-medium">{header || `#${i + 1}`}</span>
              <select
                name="mapping"
                defaultValue={tape.mapping[i] ?? ""}
                disabled={!editable}
                className="rounded border border-slate-300 bg-white px-2 py-1"
              >
                <option value="">{t("tapes.mapping.leaveOut")}</option>
                {fields.map((f) => (
                  <option key={f.field} value={f.field}>
                    {f.label}
                    {f.required ? ` (${t("tapes.mapping.required")})` : ""}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
        {editable ? (
          <button type="submit" className={buttonStyle("secondary")}>
            {t("tapes.mapping.submit")}
          </button>
        ) : null}
      </Form>
    </section>
  );
}

/** The tape's problems by row and column, filtered on the page; every one of them in the download. */
export function TapeProblems({ tape }: { tape: TapeView }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [column, setColumn] = useState("");
  const [text, setText] = useState("");
  const columns = useMemo(() => [...new Set(tape.errors.map((e) => e.column))], [tape.errors]);
  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return tape.errors.filter(
      (e) => (!column || e.column === column) && (!needle || `${e.row} ${e.value} ${e.message}`.toLowerCase().includes(needle)),
    );
  }, [tape.errors, column, text]);
  const rows = new Set(tape.errors.map((e) => e.row)).size;
  if (tape.errorCount === 0) return null;
  return (
    <section aria-labelledby="problems-heading" className="space-y-3">
      <h2 id="problems-heading" className="text-lg font-semibold">
        {t("tapes.problems.title")}
      </h2>
      <p className="text-sm text-slate-700">
        {t("tapes.problems.summary", { count: tape.errorCount, rows: rows.toLocaleString(i18n.language) })}{" "}
        {tape.errorCount > tape.errors.length ? t("tapes.problems.shown", { shown: tape.errors.length }) : null}{" "}
        <a href={`/api/v1/tapes/${tape.id}/errors.csv`} download className="text-brand-700 underline">
          {t("tapes.problems.download")}
        </a>
      </p>
      <div className="flex flex-wrap items-end gap-3" role="search">
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={`${id}-column`} className="font-medium">
            {t("tapes.problems.filterColumn")}
          </label>
          <select
            id={`${id}-column`}
            value={column}
            onChange={(e) => setColumn(e.target.value)}
            className="rounded border border-slate-300 bg-white px-3 py-2"
          >
            <option value="">{t("tapes.problems.allColumns")}</option>
            {columns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={`${id}-text`} className="font-medium">
            {t("tapes.problems.filterText")}
          </label>
          <input
            id={`${id}-text`}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            className="rounded border border-slate-300 px-3 py-2"
          />
        </div>
      </div>
      <DataTable<TapeError & { key: string }>
        caption={t("tapes.problems.caption", { count: shown.length })}
        rows={shown.map((e, i) => ({ ...e, key: `${e.row}-${e.column}-${i}` }))}
        rowKey={(e) => e.key}
        columns={[
          { key: "row", header: t("tapes.problems.colRow"), numeric: true, primary: true, cell: (e) => e.row },
          { key: "column", header: t("tapes.problems.colColumn"), cell: (e) => e.column },
          { key: "value", header: t("tapes.problems.colValue"), cell: (e) => <code className="break-all">{e.value}</code> },
          { key: "message", header: t("tapes.problems.colMessage"), cell: (e) => e.message },
        ]}
      />
    </section>
  );
}

type TapeDiff = z.infer<typeof tapeDiffSchema>;

/** What applying the tape does to the book: new, changed (with the facts), unchanged, no longer listed. */
export function TapeDiffView({ diff, currency }: { diff: TapeDiff; currency: string }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => value.toLocaleString(i18n.language);
  const figures = [
    ["created", diff.created],
    ["changed", diff.changedCount],
    ["unchanged", diff.unchanged],
    ["missing", diff.missing.length],
  ] as const;
  const changed = diff.changed.slice(0, 50);
  return (
    <section aria-labelledby="diff-heading" className="space-y-3">
      <h2 id="diff-heading" className="text-lg font-semibold">
        {t("tapes.diff.title")}
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {figures.map(([key, value]) => (
          <div key={key} className="rounded border border-slate-200 bg-white p-3">
            <dt className="text-sm text-slate-600">{t(`tapes.diff.${key}`)}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-testid={`diff-${key}`}>
              {n(value)}
            </dd>
          </div>
        ))}
      </dl>
      {diff.missing.length ? <p className="text-sm text-slate-700">{t("tapes.diff.missingHint")}</p> : null}
      {changed.length ? (
        <DataTable<TapeDiff["changed"][number]>
          caption={t("tapes.diff.changedCaption", { shown: changed.length })}
          rows={changed}
          rowKey={(c) => c.loanId}
          columns={[
            { key: "loan", header: t("tapes.diff.colLoan"), primary: true, cell: (c) => c.loanId },
            { key: "fields", header: t("tapes.diff.colFields"), cell: (c) => c.fields.join(", ") },
            {
              key: "principal",
              header: t("tapes.diff.colPrincipal"),
              numeric: true,
              cell: (c) => (
                <span>
                  {c.principal.before ? <Money value={c.principal.before} currency={currency} /> : "—"} →{" "}
                  {c.principal.after ? <Money value={c.principal.after} currency={currency} /> : "—"}
                </span>
              ),
            },
          ]}
        />
      ) : null}
    </section>
  );
}
