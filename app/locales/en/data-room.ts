import type { Messages } from "../messages";

/** English messages for data rooms: documents by tier, their downloads and who opened them. */
const dataRoomEn = {
  dataRoom: {
    title: "Data room",
    open: "Data room",
    sellerIntro:
      "The files bidders read before they bid. Each is checked by its content and kept with its SHA-256; a PDF an investor downloads carries its organisation, its user and the time.",
    listingIntro:
      "Documents about this lot, by who may open them. Every file is checked by its content; its SHA-256 lets you confirm your copy.",
    rooms: { asset: "Asset", package: "Package", listing: "Listing" },
    tier: { public: "Public", registered: "Registered bidders", nda: "NDA accepted" },
    tierHelp: {
      public: "Anyone, once the listing is announced: announcement attachments and photos.",
      registered: "Bidders approved to bid on a listing of it.",
      nda: "Approved bidders who accepted the NDA: loan files and the tape.",
    },
    upload: {
      heading: "Add a document",
      title: "Title",
      tier: "Who may open it",
      file: "File",
      fileHint: "A PDF, a PNG or JPEG photo, an XLSX, a DOCX or a CSV, up to 25 MB.",
      cover: "Show it as the cover photo (a public PNG or JPEG)",
      submit: "Upload",
      done: "“{{title}}” is in the data room.",
    },
    col: { title: "Document", tier: "Who may open it", type: "Type", size: "Size", sha256: "SHA-256", added: "Added" },
    caption_one: "{{count}} document",
    caption_other: "{{count}} documents",
    empty: "No documents yet.",
    cover: "Cover photo",
    download: "Download",
    view: "View",
    remove: "Remove",
    removed: "The document is out of the data room (its record is kept).",
    fromRoom: "from the {{room}}",
    locked_one: "{{count}} more document for “{{tier}}”.",
    locked_other: "{{count}} more documents for “{{tier}}”.",
    lockedHint: {
      registered: "Register to bid and be approved to open them.",
      nda: "Register, accept the NDA and be approved to open them.",
    },
    watermarkNote: "PDFs you download carry your organisation, your name and the time.",
    tape: {
      intro: "The package's loans, one a row, with the borrowers and guarantors in full (you accepted the NDA):",
      xlsx: "Loan tape (XLSX)",
      csv: "Loan tape (CSV)",
      logTitle: "Loan tape",
    },
    qa: {
      heading: "Questions and answers",
      intro:
        "Approved bidders ask the seller here. Each answer is published to every approved bidder at once; who asked is not shown.",
      list: "Questions, oldest first",
      empty: "No questions yet.",
      mine: "Your question",
      awaiting: "Awaiting the seller's answer.",
      answered: "The seller answered on {{at}}:",
      askLabel: "Your question to the seller",
      askHint: "Every approved bidder will read the answer; your name is not shown to them.",
      askSubmit: "Ask the seller",
      asked: "Your question was sent to the seller. You will be notified of the answer.",
      askRefused: "The question could not be sent: write 5 to 2,000 characters, while bidding has not ended.",
      answerLabel: "Answer (published to every approved bidder)",
      answerSubmit: "Publish the answer",
      answerDone: "The answer is published to every approved bidder.",
      answerRefused: "The answer could not be published: write 2 to 4,000 characters. A question is answered once.",
    },
    access: {
      heading: "Who opened what",
      intro:
        "Bidders appear by their bidder codes, other signed-in investors as visitors, until the sale's outcome is decided; then by name.",
      empty: "Nobody has opened a document of this listing yet.",
      caption_one: "{{count}} opening, newest first",
      caption_other: "{{count}} openings, newest first",
      col: { at: "When", reader: "Who", document: "Document", action: "What" },
      bidder: "Bidder {{code}}",
      seller: "Seller's staff",
      visitor: "Visitor",
      operator: "Operator",
      action: { view: "Viewed", download: "Downloaded" },
      watermarkedAction: "{{action}} (watermarked copy)",
    },
    errors: {
      generic: "The document could not be kept.",
      UNSUPPORTED_MEDIA_TYPE:
        "This file is none of the kinds a data room keeps: a PDF, a PNG or JPEG photo, an XLSX, a DOCX or a CSV.",
      PAYLOAD_TOO_LARGE: "The file is larger than 25 MB.",
      VALIDATION_FAILED: "Check the title, who may open it, and the file.",
      DOCUMENT_LOCKED:
        "A listing under review or public shows this document: bidders may have read it, so it stays until that listing ends or returns to draft.",
      NOT_FOUND: "This document is no longer in the data room.",
    },
  },
};

export default dataRoomEn;
export type DataRoomMessages = Messages<typeof dataRoomEn>;
