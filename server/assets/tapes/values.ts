import { parseMajorAmount } from "../../../core/money";

/**
 * A tape's cells as banks export them, read into the contract's values: amounts in yuan with
 * separators into minor units, dates in the forms Chinese and Western systems write them, and
 * the words of each choice in both languages. Pure; null means "not readable", and the row reader
 * reports it against its column.
 */

/** "1,234,567.89", "１２３４．５", "¥ 1 000" -> minor units; zero allowed (a balance may be nothing); null if unreadable. */
export function readAmount(text: string, digits = 2): string | null {
  return parseMajorAmount(text, digits, { zero: true });
}

const two = (n: number) => String(n).padStart(2, "0");

function realDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2200 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${two(m)}-${two(d)}`;
}

/** Excel's day numbers count from 1899-12-30 (its 1900 leap-year bug included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * "2024-03-05", "2024/3/5", "2024.3.5", "2024年3月5日", "20240305", or an Excel day number
 * (45356) -> "2024-03-05"; null for anything else or a date that does not exist.
 */
export function readDate(text: string): string | null {
  const value = text.normalize("NFKC").trim();
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?Z?)?$/.exec(value);
  match ??= /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(value);
  match ??= /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (match) return realDate(Number(match[1]), Number(match[2]), Number(match[3]));
  if (/^\d{5}(\.0+)?$/.test(value)) {
    const date = new Date(EXCEL_EPOCH + Math.floor(Number(value)) * 86_400_000);
    return realDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }
  return null;
}

/** Words each choice is written with, in English and Chinese; compared without case, spaces or punctuation. */
export const choiceWords = {
  classification: {
    normal: ["normal", "pass", "正常", "正常类"],
    special_mention: ["special mention", "watch", "关注", "关注类"],
    substandard: ["substandard", "次级", "次级类"],
    doubtful: ["doubtful", "可疑", "可疑类"],
    loss: ["loss", "损失", "损失类"],
  },
  security: {
    unsecured: ["unsecured", "credit", "none", "信用", "无担保", "信用贷款"],
    collateral: [
      "collateral",
      "secured",
      "secured by collateral",
      "mortgage",
      "pledge",
      "抵押/质押",
      "抵押",
      "质押",
      "抵质押",
      "抵押担保",
      "质押担保",
    ],
    guaranteed: ["guaranteed", "guarantee", "保证", "担保", "保证担保", "连带责任保证"],
  },
  litigationStatus: {
    none: ["none", "no litigation", "not sued", "无", "未诉", "未诉讼", "未起诉"],
    in_litigation: ["in litigation", "litigation", "sued", "诉讼中", "已起诉", "审理中"],
    judgment_obtained: ["judgment obtained", "judgment", "已判决", "判决生效", "已生效判决"],
    in_enforcement: ["in enforcement", "enforcement", "执行中", "强制执行", "申请执行"],
    enforcement_terminated: ["enforcement terminated", "terminated", "终结执行", "终本", "终结本次执行"],
  },
  kind: {
    person: ["person", "individual", "natural person", "个人", "自然人"],
    company: ["company", "corporate", "legal person", "enterprise", "企业", "公司", "法人", "单位"],
  },
  idType: {
    resident_id: ["resident id", "id card", "PRC resident ID card", "PRC resident ID card (居民身份证)", "身份证", "居民身份证"],
    credit_code: [
      "credit code",
      "unified social credit code",
      "Unified social credit code (统一社会信用代码)",
      "business licence",
      "统一社会信用代码",
      "营业执照",
    ],
    passport: ["passport", "护照"],
    hk_macau_permit: [
      "hk macau permit",
      "Mainland Travel Permit for Hong Kong and Macau Residents",
      "港澳居民来往内地通行证",
      "回乡证",
    ],
    taiwan_permit: ["taiwan permit", "Mainland Travel Permit for Taiwan Residents", "台湾居民来往大陆通行证", "台胞证"],
    foreign_registration: ["foreign registration", "company registration number abroad", "境外注册号", "境外公司注册号"],
  },
  collateralType: {
    residential: ["residential", "residential property", "house", "flat", "住宅", "住房", "房产"],
    commercial: ["commercial", "commercial property", "shop", "office", "商业房产", "商铺", "商业", "商业用房", "写字楼", "办公"],
    industrial: ["industrial", "industrial property", "factory", "工业房产", "厂房", "工业", "工业用房"],
    land_use_right: ["land", "land use right", "土地", "土地使用权"],
    vehicle: ["vehicle", "car", "车辆", "机动车"],
    machinery: ["machinery", "equipment", "machinery and equipment", "设备", "机器设备"],
    equity: ["equity", "shares", "股权", "股票"],
    receivables: ["receivables", "应收账款"],
    deposit: ["deposit", "cash", "deposit or cash", "存单或保证金", "存单", "保证金"],
    other: ["other", "其他"],
  },
} as const;

export type ChoiceList = keyof typeof choiceWords;

const squash = (text: string) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, "");

const lookups = Object.fromEntries(
  Object.entries(choiceWords).map(([list, words]) => {
    const map = new Map<string, string>();
    for (const [value, names] of Object.entries(words) as [string, readonly string[]][]) {
      map.set(squash(value), value);
      for (const name of names) map.set(squash(name), value);
    }
    return [list, map];
  }),
) as Record<ChoiceList, Map<string, string>>;

/** The choice a cell names ("次级类", "Substandard", "substandard"), or null. */
export function readChoice(list: ChoiceList, text: string): string | null {
  return lookups[list].get(squash(text)) ?? null;
}

/** A plain number (an area, a rank) with separators allowed: "1,480.5" -> "1480.5"; null if unreadable. */
export function readNumber(text: string): string | null {
  const value = text.normalize("NFKC").trim().replace(/[\s,]/g, "");
  return /^\d+(\.\d+)?$/.test(value) ? value : null;
}
