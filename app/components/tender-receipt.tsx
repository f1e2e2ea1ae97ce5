import { forwardRef, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TenderReceipt, TenderRecord } from "../lib/read-models.server";
import { parseMajorAmount } from "../../core/money";
import { formatDateTimeSeconds } from "../../core/time";
import { useMoney } from "./auction/room-format";
import { CopyButton } from "./copy-button";
import { buttonStyle } from "./forms";

export type { TenderReceipt, TenderRecord };

type ReceiptFields = Pick<TenderReceipt, "listingId" | "amount" | "bidderCode" | "salt">;

/**
 * The commitment as server/sale-modes/tender/rules.ts computes it, in the browser: SHA-256 over
 * `nplex-tender-v1|listing|amount in minor units|bidder code|salt`, lower-case hex.
 */
export async function receiptCommitment({ listingId, amount, bidderCode, salt }: ReceiptFields): Promise<string> {
  const bytes = new TextEncoder().encode(`nplex-tender-v1|${listingId}|${amount}|${bidderCode}|${salt}`);
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A pasted receipt, or null when it is not one. The listing defaults to this page's. */
export function readReceipt(text: string, listingId: string): ReceiptFields | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const r = value as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : null);
  const amount = str(r.amount);
  const bidderCode = str(r.bidderCode);
  const salt = str(r.salt);
  if (!amount || !/^\d+$/.test(amount) || !bidderCode || !salt) return null;
  return { listingId: str(r.listingId) || listingId, amount, bidderCode, salt };
}

/** The receipt as a file: exactly what the server returned, which is what the commitment covers. */
const receiptJson = (receipt: TenderReceipt) => JSON.stringify(receipt, null, 2);

/**
 * The receipt, shown once: the platform keeps the amount sealed, so this is the bidder's only
 * copy of amount and salt. Copy and download keep it; the heading takes the focus when it appears.
 */
export const TenderReceiptCard = forwardRef<HTMLHeadingElement, { receipt: TenderReceipt; currency: string }>(
  function TenderReceiptCard({ receipt, currency }, headingRef) {
    const { t, i18n } = useTranslation();
    const { money } = useMoney(currency);
    const id = useId();
    const json = receiptJson(receipt);
    const row = (label: string, value: React.ReactNode, mono = false, testId?: string) => (
      <div className="grid gap-x-4 py-1.5 sm:grid-cols-[9rem_1fr]">
        <dt className="text-slate-700">{label}</dt>
        <dd className={mono ? "font-mono text-xs break-all sm:text-sm" : "font-semibold"} data-testid={testId}>
          {value}
        </dd>
      </div>
    );
    return (
      <section
        aria-labelledby={`${id}-heading`}
        className="space-y-3 rounded-lg border-2 border-emerald-500 bg-emerald-50 p-4 text-emerald-950"
        data-testid="tender-receipt"
      >
        <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1} className="text-lg font-bold">
          {t("tender.receipt.heading")}
        </h3>
        <p role="status">{t("tender.receipt.recorded", { amount: money(receipt.amount) })}</p>
        <p className="rounded border border-amber-400 bg-amber-50 px-3 py-2 font-semibold text-amber-950">
          {t("tender.receipt.warning")}
        </p>
        <dl className="divide-y divide-emerald-200 rounded border border-emerald-200 bg-white px-3 text-sm">
          {row(t("tender.receipt.listingId"), receipt.listingId, true)}
          {row(t("tender.receipt.bidderCode"), <span className="font-mono">{receipt.bidderCode}</span>)}
          {row(t("tender.receipt.amount"), <span className="tabular-nums">{money(receipt.amount)}</span>)}
          {row(t("tender.receipt.salt"), receipt.salt, true)}
          {row(t("tender.receipt.commitment"), receipt.commitment, true, "tender-commitment")}
          {row(
            t("tender.receipt.submittedAt"),
            <time dateTime={receipt.submittedAt}>{formatDateTimeSeconds(receipt.submittedAt, i18n.language)}</time>,
          )}
        </dl>
        <div className="space-y-1">
          <label htmlFor={`${id}-json`} className="block text-sm font-medium">
            {t("tender.receipt.json")}
          </label>
          <input
            id={`${id}-json`}
            readOnly
            value={JSON.stringify(receipt)}
            className="w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs text-slate-900"
          />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <CopyButton targetId={`${id}-json`} label={t("tender.receipt.copy")} />
          <a
            href={`data:application/json;charset=utf-8,${encodeURIComponent(json)}`}
            download="nplex-tender-receipt.json"
            className={buttonStyle("primary", "sm")}
          >
            {t("tender.receipt.download")}
          </a>
        </div>
        <p className="text-sm">{t("tender.receipt.replaced")}</p>
      </section>
    );
  },
);

type Verdict =
  { kind: "match"; code: string; amount: string | null } | { kind: "noMatch" | "otherListing" | "unreadable" | "unavailable" };

/**
 * After the opening: the bidder pastes its receipt (or types amount, salt and bidder code) and the
 * browser recomputes the commitment and looks for it among the published ones. Nothing leaves the page.
 */
export function ReceiptCheck({ listingId, currency, bids }: { listingId: string; currency: string; bids: TenderRecord["bids"] }) {
  const { t } = useTranslation();
  const { money, digits, unit } = useMoney(currency);
  const id = useId();
  const [json, setJson] = useState("");
  const [manual, setManual] = useState({ amount: "", salt: "", bidderCode: "" });
  const [verdict, setVerdict] = useState<Verdict | null>(null);

  async function check(event: React.FormEvent) {
    event.preventDefault();
    const amount = parseMajorAmount(manual.amount, digits);
    const receipt = json.trim()
      ? readReceipt(json, listingId)
      : amount && manual.salt.trim() && manual.bidderCode.trim()
        ? { listingId, amount, salt: manual.salt.trim(), bidderCode: manual.bidderCode.trim() }
        : null;
    if (!receipt) return setVerdict({ kind: "unreadable" });
    if (receipt.listingId !== listingId) return setVerdict({ kind: "otherListing" });
    // crypto.subtle exists only in secure contexts (https, or localhost).
    if (typeof crypto === "undefined" || !crypto.subtle) return setVerdict({ kind: "unavailable" });
    const commitment = await receiptCommitment(receipt);
    const published = bids.find((b) => b.commitment === commitment);
    setVerdict(
      published
        ? { kind: "match", code: published.bidderCode ?? receipt.bidderCode, amount: published.amount ?? null }
        : { kind: "noMatch" },
    );
  }

  const field = (name: keyof typeof manual, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`${id}-${name}`} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={`${id}-${name}`}
        value={manual[name]}
        onChange={(e) => setManual({ ...manual, [name]: e.target.value })}
        autoComplete="off"
        className="rounded border border-slate-400 px-3 py-2 font-mono text-sm"
        {...props}
      />
    </div>
  );

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={`${id}-heading`} className="text-base font-semibold">
        {t("tender.check.heading")}
      </h3>
      <p className="text-sm text-slate-700">{t("tender.check.explain")}</p>
      <form onSubmit={check} className="space-y-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-json`} className="text-sm font-medium text-slate-800">
            {t("tender.check.json")}
          </label>
          <textarea
            id={`${id}-json`}
            rows={4}
            value={json}
            onChange={(e) => setJson(e.target.value)}
            spellCheck={false}
            className="rounded border border-slate-400 px-3 py-2 font-mono text-xs"
          />
        </div>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">{t("tender.check.manual")}</legend>
          <div className="grid gap-3 sm:grid-cols-3">
            {field("amount", t("tender.check.amount", { unit }), { inputMode: "decimal" })}
            {field("salt", t("tender.check.salt"), { spellCheck: false })}
            {field("bidderCode", t("tender.check.bidderCode"))}
          </div>
        </fieldset>
        <button type="submit" className={buttonStyle("secondary")}>
          {t("tender.check.submit")}
        </button>
      </form>
      <div aria-live="polite">
        {verdict ? (
          <p
            data-testid="receipt-check"
            data-verdict={verdict.kind}
            className={`rounded border px-3 py-2 text-sm ${
              verdict.kind === "match"
                ? "border-emerald-300 bg-emerald-50 text-emerald-900"
                : "border-rose-300 bg-rose-50 text-rose-900"
            }`}
          >
            {verdict.kind === "match"
              ? t("tender.check.match", { code: verdict.code, amount: money(verdict.amount) })
              : t(`tender.check.${verdict.kind}`)}
          </p>
        ) : null}
      </div>
    </section>
  );
}
