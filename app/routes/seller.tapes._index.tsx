import { type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { tapeSummarySchema } from "../../core/contract/tapes";
import { can } from "../../core/identity/access";
import { formatDateTime } from "../../core/time";
import { DataTable, EmptyState } from "../components/data-table";
import { buttonStyle } from "../components/forms";
import { TapeStatus, TemplateLinks } from "../components/tape-bits";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";

type TapeSummary = z.infer<typeof tapeSummarySchema>;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "asset.manage");
  const [tapes, t] = await Promise.all([context.services.tapes.list(principal), i18nServer.getFixedT(request)]);
  return { title: t("tapes.title"), tapes, canUpload: can(principal, "asset.manage") };
}

export default function Tapes() {
  const { tapes, canUpload } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("tapes.title")}</h1>
          <p className="mt-2 max-w-3xl text-slate-700">{t("tapes.intro")}</p>
        </div>
        {canUpload ? (
          <Link to="/seller/tapes/new" className={buttonStyle("primary")}>
            {t("tapes.upload")}
          </Link>
        ) : null}
      </header>
      <TemplateLinks />
      {tapes.length === 0 ? (
        <EmptyState>{t("tapes.empty")}</EmptyState>
      ) : (
        <DataTable<TapeSummary>
          caption={t("tapes.caption", { count: tapes.length })}
          rows={tapes}
          rowKey={(tape) => tape.id}
          columns={[
            {
              key: "file",
              header: t("tapes.colFile"),
              primary: true,
              cell: (tape) => (
                <Link to={`/seller/tapes/${tape.id}`} className="text-brand-700 underline hover:text-brand-900">
                  {tape.fileName}
                </Link>
              ),
            },
            { key: "status", header: t("tapes.colStatus"), cell: (tape) => <TapeStatus status={tape.status} /> },
            { key: "rows", header: t("tapes.colRows"), numeric: true, cell: (tape) => tape.rows.toLocaleString(i18n.language) },
            {
              key: "valid",
              header: t("tapes.colValid"),
              numeric: true,
              cell: (tape) => tape.validRows.toLocaleString(i18n.language),
            },
            {
              key: "problems",
              header: t("tapes.colProblems"),
              numeric: true,
              cell: (tape) => tape.errorCount.toLocaleString(i18n.language),
            },
            {
              key: "uploaded",
              header: t("tapes.colUploaded"),
              cell: (tape) => <span className="whitespace-nowrap">{formatDateTime(tape.createdAt, i18n.language)}</span>,
            },
          ]}
        />
      )}
    </div>
  );
}
