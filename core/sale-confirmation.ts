import { formatMoney } from "./money";

/**
 * The sale confirmation (成交确认书) issued at the close (docs/domain.md "Closing"): it names the
 * buyer, which the seller learns now, and states the price, the deposit counting towards it, the
 * balance and how and by when to pay it. Chinese and English line by line, like the agreement.
 */
export interface ConfirmationFacts {
  number: string;
  /** When bidding closed, as a Chinese and an English reader write it (the platform's time zone). */
  closedAt: string;
  closedAtEn: string;
  seller: string;
  buyer: string;
  bidderCode: string | null;
  listing: { titleEn: string | null; titleZh: string | null };
  price: bigint;
  currency: string;
  depositHeld: bigint;
  balanceDue: bigint;
  /** YYYY-MM-DD, the platform's day. */
  dueOn: string;
  /** The balance's payment reference, as the payer quotes it. */
  balanceReference: string;
}

export function confirmationText(facts: ConfirmationFacts): string {
  const zh = (amount: bigint) => formatMoney(amount, facts.currency, "zh-CN");
  const en = (amount: bigint) => formatMoney(amount, facts.currency, "en");
  const titleZh = facts.listing.titleZh ?? facts.listing.titleEn ?? "";
  const titleEn = facts.listing.titleEn ?? facts.listing.titleZh ?? "";
  const pairs: [zh: string, en: string][] = [
    [`标的：${titleZh}`, `Lot: ${titleEn}`],
    [`转让方：${facts.seller}`, `Seller: ${facts.seller}`],
    [
      `买受人：${facts.buyer}${facts.bidderCode ? `（竞买号 ${facts.bidderCode}）` : ""}`,
      `Buyer: ${facts.buyer}${facts.bidderCode ? ` (bidder ${facts.bidderCode})` : ""}`,
    ],
    [`成交时间：${facts.closedAt}`, `Closed: ${facts.closedAtEn}`],
    [`成交价：${zh(facts.price)}`, `Price: ${en(facts.price)}`],
    [
      `已交保证金：${zh(facts.depositHeld)}，余款付清后抵作价款`,
      `Deposit held: ${en(facts.depositHeld)}, counted towards the price once the balance is paid`,
    ],
    [`应付余款：${zh(facts.balanceDue)}，付款期限 ${facts.dueOn}`, `Balance due: ${en(facts.balanceDue)}, by ${facts.dueOn}`],
    [`付款附言：${facts.balanceReference}`, `Payment reference: ${facts.balanceReference}`],
  ];
  return [
    "成交确认书",
    "Sale Confirmation",
    `编号 No.: ${facts.number}`,
    "",
    ...pairs.flatMap(([c, e]) => [c, e, ""]),
    "买受人应于付款期限前将余款付至平台托管账户并签署债权转让协议；逾期未付的，保证金不予退还。",
    "The buyer pays the balance to the platform's escrow account, quoting the reference, and signs the transfer agreement by the due date; a buyer who does not pay forfeits its deposit.",
  ].join("\n");
}
