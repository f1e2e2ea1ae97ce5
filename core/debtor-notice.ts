import { formatMoney } from "./money";

/**
 * The notice of assignment to the debtors (债权转让通知暨催收公告, docs/domain.md "Closing"): an
 * assignment binds a debtor once notified, and a notice that demands payment also interrupts the
 * limitation period. The public notice names companies and masks natural persons; the letter the
 * seller serves on one debtor names it in full. Chinese and English line by line.
 */
export interface NoticeClaim {
  loanId: string | null;
  title: string;
  principal: bigint | null;
  interest: bigint | null;
  parties: readonly { role: "borrower" | "guarantor"; name: string }[];
}

export interface NoticeFacts {
  number: string;
  /** YYYY-MM-DD, the platform's day. */
  publishedOn: string;
  seller: string;
  buyer: string;
  currency: string;
  claims: readonly NoticeClaim[];
}

const moneyOf = (amount: bigint | null, currency: string) => (amount === null ? "—" : formatMoney(amount, currency, "en"));

function claimLines(claim: NoticeClaim, currency: string): string[] {
  const named = (role: "borrower" | "guarantor") =>
    claim.parties
      .filter((p) => p.role === role)
      .map((p) => p.name)
      .join("、") || "—";
  return [
    `${claim.loanId ? `贷款编号 Loan ${claim.loanId} · ` : ""}${claim.title}`,
    `借款人 Borrower: ${named("borrower")} · 担保人 Guarantors: ${named("guarantor")}`,
    `本金 Principal: ${moneyOf(claim.principal, currency)} · 利息 Interest: ${moneyOf(claim.interest, currency)}`,
  ];
}

const demandZh = (seller: string, buyer: string) =>
  `${seller}（转让方）已将其对下列借款人及担保人享有的债权及担保权利，依法转让给${buyer}（受让方）。请各借款人、担保人及其他义务人自本通知发布之日起，向受让方履行还款义务及担保责任。`;
const demandEn = (seller: string, buyer: string) =>
  `${seller} (the assignor) has assigned to ${buyer} (the assignee) its claims against the borrowers and guarantors below, with the security for them. From the date of this notice each borrower, guarantor and other obligor is to pay and perform to the assignee.`;

/** The public notice: every claim of the lot with its parties as given (companies named, natural persons masked). */
export function debtorNoticeText(facts: NoticeFacts): string {
  return [
    "债权转让通知暨催收公告",
    "Notice of Assignment and Demand for Payment",
    `编号 No.: ${facts.number} · 发布日期 Published: ${facts.publishedOn}`,
    "",
    demandZh(facts.seller, facts.buyer),
    demandEn(facts.seller, facts.buyer),
    "",
    ...facts.claims.flatMap((claim, i) => [`${i + 1}.`, ...claimLines(claim, facts.currency), ""]),
    "特此公告。 This notice is given and payment demanded accordingly.",
    `转让方 Assignor: ${facts.seller}`,
    `受让方 Assignee: ${facts.buyer}`,
  ].join("\n");
}

/** The letter to one debtor, named in full, with the claims it owes on. */
export function debtorLetterText(facts: NoticeFacts, debtor: { name: string; claims: readonly NoticeClaim[] }): string {
  return [
    "债权转让通知书",
    "Notice of Assignment",
    `编号 No.: ${facts.number} · ${facts.publishedOn}`,
    "",
    `致 To: ${debtor.name}`,
    "",
    demandZh(facts.seller, facts.buyer),
    demandEn(facts.seller, facts.buyer),
    "",
    ...debtor.claims.flatMap((claim) => [...claimLines(claim, facts.currency), ""]),
    `转让方 Assignor: ${facts.seller}`,
    `受让方 Assignee: ${facts.buyer}`,
  ].join("\n");
}
