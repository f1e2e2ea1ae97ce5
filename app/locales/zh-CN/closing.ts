import type { ClosingMessages } from "../en/closing";

/** 成交后的交割：债权转让协议及其签署。 */
const closingZh: ClosingMessages = {
  closing: {
    agreement: {
      title: "债权转让协议",
      intro:
        "依据成交结果生成的转让方与受让方之间的协议。双方在此签署；平台记录每位签署人的姓名、时间、IP 地址及所签文本的摘要。",
      version: "第 {{version}} 版，生成于 {{date}}",
      digest: "文本 SHA-256 摘要",
      textHeading: "协议文本",
      signaturesHeading: "签署情况",
      noSignatures: "本版本尚无人签署。",
      colParty: "签署方",
      colName: "签署人",
      colWhen: "时间",
      colIp: "IP 地址",
      party: { seller: "转让方", buyer: "受让方" },
      partyInSentence: { seller: "转让方", buyer: "受让方" },
      signHeading: "代表{{party}}签署",
      signIntro: "请输入您的全名。签署即表示贵机构接受上方文本的全部内容；文本如有改动，您的签署即失效，需重新签署。",
      name: "您的全名",
      read: "本人已阅读本协议，并代表本机构签署",
      sign: "签署协议",
      signed: "您的签署已记录。",
      complete: "双方均已签署：本次交易已签约。",
      waitingFor: "等待{{party}}签署。",
      signedBoth: "双方均已签署。",
      yourSideSigned: "您方已签署。",
      readOnly: "您可以查阅本协议；只有转让方管理员和受让方可以签署。",
      dueBy: "请于 {{date}} 前完成签署并付清余款。",
      link: "查阅并签署债权转让协议",
      pdf: "下载协议 PDF",
      confirmationPdf: "成交确认书（PDF）",
      linkRead: "查阅债权转让协议",
      cardHeading: "交割",
      cardIntro: {
        awarded: "受让方与转让方管理员签署债权转让协议；受让方须于付款期限内付清余款。",
        contracted: "协议已由双方签署，等待受让方付清余款。",
        paid: "协议已签署，余款已付清。转让方移交资料后，由运营人员确认交割完成。",
        closed: "交易已完成。",
      },
      errors: {
        generic: "操作未能完成。",
        AGREEMENT_CHANGED: "您阅读期间协议已变更。请重新阅读下方文本后再签署。",
        ALREADY_SIGNED: "您方已签署本协议。",
        FORBIDDEN: "只有转让方管理员和受让方可以签署债权转让协议。",
        INVALID_TRANSITION: "该协议已不能签署。",
        VALIDATION_FAILED: "请输入您的全名以签署。",
      },
    },
  },
};

export default closingZh;
