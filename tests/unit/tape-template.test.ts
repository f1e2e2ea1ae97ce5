import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { tapeRules } from "../../core/contract/tapes";
import { classifications, collateralTypes, litigationStatuses, partyKinds, securityTypes } from "../../core/enums";
import { documentKinds } from "../../core/identity/documents";
import { mappingProblems, suggestMapping, tapeColumns, type TapeField } from "../../server/assets/tapes/columns";
import { readTape, tableRows } from "../../server/assets/tapes/read";
import { readRow, type TapeCells } from "../../server/assets/tapes/rows";
import {
  choiceLabels,
  choiceListOf,
  choiceOptions,
  tapeTemplate,
  type TemplateFormat,
  type TemplateLanguage,
} from "../../server/assets/tapes/template";
import { readChoice, type ChoiceList } from "../../server/assets/tapes/values";

const languages: TemplateLanguage[] = ["en", "zh-CN"];
const formats: TemplateFormat[] = ["xlsx", "csv"];
const headersIn = (language: TemplateLanguage) => tapeColumns.map((c) => (language === "zh-CN" ? c.zh : c.en));

/** Each XLSX template read back once: exceljs spreads a range's validation over its every cell, which takes a second. */
const workbooks = new Map<TemplateLanguage, Promise<ExcelJS.Workbook>>();
function workbookOf(language: TemplateLanguage) {
  if (!workbooks.has(language)) {
    workbooks.set(
      language,
      tapeTemplate(language, "xlsx").then(async (data) => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(data.slice().buffer);
        return workbook;
      }),
    );
  }
  return workbooks.get(language)!;
}

/** The column's letter in the template, where the columns come in `tapeColumns`' order. */
const letterOf = (field: TapeField) => {
  let n = tapeColumns.findIndex((c) => c.field === field) + 1;
  let letter = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
};

describe("the loan tape template", () => {
  for (const language of languages) {
    for (const format of formats) {
      it(`reads back through the tape reader without a problem (${language}, ${format})`, async () => {
        const table = await readTape(await tapeTemplate(language, format));
        expect(table.format).toBe(format);
        expect(table.headers).toEqual(headersIn(language));
        const mapping = suggestMapping(table.headers);
        expect(mapping).toEqual(tapeColumns.map((c) => c.field));
        expect(mappingProblems(mapping)).toEqual([]);

        const rows: { row: number; cells: string[] }[] = [];
        for await (const row of tableRows(table)) rows.push(row);
        expect(rows).toHaveLength(1);
        const cells: TapeCells = {};
        mapping.forEach((field, i) => {
          if (field) cells[field] = rows[0]!.cells[i] ?? "";
        });
        const result = readRow(cells, rows[0]!.row, (field) => table.headers[mapping.indexOf(field)]!);
        expect(result.ok ? [] : result.errors).toEqual([]);
        if (!result.ok) return;
        expect(result.loanId).toBe("HZ-2019-00017");
        expect(result.input).toMatchObject({
          kind: "claim",
          currency: "CNY",
          parties: [
            { role: "borrower", kind: "company", idType: "credit_code", idNumber: "91330109MA2B7Q4X1J" },
            { role: "guarantor", kind: "person", idType: "resident_id", idNumber: "330109196805121237" },
          ],
          claim: {
            principal: "100000050",
            accruedInterest: "8642015",
            classification: "substandard",
            security: "collateral",
            litigationStatus: "judgment_obtained",
            originatedOn: "2019-04-18",
            defaultedOn: "2024-03-05",
            collateral: [
              { type: "industrial", area: "12400.50", appraisedValue: "980000000", appraisedOn: "2024-01-15", lienRank: 1 },
            ],
          },
        });
      });
    }
  }

  it("offers for each choice a word the reader takes, in each language, and every choice the contract knows", () => {
    const contract: Record<ChoiceList, readonly string[]> = {
      classification: classifications,
      security: securityTypes,
      litigationStatus: litigationStatuses,
      kind: partyKinds,
      idType: documentKinds,
      collateralType: collateralTypes,
    };
    for (const [list, values] of Object.entries(contract) as [ChoiceList, readonly string[]][]) {
      const labels = choiceLabels[list] as Record<string, readonly [string, string]>;
      expect(Object.keys(labels).sort(), list).toEqual([...values].sort());
      for (const [value, [en, zh]] of Object.entries(labels)) {
        expect(readChoice(list, en), en).toBe(value);
        expect(readChoice(list, zh), zh).toBe(value);
        // Excel splits an inline list at commas.
        expect(`${en}${zh}`, value).not.toContain(",");
      }
    }
    expect(Object.keys(choiceListOf).sort()).toEqual(
      tapeColumns
        .filter((c) => c.kind === "choice")
        .map((c) => c.field)
        .sort(),
    );
  });

  it("lists the allowed values on every choice column, for every row a tape may have, in the template's language", async () => {
    for (const language of languages) {
      const sheet = (await workbookOf(language)).worksheets[0]!;
      const lastRow = tapeRules.maxRows + 1;
      for (const [field, list] of Object.entries(choiceListOf) as [TapeField, ChoiceList][]) {
        const letter = letterOf(field);
        const expected = { type: "list", allowBlank: true, formulae: [`"${choiceOptions(list, language).join(",")}"`] };
        expect(sheet.getCell(`${letter}2`).dataValidation, field).toMatchObject(expected);
        expect(sheet.getCell(`${letter}${lastRow}`).dataValidation, field).toMatchObject(expected);
        expect(sheet.getCell(`${letter}${lastRow + 1}`).dataValidation, field).toBeUndefined();
      }
      expect(choiceOptions("classification", language)).toEqual(
        language === "zh-CN"
          ? ["正常类", "关注类", "次级类", "可疑类", "损失类"]
          : ["Normal", "Special mention", "Substandard", "Doubtful", "Loss"],
      );
      expect(sheet.getCell(`${letterOf("loanId")}2`).dataValidation).toBeUndefined();
      expect(sheet.getCell(`${letterOf("principal")}2`).dataValidation).toBeUndefined();
    }
  });

  it("marks the required headers, freezes the header row, keeps ID numbers as text and stays small", async () => {
    for (const language of languages) {
      const data = await tapeTemplate(language, "xlsx");
      // The lists and number formats reach every row by range and by column, not cell by cell.
      expect(data.byteLength).toBeLessThan(40_000);
      const sheet = (await workbookOf(language)).worksheets[0]!;
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      const fillOf = (field: TapeField) => JSON.stringify(sheet.getCell(`${letterOf(field)}1`).fill);
      const required = new Set(tapeColumns.filter((c) => c.required).map((c) => fillOf(c.field)));
      const optional = new Set(tapeColumns.filter((c) => !c.required).map((c) => fillOf(c.field)));
      expect(required.size).toBe(1);
      expect(optional.has([...required][0]!)).toBe(false);
      for (const field of ["borrowerId", "guarantorId", "loanId"] as const) {
        expect(sheet.getColumn(letterOf(field)).numFmt, field).toBe("@");
      }
      expect(sheet.getCell(`${letterOf("guarantorId")}2`).value).toBe("330109196805121237");
    }
  });

  it("explains every column on a guide sheet: required or not, what it holds, and the allowed values", async () => {
    for (const language of languages) {
      const workbook = await workbookOf(language);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(
        language === "zh-CN" ? ["贷款清单", "说明"] : ["Loan tape", "Guide"],
      );
      const guide = workbook.worksheets[1]!;
      const rows = new Map<string, string[]>();
      guide.eachRow((row) => {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => (typeof v === "string" ? v : ""));
        rows.set(values[0]!, values);
      });
      const [yes, no] = language === "zh-CN" ? ["是", "否"] : ["Yes", "No"];
      for (const [column, header] of tapeColumns.map((c, i) => [c, headersIn(language)[i]!] as const)) {
        const row = rows.get(header);
        expect(row, header).toBeDefined();
        expect(row![1], header).toBe(column.required ? yes : no);
        expect(row![2]!.length, header).toBeGreaterThan(1);
        const list = choiceListOf[column.field];
        if (list) for (const option of choiceOptions(list, language)) expect(row![3], header).toContain(option);
      }
    }
  });

  it("writes the CSV as UTF-8 with a BOM, so that Excel shows the Chinese", async () => {
    const data = await tapeTemplate("zh-CN", "csv");
    expect([...data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(data);
    expect(text.split("\r\n")[0]).toBe(`\uFEFF${headersIn("zh-CN").join(",")}`);
    expect(text).toContain("次级类");
  });
});
