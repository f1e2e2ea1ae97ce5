import { PassThrough } from "node:stream";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { creditCodeCheckCharacter, residentIdCheckCharacter } from "../../core/identity/documents";

/**
 * Loan tapes as a Chinese bank exports them, generated: the demo bank's portfolio and the
 * benchmark's 100,000-loan tapes. Deterministic for a seed, realistic in shape (regions and
 * industries of the Yangtze delta and beyond, every five-level classification and security type,
 * balances spread over three orders of magnitude, checked ID numbers), with Chinese headers.
 */

export interface GeneratedTape {
  headers: string[];
  rows: string[][];
}

const headers = [
  "贷款编号",
  "借款人名称",
  "借款人类型",
  "借款人证件号码",
  "担保人名称",
  "担保人类型",
  "担保人证件号码",
  "币种",
  "本金余额",
  "利息余额",
  "罚息",
  "放款日",
  "违约日",
  "五级分类",
  "担保方式",
  "地区",
  "行业",
  "抵押物类型",
  "抵押物坐落",
  "抵押物面积",
  "抵押物评估价值",
  "评估日期",
  "抵押顺位",
  "诉讼状态",
  "法院",
  "案号",
  "诉讼时效到期日",
  "经办客户经理",
];

/** Province, city, a district code of the city (for ID numbers), and the province's letter in case numbers. */
const places: [string, string, string, string][] = [
  ["浙江", "杭州", "330106", "浙"],
  ["浙江", "宁波", "330203", "浙"],
  ["浙江", "温州", "330302", "浙"],
  ["浙江", "嘉兴", "330402", "浙"],
  ["江苏", "南京", "320102", "苏"],
  ["江苏", "苏州", "320505", "苏"],
  ["江苏", "无锡", "320213", "苏"],
  ["上海", "上海", "310104", "沪"],
  ["广东", "广州", "440103", "粤"],
  ["广东", "深圳", "440304", "粤"],
  ["广东", "东莞", "441900", "粤"],
  ["山东", "青岛", "370202", "鲁"],
  ["福建", "厦门", "350203", "闽"],
  ["四川", "成都", "510104", "川"],
  ["湖北", "武汉", "420102", "鄂"],
  ["河南", "郑州", "410102", "豫"],
];
const industries = [
  "制造业",
  "批发和零售业",
  "建筑业",
  "房地产业",
  "交通运输业",
  "住宿和餐饮业",
  "纺织业",
  "农业",
  "信息技术服务业",
];
const trades = ["纺织", "机械", "贸易", "建材", "电子", "食品", "物流", "印染", "五金", "服装"];
const surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "朱", "胡", "郭"];
const givenNames = ["伟", "芳", "建国", "秀英", "志强", "海燕", "明", "丽", "军", "卫东", "晓燕", "国平"];
const classificationNames = ["正常类", "关注类", "次级类", "可疑类", "损失类"];
/** A bad book leans to substandard, doubtful and loss. */
const classificationWeights = [2, 8, 30, 35, 25];
const collateralNames = ["住宅", "商铺", "厂房", "土地使用权", "机器设备"];
const litigationNames = ["未诉", "诉讼中", "已判决", "执行中", "终结本次执行"];
const officers = ["林海", "沈静", "何磊", "钱晓东", "蒋文", "韩雪"];

/** mulberry32: a small, fast, seeded generator; the same seed gives the same tape. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const weighted = (weights: readonly number[]) => {
    let roll = next() * weights.reduce((a, b) => a + b, 0);
    for (const [i, w] of weights.entries()) if ((roll -= w) < 0) return i;
    return weights.length - 1;
  };
  return { next, int, pick, weighted };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const day = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
const yuan = (fen: number) => `${Math.floor(fen / 100).toLocaleString("en")}.${pad(fen % 100)}`;

function residentId(rng: ReturnType<typeof random>, district: string) {
  const born = `${rng.int(1955, 1990)}${pad(rng.int(1, 12))}${pad(rng.int(1, 28))}`;
  const first17 = `${district}${born}${pad(rng.int(0, 999), 3)}`;
  return first17 + residentIdCheckCharacter(first17);
}

function creditCode(rng: ReturnType<typeof random>, district: string) {
  const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  let body = "";
  for (let i = 0; i < 9; i += 1) body += chars[rng.int(0, 30)];
  const first17 = `91${district}${body}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** `count` loans, ids `${prefix}-000001` on; `asOf` is the day the balances are struck. */
export function generateLoanTape(options: { count: number; seed?: number; prefix?: string; asOf?: Date }): GeneratedTape {
  const rng = random(options.seed ?? 20261204);
  const prefix = options.prefix ?? "ZJ";
  const asOf = options.asOf ?? new Date(Date.UTC(2026, 10, 30));
  const rows: string[][] = [];
  for (let i = 1; i <= options.count; i += 1) {
    const [province, city, district, letter] = rng.pick(places);
    const company = rng.next() < 0.7;
    const borrower = company
      ? `${city}${rng.pick(trades)}${rng.pick(["实业", "科技", "贸易", "制品"])}有限公司`
      : `${rng.pick(surnames)}${rng.pick(givenNames)}`;
    const securityIndex = rng.weighted([25, 45, 30]);
    const guarantor = securityIndex === 2 ? `${rng.pick(surnames)}${rng.pick(givenNames)}` : "";
    // Principal from ¥50,000 to ¥50m, log-spread: most loans small, a few large.
    const principal = Math.round(10 ** (4.7 + rng.next() * 3) * 100);
    const interest = Math.round(principal * (0.02 + rng.next() * 0.15));
    const penalty = Math.round(interest * rng.next() * 0.4);
    const originated = new Date(asOf.getTime() - rng.int(900, 3600) * 86_400_000);
    const defaulted = new Date(originated.getTime() + rng.int(180, 800) * 86_400_000);
    const collateral = securityIndex === 1;
    const collateralIndex = rng.int(0, collateralNames.length - 1);
    const litigation = rng.weighted([20, 25, 20, 25, 10]);
    const year = defaulted.getUTCFullYear();
    rows.push([
      `${prefix}-${pad(i, 6)}`,
      borrower,
      company ? "企业" : "个人",
      company ? creditCode(rng, district) : residentId(rng, district),
      guarantor,
      guarantor ? "个人" : "",
      guarantor ? residentId(rng, district) : "",
      "CNY",
      yuan(principal),
      yuan(interest),
      yuan(penalty),
      day(originated),
      day(defaulted),
      classificationNames[rng.weighted(classificationWeights)]!,
      ["信用", "抵押", "保证"][securityIndex]!,
      `${province} · ${city}`,
      rng.pick(industries),
      collateral ? collateralNames[collateralIndex]! : "",
      collateral ? `${city}市某区${rng.int(1, 300)}号` : "",
      collateral && collateralIndex < 3 ? String(rng.int(60, 5000)) : "",
      collateral ? yuan(Math.round(principal * (0.4 + rng.next() * 1.2))) : "",
      collateral ? day(new Date(asOf.getTime() - rng.int(30, 700) * 86_400_000)) : "",
      collateral ? String(rng.int(1, 2)) : "",
      litigationNames[litigation]!,
      litigation > 0 ? `${city}市中级人民法院` : "",
      litigation > 0 ? `(${year})${letter}${pad(rng.int(1, 99))}民初${rng.int(100, 9999)}号` : "",
      day(new Date(defaulted.getTime() + 3 * 365 * 86_400_000)),
      rng.pick(officers),
    ]);
  }
  return { headers, rows };
}

/** The tape as a CSV file: UTF-8 with a BOM, as a spreadsheet saves it. */
export function tapeCsv(tape: GeneratedTape): Uint8Array {
  return new TextEncoder().encode(stringify([tape.headers, ...tape.rows], { bom: true }));
}

/** The tape as an XLSX workbook, written row by row (exceljs's streaming writer). */
export async function tapeXlsx(tape: GeneratedTape): Promise<Uint8Array> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet("贷款清单");
  sheet.addRow(tape.headers).commit();
  for (const row of tape.rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
  return new Uint8Array(Buffer.concat(chunks));
}
