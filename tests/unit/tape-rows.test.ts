import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  columnOf,
  mappingProblems,
  normaliseHeader,
  suggestMapping,
  tapeColumns,
  type TapeField,
} from "../../server/assets/tapes/columns";
import { readRow, type TapeCells } from "../../server/assets/tapes/rows";
import { readAmount, readChoice, readDate, readNumber, type ChoiceList } from "../../server/assets/tapes/values";
import enAssets from "../../app/locales/en/assets";
import enCommon from "../../app/locales/en/common";
import enInvesting from "../../app/locales/en/investing";
import zhAssets from "../../app/locales/zh-CN/assets";
import zhCommon from "../../app/locales/zh-CN/common";
import zhInvesting from "../../app/locales/zh-CN/investing";

describe("a tape's headers", () => {
  it("are matched by their English and Chinese names and the synonyms banks export", () => {
    const headers = ["贷款编号", "借款人名称", "证件号码", "本金余额", "利息余额", "五级分类", "担保方式", "所在地区", "Remarks"];
    expect(suggestMapping(headers)).toEqual([
      "loanId",
      "borrowerName",
      "borrowerId",
      "principal",
      "accruedInterest",
      "classification",
      "security",
      "region",
      null,
    ]);
    expect(suggestMapping([" Loan ID ", "BORROWER NAME", "Principal Balance (CNY)", "ＩＤ Type"])).toEqual([
      "loanId",
      "borrowerName",
      "principal",
      "borrowerIdType",
    ]);
  });

  it("follow a seller's remembered choice before the dictionary, and give a field to its first column only", () => {
    const remembered = { [normaliseHeader("客户号")]: "loanId" as const, [normaliseHeader("贷款编号")]: null };
    expect(suggestMapping(["客户号", "贷款编号", "本金", "贷款余额"], remembered)).toEqual(["loanId", null, "principal", null]);
  });

  it("name what a mapping lacks or doubles", () => {
    const problems = mappingProblems(["loanId", "principal", "principal", "nonsense", null]);
    expect(problems).toContainEqual({ code: "duplicate", field: "principal", columns: [1, 2] });
    expect(problems).toContainEqual({ code: "unknown_field", field: "nonsense", columns: [3] });
    const missing = problems.filter((p) => p.code === "missing").map((p) => p.field);
    expect(missing.sort()).toEqual(["borrowerId", "borrowerName", "classification", "region", "security"]);
    const full = tapeColumns.map((c) => c.field);
    expect(mappingProblems(full)).toEqual([]);
  });
});

describe("a tape's cells", () => {
  it("read amounts in yuan as banks write them, into fen, and refuse a third decimal or a sign", () => {
    expect(readAmount("1,234,567.89")).toBe("123456789");
    expect(readAmount("１２３４．５")).toBe("123450");
    expect(readAmount("0")).toBe("0");
    expect(readAmount(" ¥ 1 000 ")).toBe("100000");
    for (const bad of ["12.345", "-5", "1e6", "abc", "", "1,2,3.4.5"]) expect(readAmount(bad), bad).toBeNull();
  });

  it("read dates in ISO, slashed, dotted, Chinese and Excel's day numbers, and refuse a date that does not exist", () => {
    for (const text of [
      "2024-03-05",
      "2024/3/5",
      "2024.03.05",
      "2024年3月5日",
      "20240305",
      "45356",
      "2024-03-05T00:00:00.000Z",
    ]) {
      expect(readDate(text), text).toBe("2024-03-05");
    }
    for (const bad of ["2024-02-30", "2023年2月29日", "5/3/2024", "1800-01-01", "tomorrow", "20241301"])
      expect(readDate(bad), bad).toBeNull();
    expect(readDate("2024-02-29")).toBe("2024-02-29");
  });

  it("read each choice in either language", () => {
    expect(readChoice("classification", "次级类")).toBe("substandard");
    expect(readChoice("classification", "Special Mention")).toBe("special_mention");
    expect(readChoice("security", "抵押")).toBe("collateral");
    expect(readChoice("security", "保证")).toBe("guaranteed");
    expect(readChoice("litigationStatus", "终本")).toBe("enforcement_terminated");
    expect(readChoice("kind", "自然人")).toBe("person");
    expect(readChoice("collateralType", "厂房")).toBe("industrial");
    expect(readChoice("classification", "bad")).toBeNull();
    expect(readNumber("1,480.5")).toBe("1480.5");
    expect(readNumber("-3")).toBeNull();
  });
});

const headers = Object.fromEntries(tapeColumns.map((c) => [c.field, c.zh])) as Record<TapeField, string>;
const headerOf = (field: TapeField) => headers[field];

const goodRow = (overrides: TapeCells = {}): TapeCells => ({
  loanId: "HZ-2019-00017",
  borrowerName: "杭州鑫源纺织有限公司",
  borrowerId: "91330109MA2B7Q4X1J",
  guarantorName: "张卫国",
  guarantorId: "330109196805121237",
  principal: "18,650,000.00",
  accruedInterest: "2,314,500",
  classification: "可疑",
  security: "抵押",
  collateralType: "厂房",
  collateralLocation: "杭州市萧山区",
  collateralArea: "12,400",
  collateralValue: "9,800,000",
  litigationStatus: "已判决",
  court: "杭州市萧山区人民法院",
  caseNumber: "(2024)浙0109民初1234号",
  region: "浙江 · 杭州",
  originatedOn: "2019/4/18",
  defaultedOn: "2023年7月1日",
  ...overrides,
});

describe("the words the screens show", () => {
  it("read back in a tape as the choice they name, in English and Chinese", () => {
    const lists: [ChoiceList, Record<string, string>][] = [];
    for (const [common, assets, investing] of [
      [enCommon, enAssets, enInvesting],
      [zhCommon, zhAssets, zhInvesting],
    ] as const) {
      lists.push(
        ["classification", common.classification],
        ["security", common.security],
        ["litigationStatus", common.litigation],
        ["collateralType", assets.assets.collateralType],
        ["idType", investing.registration.documentKinds],
      );
    }
    for (const [list, labels] of lists) {
      for (const [value, label] of Object.entries(labels)) expect(readChoice(list, label), `${list}: ${label}`).toBe(value);
    }
  });
});

describe("a tape's row", () => {
  it("reads into the asset a seller would type, its parties guessed person or company from their numbers", () => {
    const result = readRow(goodRow(), 2, headerOf);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.loanId).toBe("HZ-2019-00017");
    expect(result.input).toMatchObject({
      kind: "claim",
      region: "Zhejiang · Hangzhou", // kept in English, shown in the reader's language
      parties: [
        { role: "borrower", kind: "company", idType: "credit_code", name: "杭州鑫源纺织有限公司" },
        { role: "guarantor", kind: "person", idType: "resident_id", idNumber: "330109196805121237" },
      ],
      claim: {
        principal: "1865000000",
        accruedInterest: "231450000",
        penaltyInterest: "0",
        classification: "doubtful",
        security: "collateral",
        litigationStatus: "judgment_obtained",
        originatedOn: "2019-04-18",
        defaultedOn: "2023-07-01",
        collateral: [{ type: "industrial", area: "12400.00", appraisedValue: "980000000" }],
      },
    });
  });

  it("reports each problem by row and column, with the value and the reason; names and ID numbers masked", () => {
    const result = readRow(
      goodRow({
        principal: "1.234",
        originatedOn: "2023-02-30",
        classification: "bad",
        guarantorId: "330109196805121238",
        fees: "=SUM(A1:A9)",
      }),
      7,
      headerOf,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byColumn = Object.fromEntries(result.errors.map((e) => [e.column, e]));
    expect(Object.keys(byColumn).sort()).toEqual(["五级分类", "担保人证件号码", "放款日", "本金余额", "费用"].sort());
    expect(byColumn["本金余额"]).toMatchObject({ row: 7, value: "1.234", message: expect.stringMatching(/two decimals/) });
    expect(byColumn["放款日"]).toMatchObject({ value: "2023-02-30" });
    expect(byColumn["费用"]!.message).toMatch(/formula/);
    expect(byColumn["担保人证件号码"]!.value).toBe("33**************38");
    expect(JSON.stringify(result.errors)).not.toContain("330109196805121238");
  });

  it("names the missing loan id, borrower and region", () => {
    const result = readRow(goodRow({ loanId: "", borrowerName: " ", region: "" }), 3, headerOf);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.column).sort()).toEqual(["借款人名称", "地区", "贷款编号"].sort());
  });

  it("never throws, and every problem names one of the tape's columns (property)", () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom("", "=1+1", "１２３", "2024年13月1日", "-1", "9".repeat(25), "可疑", "保证", "\u0000", "　"),
    );
    const fields = tapeColumns.map((c) => c.field);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...fields), cell), fc.integer({ min: 2, max: 100_001 }), (junk, row) => {
        const result = readRow({ ...goodRow(), ...junk }, row, headerOf);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) {
            expect(Object.values(headers)).toContain(error.column);
            expect(error.row).toBe(row);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("the columns", () => {
  it("mark every name and ID number as personal", () => {
    const personal = tapeColumns.filter((c) => c.personal).map((c) => c.field);
    expect(personal.sort()).toEqual(["borrowerId", "borrowerName", "guarantorId", "guarantorName"]);
    expect(columnOf.get("principal")!.kind).toBe("amount");
  });
});
