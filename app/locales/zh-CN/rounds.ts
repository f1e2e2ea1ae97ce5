import type { RoundsMessages } from "../en/rounds";

/** 中文: the same keys as rounds.en.ts. */
const roundsZh: RoundsMessages = {
  rounds: {
    roundBadge: "第{{round}}轮",
    next: {
      relistHeading: "重新挂牌为第{{round}}轮",
      relistIntro:
        "本次拍卖已流拍。您可在{{deadline}}之前将其重新挂牌为第{{round}}轮，起拍价较上一轮的{{previous}}降幅不超过{{cut}}%：最低起拍价为{{lowest}}。",
      relistHow:
        "在上述限度内的重新挂牌无需再次审批：提交后即为已审批，等待运营人员发布处置公告，公告期短于首次挂牌。公告期满后开始竞价。",
      fixedHeading: "以变卖价格出售",
      fixedIntro: "该标的已流拍{{failed}}轮。您可在{{deadline}}之前以上一轮起拍价{{price}}进行变卖，变卖期至{{offerEnds}}止。",
      fixedHow:
        "运营人员发布公告后，第一位按全价承接的已登记竞买人即取得该标的，除非其他竞买人在随后{{hours}}小时内出更高价。至{{offerEnds}}仍无人承接的，变卖终止。",
      fixedFigures: "加价幅度{{increment}}、保证金{{deposit}}，与上一轮相同。",
      noneHeading: "不能再挂牌",
      none: {
        RELIST_TOO_LATE: "该流拍项目的重新挂牌期限已于{{deadline}}届满。",
        NO_FURTHER_ROUND: "变卖无人承接的，该标的的挂牌轮次即告结束。",
        NOT_FAILED: "只有流拍的项目才能进入下一轮。",
        ALREADY_RELISTED: "该项目已有下一轮。",
      },
      followedBy: "已进入第{{round}}轮（{{status}}）。",
      openNext: "打开第{{round}}轮",
      follows: "该标的的第{{round}}轮，接续流拍的第{{previous}}轮。",
      openPrevious: "打开流拍的一轮",
      notYours: "只有卖方管理员和经办人员可以重新挂牌。",
      startingPrice: "起拍价（{{unit}}）",
      startingPriceHint: "不低于{{lowest}}，不高于{{previous}}。",
      increment: "加价幅度（{{unit}}）",
      incrementHint: "不超过起拍价的10%。",
      deposit: "保证金（{{unit}}）",
      depositHint: "为起拍价的5%至20%。",
      startsAt: "竞价开始（北京时间）",
      startsAtHint: "如届时公告期尚未届满，将顺延至公告期满。",
      endsAt: "竞价结束（北京时间）",
      endsAtHint: "至少在开始后24小时。",
      relistButton: "重新挂牌为第{{round}}轮",
      confirmRelistTitle: "将“{{title}}”重新挂牌为第{{round}}轮？",
      confirmRelistBody:
        "系统将按您填写的数值由本项目生成一个新项目，交由运营人员发布公告。流拍的一轮保留记录，并通知关注过该轮的用户。",
      offerButton: "以变卖价格出售",
      confirmOfferTitle: "以{{price}}变卖“{{title}}”？",
      confirmOfferBody: "系统将生成第{{round}}轮变卖，交由运营人员发布公告。变卖无人承接的，不能再次挂牌。",
      done: "第{{round}}轮已生成，等待运营人员发布处置公告。",
    },
    errors: {
      NOT_FAILED: "只有流拍的项目才能重新挂牌。",
      RELIST_TOO_LATE: "重新挂牌期限已于{{deadline}}届满。",
      START_CUT_TOO_DEEP: "起拍价较上一轮降幅不得超过{{cut}}%：不低于{{lowest}}。",
      START_RAISED: "下一轮的起拍价不得高于流拍的一轮。",
      FIXED_PRICE_DUE: "第二次流拍后，该标的应以变卖方式出售。",
      FIXED_PRICE_NOT_DUE: "变卖须在第二次流拍之后进行。",
      ALREADY_RELISTED: "该项目已有下一轮。请刷新页面查看。",
      NO_FURTHER_ROUND: "变卖无人承接的，该标的的挂牌轮次即告结束。",
      FORBIDDEN: "只有卖方管理员和经办人员可以重新挂牌。",
    },
    history: {
      heading: "该标的此前各轮",
      caption_one: "此前{{count}}轮",
      caption_other: "此前{{count}}轮",
      colRound: "轮次",
      colMode: "处置方式",
      colStart: "起拍价",
      colOutcome: "结果",
      colClosed: "结束时间",
      colLink: "项目",
      open: "查看第{{round}}轮",
      outcome: {
        no_bids: "流拍：无人出价",
        reserve_not_met: "流拍：未达保留价",
        sold: "成交",
        designated_floor: "按指定收购底价成交",
        none: "流拍",
      },
      nextAnnounced: "该标的已作为第{{round}}轮（{{mode}}）再次挂牌。",
      nextComing: "该标的将作为第{{round}}轮再次挂牌：处置公告将在此发布。",
      openNext: "打开第{{round}}轮",
    },
    fixedPrice: {
      heading: "变卖",
      announced:
        "自{{start}}起，第一位按变卖价{{price}}承接的已登记竞买人即取得该标的，除非其他竞买人在随后{{hours}}小时内出更高价。至{{end}}仍无人承接的，变卖终止。",
      announcedNow: "现在：请登记参与，保证金为{{deposit}}。变卖期间均可登记。",
      open: "按变卖价承接：第一位承接人开启{{hours}}小时的加价期，其他竞买人可在此期间出更高价。",
      openNext: "尚无人承接。变卖期至{{end}}止，届时仍无人承接的，变卖终止。",
      taken: "已按{{price}}承接：其他竞买人可在{{end}}之前出更高价。",
      best: "当前最高价为{{current}}，竞买号{{code}}。",
      takenNext: "每次加价须为{{increment}}的整数倍；最后几分钟内的出价会使结束时间顺延。加价期结束时，最高出价者取得该标的。",
      sold: "已以{{price}}成交，买受人竞买号{{code}}。",
      lapsed: "变卖终止：无人按变卖价承接。",
      takeButton: "以{{amount}}承接",
    },
    event: {
      listing: {
        relisted: "作为下一轮生成",
        next_round: "已进入下一轮",
      },
    },
  },
};

export default roundsZh;
