import { asc, eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import { currencyDigits, minorToMajorInput } from "../../core/money";
import type { Db } from "../../db/client";
import { assetCollateral, assetParties, assets, packageAssets } from "../../db/schema";
import { tapeColumns, type TapeField } from "../assets/tapes/columns";
import { choiceListOf, choiceLabels, type TemplateLanguage } from "../assets/tapes/template";
import { openParty } from "../privacy/personal-data";
import type { Vault } from "../privacy/vault";

/**
 * A listed package's loans as a loan tape: one row a loan, in the template's columns and language,
 * each choice by its label, so that the file reads back through the tape import. It holds the
 * borrowers' and guarantors' names and ID numbers in full: only NDA registrants, the seller's staff
 * and operators get it, and each copy is audited (server/data-room/service.ts).
 */

type Row = Partial<Record<TapeField, string>>;

const money = (value: bigint | null, currency: string) =>
  value === null ? "" : minorToMajorInput(value.toString(), currencyDigits(currency));

export async function packageTapeRows(db: Db, vault: Vault, packageId: string, language: TemplateLanguage): Promise<string[][]> {
  const pick = (pair: readonly [string, string]) => pair[language === "zh-CN" ? 1 : 0];
  const label = (field: TapeField, value: string | null) => {
    const list = choiceListOf[field];
    if (!value || !list) return value ?? "";
    const pair = (choiceLabels[list] as Record<string, readonly [string, string]>)[value];
    return pair ? pick(pair) : value;
  };
  const loans = await db
    .select()
    .from(assets)
    .innerJoin(packageAssets, eq(packageAssets.assetId, assets.id))
    .where(eq(packageAssets.packageId, packageId))
    .orderBy(asc(assets.loanId), asc(assets.title));
  const ids = loans.map((l) => l.assets.id);
  const [parties, collateral] = ids.length
    ? await Promise.all([
        db.select().from(assetParties).where(inArray(assetParties.assetId, ids)).orderBy(asc(assetParties.position)),
        db.select().from(assetCollateral).where(inArray(assetCollateral.assetId, ids)).orderBy(asc(assetCollateral.position)),
      ])
    : [[], []];
  const first = <T extends { assetId: string }>(rows: T[], assetId: string, also: (r: T) => boolean = () => true) =>
    rows.find((r) => r.assetId === assetId && also(r));

  const rows = loans.map(({ assets: a }) => {
    const borrower = first(parties, a.id, (p) => p.role === "borrower");
    const guarantor = first(parties, a.id, (p) => p.role === "guarantor");
    const item = first(collateral, a.id);
    const party = (p: typeof borrower, prefix: "borrower" | "guarantor"): Row => {
      if (!p) return {};
      const open = openParty(vault, p);
      return {
        [`${prefix}Name`]: open.name,
        [`${prefix}Kind`]: label(`${prefix}Kind`, p.kind),
        [`${prefix}IdType`]: label(`${prefix}IdType`, p.idType),
        [`${prefix}Id`]: open.idNumber,
      };
    };
    const row: Row = {
      loanId: a.loanId ?? "",
      currency: a.currency,
      principal: money(a.principal, a.currency),
      accruedInterest: money(a.accruedInterest, a.currency),
      penaltyInterest: money(a.penaltyInterest, a.currency),
      fees: money(a.fees, a.currency),
      originatedOn: a.originatedOn ?? "",
      defaultedOn: a.defaultedOn ?? "",
      classification: label("classification", a.classification),
      security: label("security", a.security),
      region: a.region,
      industry: a.industry ?? "",
      title: a.title,
      ...party(borrower, "borrower"),
      ...party(guarantor, "guarantor"),
      collateralType: label("collateralType", item?.type ?? null),
      collateralLocation: item?.location ?? "",
      collateralArea: item?.area ?? "",
      collateralValue: item ? money(item.appraisedValue, a.currency) : "",
      collateralValuedOn: item?.appraisedOn ?? "",
      lienRank: item?.lienRank?.toString() ?? "",
      collateralCertificate: item?.certificateNumber ?? "",
      litigationStatus: label("litigationStatus", a.litigationStatus),
      court: a.court ?? "",
      caseNumber: a.caseNumber ?? "",
      limitationExpiresOn: a.limitationExpiresOn ?? "",
      guaranteeExpiresOn: a.guaranteeExpiresOn ?? "",
      enforcementDeadline: a.enforcementDeadline ?? "",
      originatingOfficer: a.originatingOfficer ?? "",
      investigatingOfficer: a.investigatingOfficer ?? "",
    };
    return tapeColumns.map((c) => row[c.field] ?? "");
  });
  return [tapeColumns.map((c) => pick([c.en, c.zh])), ...rows];
}

/** The tape as an XLSX workbook: one sheet, the header row bold and frozen, every cell text (ID numbers keep their digits). */
export async function tapeWorkbook(rows: string[][], sheetName: string): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = rows[0]!.map((header) => ({
    header,
    width: Math.min(40, Math.max(12, header.length + 4)),
    style: { numFmt: "@" },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(rows.slice(1));
  return new Uint8Array(await book.xlsx.writeBuffer());
}
