import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskIdNumber, maskName } from "../../server/privacy/masking";

const revealed = (masked: string) => [...masked].filter((c) => c !== "*").length;

// Names as they occur in loan files: Chinese, Latin, company names with punctuation. Never an asterisk.
const nameChar = fc.oneof(
  fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCodePoint(code)),
  fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz ·.,()-&'"),
);
const arbitraryName = fc.array(nameChar, { minLength: 0, maxLength: 40 }).map((chars) => chars.join(""));

const idChar = fc.constantFrom(..."0123456789ABCDEFGHJKLMNPQRTUWXY");
const arbitraryId = fc.array(idChar, { minLength: 0, maxLength: 30 }).map((chars) => chars.join(""));

describe("maskName", () => {
  it("keeps only the family name of a Chinese personal name", () => {
    expect(maskName("张三")).toBe("张*");
    expect(maskName("李明华")).toBe("李**");
    expect(maskName("欧阳娜娜")).toBe("欧***");
  });

  it("does not reveal the length of a long Chinese name", () => {
    expect(maskName("阿沛·阿旺晋美")).toBe("阿***");
    expect(maskName("杭州新远纺织有限公司")).toBe("杭***");
  });

  it("keeps only the first letter of a Latin name", () => {
    expect(maskName("Zhang Weiguo")).toBe("Z*****");
    expect(maskName("Li")).toBe("L*");
    expect(maskName("Ann")).toBe("A**");
  });

  it("keeps only the first letter of a company name, whatever its length", () => {
    expect(maskName("Hangzhou Xinyuan Textile Co., Ltd.")).toBe("H*****");
    expect(maskName("Foshan Hongda Steel Structure Engineering Co., Ltd.")).toBe("F*****");
  });

  it("hides a one-character name entirely and leaves an empty one empty", () => {
    expect(maskName("王")).toBe("*");
    expect(maskName("Q")).toBe("*");
    expect(maskName("")).toBe("");
    expect(maskName("   ")).toBe("");
  });

  it("ignores surrounding spaces", () => {
    expect(maskName("  张三 ")).toBe("张*");
    expect(maskName(" Li Ming ")).toBe("L*****");
  });

  it("never cuts a character outside the basic plane in half", () => {
    expect(maskName("𠮷野家")).toBe("𠮷**");
  });

  it("never contains the full original name (property)", () => {
    fc.assert(
      fc.property(arbitraryName, (name) => {
        fc.pre(name.length >= 2);
        expect(maskName(name)).not.toContain(name);
        expect(maskName(name)).not.toContain(name.trim() || "\u0000");
      }),
    );
  });

  it("reveals at most one character (property)", () => {
    fc.assert(
      fc.property(arbitraryName, (name) => {
        expect(revealed(maskName(name))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("is stable: the same name always masks the same way, and masking again changes nothing (property)", () => {
    fc.assert(
      fc.property(arbitraryName, (name) => {
        expect(maskName(name)).toBe(maskName(name));
        expect(maskName(maskName(name))).toBe(maskName(name));
      }),
    );
  });
});

describe("maskIdNumber", () => {
  it("shows the first two and last two characters of an 18-character resident ID", () => {
    expect(maskIdNumber("330109196805121235")).toBe("33**************35");
    expect(maskIdNumber("33060219700011230X")).toBe("33**************0X");
  });

  it("shows the first two and last two characters of a unified social credit code", () => {
    expect(maskIdNumber("91330109MA2B7Q4X1K")).toBe("91**************1K");
  });

  it("ignores spaces inside the number", () => {
    expect(maskIdNumber("3301 0919 6805 1212 35")).toBe("33**************35");
  });

  it("hides a number of six characters or fewer entirely", () => {
    expect(maskIdNumber("123456")).toBe("******");
    expect(maskIdNumber("A1")).toBe("**");
    expect(maskIdNumber("")).toBe("");
  });

  it("never reveals more than a third of a short number", () => {
    expect(maskIdNumber("1234567")).toBe("1*****7");
    expect(maskIdNumber("12345678")).toBe("1******8");
    expect(maskIdNumber("123456789")).toBe("1******89");
    expect(maskIdNumber("123456789012")).toBe("12********12");
  });

  it("never reveals more than a third of the characters, nor more than four (property)", () => {
    fc.assert(
      fc.property(arbitraryId, (id) => {
        const shown = revealed(maskIdNumber(id));
        expect(shown).toBeLessThanOrEqual(Math.floor(id.length / 3));
        expect(shown).toBeLessThanOrEqual(4);
      }),
    );
  });

  it("keeps the length, so a known number can still be recognised (property)", () => {
    fc.assert(
      fc.property(arbitraryId, (id) => {
        expect(maskIdNumber(id)).toHaveLength(id.length);
      }),
    );
  });

  it("never contains a run of more than 4 consecutive characters of the original (property)", () => {
    fc.assert(
      fc.property(arbitraryId, (id) => {
        const masked = maskIdNumber(id);
        for (let i = 0; i + 5 <= id.length; i += 1) expect(masked).not.toContain(id.slice(i, i + 5));
      }),
    );
  });

  it("is stable: the same number always masks the same way, and masking again changes nothing (property)", () => {
    fc.assert(
      fc.property(arbitraryId, (id) => {
        expect(maskIdNumber(id)).toBe(maskIdNumber(id));
        expect(maskIdNumber(maskIdNumber(id))).toBe(maskIdNumber(id));
      }),
    );
  });
});
