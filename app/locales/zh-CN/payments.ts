import type { PaymentsMessages } from "../en/payments";

/** 支付：保证金、缴纳方式及其去向。 */
const paymentsZh: PaymentsMessages = {
  payments: {
    status: {
      required: "待缴纳",
      pending: "待缴纳",
      held: "已冻结",
      applied: "已抵作价款",
      released: "已解冻退还",
      forfeited: "已没收",
      failed: "支付失败",
      expired: "未缴纳",
    },
    none: "无需保证金",
    partly: "应缴 {{expected}}，已到账 {{received}}",
    payHeading: "待缴保证金",
    payIntro:
      "请从贵机构本名账户将保证金转入平台监管账户，并准确填写付款附言：平台据此识别款项归属。保证金全额到账后方可审核通过；未成交者的保证金在竞价结束后 24 小时内退还。",
    payFor: "项目：“{{title}}”",
    amount: "金额",
    bank: "开户行",
    accountName: "户名",
    accountNumber: "账号",
    reference: "付款附言",
    referenceHint: "请填写在转账的附言或用途栏。缺少附言的款项无法匹配。",
  },
};

export default paymentsZh;
