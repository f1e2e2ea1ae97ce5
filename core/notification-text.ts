import type { NotificationKind } from "./enums";
import { formatMoney } from "./money";
import { formatDateTime } from "./time";

/**
 * What each notification says, in each language the platform speaks: one text for the in-app list
 * and the e-mail alike. A kind that ends in a decision (approved or not, upheld or dismissed, who
 * signed) has a sentence for each.
 */
export const notificationLocales = ["en", "zh-CN"] as const;
export type NotificationLocale = (typeof notificationLocales)[number];

const sentences = {
  en: {
    announcement_published: "A disposal announcement was published: {{title}}.",
    registration_decided_approve: "Your registration for “{{title}}” was approved. Your bidder code is {{bidderCode}}.",
    registration_decided_reject: "Your registration for “{{title}}” was not approved.",
    bidding_opened: "Bidding has opened on “{{title}}”.",
    objection_upheld: "An objection to “{{title}}” was upheld; the listing is suspended.",
    objection_decided_uphold: "Your objection to “{{title}}” was upheld.",
    objection_decided_dismiss: "Your objection to “{{title}}” was dismissed.",
    listing_returned: "“{{title}}” was returned for changes.",
    listing_approved: "“{{title}}” was approved.",
    review_requested: "“{{title}}” was submitted for review.",
    listing_suspended: "“{{title}}” has been suspended.",
    listing_resumed: "“{{title}}” has resumed.",
    listing_withdrawn: "“{{title}}” has been withdrawn.",
    designated_commitment_requested: "You are named as the designated investor of “{{title}}”: review it and commit your floor.",
    registration_extended: "Registration for “{{title}}” was extended once: too few bidders had registered.",
    offer_received: "A new offer was made in the negotiation on “{{title}}”.",
    offer_accepted: "An offer was accepted in the negotiation on “{{title}}”: the listing is awarded.",
    runner_up_offered: "The winner of “{{title}}” defaulted: you are offered the lot at your own last bid.",
    best_and_final_invited: "You are shortlisted for the best-and-final round of “{{title}}”: submit your final sealed bid.",
    question_asked: "A bidder asked a question about “{{title}}”: answer it in its data room.",
    question_answered: "The seller answered a question about “{{title}}”: every bidder sees the answer.",
    deposit_held: "Your deposit of {{amount}} for “{{title}}” has arrived in full and is held in escrow.",
    deposit_released:
      "Your deposit of {{amount}} for “{{title}}” is released: the platform transfers it back to the account it came from.",
    deposit_forfeited: "Your deposit of {{amount}} for “{{title}}” is forfeited: the winner's obligations were not met.",
    refund_sent: "{{amount}} for “{{title}}” was sent back to you (bank reference {{reference}}).",
    auction_won:
      "You won “{{title}}” at {{amount}}. Pay the balance of {{balance}} by {{due}}, quoting {{reference}}: the listing's page has the account.",
    auction_lost: "“{{title}}” has closed and was awarded to another bidder. Your deposit goes back within 24 hours.",
    listing_sold: "“{{title}}” sold at {{amount}}. The buyer's balance is due within the period the announcement set.",
    balance_reminder: "The balance of {{amount}} for “{{title}}” is due by {{due}}. Quote {{reference}} on the transfer.",
    balance_paid: "The balance for “{{title}}” is paid in full: your deposit counts towards the price of {{amount}}.",
    agreement_signed_buyer: "The buyer signed the transfer agreement for “{{title}}”: read it and sign it for the seller.",
    agreement_signed_seller:
      "The seller signed the transfer agreement for “{{title}}”: read it and sign it for your organisation.",
    handover_delivered: "The seller handed over an item of “{{title}}”: confirm it on the hand-over checklist once you have it.",
    sale_completed: "The sale of “{{title}}” is complete: every file is handed over and the balance is paid.",
    debtor_notice_published:
      "The notice to the debtors of “{{title}}” is published (No. {{number}}): from today they are to pay you.",
    agreement_signed_both: "Both sides have signed the transfer agreement for “{{title}}”: the sale is contracted.",
    sign_in_failures:
      "{{failures}} sign-in attempts to your account failed in a row. If that was not you, tell the platform's operators; the attempts are slowed down and you can still sign in as usual.",
    listing_relisted: "“{{title}}” will be offered again as round {{round}}: its announcement follows.",
    outbid: "You have been outbid on “{{title}}”: the price is now {{amount}}.",
    auction_ending_60: "Bidding on “{{title}}” ends in an hour, at {{due}}.",
    auction_ending_10: "Bidding on “{{title}}” ends in 10 minutes, at {{due}}.",
    auction_extended: "Bidding on “{{title}}” was extended to {{due}}: a bid came in its last minutes.",
  },
  "zh-CN": {
    announcement_published: "新的处置公告已发布：{{title}}。",
    registration_decided_approve: "您对“{{title}}”的竞买报名已通过审核，竞买号为 {{bidderCode}}。",
    registration_decided_reject: "您对“{{title}}”的竞买报名未通过审核。",
    bidding_opened: "“{{title}}”已开始竞价。",
    objection_upheld: "针对“{{title}}”的异议成立，该标的已中止。",
    objection_decided_uphold: "您对“{{title}}”提出的异议成立。",
    objection_decided_dismiss: "您对“{{title}}”提出的异议不成立。",
    listing_returned: "“{{title}}”已退回修改。",
    listing_approved: "“{{title}}”已审批通过。",
    review_requested: "“{{title}}”已提交审批。",
    listing_suspended: "“{{title}}”已中止。",
    listing_resumed: "“{{title}}”已恢复。",
    listing_withdrawn: "“{{title}}”已撤回。",
    designated_commitment_requested: "您被指定为“{{title}}”的指定收购方：请查看并承诺底价。",
    registration_extended: "“{{title}}”的报名期已延长一次：报名竞买人不足。",
    offer_received: "“{{title}}”的协商中有新的报价。",
    offer_accepted: "“{{title}}”的协商报价已被接受：标的成交。",
    runner_up_offered: "“{{title}}”的买受人违约：您可按自己的最后出价受让该标的。",
    best_and_final_invited: "您已入围“{{title}}”的最终报价轮：请提交最终密封报价。",
    question_asked: "有竞买人就“{{title}}”提出了问题，请在其资料室中答复。",
    question_answered: "转让方答复了关于“{{title}}”的一个问题，所有竞买人均可看到该答复。",
    deposit_held: "您为“{{title}}”缴纳的保证金 {{amount}} 已全额到账，由平台监管账户冻结。",
    deposit_released: "您为“{{title}}”缴纳的保证金 {{amount}} 已解冻：平台将原路退回。",
    deposit_forfeited: "您为“{{title}}”缴纳的保证金 {{amount}} 已被没收：买受人义务未履行。",
    refund_sent: "“{{title}}”的 {{amount}} 已退还给您（银行流水号 {{reference}}）。",
    auction_won:
      "您以 {{amount}} 竞得“{{title}}”。请于 {{due}} 前支付余款 {{balance}}，付款附言 {{reference}}：收款账户见项目页面。",
    auction_lost: "“{{title}}”已结束，由其他竞买人竞得。您的保证金将在 24 小时内退还。",
    listing_sold: "“{{title}}”以 {{amount}} 成交。买受人须在公告规定的期限内支付余款。",
    balance_reminder: "“{{title}}”的余款 {{amount}} 须于 {{due}} 前付清。转账时请填写付款附言 {{reference}}。",
    balance_paid: "“{{title}}”的余款已全额付清：您的保证金已抵作价款 {{amount}}。",
    agreement_signed_buyer: "受让方已签署“{{title}}”的债权转让协议：请查阅并代表转让方签署。",
    agreement_signed_seller: "转让方已签署“{{title}}”的债权转让协议：请查阅并代表贵机构签署。",
    handover_delivered: "转让方已移交“{{title}}”的一项资料：收到后请在资料移交清单中确认。",
    sale_completed: "“{{title}}”的交易已完成：资料已全部移交，余款已付清。",
    debtor_notice_published: "“{{title}}”的债权转让通知暨催收公告已发布（编号 {{number}}）：自即日起债务人应向您清偿。",
    agreement_signed_both: "双方均已签署“{{title}}”的债权转让协议：本次交易已签约。",
    sign_in_failures:
      "您的账户连续 {{failures}} 次登录失败。如非本人操作，请告知平台运营人员；这些尝试已被放慢，您仍可照常登录。",
    listing_relisted: "“{{title}}”将作为第{{round}}轮再次挂牌，处置公告随后发布。",
    outbid: "您在“{{title}}”的出价已被超越，当前价 {{amount}}。",
    auction_ending_60: "“{{title}}”的竞价将于一小时后（{{due}}）结束。",
    auction_ending_10: "“{{title}}”的竞价将于 10 分钟后（{{due}}）结束。",
    auction_extended: "“{{title}}”临近结束时有人出价，竞价延长至 {{due}}。",
  },
} as const satisfies Record<NotificationLocale, Record<string, string>>;

const someListing: Record<NotificationLocale, string> = { en: "a listing", "zh-CN": "某标的" };

export type SentenceKey = keyof (typeof sentences)["en"];

/** The sentence a notification takes: its kind, refined by the decision or the signing side where it has one. */
export function sentenceKey(kind: NotificationKind, params: Record<string, string>): SentenceKey {
  if (kind === "registration_decided")
    return params.decision === "approve" ? "registration_decided_approve" : "registration_decided_reject";
  if (kind === "objection_decided")
    return params.decision === "uphold" ? "objection_decided_uphold" : "objection_decided_dismiss";
  if (kind === "agreement_signed") {
    if (params.complete === "yes") return "agreement_signed_both";
    return params.party === "seller" ? "agreement_signed_seller" : "agreement_signed_buyer";
  }
  if (kind === "auction_ending") return params.minutes === "10" ? "auction_ending_10" : "auction_ending_60";
  return kind;
}

/** A language the platform speaks for this reader: its own where it has chosen one, English otherwise. */
export const notificationLocaleOf = (locale: string | null | undefined): NotificationLocale =>
  locale?.startsWith("zh") ? "zh-CN" : "en";

/**
 * A notification as a sentence in the reader's language: money (minor units with the currency in
 * the params) and times written as that reader writes them, the listing's title quoted.
 */
export function notificationSentence(input: {
  kind: NotificationKind;
  params: Record<string, string>;
  title: string | null;
  locale: NotificationLocale;
}): string {
  const { params, locale } = input;
  const money = (value?: string) => (value && params.currency ? formatMoney(value, params.currency, locale) : undefined);
  const values: Record<string, string | undefined> = {
    ...params,
    title: input.title ?? someListing[locale],
    amount: money(params.amount) ?? params.amount,
    balance: money(params.balance) ?? params.balance,
    due: params.due ? formatDateTime(params.due, locale) : undefined,
  };
  const template: string = sentences[locale][sentenceKey(input.kind, params)];
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

const mailWords: Record<NotificationLocale, { subject: string; open: string; footer: string }> = {
  en: {
    subject: "nplex · {{title}}",
    open: "Open it on nplex: {{link}}",
    footer: "You receive this because you have an account at nplex. Every notification is also in the app.",
  },
  "zh-CN": {
    subject: "nplex · {{title}}",
    open: "在 nplex 查看：{{link}}",
    footer: "您收到此邮件是因为您在 nplex 开有账户。所有通知均可在平台内查看。",
  },
};

/** A notification as an e-mail in the reader's language: a subject naming the listing, the sentence, and a link to it. */
export function mailText(input: Parameters<typeof notificationSentence>[0] & { link: string }) {
  const words = mailWords[input.locale];
  const title = input.title ?? someListing[input.locale];
  return {
    subject: words.subject.replace("{{title}}", title),
    text: [notificationSentence(input), "", words.open.replace("{{link}}", input.link), "", "--", words.footer].join("\n"),
  };
}
