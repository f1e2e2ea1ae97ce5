import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { demoParties } from "../../db/seed/demo";
import {
  checkDocument,
  checkLegalName,
  creditCodeAuthorities,
  creditCodeCharacters,
  creditCodeCheckCharacter,
  legalNameLength,
  residentIdCheckCharacter,
} from "../../core/identity/documents";

const today = new Date("2026-11-20T00:00:00.000Z");
const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(""));
const oneOf = (characters: string) => fc.constantFrom(...characters);

/** Valid resident ID numbers: a province, a district, a real date of birth, a sequence and its check digit. */
const residentIds = fc
  .record({
    province: fc.constantFrom("11", "31", "33", "44", "65", "81", "91"),
    district: digits(4),
    born: fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: today, noInvalidDate: true }),
    sequence: digits(3),
  })
  .map(({ province, district, born, sequence }) => {
    const first17 = `${province}${district}${born.toISOString().slice(0, 10).replaceAll("-", "")}${sequence}`;
    return first17 + residentIdCheckCharacter(first17);
  });

/** Valid unified social credit codes: an authority, a category, a division, an organisation code and the check character. */
const creditCodes = fc
  .record({
    authority: oneOf(creditCodeAuthorities),
    category: oneOf("123456789"),
    division: digits(6),
    organisation: fc.array(oneOf(creditCodeCharacters), { minLength: 9, maxLength: 9 }).map((c) => c.join("")),
  })
  .map(({ authority, category, division, organisation }) => {
    const first17 = `${authority}${category}${division}${organisation}`;
    return first17 + creditCodeCheckCharacter(first17);
  });

/** The number with the character at one position replaced by another (capitals, digits or anything a keyboard gives). */
const withOneCharacterChanged = (numbers: fc.Arbitrary<string>) =>
  numbers.chain((number) =>
    fc
      .record({
        at: fc.integer({ min: 0, max: number.length - 1 }),
        by: fc.oneof(oneOf("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"), oneOf("-./<>_*#é中")),
      })
      .filter(({ at, by }) => number[at] !== by)
      .map(({ at, by }) => number.slice(0, at) + by + number.slice(at + 1)),
  );

describe("PRC resident ID numbers (GB 11643)", () => {
  it("accepts every number with a province, a real date of birth and its check digit (property)", () => {
    fc.assert(
      fc.property(residentIds, (id) => {
        expect(checkDocument("resident_id", id, today)).toEqual({ ok: true, number: id });
      }),
    );
  });

  it("refuses any number with a single character changed (property)", () => {
    fc.assert(
      fc.property(withOneCharacterChanged(residentIds), (id) => {
        expect(checkDocument("resident_id", id, today).ok).toBe(false);
      }),
    );
  });

  it("accepts the published example, with a lower-case x and spaces as typed, and stores it in capitals", () => {
    expect(checkDocument("resident_id", "110105 19491231 002x", today)).toEqual({ ok: true, number: "11010519491231002X" });
  });

  it("says which rule a number breaks: its shape, its province, its date of birth or its check digit", () => {
    expect(checkDocument("resident_id", "", today)).toEqual({ ok: false, issue: "required" });
    expect(checkDocument("resident_id", "<script>alert(1)</script>", today)).toEqual({ ok: false, issue: "format" });
    expect(checkDocument("resident_id", "11010519491231002", today)).toEqual({ ok: false, issue: "format" });
    expect(checkDocument("resident_id", "990105194912310021", today)).toEqual({ ok: false, issue: "region" });
    expect(checkDocument("resident_id", "110105194902300021", today)).toEqual({ ok: false, issue: "birth_date" });
    expect(checkDocument("resident_id", "110105189912310021", today)).toEqual({ ok: false, issue: "birth_date" });
    expect(checkDocument("resident_id", "110105202712310021", today)).toEqual({ ok: false, issue: "birth_date" });
    expect(checkDocument("resident_id", "110105194912310021", today)).toEqual({ ok: false, issue: "check_character" });
  });
});

describe("unified social credit codes (GB 32100)", () => {
  it("accepts every code of the code's characters with its check character (property)", () => {
    fc.assert(
      fc.property(creditCodes, (code) => {
        expect(checkDocument("credit_code", code, today)).toEqual({ ok: true, number: code });
      }),
    );
  });

  it("refuses any code with a single character changed (property)", () => {
    fc.assert(
      fc.property(withOneCharacterChanged(creditCodes), (code) => {
        expect(checkDocument("credit_code", code, today).ok).toBe(false);
      }),
    );
  });

  it("accepts the standard's example, typed in lower case, and refuses the letters the code never uses", () => {
    expect(checkDocument("credit_code", "91350100m000100y43", today)).toEqual({ ok: true, number: "91350100M000100Y43" });
    expect(checkDocument("credit_code", "91350100M000100Y4", today)).toEqual({ ok: false, issue: "format" });
    expect(checkDocument("credit_code", "91350100M000100Z43", today)).toEqual({ ok: false, issue: "format" });
    expect(checkDocument("credit_code", "91350100M000100Y44", today)).toEqual({ ok: false, issue: "check_character" });
  });
});

describe("other documents, by their stated format", () => {
  it.each([
    ["passport", "E12345678"],
    ["passport", "ea1234567"],
    ["passport", "533380006"],
    ["hk_macau_permit", "H12345678"],
    ["hk_macau_permit", "M1234567801"],
    ["taiwan_permit", "12345678"],
    ["taiwan_permit", "1234567890"],
    ["foreign_registration", "HRB 86891"],
    ["foreign_registration", "CRN-0123.456/B"],
  ] as const)("accepts the %s %s", (kind, number) => {
    expect(checkDocument(kind, number, today).ok).toBe(true);
  });

  it.each([
    ["passport", "E1234"],
    ["passport", "E1234567890"],
    ["passport", "ABCDEFGH"],
    ["hk_macau_permit", "X12345678"],
    ["hk_macau_permit", "H123456789"],
    ["taiwan_permit", "1234567"],
    ["taiwan_permit", "T12345678"],
    ["foreign_registration", "<script>alert(1)</script>"],
    ["foreign_registration", "-12345-"],
    ["foreign_registration", "ACME"],
  ] as const)("refuses the %s %s", (kind, number) => {
    expect(checkDocument(kind, number, today)).toEqual({ ok: false, issue: "format" });
  });
});

describe("legal names", () => {
  it.each([
    "Harbour Capital Partners Ltd.",
    "欧阳娜娜",
    "Jean-Luc O'Neil",
    "Zhāng Wěiguó",
    "Shaoxing Meida Printing & Dyeing Co., Ltd.",
    "Huaxin (Shenzhen) Asset Management",
    "3M China Ltd.",
    "阿卜杜拉·艾合买提",
    "Иван Петров",
  ])("accepts %s", (name) => {
    expect(checkLegalName(name)).toEqual({ ok: true, name });
  });

  it("trims the name and keeps single spaces", () => {
    expect(checkLegalName("  FENG   Hengda ")).toEqual({ ok: true, name: "FENG Hengda" });
  });

  it("refuses a name shorter than 2 or longer than 120 characters", () => {
    expect(checkLegalName("A")).toEqual({ ok: false, issue: "length" });
    expect(checkLegalName("A".repeat(legalNameLength.max + 1))).toEqual({ ok: false, issue: "length" });
    expect(checkLegalName("A".repeat(3000))).toEqual({ ok: false, issue: "length" });
    expect(checkLegalName("张".repeat(legalNameLength.max)).ok).toBe(true);
  });

  it.each([
    "<script>alert(1)</script>",
    "Harbour\u0000Capital",
    "Harbour\tCapital",
    "12345",
    "Harbour; DROP TABLE",
    "Ltd. @home",
  ])("refuses %j for its characters", (name) => {
    expect(checkLegalName(name)).toEqual({ ok: false, issue: "characters" });
  });
});

describe("the demo's borrowers and guarantors", () => {
  it("carry valid numbers, so that an applicant typing one is matched by screening", () => {
    for (const party of Object.values(demoParties).flat(2)) {
      const kind = party.kind === "person" ? "resident_id" : "credit_code";
      expect(checkDocument(kind, party.idNumber, today), `${party.name} ${party.idNumber}`).toEqual({
        ok: true,
        number: party.idNumber,
      });
    }
  });
});
