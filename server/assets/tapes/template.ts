import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { tapeRules } from "../../../core/contract/tapes";
import { tapeColumns, type TapeColumn, type TapeField } from "./columns";
import { choiceWords, type ChoiceList } from "./values";

/**
 * The loan tape template sellers download: every column of the tape in English or Chinese, one
 * example loan, and in the XLSX drop-down lists on the choice columns and a guide to each column.
 * Whatever the template offers the row reader accepts, so a seller who fills it in as shown gets
 * no refusals (the unit tests read each template back through the reader).
 */

export type TemplateLanguage = "en" | "zh-CN";
export type TemplateFormat = "xlsx" | "csv";

type Pair = readonly [en: string, zh: string];
type Kind = TapeColumn["kind"];

/**
 * The word each choice is shown with, per language: each is one of the reader's words for it
 * (values.ts), and the type makes every choice the reader knows have one.
 */
export const choiceLabels: { [L in ChoiceList]: Record<keyof (typeof choiceWords)[L], Pair> } = {
  classification: {
    normal: ["Normal", "正常类"],
    special_mention: ["Special mention", "关注类"],
    substandard: ["Substandard", "次级类"],
    doubtful: ["Doubtful", "可疑类"],
    loss: ["Loss", "损失类"],
  },
  security: { unsecured: ["Unsecured", "信用"], collateral: ["Collateral", "抵质押"], guaranteed: ["Guaranteed", "保证"] },
  litigationStatus: {
    none: ["No litigation", "未起诉"],
    in_litigation: ["In litigation", "诉讼中"],
    judgment_obtained: ["Judgment obtained", "已判决"],
    in_enforcement: ["In enforcement", "执行中"],
    enforcement_terminated: ["Enforcement terminated", "终结执行"],
  },
  kind: { person: ["Person", "自然人"], company: ["Company", "企业"] },
  idType: {
    resident_id: ["Resident ID", "居民身份证"],
    credit_code: ["Unified social credit code", "统一社会信用代码"],
    passport: ["Passport", "护照"],
    hk_macau_permit: ["HK Macau permit", "港澳居民来往内地通行证"],
    taiwan_permit: ["Taiwan permit", "台湾居民来往大陆通行证"],
    foreign_registration: ["Foreign registration", "境外注册号"],
  },
  collateralType: {
    residential: ["Residential", "住宅"],
    commercial: ["Commercial", "商业用房"],
    industrial: ["Industrial", "工业用房"],
    land_use_right: ["Land use right", "土地使用权"],
    vehicle: ["Vehicle", "车辆"],
    machinery: ["Machinery", "机器设备"],
    equity: ["Equity", "股权"],
    receivables: ["Receivables", "应收账款"],
    deposit: ["Deposit", "存单"],
    other: ["Other", "其他"],
  },
};

/** The list each choice column draws from, as the row reader reads it. */
export const choiceListOf: Partial<Record<TapeField, ChoiceList>> = {
  classification: "classification",
  security: "security",
  litigationStatus: "litigationStatus",
  borrowerKind: "kind",
  guarantorKind: "kind",
  borrowerIdType: "idType",
  guarantorIdType: "idType",
  collateralType: "collateralType",
};

/** The labels of a list in one language, as the drop-down and the guide show them. */
export function choiceOptions(list: ChoiceList, language: TemplateLanguage): string[] {
  return Object.values<Pair>(choiceLabels[list]).map((pair) => pair[language === "zh-CN" ? 1 : 0]);
}

/**
 * One loan as a Chinese bank would enter it: a textile company in default, its owner guaranteeing,
 * its factory mortgaged, a judgment obtained. Choice columns hold the contract's value, shown in
 * the template's language; the ID numbers carry correct check characters.
 */
const example: Record<TapeField, string | Pair> = {
  loanId: "HZ-2019-00017",
  currency: "CNY",
  principal: "1,000,000.50",
  accruedInterest: "86,420.15",
  penaltyInterest: "12,300.00",
  fees: "3,500.00",
  originatedOn: "2019-04-18",
  defaultedOn: "2024-03-05",
  classification: "substandard",
  security: "collateral",
  region: ["Zhejiang · Hangzhou", "浙江 · 杭州"],
  industry: ["Textiles", "纺织业"],
  title: ["Hangzhou Xinyuan Textile: factory-secured loan", "杭州鑫源纺织厂房抵押贷款"],
  borrowerName: ["Hangzhou Xinyuan Textile Co., Ltd.", "杭州鑫源纺织有限公司"],
  borrowerKind: "company",
  borrowerIdType: "credit_code",
  borrowerId: "91330109MA2B7Q4X1J",
  guarantorName: ["Zhang Weiguo", "张卫国"],
  guarantorKind: "person",
  guarantorIdType: "resident_id",
  guarantorId: "330109196805121237",
  collateralType: "industrial",
  collateralLocation: ["88 Jianshe 1st Road, Xiaoshan, Hangzhou", "杭州市萧山区建设一路88号"],
  collateralArea: "12,400.50",
  collateralValue: "9,800,000.00",
  collateralValuedOn: "2024-01-15",
  lienRank: "1",
  collateralCertificate: "浙(2019)杭州市萧山区不动产权第0012345号",
  litigationStatus: "judgment_obtained",
  court: ["Hangzhou Xiaoshan District People's Court", "杭州市萧山区人民法院"],
  caseNumber: "(2024)浙0109民初1234号",
  limitationExpiresOn: "2027-03-05",
  guaranteeExpiresOn: "2026-09-05",
  enforcementDeadline: "2026-06-30",
  originatingOfficer: ["Lin Hai", "林海"],
  investigatingOfficer: ["Shen Jing", "沈静"],
};

/** What each column holds, for the guide: the rules a seller would otherwise learn from refusals. */
const holds: Record<TapeField, Pair> = {
  loanId: ["The loan's number in the bank's books; one row per loan", "借据号或合同编号，每笔贷款一行"],
  currency: ["Three-letter currency code; CNY when blank", "三位字母币种代码，空白视为 CNY"],
  principal: ["Outstanding principal", "未偿本金"],
  accruedInterest: ["Interest owed, on and off balance sheet; 0 when blank", "表内外欠息，空白视为 0"],
  penaltyInterest: ["Penalty and compound interest; 0 when blank", "罚息及复利，空白视为 0"],
  fees: ["Costs the bank advanced (court, valuation); 0 when blank", "银行垫付的诉讼费、评估费等，空白视为 0"],
  originatedOn: ["Day the loan was drawn", "贷款发放日"],
  defaultedOn: ["Day the loan fell overdue; not before it was drawn", "逾期起始日，不早于放款日"],
  classification: ["Five-level classification", "五级分类"],
  security: ["Secured: fill in the collateral; guaranteed: the guarantor", "抵质押须填抵押物，保证须填担保人"],
  region: ["Province and city of the borrower or the collateral", "借款人或抵押物所在省市"],
  industry: ["Borrower's industry", "借款人所属行业"],
  title: ["Title investors see; made from the loan ID and region when blank", "向投资人展示的标题，空白时按贷款编号和地区生成"],
  borrowerName: ["Borrower's legal name, as on the ID", "借款人证件上的名称或姓名"],
  borrowerKind: ["Company or person; read from the ID number when blank", "企业或自然人，空白时按证件号码判断"],
  borrowerIdType: ["Blank: a credit code for a company, a resident ID for a person", "空白时企业为信用代码，自然人为身份证"],
  borrowerId: ["A credit code or resident ID number must have its right check character", "信用代码或身份证号码的校验位须正确"],
  guarantorName: ["Guarantor's legal name; leave the guarantor's columns blank if none", "担保人名称或姓名，无担保人则留空"],
  guarantorKind: ["As for the borrower", "同借款人"],
  guarantorIdType: ["As for the borrower", "同借款人"],
  guarantorId: ["As for the borrower", "同借款人"],
  collateralType: ["Main collateral, described by the columns after it", "主要抵押物，其后各列描述该抵押物"],
  collateralLocation: ["Address of the collateral", "抵押物地址"],
  collateralArea: ["Floor or land area in square metres", "建筑面积或土地面积（平方米）"],
  collateralValue: ["Latest appraised value", "最近一次评估价值"],
  collateralValuedOn: ["Day of that appraisal", "评估基准日"],
  lienRank: ["1 for a first lien, 2 for a second, up to 20", "抵押顺位，1 为第一顺位，最多 20"],
  collateralCertificate: ["Property or other-rights certificate number", "不动产权证号或他项权证号"],
  litigationStatus: ["Blank means none, which a loan with a case number is not", "空白视为未起诉；有案号的不可"],
  court: ["Court hearing or enforcing the case", "受理或执行法院"],
  caseNumber: ["Case number as the court gives it", "法院案号"],
  limitationExpiresOn: ["Day the limitation period runs out", "诉讼时效到期日"],
  guaranteeExpiresOn: ["Day the guarantee period runs out", "保证期间到期日"],
  enforcementDeadline: ["Last day to apply for enforcement of a judgment", "申请强制执行的最后期限"],
  originatingOfficer: ["Account manager who made the loan", "经办客户经理"],
  investigatingOfficer: ["Officer who investigated the borrower", "贷前调查人"],
};

const formats: Record<Kind, Pair> = {
  text: ["Text", "文本"],
  amount: ["Amount, at most two decimals: 1,000,000.50", "金额，最多两位小数：1,000,000.50"],
  date: ["Date: 2024-03-05, 2024/3/5 or 2024年3月5日", "日期：2024-03-05、2024/3/5 或 2024年3月5日"],
  number: ["Number: 12,400.50", "数字：12,400.50"],
  choice: ["One of", "可填"],
};

const words = {
  sheet: ["Loan tape", "贷款清单"],
  guide: ["Guide", "说明"],
  columns: ["Column", "列名"],
  required: ["Required", "必填"],
  yes: ["Yes", "是"],
  no: ["No", "否"],
  holds: ["What it holds", "内容"],
  allowed: ["Allowed values", "填写格式"],
  notInList: ["Not in the list", "不在列表中"],
  notInListText: ["Choose from the list, or the row may be refused.", "请从列表中选择，否则该行可能无法导入。"],
  intro: [
    "One loan a row from row 2 of the first sheet; delete the example row. Highlighted columns are required. Columns may be left out or reordered: they are matched by header.",
    "在第一个工作表中自第 2 行起每行填写一笔贷款，并删除示例行。标色的列为必填。可删除或调整列的顺序，系统按列名识别。",
  ],
} satisfies Record<string, Pair>;

const pickerOf = (language: TemplateLanguage) => (pair: string | Pair) =>
  typeof pair === "string" ? pair : pair[language === "zh-CN" ? 1 : 0];

/** The example's cell for a column, as text: a choice shown by its label. */
function exampleText(column: TapeColumn, language: TemplateLanguage): string {
  const value = pickerOf(language)(example[column.field]);
  const list = choiceListOf[column.field];
  return list ? pickerOf(language)((choiceLabels[list] as Record<string, Pair>)[value]!) : value;
}

/** What a column's cells take, for the guide. */
function allowedText(column: TapeColumn, language: TemplateLanguage): string {
  const list = choiceListOf[column.field];
  const format = pickerOf(language)(formats[column.kind]);
  return list ? `${format}: ${choiceOptions(list, language).join(" / ")}` : format;
}

/** Text, amounts and dates as Excel keeps them: an 18-digit ID stays text, an amount a number, a date a date. */
const numberFormats: Record<Kind, string> = { text: "@", choice: "@", amount: "#,##0.00", number: "General", date: "yyyy-mm-dd" };

function exampleCell(column: TapeColumn, language: TemplateLanguage): ExcelJS.CellValue {
  const text = exampleText(column, language);
  if (column.kind === "amount" || column.kind === "number") return Number(text.replace(/,/g, ""));
  if (column.kind === "date") return new Date(`${text}T00:00:00Z`);
  return text;
}

const fill = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });

/** exceljs 4.4 writes a validation given for a whole range as one entry, but leaves `dataValidations` out of its typings. */
type RangeValidations = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

async function templateXlsx(language: TemplateLanguage): Promise<Uint8Array> {
  const pick = pickerOf(language);
  const workbook = new ExcelJS.Workbook();
  // The reader reads the first sheet only, so the tape comes first and the guide after it.
  const sheet = workbook.addWorksheet(pick(words.sheet), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = tapeColumns.map((column) => {
    const header = pick([column.en, column.zh]);
    const width = Math.min(40, Math.max(12, [...header].length * (language === "zh-CN" ? 2.2 : 1.2) + 2));
    return { header, key: column.field, width, style: { numFmt: numberFormats[column.kind] } };
  });
  sheet.getRow(1).eachCell((cell, i) => {
    cell.font = { bold: true };
    cell.fill = fill(tapeColumns[i - 1]!.required ? "FFFFD966" : "FFE7E6E6");
  });
  sheet.addRow(tapeColumns.map((column) => exampleCell(column, language)));

  // One validation a column over every row a tape may have: a few hundred bytes, not one a cell.
  // A warning rather than a stop, because the reader also takes the synonyms banks already use.
  const lastRow = tapeRules.maxRows + 1;
  tapeColumns.forEach((column, i) => {
    const list = choiceListOf[column.field];
    if (!list) return;
    const letter = sheet.getColumn(i + 1).letter;
    (sheet as unknown as RangeValidations).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
      type: "list",
      allowBlank: true,
      formulae: [`"${choiceOptions(list, language).join(",")}"`],
      showErrorMessage: true,
      errorStyle: "warning",
      errorTitle: pick(words.notInList),
      error: pick(words.notInListText),
    });
  });

  const guide = workbook.addWorksheet(pick(words.guide), { views: [{ state: "frozen", ySplit: 3 }] });
  guide.columns = [{ width: 32 }, { width: 10 }, { width: 60 }, { width: 60 }];
  guide.addRow([pick(words.intro)]).alignment = { vertical: "top", wrapText: true };
  guide.mergeCells("A1:D1");
  guide.getRow(1).height = 48;
  guide.addRow([]);
  guide.addRow([words.columns, words.required, words.holds, words.allowed].map(pick)).font = { bold: true };
  for (const column of tapeColumns) {
    const row = guide.addRow([
      pick([column.en, column.zh]),
      pick(column.required ? words.yes : words.no),
      pick(holds[column.field]),
      allowedText(column, language),
    ]);
    if (column.required) row.getCell(1).fill = fill("FFFFD966");
    row.alignment = { vertical: "top", wrapText: true };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** CSV has no lists or guide: the header and the example, with a BOM so that Excel reads the Chinese as UTF-8. */
function templateCsv(language: TemplateLanguage): Uint8Array {
  const headers = tapeColumns.map((column) => pickerOf(language)([column.en, column.zh]));
  const text = stringify([headers, tapeColumns.map((column) => exampleText(column, language))], {
    bom: true,
    escape_formulas: true,
    record_delimiter: "windows",
  });
  return new TextEncoder().encode(text);
}

/** The template to download, in the seller's language and the format it prefers. */
export async function tapeTemplate(language: TemplateLanguage, format: TemplateFormat): Promise<Uint8Array> {
  return format === "csv" ? templateCsv(language) : templateXlsx(language);
}
