import { minorToMajorInput, parseMajorAmount } from "../../core/money";
import { isoToZonedInput, zonedInputToIso } from "../../core/time";
import { currencyDigits } from "../../core/money";
import type { FieldIssue } from "./refusal";

/**
 * The listing terms form as people type it (money in major units, times on the Shanghai wall
 * clock) and as the workflow service reads it (minor units, ISO instants).
 */

/** The sale modes a seller drafts directly; a fixed-price sale only follows failed rounds. */
export const draftableModes = ["auction", "tender", "designated", "negotiated"] as const;

/** Rows the form offers for right-of-first-refusal holders; a stored listing with more shows them all. */
export const RIGHT_OF_FIRST_REFUSAL_ROWS = 5;
const MAX_RIGHT_OF_FIRST_REFUSAL_HOLDERS = 20;

/** The terms form's fields typed as one line of text (all but the right-of-first-refusal rows). */
type TextField = Exclude<keyof TermsFormValues, "rightOfFirstRefusalHolders">;

export interface TermsFormValues {
  title: string;
  titleZh: string;
  summary: string;
  summaryZh: string;
  mode: string;
  tenderPricing: string;
  bestAndFinalTopN: string;
  designatedOrgId: string;
  counterpartyOrgId: string;
  negotiationJustification: string;
  startingPrice: string;
  reservePrice: string;
  increment: string;
  deposit: string;
  antiSnipingWindowMinutes: string;
  antiSnipingExtensionMinutes: string;
  maxExtensions: string;
  maxBidMultiple: string;
  startsAt: string;
  endsAt: string;
  balanceDueDays: string;
  specialTerms: string;
  valuationExceptionReason: string;
  rightOfFirstRefusalHolders: { name: string; rank: string }[];
}

/** A lot as the form names it: `asset:<uuid>` or `package:<uuid>`. */
export function parseLotRef(ref: string | null | undefined): { type: "asset" | "package"; id: string } | null {
  const match = /^(asset|package):([0-9a-f-]{36})$/i.exec(ref ?? "");
  return match ? { type: match[1]!.toLowerCase() as "asset" | "package", id: match[2]!.toLowerCase() } : null;
}

export const lotRef = (lot: { type: "asset" | "package"; id: string }) => `${lot.type}:${lot.id}`;

/** A new listing's title from its lot's: in the Chinese field when it is written in Chinese. */
export function titleFromLot(title: string): { title: string; titleZh: string } {
  return /\p{Script=Han}/u.test(title) ? { title: "", titleZh: title } : { title, titleZh: "" };
}

/** The form's starting values from stored or default terms (minor units, ISO times). */
export function formValuesFromTerms(
  terms: {
    title?: string | null;
    titleZh?: string | null;
    summary?: string;
    summaryZh?: string;
    mode?: string;
    tenderPricing?: string;
    bestAndFinalTopN?: number | null;
    designatedOrgId?: string | null;
    counterpartyOrgId?: string | null;
    negotiationJustification?: string | null;
    startingPrice: string;
    reservePrice?: string | null;
    increment: string;
    deposit: string;
    antiSnipingWindowMinutes: number;
    antiSnipingExtensionMinutes: number;
    maxExtensions?: number | null;
    maxBidMultiple?: number | null;
    startsAt: string | null;
    endsAt: string | null;
    balanceDueDays: number;
    specialTerms?: string;
    valuationExceptionReason?: string | null;
    rightOfFirstRefusalHolders?: readonly { name: string; rank: number }[];
  },
  currency: string,
): TermsFormValues {
  const digits = currencyDigits(currency);
  const major = (minor: string | null | undefined) => (minor ? minorToMajorInput(minor, digits) : "");
  return {
    title: terms.title ?? "",
    titleZh: terms.titleZh ?? "",
    summary: terms.summary ?? "",
    summaryZh: terms.summaryZh ?? "",
    mode: terms.mode ?? "auction",
    tenderPricing: terms.tenderPricing ?? "first_price",
    bestAndFinalTopN: terms.bestAndFinalTopN == null ? "" : String(terms.bestAndFinalTopN),
    designatedOrgId: terms.designatedOrgId ?? "",
    counterpartyOrgId: terms.counterpartyOrgId ?? "",
    negotiationJustification: terms.negotiationJustification ?? "",
    startingPrice: major(terms.startingPrice),
    reservePrice: major(terms.reservePrice),
    increment: major(terms.increment),
    deposit: major(terms.deposit),
    antiSnipingWindowMinutes: String(terms.antiSnipingWindowMinutes),
    antiSnipingExtensionMinutes: String(terms.antiSnipingExtensionMinutes),
    maxExtensions: terms.maxExtensions == null ? "" : String(terms.maxExtensions),
    maxBidMultiple: terms.maxBidMultiple == null ? "" : String(terms.maxBidMultiple),
    startsAt: isoToZonedInput(terms.startsAt),
    endsAt: isoToZonedInput(terms.endsAt),
    balanceDueDays: String(terms.balanceDueDays),
    specialTerms: terms.specialTerms ?? "",
    valuationExceptionReason: terms.valuationExceptionReason ?? "",
    rightOfFirstRefusalHolders: (terms.rightOfFirstRefusalHolders ?? []).map((h) => ({ name: h.name, rank: String(h.rank) })),
  };
}

/** What was typed, read back from the posted form. */
export function formValuesFromForm(form: FormData): TermsFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const holders: TermsFormValues["rightOfFirstRefusalHolders"] = [];
  const sent = Number.parseInt(text("rofrRows"), 10);
  const rowCount = Number.isFinite(sent)
    ? Math.min(Math.max(sent, RIGHT_OF_FIRST_REFUSAL_ROWS), MAX_RIGHT_OF_FIRST_REFUSAL_HOLDERS)
    : RIGHT_OF_FIRST_REFUSAL_ROWS;
  for (let row = 0; row < rowCount; row++) {
    holders.push({ name: text(`rofrName${row}`), rank: text(`rofrRank${row}`) });
  }
  return {
    title: text("title"),
    titleZh: text("titleZh"),
    summary: text("summary"),
    summaryZh: text("summaryZh"),
    mode: text("mode") || "auction",
    tenderPricing: text("tenderPricing") || "first_price",
    bestAndFinalTopN: text("bestAndFinalTopN"),
    designatedOrgId: text("designatedOrgId"),
    counterpartyOrgId: text("counterpartyOrgId"),
    negotiationJustification: text("negotiationJustification"),
    startingPrice: text("startingPrice"),
    reservePrice: text("reservePrice"),
    increment: text("increment"),
    deposit: text("deposit"),
    antiSnipingWindowMinutes: text("antiSnipingWindowMinutes"),
    antiSnipingExtensionMinutes: text("antiSnipingExtensionMinutes"),
    maxExtensions: text("maxExtensions"),
    maxBidMultiple: text("maxBidMultiple"),
    startsAt: text("startsAt"),
    endsAt: text("endsAt"),
    balanceDueDays: text("balanceDueDays"),
    specialTerms: text("specialTerms"),
    valuationExceptionReason: text("valuationExceptionReason"),
    rightOfFirstRefusalHolders: holders,
  };
}

/**
 * The service's input from the typed values. Amounts and times that cannot be read are reported
 * here, by field; everything else is left to the service's own checks. `rows` maps each holder
 * sent to the service back to the form row it came from.
 */
export function rawTermsFromValues(
  values: TermsFormValues,
  lot: { type: "asset" | "package"; id: string },
  currency: string,
): { raw: Record<string, unknown>; issues: Record<string, FieldIssue>; rows: number[] } {
  const digits = currencyDigits(currency);
  const issues: Record<string, FieldIssue> = {};
  const money = (field: TextField, optional = false) => {
    const typed = values[field].trim();
    if (!typed) {
      if (!optional) issues[field] = { code: "REQUIRED" };
      return null;
    }
    const minor = parseMajorAmount(typed, digits);
    if (minor === null) issues[field] = { code: "AMOUNT_INVALID", params: { digits: String(digits) } };
    return minor;
  };
  const time = (field: "startsAt" | "endsAt") => {
    const typed = values[field].trim();
    if (!typed) {
      issues[field] = { code: "REQUIRED" };
      return null;
    }
    const iso = zonedInputToIso(typed);
    if (!iso) issues[field] = { code: "DATE_INVALID" };
    return iso;
  };
  const whole = (field: TextField, optional = false) => {
    const typed = values[field].trim();
    if (!typed && !optional) issues[field] = { code: "REQUIRED" };
    return typed === "" ? null : typed;
  };
  const rows: number[] = [];
  const holders = values.rightOfFirstRefusalHolders.flatMap((holder, row) => {
    if (!holder.name.trim() && !holder.rank.trim()) return [];
    rows.push(row);
    return [{ name: holder.name, rank: holder.rank.trim() === "" ? "0" : holder.rank.trim() }];
  });
  const raw = {
    assetId: lot.type === "asset" ? lot.id : null,
    packageId: lot.type === "package" ? lot.id : null,
    title: values.title,
    titleZh: values.titleZh,
    summary: values.summary,
    summaryZh: values.summaryZh,
    mode: values.mode,
    tenderPricing: values.tenderPricing,
    bestAndFinalTopN: values.mode === "tender" ? whole("bestAndFinalTopN", true) : null,
    designatedOrgId: values.mode === "designated" ? values.designatedOrgId || null : null,
    counterpartyOrgId: values.mode === "negotiated" ? values.counterpartyOrgId || null : null,
    negotiationJustification: values.mode === "negotiated" ? values.negotiationJustification.trim() || null : null,
    currency,
    startingPrice: money("startingPrice"),
    reservePrice: money("reservePrice", true),
    increment: money("increment"),
    deposit: money("deposit"),
    antiSnipingWindowMinutes: whole("antiSnipingWindowMinutes"),
    antiSnipingExtensionMinutes: whole("antiSnipingExtensionMinutes"),
    maxExtensions: whole("maxExtensions", true),
    maxBidMultiple: whole("maxBidMultiple", true),
    startsAt: time("startsAt"),
    endsAt: time("endsAt"),
    balanceDueDays: whole("balanceDueDays"),
    specialTerms: values.specialTerms,
    valuationExceptionReason: values.valuationExceptionReason.trim() || null,
    rightOfFirstRefusalHolders: holders,
  };
  return { raw, issues, rows };
}

/** The deposit the rules allow for a starting price: 5% rounded up to 20% rounded down (server/listings/rules/terms.ts). */
export function depositRange(startingPrice: string): { min: string; max: string } {
  const start = BigInt(startingPrice);
  return { min: ((start * 5n + 99n) / 100n).toString(), max: ((start * 20n) / 100n).toString() };
}

/** The lowest start that needs no valuation exception: 70% of the latest valuation, rounded up. */
export function minimumStartWithoutException(valuation: string): string {
  return ((BigInt(valuation) * 70n + 99n) / 100n).toString();
}
