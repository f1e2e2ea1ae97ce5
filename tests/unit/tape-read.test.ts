import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readTape, tableRows, TAPE_MAX_ROWS } from "../../server/assets/tapes/read";
import { readDate } from "../../server/assets/tapes/values";
import { generateLoanTape, tapeCsv, tapeXlsx } from "../../db/seed/loan-tape";
import { rejection } from "../support/refusal";

async function all(data: Uint8Array) {
  const table = await readTape(data);
  const rows: { row: number; cells: string[] }[] = [];
  for await (const row of tableRows(table)) rows.push(row);
  return { ...table, rows };
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const csv = '贷款编号,借款人名称,本金余额\nHZ-1,杭州鑫源纺织有限公司,"18,650,000.00"\n\nHZ-2,"张 三",100\n';

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Tape");
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("reading a tape", () => {
  it("reads every Chinese character of a large workbook as written, however the XML is split into chunks", async () => {
    const tape = generateLoanTape({ count: 3000, seed: 7 });
    // Inline strings (a streaming writer) and shared strings (Excel's own way), and the CSV for good measure.
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("贷款").addRows([tape.headers, ...tape.rows]);
    const files = [await tapeXlsx(tape), new Uint8Array(await workbook.xlsx.writeBuffer()), tapeCsv(tape)];
    for (const data of files) {
      const table = await all(data);
      expect(table.headers).toEqual(tape.headers);
      expect(table.rows.map((r) => tape.headers.map((_, i) => r.cells[i] ?? ""))).toEqual(tape.rows);
    }
  }, 60_000);

  it("reads UTF-8 CSV, with or without its BOM, skipping blank lines and numbering rows as the file does", async () => {
    for (const data of [utf8(csv), utf8(`\uFEFF${csv}`)]) {
      const table = await all(data);
      expect(table).toMatchObject({ format: "csv", encoding: "utf-8", headers: ["贷款编号", "借款人名称", "本金余额"] });
      expect(table.rows).toEqual([
        { row: 2, cells: ["HZ-1", "杭州鑫源纺织有限公司", "18,650,000.00"] },
        { row: 3, cells: ["HZ-2", "张 三", "100"] },
      ]);
    }
  });

  it("reads GBK and GB18030 as Chinese banks export them", async () => {
    for (const encoding of ["gbk", "gb18030"]) {
      const table = await all(new Uint8Array(iconv.encode(csv, encoding)));
      expect(table.encoding).toBe("gb18030");
      expect(table.headers).toEqual(["贷款编号", "借款人名称", "本金余额"]);
      expect(table.rows[0]!.cells[1]).toBe("杭州鑫源纺织有限公司");
    }
  });

  it("reads tab- and semicolon-separated exports", async () => {
    expect((await all(utf8("Loan ID\tBorrower name\nA-1\tLin\n"))).rows[0]!.cells).toEqual(["A-1", "Lin"]);
    expect((await all(utf8("Loan ID;Borrower name\nA-1;Lin\n"))).rows[0]!.cells).toEqual(["A-1", "Lin"]);
  });

  it("reads the first sheet of an XLSX: numbers, date cells as their day, formulas by their saved value, rich text", async () => {
    const data = await xlsx([
      ["Remarks above the header"],
      [],
      ["Loan ID", "Principal balance", "Origination date", "Accrued interest", "Borrower name"],
      [
        "A-1",
        18650000.5,
        new Date(Date.UTC(2019, 3, 18)),
        { formula: "1+1", result: 2 },
        { richText: [{ text: "杭州" }, { text: "鑫源" }] },
      ],
      [],
      ["A-2", 100, "2024/3/5", { formula: "B5*2" }, "Lin"],
    ]);
    const table = await all(data);
    expect(table.format).toBe("xlsx");
    expect(table.headers).toEqual(["Remarks above the header"]);
    // The first row with anything in it is the header: a tape with a title row above is mapped by the person.
    const clean = await all(
      await xlsx([
        ["Loan ID", "Principal balance"],
        ["A-1", 18650000.5],
      ]),
    );
    expect(clean.headers).toEqual(["Loan ID", "Principal balance"]);
    expect(clean.rows).toEqual([{ row: 2, cells: ["A-1", "18650000.5"] }]);
    expect(table.rows.map((r) => r.row)).toEqual([3, 4, 6]);
    // A cell formatted as a date reads as its day, whatever its number format.
    expect(table.rows[1]!.cells).toEqual(["A-1", "18650000.5", "2019-04-18", "2", "杭州鑫源"]);
    expect(readDate(table.rows[1]!.cells[2]!)).toBe("2019-04-18");
    // A formula saved without its value (only programs write those; Excel saves the value) reads as empty.
    expect(table.rows[2]!.cells).toEqual(["A-2", "100", "2024/3/5", "", "Lin"]);
  });

  it("refuses, with a 415, a file that is neither: an image named .csv, a PDF, a zip that is no workbook, nothing at all", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const pdf = utf8("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n\u0000\u0001\u0002");
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
    for (const data of [png, pdf, zip, new Uint8Array()]) {
      const error = await rejection(all(data));
      expect(error).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", status: 415 });
    }
  });

  it(`refuses a tape of more than ${TAPE_MAX_ROWS.toLocaleString("en")} rows (413)`, async () => {
    const lines = ["Loan ID,Principal balance"];
    for (let i = 0; i <= TAPE_MAX_ROWS; i += 1) lines.push(`L-${i},100`);
    const error = await rejection(all(utf8(lines.join("\n"))));
    expect(error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
  });
});
