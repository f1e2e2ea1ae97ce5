/** 密封竞价与指定收购：起草、承诺，以及投资人看到的说明。 */
const saleModesZh = {
  designated: {
    badge: "指定收购承诺",
    commit: {
      title: "以指定收购方身份承诺",
      intro:
        "{{seller}}指定贵机构为本次处置的指定收购方。在公告发布前，您须承诺以起拍价（即底价）受让并缴纳保证金；运营人员将像审核其他竞买人一样对您进行资格审查。",
      heading: "您的承诺",
      explain: "作出承诺即表示：如无其他合格竞买人，您将按以下底价向{{seller}}受让该标的。底价即公开的起拍价。",
      floor: "底价（起拍价）",
      stepReview: "卖方委员会审议该标的；运营人员确认您的保证金并批准您的承诺。",
      stepExtend: "处置公告公开发布。报名截止时如其他报名竞买人少于两名，报名期延长一次，为 3 个工作日。",
      stepAlone: "如仍无其他人报名，您将按底价受让，不进行现场竞价。",
      stepAuction: "否则将以底价起拍进行公开竞价，您可与其他人一样出价。",
      accept: "本人承诺：如无其他合格竞买人，按此底价受让；本人知悉承诺一经作出不可撤回。",
      submit: "承诺底价",
    },
    invitations: {
      heading: "待您承诺的指定收购",
      ask: "{{seller}}指定贵机构为指定收购方，底价为",
      review: "查看并承诺",
    },
    form: {
      tenderPricing: "竞价定价方式",
      tenderPricingHint: "中标人支付的价格：其本人出价，或次高出价（不低于保留价和起拍价）。",
      firstPrice: "第一价格：中标人按本人出价支付",
      secondPrice: "第二价格：中标人按次高出价支付",
      investor: "指定收购方",
      investorHint: "须在提交审核前由其在本方账户中承诺底价，底价须等于本起拍价。",
      chooseInvestor: "选择投资机构",
    },
    workspace: {
      investor: "指定收购方",
      commitment: "承诺情况",
      notCommitted: "尚未承诺：须由投资方在提交审核前在其账户中作出承诺。",
      commitment_pending: "已于 {{at}} 承诺底价 {{floor}}；待运营人员批准",
      commitment_approved: "已于 {{at}} 承诺底价 {{floor}}；已批准",
      commitment_rejected: "已于 {{at}} 承诺底价 {{floor}}；未获批准",
      commitment_withdrawn: "已于 {{at}} 承诺底价 {{floor}}；已撤回",
      extended: "报名期已延长",
    },
    guide: {
      heading_designated: "指定收购并处置：本次交易规则",
      heading_tender: "密封竞价：本次交易规则",
      whatNext: "接下来",
      nowAnnounced: "已有投资方承诺：如无他人出价，将按起拍价 {{floor}} 受让。您可在 {{until}} 前报名竞买。",
      extendOnce: "报名截止时，如其他报名竞买人少于两名，报名期延长一次，为 3 个工作日。",
      extended: "因报名竞买人不足，报名期已于 {{at}} 延长一次，现于 {{until}} 截止。",
      alone: "如仍无其他人报名，由指定收购方按底价受让，不进行现场竞价。",
      auction: "否则公开竞价于 {{start}} 开始，指定收购方可与其他人一样出价。",
      nowLive: "以指定底价 {{floor}} 起拍的公开竞价；竞价于 {{end}} 结束，临近结束时的出价会延时。",
      noBids: "如无人出价，由指定收购方按底价受让。",
      boughtAtFloor: "指定收购方已按承诺底价 {{floor}} 受让该标的。",
    },
    tenderGuide: {
      now: "已报名的竞买人可在 {{deadline}} 前提交一份密封报价，并可替换。截止前任何人都看不到金额。",
      opening: "截止时所有报价同时开启，并连同承诺值一并公布，每位竞买人都可核对自己的回执。",
      firstPrice: "不低于保留价的最高报价中标，按本人报价支付；报价相同时先提交者优先。",
      secondPrice: "不低于保留价的最高报价中标，按次高报价支付（不低于保留价和起拍价）；报价相同时先提交者优先。",
    },
  },
};

export default saleModesZh;
