import ExcelJS from "exceljs";
import type { StratificationView } from "../../core/contract/packages";
import { currencyDigits, minorToMajorInput } from "../../core/money";
import { stratificationDimensions } from "../../core/stratification";
import { csvDownload, download } from "./downloads.server";
import { stratumLabel } from "./stratification-labels";

type T = (key: string, options?: Record<string, unknown>) => string;
/** The reader's words: the translation and the language it is in. */
interface Words {
  t: T;
  language: string;
}

/** The stratification as rows: one per group of each dimension, amounts in major units, shares in percent. */
function rows({ t, language }: Words, s: StratificationView) {
  const digits = currencyDigits(s.currency);
  const major = (minor: string) => Number(minorToMajorInput(minor, digits));
  const header = [
    t("packages.stratification"),
    t("packages.col.group"),
    t("packages.col.count"),
    `${t("packages.col.countShare")} (%)`,
    `${t("packages.col.principal")} (${s.currency})`,
    `${t("packages.col.principalShare")} (%)`,
    `${t("packages.col.interest")} (${s.currency})`,
    `${t("packages.col.collateral")} (${s.currency})`,
  ];
  const body = stratificationDimensions.flatMap((d) =>
    s.dimensions[d].map((g) => [
      t(`packages.dimension.${d}`),
      stratumLabel(t, language, d, g.key),
      g.count,
      g.countShareBp / 100,
      major(g.principal),
      g.principalShareBp / 100,
      major(g.interest),
      major(g.collateral),
    ]),
  );
  return { header, body };
}

/** The package's stratification as a CSV download (BOM, formula cells escaped). */
export function stratificationCsv(words: Words, fileName: string, s: StratificationView): Response {
  const { header, body } = rows(words, s);
  return csvDownload(`${fileName}.csv`, header, body);
}

/** The package's stratification as an XLSX workbook: one sheet, amounts as numbers with two decimals. */
export async function stratificationXlsx(words: Words, fileName: string, s: StratificationView): Promise<Response> {
  const { header, body } = rows(words, s);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(words.t("packages.stratification").slice(0, 31));
  sheet.addRow(header).font = { bold: true };
  sheet.addRows(body);
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const column of [5, 7, 8]) sheet.getColumn(column).numFmt = "#,##0.00";
  sheet.columns.forEach((column) => (column.width = 18));
  const data = new Uint8Array(await workbook.xlsx.writeBuffer());
  return download(data, `${fileName}.xlsx`, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}
