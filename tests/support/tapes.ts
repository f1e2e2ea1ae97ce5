/** A small Chinese loan tape as a bank exports it, for the tape tests. */

export const header = "贷款编号,借款人名称,借款人证件号码,本金余额,利息余额,五级分类,担保方式,地区,担保人名称,担保人证件号码";
/** A valid loan: a company borrower with a checked credit code, a person guaranteeing. */
export const line = (i: number, overrides: Partial<Record<"principal" | "classification" | "loanId", string>> = {}) =>
  [
    overrides.loanId ?? `HZ-${String(i).padStart(5, "0")}`,
    `杭州第${i}纺织有限公司`,
    "91330109MA2B7Q4X1J",
    overrides.principal ?? `"${(1_000_000 + i).toLocaleString("en")}.50"`,
    "12000",
    overrides.classification ?? "可疑",
    "保证",
    "浙江 · 杭州",
    "张卫国",
    "330109196805121237",
  ].join(",");

export const tape = (lines: string[]) => new TextEncoder().encode([header, ...lines].join("\n"));
