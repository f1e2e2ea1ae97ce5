import { formatMoney } from "../../../core/money";
import { regionName } from "../../../core/regions";
import { formatInZone } from "../../../core/time";

/**
 * The public disposal announcement (处置公告), generated from the listing in both languages:
 * what is sold, how, the price basis, the deposit, the timetable, who may bid, who may not, and
 * how to object. It is frozen when published; later edits to the listing do not rewrite it.
 */
export interface AnnouncementFacts {
  /** The listing's title (English, else Chinese) and its Chinese title when it has one. */
  title: string;
  titleZh?: string | null;
  sellerName: string;
  sellerNameZh?: string | null;
  lots: readonly { kind: string; title: string; region: string; principal: bigint | null; appraisedValue: bigint | null }[];
  isPackage: boolean;
  currency: string;
  startingPrice: bigint;
  increment: bigint;
  deposit: bigint;
  hasReserve: boolean;
  publishedAt: Date;
  announcementEndsAt: Date;
  startsAt: Date;
  endsAt: Date;
  antiSniping: { windowMinutes: number; extensionMinutes: number; maxExtensions: number | null };
  balanceDueDays: number;
  rightOfFirstRefusalHolders: number;
  specialTerms: string;
  period: { days: number; workingDays: boolean };
}

const kindNames: Record<string, { en: string; zh: string }> = {
  claim: { en: "credit claim", zh: "债权" },
  real_estate: { en: "real estate", zh: "房产/土地使用权" },
  movable: { en: "movable property", zh: "动产" },
  equity: { en: "equity", zh: "股权" },
  foreclosed: { en: "foreclosed asset", zh: "抵债资产" },
};

const when = (d: Date, locale: string) => formatInZone(d, locale, { dateStyle: "long", timeStyle: "short" });

export function buildAnnouncement(f: AnnouncementFacts) {
  const m = (v: bigint, locale: string) => formatMoney(v, f.currency, locale);
  const lotLine = (lot: AnnouncementFacts["lots"][number], locale: "en" | "zh-CN") => {
    const kind = kindNames[lot.kind] ?? { en: lot.kind, zh: lot.kind };
    const parts = [locale === "en" ? kind.en : kind.zh, lot.title, regionName(lot.region, locale)];
    if (lot.principal !== null) parts.push(`${locale === "en" ? "principal" : "本金"} ${m(lot.principal, locale)}`);
    if (lot.appraisedValue !== null) parts.push(`${locale === "en" ? "valuation" : "评估值"} ${m(lot.appraisedValue, locale)}`);
    return `- ${parts.join(locale === "en" ? ", " : "，")}`;
  };
  const cap = f.antiSniping.maxExtensions;

  const en = [
    `${f.sellerName} will sell ${f.isPackage ? "the following package of assets" : "the following asset"} by public online auction on nplex.`,
    "",
    "1. What is sold",
    ...f.lots.map((lot) => lotLine(lot, "en")),
    "The assets are sold as they are, with the rights and defects they carry; bidders should study the disclosure and the data room.",
    "",
    "2. Price and deposit",
    `Starting price ${m(f.startingPrice, "en")}; each raise is a whole multiple of ${m(f.increment, "en")}.`,
    f.hasReserve
      ? "The seller has set a reserve price; the listing shows whether it is met, never the reserve itself."
      : "There is no reserve price.",
    `Deposit ${m(f.deposit, "en")}, paid by bank transfer before approval; it counts towards the price for the winner and is released to the others within 24 hours of the close.`,
    "",
    "3. Timetable",
    `Announcement period: ${f.period.days} ${f.period.workingDays ? "working days" : "days"}, from ${when(f.publishedAt, "en")} to ${when(f.announcementEndsAt, "en")}.`,
    `Bidding: from ${when(f.startsAt, "en")} to ${when(f.endsAt, "en")} (China Standard Time).`,
    `A bid accepted in the last ${f.antiSniping.windowMinutes} minutes moves the end to ${f.antiSniping.extensionMinutes} minutes after it${cap ? `, at most ${cap} times` : ", without limit"}.`,
    `The winner pays the balance within ${f.balanceDueDays} days of the close.`,
    "",
    "4. Who may bid",
    "Legal persons, other organisations and natural persons with full civil capacity who register for this listing, attest that they are not barred, pass screening, accept the terms and the non-disclosure agreement, and pay the deposit.",
    f.rightOfFirstRefusalHolders > 0
      ? `${f.rightOfFirstRefusalHolders} holder(s) of a right of first refusal must register with proof of their right; a holder's bid at the current best price takes the lead.`
      : "No right of first refusal has been declared.",
    "",
    "5. Who may not bid",
    "The borrowers, guarantors and their affiliates or agents; staff of the seller and of the platform; the lawyers, accountants, appraisers and auctioneers on this deal; officials, regulators, judges and police; the close relatives of any of them; dishonest judgment debtors; anyone on an anti-money-laundering list.",
    "",
    "6. Objections",
    `Anyone signed in to nplex may object on the listing's page until ${when(f.announcementEndsAt, "en")}, with reasons and supporting files. An upheld objection suspends the listing; the outcome of every objection is published on the listing.`,
    ...(f.specialTerms ? ["", "7. Special terms", f.specialTerms] : []),
  ].join("\n");

  const zh = [
    `${f.sellerNameZh || f.sellerName}拟通过 nplex 网络公开拍卖处置以下${f.isPackage ? "资产包" : "资产"}。`,
    "",
    "一、处置标的",
    ...f.lots.map((lot) => lotLine(lot, "zh-CN")),
    "标的按现状处置，竞买人应仔细阅读披露信息和资料室材料。",
    "",
    "二、价格与保证金",
    `起拍价 ${m(f.startingPrice, "zh-CN")}；加价幅度为 ${m(f.increment, "zh-CN")} 的整数倍。`,
    f.hasReserve ? "本次拍卖设有保留价，页面仅显示是否达到保留价，不公开保留价本身。" : "本次拍卖不设保留价。",
    `保证金 ${m(f.deposit, "zh-CN")}，须在资格审核前以银行转账交纳；竞得人的保证金抵作价款，其他竞买人的保证金于拍卖结束后24小时内退还。`,
    "",
    "三、时间安排",
    `公告期 ${f.period.days} 个${f.period.workingDays ? "工作日" : "自然日"}，自 ${when(f.publishedAt, "zh-CN")} 至 ${when(f.announcementEndsAt, "zh-CN")}。`,
    `竞价时间：${when(f.startsAt, "zh-CN")} 至 ${when(f.endsAt, "zh-CN")}（北京时间）。`,
    `结束前 ${f.antiSniping.windowMinutes} 分钟内出价被接受的，结束时间顺延至该出价后 ${f.antiSniping.extensionMinutes} 分钟${cap ? `，最多顺延 ${cap} 次` : "，不限次数"}。`,
    `竞得人应在拍卖结束后 ${f.balanceDueDays} 日内付清余款。`,
    "",
    "四、竞买人条件",
    "具有完全民事行为能力的法人、其他组织和自然人，须报名参加本次竞买、声明不属于禁止竞买人员、通过资格审查、接受竞买须知和保密协议并交纳保证金。",
    f.rightOfFirstRefusalHolders > 0
      ? `本标的有 ${f.rightOfFirstRefusalHolders} 名优先购买权人，须持权利证明报名；优先购买权人以当前最高价出价的，取得领先。`
      : "本标的未申报优先购买权人。",
    "",
    "五、禁止竞买人员",
    "债务人、担保人及其关联方或代理人；处置方及平台工作人员；参与本次处置的律师、会计师、评估师、拍卖师；国家公职人员、监管人员、法官和警察；上述人员的近亲属；失信被执行人；反洗钱名单所列人员。",
    "",
    "六、异议",
    `任何注册用户可在 ${when(f.announcementEndsAt, "zh-CN")} 前于标的页面提出异议，并说明理由、附上材料。异议成立的，暂停处置；每项异议的处理结果均在标的页面公示。`,
    ...(f.specialTerms ? ["", "七、特别约定", f.specialTerms] : []),
  ].join("\n");

  return {
    titleEn: `Disposal announcement: ${f.title}`,
    titleZh: `处置公告：${f.titleZh || f.title}`,
    bodyEn: en,
    bodyZh: zh,
  };
}
