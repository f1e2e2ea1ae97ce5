import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inLanguage, nameIn, titleIn } from "../../core/bilingual";
import { canonicalRegion, placeName, placesNamedBy, provinces, regionChoices, regionName } from "../../core/regions";

describe("a region as sellers and banks write it", () => {
  it.each([
    ["浙江 · 杭州", "Zhejiang · Hangzhou"],
    ["浙江省杭州市", "Zhejiang · Hangzhou"],
    ["浙江省 杭州市", "Zhejiang · Hangzhou"],
    ["浙江,杭州", "Zhejiang · Hangzhou"],
    ["浙江，杭州", "Zhejiang · Hangzhou"],
    ["Zhejiang · Hangzhou", "Zhejiang · Hangzhou"],
    ["zhejiang, hangzhou", "Zhejiang · Hangzhou"],
    ["杭州", "Zhejiang · Hangzhou"],
    ["杭州市", "Zhejiang · Hangzhou"],
    ["Hangzhou", "Zhejiang · Hangzhou"],
    ["浙江", "Zhejiang"],
    ["浙江省", "Zhejiang"],
    ["上海", "Shanghai"],
    ["上海市", "Shanghai"],
    ["上海 · 上海", "Shanghai"],
    ["Beijing, Beijing", "Beijing"],
    ["广西壮族自治区南宁市", "Guangxi · Nanning"],
    ["江苏 · 泰州", "Jiangsu · Taizhou (Jiangsu)"],
    ["浙江 · 台州", "Zhejiang · Taizhou"],
    ["吉林省吉林市", "Jilin · Jilin City"],
    ["香港特别行政区", "Hong Kong"],
  ])("%s is kept as %s", (written, kept) => {
    expect(canonicalRegion(written)).toBe(kept);
  });

  it.each([
    ["浙江 · 南京", "a city of another province"],
    ["Atlantis", "no known place"],
    ["火星基地", "Chinese naming no place"],
  ])("%s (%s) is kept as written", (written) => {
    expect(canonicalRegion(written)).toBe(written);
  });

  it("keeps every choice of the region list as it is, and reads its Chinese name back to it", () => {
    for (const choice of regionChoices()) {
      expect(canonicalRegion(choice.value)).toBe(choice.value);
      expect(canonicalRegion(choice.zh)).toBe(choice.value);
      expect(regionName(choice.value, "zh-CN")).toBe(choice.zh);
      expect(regionName(choice.value, "en")).toBe(choice.en);
    }
  });

  it("is idempotent and never loses text it does not know", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const once = canonicalRegion(text);
        expect(canonicalRegion(once)).toBe(once);
        if (once !== text.trim())
          expect(regionChoices().some((c) => c.value === once) || provinces.some((p) => p.en === once)).toBe(true);
      }),
    );
  });
});

describe("a region in the reader's language", () => {
  it("names provinces and cities in Chinese, and leaves unknown names alone", () => {
    expect(regionName("Zhejiang · Hangzhou", "zh-CN")).toBe("浙江 · 杭州");
    expect(regionName("Guangdong", "zh-CN")).toBe("广东");
    expect(regionName("Atlantis · Poseidonia", "zh-CN")).toBe("Atlantis · Poseidonia");
    expect(placeName("Ningbo", "zh-CN")).toBe("宁波");
    expect(placeName("Ningbo", "en")).toBe("Ningbo");
  });

  it("finds the English places a Chinese search names", () => {
    expect(placesNamedBy("杭州")).toEqual(["Hangzhou"]);
    expect(placesNamedBy("浙江")).toEqual(["Zhejiang"]);
    expect(placesNamedBy("浙江省")).toEqual(["Zhejiang"]);
    expect(placesNamedBy("Hangzhou")).toEqual([]);
    expect(placesNamedBy("州")).toContain("Hangzhou");
  });
});

describe("text in two languages", () => {
  it("shows the reader's language, else the other", () => {
    expect(inLanguage({ en: "Claim", zh: "债权" }, "zh-CN")).toBe("债权");
    expect(inLanguage({ en: "Claim", zh: "债权" }, "en")).toBe("Claim");
    expect(inLanguage({ en: "", zh: "债权" }, "en")).toBe("债权");
    expect(inLanguage({ en: "Claim", zh: null }, "zh-CN")).toBe("Claim");
    expect(inLanguage({ en: "  ", zh: undefined }, "zh-CN")).toBe("");
    expect(titleIn({ title: "债权", titleEn: null, titleZh: "债权" }, "en")).toBe("债权");
    expect(nameIn({ name: "Eastern Commercial Bank", nameZh: "华东商业银行" }, "zh-CN")).toBe("华东商业银行");
  });
});
