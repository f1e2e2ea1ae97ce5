import type { DataRoomMessages } from "../en/data-room";

/** 资料室：按权限分级的文件、下载及查阅记录。 */
const dataRoomZh: DataRoomMessages = {
  dataRoom: {
    title: "资料室",
    open: "资料室",
    sellerIntro:
      "竞买人出价前查阅的文件。每个文件都按其内容核验类型，并保存 SHA-256 摘要；投资人下载的 PDF 带有其机构、用户和下载时间的水印。",
    listingIntro: "本标的的相关文件，按可查阅的范围列出。每个文件均按内容核验；可用 SHA-256 摘要核对您的副本。",
    rooms: { asset: "资产", package: "资产包", listing: "项目" },
    tier: { public: "公开", registered: "已报名竞买人", nda: "已签署保密协议" },
    tierHelp: {
      public: "项目公告后任何人可见：公告附件和照片。",
      registered: "报名获准参与该项目竞买的竞买人。",
      nda: "报名获准且已接受保密协议的竞买人：贷款档案和资产清单。",
    },
    upload: {
      heading: "添加文件",
      title: "标题",
      tier: "可查阅范围",
      file: "文件",
      fileHint: "PDF、PNG 或 JPEG 照片、XLSX、DOCX 或 CSV，不超过 25 MB。",
      cover: "设为封面照片（公开的 PNG 或 JPEG）",
      submit: "上传",
      done: "“{{title}}”已放入资料室。",
    },
    col: { title: "文件", tier: "可查阅范围", type: "类型", size: "大小", sha256: "SHA-256", added: "添加时间" },
    caption_one: "{{count}} 个文件",
    caption_other: "{{count}} 个文件",
    empty: "暂无文件。",
    cover: "封面照片",
    download: "下载",
    view: "查看",
    remove: "移除",
    removed: "文件已移出资料室（其记录仍保留）。",
    fromRoom: "来自{{room}}",
    locked_one: "另有 {{count}} 个文件仅限“{{tier}}”查阅。",
    locked_other: "另有 {{count}} 个文件仅限“{{tier}}”查阅。",
    lockedHint: {
      registered: "报名参与竞买并获批准后即可查阅。",
      nda: "报名、接受保密协议并获批准后即可查阅。",
    },
    watermarkNote: "您下载的 PDF 将带有您的机构、姓名和下载时间。",
    tape: {
      intro: "资产包的贷款明细，每笔一行，含借款人和担保人的完整信息（您已接受保密协议）：",
      xlsx: "贷款清单（XLSX）",
      csv: "贷款清单（CSV）",
      logTitle: "贷款清单",
    },
    access: {
      heading: "查阅记录",
      intro: "成交结果确定前，竞买人以竞买号显示；之后显示其名称。",
      empty: "尚无人查阅本项目的文件。",
      caption_one: "{{count}} 条查阅记录，最新的在前",
      caption_other: "{{count}} 条查阅记录，最新的在前",
      col: { at: "时间", reader: "查阅人", document: "文件", action: "操作" },
      bidder: "竞买号 {{code}}",
      seller: "转让方工作人员",
      operator: "平台运营人员",
      action: { view: "查看", download: "下载" },
      watermarked: "带水印副本",
    },
    errors: {
      generic: "文件未能保存。",
      UNSUPPORTED_MEDIA_TYPE: "资料室只接收 PDF、PNG 或 JPEG 照片、XLSX、DOCX 或 CSV 文件，此文件不属于其中任何一种。",
      PAYLOAD_TOO_LARGE: "文件超过 25 MB。",
      VALIDATION_FAILED: "请检查标题、可查阅范围和文件。",
      DOCUMENT_LOCKED: "该文件所在的项目正在审核或已公开：竞买人可能已经查阅，因此在该项目结束或退回草稿前不能移除。",
      NOT_FOUND: "该文件已不在资料室中。",
    },
  },
};

export default dataRoomZh;
