import { formatMoney } from "./money";
import type { AssetKind } from "./enums";

/**
 * The transfer agreement (债权转让协议) of a sale, as text in Chinese and English clause by clause
 * (docs/domain.md "Closing"). The same facts always give the same text, so its SHA-256 identifies
 * what each side signed: a change to any fact is a new text, and signatures of the old one lapse.
 */
export interface AgreementFacts {
  /** The sale's number, printed on every page. */
  number: string;
  /** The day the lot was awarded (YYYY-MM-DD, the platform's day). */
  awardedOn: string;
  seller: { name: string };
  buyer: { name: string };
  listing: { titleEn: string | null; titleZh: string | null };
  price: bigint;
  currency: string;
  depositHeld: bigint;
  balanceDue: bigint;
  /** The day the balance is due (YYYY-MM-DD). */
  dueOn: string;
  /** What is sold: each asset, and a claim's schedule line. Borrowers appear as the public sees them. */
  assets: readonly AgreementAsset[];
}

export interface AgreementAsset {
  kind: AssetKind;
  title: string;
  loanId: string | null;
  borrower: string | null;
  principal: bigint | null;
  interest: bigint | null;
}

const kindNames: Record<AssetKind, [zh: string, en: string]> = {
  claim: ["债权", "claim"],
  real_estate: ["不动产", "real estate"],
  movable: ["动产", "movable property"],
  equity: ["股权", "equity"],
  foreclosed: ["抵债资产", "foreclosed asset"],
};

/** The agreement's text: a heading, the parties, eight clauses in both languages, and the schedule of assets. */
export function agreementText(facts: AgreementFacts): string {
  const zh = (amount: bigint) => formatMoney(amount, facts.currency, "zh-CN");
  const en = (amount: bigint) => formatMoney(amount, facts.currency, "en");
  const title = facts.listing.titleZh ?? facts.listing.titleEn ?? "";
  const titleEn = facts.listing.titleEn ?? facts.listing.titleZh ?? "";
  const clauses: [zh: string, en: string][] = [
    [
      `第一条 转让标的：转让方将附表所列资产（“${title}”）及其从权利一并转让给受让方。`,
      `Article 1. Subject: the Seller assigns to the Buyer the assets in the Schedule ("${titleEn}") with all rights accessory to them.`,
    ],
    [
      `第二条 转让价款：${zh(facts.price)}，系受让方在 nplex 平台竞得之价格。`,
      `Article 2. Price: ${en(facts.price)}, the price at which the Buyer won the lot on nplex.`,
    ],
    [
      `第三条 价款支付：受让方已交纳的保证金 ${zh(facts.depositHeld)} 于余款付清时抵作价款；余款 ${zh(facts.balanceDue)} 应于 ${facts.dueOn} 前付至平台托管账户。`,
      `Article 3. Payment: the Buyer's deposit of ${en(facts.depositHeld)} counts towards the price once the balance is paid; the balance of ${en(facts.balanceDue)} is due to the platform's escrow account by ${facts.dueOn}.`,
    ],
    [
      "第四条 现状转让：标的按现状转让。转让方已披露其所知情况，但不保证债务人的偿还能力、担保的效力或资产的价值。",
      "Article 4. As is: the assets are sold as they stand. The Seller has disclosed what it knows but gives no warranty of the debtors' ability to pay, of the security's effect or of the assets' value.",
    ],
    [
      "第五条 债务人通知：转让方应于价款付清后通知债务人及担保人（可采用公告方式），受让方自通知之日起向其主张权利。",
      "Article 5. Notice to debtors: once the price is paid, the Seller notifies the debtors and guarantors of the assignment (a public notice may serve); from that notice the Buyer enforces the claims.",
    ],
    [
      "第六条 资料移交：价款付清后，转让方按交接清单移交全部资料，受让方逐项确认。",
      "Article 6. Hand-over: once the price is paid, the Seller delivers every file on the hand-over checklist and the Buyer confirms each.",
    ],
    [
      "第七条 违约：受让方逾期未付清价款的，其保证金不予退还，转让方可将标的另行处置。",
      "Article 7. Default: if the Buyer does not pay the balance when due, its deposit is forfeited and the Seller may dispose of the assets again.",
    ],
    [
      "第八条 签署：双方在平台以电子方式签署本协议，签署人姓名、时间、IP 地址及本文本之 SHA-256 摘要一并记录；文本任何改动均使此前的签署失效。",
      "Article 8. Signature: both sides sign this agreement in the platform; the signer's name, the time, the IP address and this text's SHA-256 digest are recorded, and any change to the text voids the signatures given before it.",
    ],
  ];
  const lines = [
    "债权转让协议",
    "Transfer Agreement",
    `编号 No.: ${facts.number}`,
    `成交日 Awarded on: ${facts.awardedOn}`,
    "",
    `转让方 Seller: ${facts.seller.name}`,
    `受让方 Buyer: ${facts.buyer.name}`,
    "",
    ...clauses.flatMap(([c, e]) => [c, e, ""]),
    "附表：转让资产清单",
    "Schedule: the assets assigned",
    ["#", "类别 Kind", "名称 Title", "贷款编号 Loan id", "借款人 Borrower", "本金 Principal", "利息 Interest"].join(" | "),
    ...facts.assets.map((asset, i) =>
      [
        String(i + 1),
        kindNames[asset.kind].join(" "),
        asset.title,
        asset.loanId ?? "—",
        asset.borrower ?? "—",
        asset.principal === null ? "—" : en(asset.principal),
        asset.interest === null ? "—" : en(asset.interest),
      ].join(" | "),
    ),
    `合计 ${facts.assets.length} 项 / ${facts.assets.length} ${facts.assets.length === 1 ? "item" : "items"}`,
  ];
  return lines.join("\n");
}
