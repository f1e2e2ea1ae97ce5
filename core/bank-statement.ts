import { parseMajorAmount } from "./money";

/**
 * A bank statement as the escrow account's bank exports it (docs/domain.md "Payments"): one row per
 * booking with its day, amount, currency, the payer's remittance text and the payer's name, and
 * perhaps the bank's own transaction id. Columns are found by their headers in English or Chinese,
 * in any order; amounts in major units with thousands separators, negative for money out.
 */

export const statementColumns = {
  bookedOn: ["date", "booking date", "value date", "日期", "交易日期", "记账日期", "入账日期"],
  amount: ["amount", "credit", "金额", "交易金额", "贷方金额", "收入金额", "发生额"],
  currency: ["currency", "ccy", "币种", "货币"],
  referenceText: ["reference", "remittance", "remittance information", "description", "附言", "摘要", "用途", "备注", "交易附言"],
  payerName: ["payer", "payer name", "counterparty", "付款人", "付款人名称", "对方户名", "对方账户名称"],
  transactionId: ["transaction id", "bank reference", "流水号", "交易流水号", "银行流水号"],
} as const;

type Column = keyof typeof statementColumns;
const required: readonly Column[] = ["bookedOn", "amount", "currency", "referenceText", "payerName"];

export interface StatementRow {
  lineNo: number;
  bookedOn: string;
  amount: bigint;
  currency: string;
  referenceText: string;
  payerName: string;
  transactionId: string | null;
}

export interface StatementProblem {
  lineNo: number;
  column: Column | "header";
  /** What is wrong, for the operator: a stable code the page words. */
  code: "missing_column" | "bad_date" | "bad_amount" | "bad_currency" | "too_long";
  value?: string;
}

const headerKey = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");
const currencyAliases: Record<string, string> = { RMB: "CNY", 人民币: "CNY", 美元: "USD", 欧元: "EUR", 港币: "HKD", 港元: "HKD" };

/** A day written 2026-11-21, 2026/11/21 or 20261121; null when it is no real day. */
export function statementDay(text: string): string | null {
  const m = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const day = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day) ? day : null;
}

/** An amount in major units ("80,000.00", "-1 200", "(500.00)"): minor units, signed; null when unreadable. */
export function statementAmount(text: string, digits: number): bigint | null {
  const compact = text.trim().replace(/[,\s]/g, "");
  const negative = compact.startsWith("-") || (compact.startsWith("(") && compact.endsWith(")"));
  const unsigned = compact.replace(/^[-+(]/, "").replace(/\)$/, "");
  const minor = parseMajorAmount(unsigned, digits, { zero: true });
  if (minor === null) return null;
  return negative ? -BigInt(minor) : BigInt(minor);
}

/** Reads a statement's rows (the first is its header): every line, or every problem, never part of them. */
export function readStatementRows(
  rows: readonly (readonly string[])[],
  digitsOf: (currency: string) => number,
): { ok: true; lines: StatementRow[] } | { ok: false; problems: StatementProblem[] } {
  const [header, ...body] = rows;
  const at = new Map<Column, number>();
  for (const [index, cell] of (header ?? []).entries()) {
    const key = headerKey(cell);
    for (const [column, names] of Object.entries(statementColumns) as [Column, readonly string[]][]) {
      if (!at.has(column) && names.includes(key)) at.set(column, index);
    }
  }
  const missing = required.filter((c) => !at.has(c));
  if (missing.length > 0) {
    return { ok: false, problems: missing.map((column) => ({ lineNo: 1, column, code: "missing_column" })) };
  }
  const problems: StatementProblem[] = [];
  const lines: StatementRow[] = [];
  for (const [i, row] of body.entries()) {
    const lineNo = i + 2;
    const cell = (c: Column) => (at.has(c) ? (row[at.get(c)!] ?? "").trim() : "");
    if (row.every((value) => value.trim() === "")) continue;
    const bookedOn = statementDay(cell("bookedOn"));
    if (!bookedOn) problems.push({ lineNo, column: "bookedOn", code: "bad_date", value: cell("bookedOn") });
    const rawCurrency = cell("currency").toUpperCase();
    const currency = currencyAliases[rawCurrency] ?? currencyAliases[cell("currency")] ?? rawCurrency;
    const currencyOk = /^[A-Z]{3}$/.test(currency);
    if (!currencyOk) problems.push({ lineNo, column: "currency", code: "bad_currency", value: cell("currency") });
    const amount = currencyOk ? statementAmount(cell("amount"), digitsOf(currency)) : null;
    if (currencyOk && amount === null) problems.push({ lineNo, column: "amount", code: "bad_amount", value: cell("amount") });
    for (const column of ["referenceText", "payerName", "transactionId"] as const) {
      if (cell(column).length > 500) problems.push({ lineNo, column, code: "too_long" });
    }
    if (bookedOn && currencyOk && amount !== null) {
      lines.push({
        lineNo,
        bookedOn,
        amount,
        currency,
        referenceText: cell("referenceText"),
        payerName: cell("payerName"),
        transactionId: cell("transactionId") || null,
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lines };
}
