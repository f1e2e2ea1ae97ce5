import { Form } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { AccessEntry, DataRoomView, DocumentTier, DocumentView } from "../../core/contract/documents";
import { documentTiers } from "../../core/enums";
import { formatDateTime, formatInZone } from "../../core/time";
import type { Refusal } from "../lib/refusal";
import { DataTable } from "./data-table";
import { buttonStyle, Field, SelectField } from "./forms";
import { RefusalAlert } from "./refusal";

/** A data room's pieces: its documents, the tiers a reader cannot open yet, the upload form and the access log. */

const typeLabels: Record<DocumentView["contentType"], string> = {
  "application/pdf": "PDF",
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
  "text/csv": "CSV",
};

function useSize() {
  const { i18n } = useTranslation();
  return (bytes: number) =>
    bytes < 1024 * 1024
      ? `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(i18n.language)} KB`
      : `${(bytes / (1024 * 1024)).toLocaleString(i18n.language, { maximumFractionDigits: 1 })} MB`;
}

const tierTone: Record<DocumentTier, string> = {
  public: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  registered: "bg-sky-50 text-sky-900 ring-sky-200",
  nda: "bg-amber-50 text-amber-900 ring-amber-200",
};

export function TierBadge({ tier }: { tier: DocumentTier }) {
  const { t } = useTranslation();
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ring-1 ${tierTone[tier]}`}>{t(`dataRoom.tier.${tier}`)}</span>;
}

/**
 * The documents a reader may open, each with its download (and, for a photo, a view), its size and
 * its SHA-256. `remove` adds the seller's button; `roomShown` names the room a document comes from.
 */
export function DocumentTable({
  documents,
  hrefOf,
  remove,
  roomShown,
}: {
  documents: DocumentView[];
  hrefOf: (document: DocumentView) => string;
  remove?: boolean;
  roomShown?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const size = useSize();
  if (documents.length === 0) return <p className="text-sm text-slate-600">{t("dataRoom.empty")}</p>;
  return (
    <DataTable
      caption={t("dataRoom.caption", { count: documents.length })}
      rowKey={(d) => d.id}
      rows={documents}
      columns={[
        {
          key: "title",
          header: t("dataRoom.col.title"),
          primary: true,
          cell: (d) => (
            <span className="flex flex-col">
              <span className="font-medium">{d.title}</span>
              <span className="text-xs text-slate-600">
                {d.fileName}
                {roomShown ? ` · ${t("dataRoom.fromRoom", { room: t(`dataRoom.rooms.${d.room}`) })}` : ""}
                {d.cover ? ` · ${t("dataRoom.cover")}` : ""}
              </span>
            </span>
          ),
        },
        { key: "tier", header: t("dataRoom.col.tier"), cell: (d) => <TierBadge tier={d.tier} /> },
        { key: "type", header: t("dataRoom.col.type"), cell: (d) => typeLabels[d.contentType] },
        { key: "size", header: t("dataRoom.col.size"), numeric: true, cell: (d) => size(d.sizeBytes) },
        {
          key: "sha256",
          header: t("dataRoom.col.sha256"),
          cell: (d) => (
            <code className="font-mono text-xs break-all" title={d.sha256}>
              {d.sha256.slice(0, 16)}…
            </code>
          ),
        },
        {
          key: "added",
          header: t("dataRoom.col.added"),
          cell: (d) => formatInZone(d.createdAt, i18n.language, { dateStyle: "medium" }),
        },
        {
          key: "actions",
          header: "",
          cell: (d) => (
            <span className="flex flex-wrap items-center gap-3">
              <a href={hrefOf(d)} download className="text-brand-700 underline">
                {t("dataRoom.download")}
                <span className="sr-only"> {d.title}</span>
              </a>
              {d.contentType.startsWith("image/") ? (
                <a href={`${hrefOf(d)}?view=1`} target="_blank" rel="noreferrer" className="text-brand-700 underline">
                  {t("dataRoom.view")}
                  <span className="sr-only"> {d.title}</span>
                </a>
              ) : null}
              {remove ? (
                <Form method="post">
                  <input type="hidden" name="documentId" value={d.id} />
                  <button type="submit" name="intent" value="remove" className={buttonStyle("secondary", "sm")}>
                    {t("dataRoom.remove")}
                    <span className="sr-only"> {d.title}</span>
                  </button>
                </Form>
              ) : null}
            </span>
          ),
        },
      ]}
    />
  );
}

/** What a reader cannot open yet: how many documents each closed tier holds, and how to open it. */
export function LockedTiers({ locked }: { locked: DataRoomView["locked"] }) {
  const { t } = useTranslation();
  if (locked.length === 0) return null;
  return (
    <ul className="space-y-1 rounded border border-dashed border-slate-300 bg-slate-50 p-3 text-sm text-slate-700">
      {locked.map(({ tier, count }) => (
        <li key={tier}>
          {t("dataRoom.locked", { count, tier: t(`dataRoom.tier.${tier}`) })}{" "}
          {tier === "public" ? null : t(`dataRoom.lockedHint.${tier}`)}
        </li>
      ))}
    </ul>
  );
}

/** The seller's form for one more document: its title, its tier, the file and, for a public photo, the cover. */
export function UploadDocumentForm({ refusal: answer, busy }: { refusal: Refusal | null; busy: boolean }) {
  const { t } = useTranslation();
  // A file refused as it arrived says so by its rule: its kind or its size, each with its own sentence.
  const rule = answer?.params?.rule;
  const byRule = rule === "type" ? "UNSUPPORTED_MEDIA_TYPE" : rule === "size" ? "PAYLOAD_TOO_LARGE" : null;
  // The same object while the answer stands: the alert takes focus once per refusal.
  const refusal = useMemo(() => (answer && byRule ? { ...answer, code: byRule } : answer), [answer, byRule]);
  // Otherwise the field's own reason (a PDF with a password, a cover that is no public photo).
  const detail = byRule ? undefined : (answer?.fields?.file?.message ?? answer?.fields?.cover?.message);
  return (
    <section aria-labelledby="upload-heading" className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <h2 id="upload-heading" className="text-lg font-semibold">
        {t("dataRoom.upload.heading")}
      </h2>
      <RefusalAlert refusal={refusal} messages="dataRoom.errors">
        {detail ? <p className="mt-1 text-sm">{detail}</p> : null}
      </RefusalAlert>
      <Form method="post" encType="multipart/form-data" className="grid gap-4 sm:grid-cols-2">
        <Field label={t("dataRoom.upload.title")} name="title" required minLength={2} maxLength={200} />
        <SelectField
          label={t("dataRoom.upload.tier")}
          name="tier"
          defaultValue="nda"
          options={documentTiers.map((tier) => ({
            value: tier,
            label: `${t(`dataRoom.tier.${tier}`)}: ${t(`dataRoom.tierHelp.${tier}`)}`,
          }))}
        />
        <div className="flex flex-col gap-1 sm:col-span-2">
          <label htmlFor="document-file" className="font-medium">
            {t("dataRoom.upload.file")}
          </label>
          <input
            id="document-file"
            name="file"
            type="file"
            required
            accept=".pdf,.png,.jpg,.jpeg,.xlsx,.docx,.csv"
            aria-describedby="document-file-hint"
            className="text-sm"
          />
          <p id="document-file-hint" className="text-sm text-slate-600">
            {t("dataRoom.upload.fileHint")}
          </p>
        </div>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" name="cover" />
          {t("dataRoom.upload.cover")}
        </label>
        <div className="sm:col-span-2">
          <button type="submit" name="intent" value="upload" className={buttonStyle("primary")} disabled={busy}>
            {t("dataRoom.upload.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

/** Who opened what, newest first: bidder codes until the sale is decided. */
export function AccessLog({ entries }: { entries: AccessEntry[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="access-heading" className="space-y-2">
      <h2 id="access-heading" className="text-lg font-semibold">
        {t("dataRoom.access.heading")}
      </h2>
      <p className="text-sm text-slate-700">{t("dataRoom.access.intro")}</p>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">{t("dataRoom.access.empty")}</p>
      ) : (
        <DataTable
          caption={t("dataRoom.access.caption", { count: entries.length })}
          rowKey={(e) => `${e.at}-${e.documentId}-${e.bidderCode ?? e.user ?? ""}`}
          rows={entries}
          columns={[
            { key: "at", header: t("dataRoom.access.col.at"), primary: true, cell: (e) => formatDateTime(e.at, i18n.language) },
            {
              key: "reader",
              header: t("dataRoom.access.col.reader"),
              cell: (e) => (
                <span className="flex flex-col">
                  <span>
                    {e.reader === "bidder"
                      ? t("dataRoom.access.bidder", { code: e.bidderCode ?? "?" })
                      : t(`dataRoom.access.${e.reader}`)}
                  </span>
                  {e.organisation || e.user ? (
                    <span className="text-xs text-slate-600">{[e.organisation, e.user].filter(Boolean).join(" · ")}</span>
                  ) : null}
                </span>
              ),
            },
            {
              key: "document",
              header: t("dataRoom.access.col.document"),
              cell: (e) => (e.documentId ? e.documentTitle : t("dataRoom.tape.logTitle")),
            },
            {
              key: "action",
              header: t("dataRoom.access.col.action"),
              cell: (e) =>
                e.watermarked
                  ? t("dataRoom.access.watermarkedAction", { action: t(`dataRoom.access.action.${e.action}`) })
                  : t(`dataRoom.access.action.${e.action}`),
            },
          ]}
        />
      )}
    </section>
  );
}
