import { PDFDocument, StandardFonts } from "@cantoo/pdf-lib";
import ExcelJS from "exceljs";

/** Files as a seller's data room receives them: real ones, and impostors named as what they are not. */

export async function pdfFile(text = "Loan file", pages = 2): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) pdf.addPage([595, 842]).drawText(`${text}, page ${i + 1}`, { x: 50, y: 780, size: 14, font });
  return pdf.save();
}

/** A 1x1 PNG. */
export const pngFile = () =>
  Uint8Array.from(
    Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"),
  );

export async function xlsxFile(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet("Collateral").addRows([
    ["Item", "Appraised"],
    ["Warehouse, Jiaxing", 1_200_000],
  ]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export const csvFile = (text = "loan_id,principal\nL-1,1000.00\n") => new TextEncoder().encode(text);

/** An HTML page, the kind of file a browser would run if it were served as a page. */
export const htmlFile = () => new TextEncoder().encode("<!doctype html><script>alert(document.cookie)</script>");

export function documentForm(
  fields: { title?: string; tier?: string; cover?: boolean },
  data: Uint8Array,
  fileName: string,
): FormData {
  const form = new FormData();
  if (fields.title !== undefined) form.set("title", fields.title);
  if (fields.tier !== undefined) form.set("tier", fields.tier);
  if (fields.cover) form.set("cover", "on");
  form.set("file", new Blob([new Uint8Array(data)]), fileName);
  return form;
}
