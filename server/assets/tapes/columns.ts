/**
 * A loan tape's columns (docs/domain.md "Loan tapes"): the core of the EBA NPL data template
 * (loan, counterparty, protection, enforcement) mapped to nplex's fields, each known by its
 * English and Chinese names and the synonyms banks export. Pure: the template, the header
 * matching and the row reader share it.
 */

export const tapeFields = [
  // Loan
  "loanId",
  "currency",
  "principal",
  "accruedInterest",
  "penaltyInterest",
  "fees",
  "originatedOn",
  "defaultedOn",
  "classification",
  "security",
  "region",
  "industry",
  "title",
  // Counterparty
  "borrowerName",
  "borrowerKind",
  "borrowerIdType",
  "borrowerId",
  "guarantorName",
  "guarantorKind",
  "guarantorIdType",
  "guarantorId",
  // Protection
  "collateralType",
  "collateralLocation",
  "collateralArea",
  "collateralValue",
  "collateralValuedOn",
  "lienRank",
  "collateralCertificate",
  // Enforcement
  "litigationStatus",
  "court",
  "caseNumber",
  "limitationExpiresOn",
  "guaranteeExpiresOn",
  "enforcementDeadline",
  "originatingOfficer",
  "investigatingOfficer",
] as const;
export type TapeField = (typeof tapeFields)[number];

export type TapeSection = "loan" | "counterparty" | "protection" | "enforcement";

export interface TapeColumn {
  field: TapeField;
  section: TapeSection;
  /** The template's headers. */
  en: string;
  zh: string;
  /** Other headers banks use for it, compared after normalisation. */
  synonyms: readonly string[];
  required?: boolean;
  /** A person's name or an ID number: sealed at rest, masked wherever a value is shown back. */
  personal?: boolean;
  kind: "text" | "amount" | "date" | "choice" | "number";
}

export const tapeColumns: readonly TapeColumn[] = [
  {
    field: "loanId",
    section: "loan",
    en: "Loan ID",
    zh: "贷款编号",
    synonyms: ["loan identifier", "loan no", "loan number", "借据号", "借据编号", "合同编号", "贷款账号"],
    required: true,
    kind: "text",
  },
  { field: "currency", section: "loan", en: "Currency", zh: "币种", synonyms: ["ccy", "货币"], kind: "text" },
  {
    field: "principal",
    section: "loan",
    en: "Principal balance",
    zh: "本金余额",
    synonyms: ["outstanding principal", "principal", "principal outstanding", "贷款余额", "本金", "剩余本金"],
    required: true,
    kind: "amount",
  },
  {
    field: "accruedInterest",
    section: "loan",
    en: "Accrued interest",
    zh: "利息余额",
    synonyms: ["interest", "interest arrears", "欠息", "利息", "表内外欠息"],
    kind: "amount",
  },
  {
    field: "penaltyInterest",
    section: "loan",
    en: "Penalty interest",
    zh: "罚息",
    synonyms: ["default interest", "罚息余额", "复利"],
    kind: "amount",
  },
  {
    field: "fees",
    section: "loan",
    en: "Fees and costs",
    zh: "费用",
    synonyms: ["fees", "costs", "垫付费用", "其他费用"],
    kind: "amount",
  },
  {
    field: "originatedOn",
    section: "loan",
    en: "Origination date",
    zh: "放款日",
    synonyms: ["inception date", "origination", "发放日期", "放款日期", "起始日"],
    kind: "date",
  },
  {
    field: "defaultedOn",
    section: "loan",
    en: "Default date",
    zh: "违约日",
    synonyms: ["date of default", "逾期日期", "违约日期", "逾期起始日"],
    kind: "date",
  },
  {
    field: "classification",
    section: "loan",
    en: "Five-level classification",
    zh: "五级分类",
    synonyms: ["classification", "loan classification", "风险分类", "分类"],
    required: true,
    kind: "choice",
  },
  {
    field: "security",
    section: "loan",
    en: "Security type",
    zh: "担保方式",
    synonyms: ["security", "guarantee type", "担保类型", "主要担保方式"],
    required: true,
    kind: "choice",
  },
  {
    field: "region",
    section: "loan",
    en: "Region",
    zh: "地区",
    synonyms: ["province", "city", "location", "所在地区", "省份", "城市", "借款人所在地"],
    required: true,
    kind: "text",
  },
  { field: "industry", section: "loan", en: "Industry", zh: "行业", synonyms: ["sector", "所属行业", "行业分类"], kind: "text" },
  { field: "title", section: "loan", en: "Title", zh: "标题", synonyms: ["asset title", "资产名称", "项目名称"], kind: "text" },
  {
    field: "borrowerName",
    section: "counterparty",
    en: "Borrower name",
    zh: "借款人名称",
    synonyms: ["borrower", "counterparty name", "debtor", "借款人", "客户名称", "债务人", "借款人姓名"],
    required: true,
    personal: true,
    kind: "text",
  },
  {
    field: "borrowerKind",
    section: "counterparty",
    en: "Borrower type",
    zh: "借款人类型",
    synonyms: ["borrower legal type", "counterparty type", "客户类型", "借款人性质"],
    kind: "choice",
  },
  {
    field: "borrowerIdType",
    section: "counterparty",
    en: "Borrower ID type",
    zh: "借款人证件类型",
    synonyms: ["id type", "证件类型"],
    kind: "choice",
  },
  {
    field: "borrowerId",
    section: "counterparty",
    en: "Borrower ID number",
    zh: "借款人证件号码",
    synonyms: ["borrower id", "counterparty identifier", "证件号码", "身份证号", "身份证号码", "统一社会信用代码", "证件号"],
    required: true,
    personal: true,
    kind: "text",
  },
  {
    field: "guarantorName",
    section: "counterparty",
    en: "Guarantor name",
    zh: "担保人名称",
    synonyms: ["guarantor", "保证人", "保证人名称", "担保人"],
    personal: true,
    kind: "text",
  },
  {
    field: "guarantorKind",
    section: "counterparty",
    en: "Guarantor type",
    zh: "担保人类型",
    synonyms: ["保证人类型"],
    kind: "choice",
  },
  {
    field: "guarantorIdType",
    section: "counterparty",
    en: "Guarantor ID type",
    zh: "担保人证件类型",
    synonyms: ["保证人证件类型"],
    kind: "choice",
  },
  {
    field: "guarantorId",
    section: "counterparty",
    en: "Guarantor ID number",
    zh: "担保人证件号码",
    synonyms: ["guarantor id", "保证人证件号码", "担保人身份证号"],
    personal: true,
    kind: "text",
  },
  {
    field: "collateralType",
    section: "protection",
    en: "Collateral type",
    zh: "抵押物类型",
    synonyms: ["protection type", "押品类型", "抵质押物类型", "抵押物种类"],
    kind: "choice",
  },
  {
    field: "collateralLocation",
    section: "protection",
    en: "Collateral location",
    zh: "抵押物坐落",
    synonyms: ["collateral address", "抵押物地址", "押品坐落", "抵押物位置"],
    kind: "text",
  },
  {
    field: "collateralArea",
    section: "protection",
    en: "Collateral area (m²)",
    zh: "抵押物面积",
    synonyms: ["area", "collateral area", "建筑面积", "面积"],
    kind: "number",
  },
  {
    field: "collateralValue",
    section: "protection",
    en: "Collateral appraised value",
    zh: "抵押物评估价值",
    synonyms: ["collateral value", "appraised value", "valuation", "评估价值", "押品评估价值", "评估值"],
    kind: "amount",
  },
  {
    field: "collateralValuedOn",
    section: "protection",
    en: "Collateral valuation date",
    zh: "评估日期",
    synonyms: ["valuation date", "押品评估日期", "评估基准日"],
    kind: "date",
  },
  {
    field: "lienRank",
    section: "protection",
    en: "Lien rank",
    zh: "抵押顺位",
    synonyms: ["lien", "ranking", "顺位"],
    kind: "number",
  },
  {
    field: "collateralCertificate",
    section: "protection",
    en: "Collateral certificate number",
    zh: "不动产权证号",
    synonyms: ["certificate number", "title deed", "权证号", "他项权证号"],
    kind: "text",
  },
  {
    field: "litigationStatus",
    section: "enforcement",
    en: "Litigation status",
    zh: "诉讼状态",
    synonyms: ["legal stage", "legal status", "诉讼阶段", "法律状态"],
    kind: "choice",
  },
  {
    field: "court",
    section: "enforcement",
    en: "Court",
    zh: "法院",
    synonyms: ["受理法院", "管辖法院", "执行法院"],
    kind: "text",
  },
  {
    field: "caseNumber",
    section: "enforcement",
    en: "Case number",
    zh: "案号",
    synonyms: ["case no", "诉讼案号", "执行案号"],
    kind: "text",
  },
  {
    field: "limitationExpiresOn",
    section: "enforcement",
    en: "Limitation period ends",
    zh: "诉讼时效到期日",
    synonyms: ["statute of limitations", "诉讼时效"],
    kind: "date",
  },
  {
    field: "guaranteeExpiresOn",
    section: "enforcement",
    en: "Guarantee period ends",
    zh: "保证期间到期日",
    synonyms: ["guarantee expiry", "保证期间"],
    kind: "date",
  },
  {
    field: "enforcementDeadline",
    section: "enforcement",
    en: "Enforcement application deadline",
    zh: "申请执行期限",
    synonyms: ["enforcement deadline", "申请执行期限到期日"],
    kind: "date",
  },
  {
    field: "originatingOfficer",
    section: "enforcement",
    en: "Originating officer",
    zh: "经办客户经理",
    synonyms: ["loan officer", "客户经理", "经办人"],
    kind: "text",
  },
  {
    field: "investigatingOfficer",
    section: "enforcement",
    en: "Investigating officer",
    zh: "调查人",
    synonyms: ["investigator", "调查客户经理"],
    kind: "text",
  },
];

export const columnOf = new Map(tapeColumns.map((c) => [c.field, c]));

/** Headers compared as people vary them: case, spaces, punctuation, full-width forms, a unit in brackets. */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKC")
    .replace(/^\uFEFF/, "")
    .replace(/[（(][^）)]*[）)]/g, "")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, "");
}

const byName = new Map<string, TapeField>();
for (const column of tapeColumns) {
  for (const name of [column.en, column.zh, column.field, ...column.synonyms]) byName.set(normaliseHeader(name), column.field);
}

/** A mapping from each of the file's columns (by position) to a field, or null for a column left out. */
export type TapeMapping = (TapeField | null)[];

/**
 * The mapping the headers suggest: a seller's remembered choice for a header first, then the
 * field whose name or synonym it is. A field is taken by its first column only; a later column of
 * the same field is left out (and reported as a duplicate by `mappingProblems`).
 */
export function suggestMapping(
  headers: readonly string[],
  remembered: Readonly<Record<string, TapeField | null>> = {},
): TapeMapping {
  const taken = new Set<TapeField>();
  return headers.map((header) => {
    const key = normaliseHeader(header);
    const field = key in remembered ? remembered[key]! : (byName.get(key) ?? null);
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

export interface MappingProblem {
  code: "missing" | "duplicate" | "unknown_field";
  field: string;
  columns?: number[];
}

/** What stops a mapping: a required field no column maps to, a field two columns map to, a field that does not exist. */
export function mappingProblems(mapping: readonly (string | null)[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const columnsOf = new Map<string, number[]>();
  mapping.forEach((field, i) => {
    if (field === null) return;
    if (!columnOf.has(field as TapeField)) problems.push({ code: "unknown_field", field, columns: [i] });
    else columnsOf.set(field, [...(columnsOf.get(field) ?? []), i]);
  });
  for (const [field, columns] of columnsOf) if (columns.length > 1) problems.push({ code: "duplicate", field, columns });
  for (const column of tapeColumns)
    if (column.required && !columnsOf.has(column.field)) problems.push({ code: "missing", field: column.field });
  return problems;
}

/** The remembered form of a confirmed mapping: each header's normalised text and its field. */
export function mappingMemory(headers: readonly string[], mapping: TapeMapping): Record<string, TapeField | null> {
  return Object.fromEntries(headers.map((h, i) => [normaliseHeader(h), mapping[i] ?? null]));
}
