import { data, type HeadersFunction, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ChainCheck } from "../lib/read-models.server";
import { DataTable } from "../components/data-table";
import { buttonStyle } from "../components/forms";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { formatDateTime } from "../../core/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** Personal and operational data: never cached, never restored from the back/forward cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const LIMIT = 100;

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(context, request, "audit.read");
  const { audit, db } = context.services;
  const [rows, t] = await Promise.all([audit.recent(db, LIMIT), i18nServer.getFixedT(request)]);
  return {
    title: t("operator.auditTitle"),
    limit: LIMIT,
    entries: rows.map((row) => ({
      seq: row.seq,
      at: row.at.toISOString(),
      actor: row.actorLabel,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      changes: summariseChange(row.before, row.after),
      before: row.before === null ? null : JSON.stringify(row.before, null, 2),
      after: row.after === null ? null : JSON.stringify(row.after, null, 2),
      reason: row.reason,
      hash: row.hash,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requirePermission(context, request, "audit.read");
  const form = await request.formData();
  if (form.get("intent") !== "verify") return data({ check: null as ChainCheck | null, at: null }, { status: 400 });
  const check = await context.services.audit.verify(context.services.db);
  return data({ check: check, at: context.services.clock.now().toISOString() });
}

const MAX_FIELDS = 4;
const MAX_VALUE = 40;

function shortValue(value: unknown): string {
  if (value === null || value === undefined) return "∅";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/**
 * "status: pending → approved", one line per field that changed (or was set), at most a few:
 * the full before and after stay one click away.
 */
function summariseChange(before: unknown, after: unknown): { lines: string[]; more: number } {
  const asObject = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
  const b = asObject(before);
  const a = asObject(after);
  if (!b && !a) {
    if (before === null && after === null) return { lines: [], more: 0 };
    return { lines: [`${shortValue(before)} → ${shortValue(after)}`], more: 0 };
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const lines: string[] = [];
  for (const key of keys) {
    const was = b?.[key];
    const now = a?.[key];
    if (b && a && JSON.stringify(was) === JSON.stringify(now)) continue;
    if (!b) lines.push(`${key}: ${shortValue(now)}`);
    else if (!a || !(key in a)) lines.push(`${key}: ${shortValue(was)} → ∅`);
    else lines.push(`${key}: ${shortValue(was)} → ${shortValue(now)}`);
  }
  return { lines: lines.slice(0, MAX_FIELDS), more: Math.max(0, lines.length - MAX_FIELDS) };
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["entries"][number];

export default function AuditLog() {
  const { entries, limit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const verifying = navigation.state === "submitting" && navigation.formData?.get("intent") === "verify";
  const check = result?.check ?? null;

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("operator.auditTitle")}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t("operator.auditIntro")}</p>
      </header>

      <section aria-labelledby="verify-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <h2 id="verify-heading" className="text-lg font-semibold">
          {t("operator.verifyTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("operator.verifyIntro")}</p>
        <Form method="post" preventScrollReset className="mt-3 flex flex-wrap items-center gap-3">
          <button type="submit" name="intent" value="verify" className={buttonStyle("primary")} disabled={verifying}>
            {verifying ? t("operator.verifying") : t("operator.verify")}
          </button>
        </Form>
        <div role="status" className="mt-3">
          {check ? (
            check.ok ? (
              <p className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900">
                <span aria-hidden>✓ </span>
                {t("operator.intact", { count: check.checked, chains: check.chains })}
                {result?.at ? <span className="font-normal"> · {formatDateTime(result.at, i18n.language)}</span> : null}
              </p>
            ) : (
              <p className="rounded border border-rose-300 bg-rose-50 px-3 py-2 text-sm font-medium text-rose-900">
                <span aria-hidden>✗ </span>
                {t("operator.broken", {
                  chain: check.chain,
                  seq: check.brokenAt,
                  problem: t(`operator.problem.${check.problem}`),
                })}
              </p>
            )
          ) : null}
        </div>
      </section>

      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading" className="text-lg font-semibold">
          {t("operator.entries")}
        </h2>
        {entries.length === 0 ? (
          <p className="mt-3 text-slate-600">{t("operator.noEntries")}</p>
        ) : (
          <div className="mt-3">
            <DataTable<Entry>
              caption={t("operator.latest", { count: Math.min(limit, entries.length) })}
              rows={entries}
              rowKey={(e) => String(e.seq)}
              columns={[
                {
                  key: "seq",
                  header: t("operator.seq"),
                  primary: true,
                  cell: (e) => <span className="tabular-nums">#{e.seq}</span>,
                },
                {
                  key: "when",
                  header: t("operator.when"),
                  cell: (e) => (
                    <time dateTime={e.at} className="whitespace-nowrap">
                      {formatDateTime(e.at, i18n.language)}
                    </time>
                  ),
                },
                {
                  key: "who",
                  header: t("operator.who"),
                  className: "md:min-w-48",
                  cell: (e) => <span className="[overflow-wrap:anywhere]">{e.actor}</span>,
                },
                { key: "what", header: t("operator.what"), cell: (e) => <code className="font-mono text-xs">{e.action}</code> },
                {
                  key: "entity",
                  header: t("operator.entity"),
                  cell: (e) => (
                    <span className="whitespace-nowrap">
                      {e.entityType} <code className="font-mono text-xs text-slate-600">{e.entityId.slice(0, 8)}</code>
                    </span>
                  ),
                },
                { key: "changes", header: t("operator.changes"), cell: (e) => <Changes entry={e} /> },
                { key: "why", header: t("operator.why"), cell: (e) => e.reason ?? <span className="text-slate-600">—</span> },
              ]}
            />
          </div>
        )}
      </section>
    </div>
  );
}

function Changes({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const { lines, more } = entry.changes;
  return (
    <div className="max-w-xs text-left">
      {lines.length ? (
        <ul className="font-mono text-xs leading-5 break-words">
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : (
        <span className="text-slate-600">—</span>
      )}
      <details className="mt-1 text-xs">
        <summary className="cursor-pointer text-brand-700 underline">
          {more ? t("operator.moreChanges", { count: more }) : t("operator.details")}
          <span className="sr-only"> #{entry.seq}</span>
        </summary>
        <dl className="mt-1 space-y-1">
          <dt className="font-semibold">{t("operator.entityId")}</dt>
          <dd className="font-mono break-all">{entry.entityId}</dd>
          {entry.before ? (
            <>
              <dt className="font-semibold">{t("operator.before")}</dt>
              <dd>
                <pre className="overflow-x-auto rounded bg-slate-100 p-2 whitespace-pre-wrap">{entry.before}</pre>
              </dd>
            </>
          ) : null}
          {entry.after ? (
            <>
              <dt className="font-semibold">{t("operator.after")}</dt>
              <dd>
                <pre className="overflow-x-auto rounded bg-slate-100 p-2 whitespace-pre-wrap">{entry.after}</pre>
              </dd>
            </>
          ) : null}
          <dt className="font-semibold">{t("operator.hash")}</dt>
          <dd className="font-mono break-all">{entry.hash}</dd>
        </dl>
      </details>
    </div>
  );
}
