import { assetInputSchema, type AssetInput } from "../../../core/contract/assets";
import { currencyDigits } from "../../../core/money";
import { maskIdNumber, maskName } from "../../privacy/masking";
import { columnOf, type TapeField } from "./columns";
import { readAmount, readChoice, readDate, readNumber, type ChoiceList } from "./values";

/**
 * One row of a loan tape, read into the asset the contract describes and validated by the same
 * schema as an asset typed by hand; every problem reported against the tape's own column, with the
 * value (masked when it is a name or an ID number) and the reason.
 */

export interface TapeRowError {
  /** The row's number in the file, the header being row 1. */
  row: number;
  /** The column as the file names it. */
  column: string;
  value: string;
  message: string;
}

export type TapeCells = Partial<Record<TapeField, string>>;

export type RowResult =
  { ok: true; loanId: string; input: AssetInput } | { ok: false; loanId: string | null; errors: TapeRowError[] };

const choiceOf: Partial<Record<TapeField, ChoiceList>> = {
  classification: "classification",
  security: "security",
  litigationStatus: "litigationStatus",
  borrowerKind: "kind",
  guarantorKind: "kind",
  borrowerIdType: "idType",
  guarantorIdType: "idType",
  collateralType: "collateralType",
};

const claimFields: Partial<Record<string, TapeField>> = {
  loanId: "loanId",
  principal: "principal",
  accruedInterest: "accruedInterest",
  penaltyInterest: "penaltyInterest",
  fees: "fees",
  originatedOn: "originatedOn",
  defaultedOn: "defaultedOn",
  classification: "classification",
  security: "security",
  litigationStatus: "litigationStatus",
  court: "court",
  caseNumber: "caseNumber",
  limitationExpiresOn: "limitationExpiresOn",
  guaranteeExpiresOn: "guaranteeExpiresOn",
  enforcementDeadline: "enforcementDeadline",
  industry: "industry",
  originatingOfficer: "originatingOfficer",
  investigatingOfficer: "investigatingOfficer",
};
const collateralFields: Record<string, TapeField> = {
  type: "collateralType",
  location: "collateralLocation",
  area: "collateralArea",
  appraisedValue: "collateralValue",
  appraisedOn: "collateralValuedOn",
  lienRank: "lienRank",
  certificateNumber: "collateralCertificate",
};
const partyFields: Record<string, [TapeField, TapeField]> = {
  name: ["borrowerName", "guarantorName"],
  idNumber: ["borrowerId", "guarantorId"],
  kind: ["borrowerKind", "guarantorKind"],
  idType: ["borrowerIdType", "guarantorIdType"],
};

/** The tape column a schema issue's path points at. */
function fieldOfPath(path: readonly PropertyKey[], message: string, hasGuarantor: boolean): TapeField {
  const [head, second, third, fourth] = path.map(String);
  if (head === "claim" && second === "collateral") return (fourth && collateralFields[fourth]) || "collateralType";
  if (head === "claim") return claimFields[second ?? ""] ?? "principal";
  if (head === "parties") {
    if (second === undefined) return /guarantor/i.test(message) ? "guarantorName" : "borrowerName";
    const party = partyFields[third ?? "name"] ?? partyFields.name!;
    return party[second === "1" && hasGuarantor ? 1 : 0];
  }
  return ({ title: "title", region: "region", currency: "currency" } as Record<string, TapeField>)[head ?? ""] ?? "loanId";
}

/** An ID number of 18 characters with a date in it reads as a person's; anything else as a company's. */
const looksPersonal = (idNumber: string) => /^\d{17}[\dXx]$/.test(idNumber.replace(/\s/g, ""));

/** A cell a spreadsheet would run: never a value. */
const isFormula = (text: string) => /^[=+@]/.test(text);

export function readRow(cells: TapeCells, row: number, headerOf: (field: TapeField) => string): RowResult {
  const errors: TapeRowError[] = [];
  const shown = (field: TapeField, value: string) => {
    const column = columnOf.get(field)!;
    const clipped = value.length > 100 ? `${value.slice(0, 100)}…` : value;
    if (!column.personal) return clipped;
    return field.endsWith("Id") ? maskIdNumber(clipped) : maskName(clipped);
  };
  const fail = (field: TapeField, value: string, message: string) =>
    errors.push({ row, column: headerOf(field), value: shown(field, value), message });

  const digits = currencyDigits(/^[A-Z]{3}$/.test(cells.currency?.trim() ?? "") ? cells.currency!.trim() : "CNY");
  const value: Partial<Record<TapeField, string>> = {};
  for (const [field, raw] of Object.entries(cells) as [TapeField, string | undefined][]) {
    const text = (raw ?? "").trim();
    if (!text) continue;
    if (isFormula(text)) {
      fail(field, text, "A formula is not a value: export the tape with values only");
      continue;
    }
    const kind = columnOf.get(field)!.kind;
    const read =
      kind === "amount"
        ? readAmount(text, digits)
        : kind === "date"
          ? readDate(text)
          : kind === "number"
            ? readNumber(text)
            : kind === "choice"
              ? readChoice(choiceOf[field]!, text)
              : text;
    if (read === null) {
      const reasons = {
        amount: "Not an amount: write it in yuan with at most two decimals, e.g. 1,250,000.50",
        date: "Not a date: write it as 2024-03-05, 2024/3/5 or 2024年3月5日",
        number: "Not a number",
        choice: "Not one of the allowed values (see the template's lists)",
        text: "",
      };
      fail(field, text, reasons[kind]);
    } else value[field] = read;
  }

  const loanId = value.loanId ?? null;
  const borrowerId = value.borrowerId ?? "";
  const hasGuarantor = Boolean(value.guarantorName || value.guarantorId);
  const hasCollateral = Boolean(
    value.collateralType || value.collateralLocation || value.collateralValue || value.collateralCertificate,
  );
  const candidate = {
    kind: "claim",
    title: value.title ?? `Loan ${loanId ?? ""}${value.region ? ` · ${value.region}` : ""}`,
    description: "",
    region: value.region ?? "",
    currency: value.currency ?? "CNY",
    parties: [
      {
        role: "borrower",
        kind: value.borrowerKind ?? (looksPersonal(borrowerId) ? "person" : "company"),
        name: value.borrowerName ?? "",
        idType: value.borrowerIdType,
        idNumber: borrowerId,
      },
      ...(hasGuarantor
        ? [
            {
              role: "guarantor",
              kind: value.guarantorKind ?? (looksPersonal(value.guarantorId ?? "") ? "person" : "company"),
              name: value.guarantorName ?? "",
              idType: value.guarantorIdType,
              idNumber: value.guarantorId ?? "",
            },
          ]
        : []),
    ],
    // Each field named (not spread from the table above): a tape reads this 100,000 times.
    claim: {
      loanId: value.loanId,
      principal: value.principal ?? "",
      accruedInterest: value.accruedInterest ?? "0",
      penaltyInterest: value.penaltyInterest ?? "0",
      fees: value.fees ?? "0",
      originatedOn: value.originatedOn,
      defaultedOn: value.defaultedOn,
      classification: value.classification,
      security: value.security,
      litigationStatus: value.litigationStatus ?? "none",
      court: value.court,
      caseNumber: value.caseNumber,
      limitationExpiresOn: value.limitationExpiresOn,
      guaranteeExpiresOn: value.guaranteeExpiresOn,
      enforcementDeadline: value.enforcementDeadline,
      industry: value.industry,
      originatingOfficer: value.originatingOfficer,
      investigatingOfficer: value.investigatingOfficer,
      collateral: hasCollateral
        ? [
            {
              type: value.collateralType ?? "other",
              location: value.collateralLocation ?? "",
              area: value.collateralArea ? Number(value.collateralArea).toFixed(2) : null,
              appraisedValue: value.collateralValue ?? null,
              appraisedOn: value.collateralValuedOn ?? null,
              lienRank: value.lienRank ?? null,
              certificateNumber: value.collateralCertificate ?? null,
            },
          ]
        : [],
    },
  };
  if (!value.loanId && !errors.some((e) => e.column === headerOf("loanId"))) fail("loanId", "", "Every loan needs its loan id");

  const parsed = assetInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path, issue.message, hasGuarantor);
      // A cell already refused as unreadable is not refused again for being empty.
      if (errors.some((e) => e.column === headerOf(field))) continue;
      fail(field, cells[field]?.trim() ?? "", issue.message);
    }
  }
  if (errors.length || !parsed.success) return { ok: false, loanId, errors };
  return { ok: true, loanId: value.loanId!, input: parsed.data };
}
