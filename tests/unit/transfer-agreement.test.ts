import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agreementText, type AgreementFacts } from "../../core/transfer-agreement";

const facts: AgreementFacts = {
  number: "TA-20261120-1A2B3C4D",
  awardedOn: "2026-11-20",
  seller: { name: "华东银行 East China Bank" },
  buyer: { name: "Harbour Capital Partners Ltd." },
  listing: { titleEn: "Jiaxing packaging claims", titleZh: "嘉兴包装企业债权包" },
  price: 101_000_000n,
  currency: "CNY",
  depositHeld: 10_000_000n,
  balanceDue: 91_000_000n,
  dueOn: "2026-11-30",
  assets: [
    { kind: "claim", title: "Hengfeng loan", loanId: "L-001", borrower: "J*****", principal: 386_000_000n, interest: 12_345n },
    { kind: "real_estate", title: "Warehouse, Jiaxing", loanId: null, borrower: null, principal: null, interest: null },
  ],
};

describe("the transfer agreement's text", () => {
  it("names both parties, the price, the deposit and the balance with its due day, in both languages", () => {
    const text = agreementText(facts);
    expect(text.split("\n").slice(0, 2)).toEqual(["债权转让协议", "Transfer Agreement"]);
    expect(text).toContain("转让方 Seller: 华东银行 East China Bank");
    expect(text).toContain("受让方 Buyer: Harbour Capital Partners Ltd.");
    expect(text).toContain("Article 2. Price: CN¥1,010,000.00");
    expect(text).toMatch(/第二条 转让价款：¥1,010,000\.00/);
    expect(text).toContain("the balance of CN¥910,000.00 is due to the platform's escrow account by 2026-11-30");
    expect(text).toContain("嘉兴包装企业债权包");
    expect(text).toContain("Jiaxing packaging claims");
    // Eight clauses, each in both languages.
    for (let i = 1; i <= 8; i++) expect(text).toContain(`Article ${i}.`);
    expect(text.match(/^第[一二三四五六七八]条/gm)).toHaveLength(8);
  });

  it("schedules every asset, a claim with its loan id, borrower and amounts, others with dashes", () => {
    const lines = agreementText(facts).split("\n");
    expect(lines).toContain("1 | 债权 claim | Hengfeng loan | L-001 | J***** | CN¥3,860,000.00 | CN¥123.45");
    expect(lines).toContain("2 | 不动产 real estate | Warehouse, Jiaxing | — | — | — | —");
    expect(lines.at(-1)).toBe("合计 2 项 / 2 items");
  });

  it("is the same text for the same facts, and another text whenever a figure or a party changes (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.string({ minLength: 1, maxLength: 40 }),
        (price, otherPrice, buyer) => {
          const a = { ...facts, price, buyer: { name: buyer } };
          expect(agreementText(a)).toBe(agreementText({ ...a }));
          if (otherPrice !== price) expect(agreementText({ ...a, price: otherPrice })).not.toBe(agreementText(a));
          expect(agreementText({ ...a, buyer: { name: `${buyer}x` } })).not.toBe(agreementText(a));
        },
      ),
    );
  });
});
