import type { Messages } from "../messages";

/** English messages for closing a sale: the transfer agreement and its signatures. */
const closingEn = {
  closing: {
    agreement: {
      title: "Transfer agreement",
      intro:
        "The agreement between the seller and the buyer, written from the sale. Both sides sign it here; the platform records each signer's name, the time, the IP address and the digest of the text signed.",
      version: "Version {{version}}, issued {{date}}",
      digest: "SHA-256 of the text",
      textHeading: "The text",
      signaturesHeading: "Signatures",
      noSignatures: "Nobody has signed this version yet.",
      colParty: "Side",
      colName: "Signed as",
      colWhen: "When",
      colIp: "IP address",
      party: { seller: "Seller", buyer: "Buyer" },
      partyInSentence: { seller: "the seller", buyer: "the buyer" },
      signHeading: "Sign for {{party}}",
      signIntro:
        "Type your full name. Signing binds your organisation to the text above, exactly as it is: if it changes, your signature lapses and you are asked again.",
      name: "Your full name",
      read: "I have read the agreement and sign it for my organisation",
      sign: "Sign the agreement",
      signed: "Your signature is recorded.",
      complete: "Both sides have signed: the sale is contracted.",
      waitingFor: "Waiting for {{party}} to sign.",
      signedBoth: "Both sides have signed.",
      yourSideSigned: "Your side has signed.",
      readOnly: "You may read this agreement; only the seller's admin and the buyer sign it.",
      dueBy: "To be signed, and the balance paid, by {{date}}.",
      link: "Read and sign the transfer agreement",
      pdf: "The agreement as PDF",
      confirmationPdf: "Sale confirmation (PDF)",
      linkRead: "Read the transfer agreement",
      cardHeading: "Closing",
      cardIntro: {
        awarded: "The buyer and the seller's admin sign the transfer agreement; the buyer pays the balance by its due date.",
        contracted: "The agreement is signed by both sides; the buyer's balance is awaited.",
        paid: "The agreement is signed and the balance paid. The seller hands over the files and notifies the debtors; the buyer's confirmation of the last file completes the sale.",
        closed: "The sale is complete.",
      },
      errors: {
        generic: "That could not be done.",
        NOT_DELIVERED: "The seller has not marked this item delivered yet.",
        AGREEMENT_CHANGED: "The agreement changed while you were reading it. Read the text below again, then sign.",
        ALREADY_SIGNED: "Your side has already signed this agreement.",
        FORBIDDEN: "Only the seller's admin and the buyer sign the transfer agreement.",
        INVALID_TRANSITION: "The agreement can no longer be signed.",
        VALIDATION_FAILED: "Type your full name to sign.",
      },
    },
    notice: {
      title: "Notice to the debtors",
      intro:
        "The notice of the assignment to the borrowers and guarantors, with the demand that they pay the buyer. An assignment binds a debtor once it is notified; a notice that demands payment also interrupts the limitation period, so its date is recorded. Companies are named; natural persons are masked here, and named in full only in the letters the seller serves.",
      published: "Published {{date}} · No. {{number}}",
      pdf: "The notice as PDF",
      letters: "Letters to each debtor, names in full (PDF)",
      lettersHint: "For the seller to serve on each borrower and guarantor. Opening them is recorded.",
      publishHeading: "Publish the notice",
      publishIntro:
        "Once published, the notice is public on the listing's page and cannot be withdrawn; the date of publication is recorded.",
      publish: "Publish the notice to the debtors",
      publishedNow: "The notice is published.",
      link: "Notice to the debtors",
    },
    handover: {
      title: "Hand-over",
      intro:
        "What the seller delivers to the buyer: the originals every claim's file has and the documents of the lot's data room. The seller ticks each item delivered once the agreement is signed; the buyer confirms each received. The buyer's last confirmation, with the balance paid, completes the sale.",
      link: "The hand-over checklist",
      kind: {
        original_contracts: "Original loan, guarantee and security contracts",
        security_certificates: "Certificates of the security registered (mortgages, pledges)",
        litigation_files: "Litigation and enforcement files: judgments, rulings, case records",
        collection_records: "Collection records and correspondence with the debtors",
      },
      caption: "The items to hand over, in order",
      colItem: "Item",
      colDelivered: "Delivered",
      colConfirmed: "Received",
      deliver: "Mark delivered",
      deliverName: "Mark delivered: {{item}}",
      confirm: "Confirm received",
      confirmName: "Confirm received: {{item}}",
      pending: "Not yet",
      progress: "{{confirmed}} of {{total}} items confirmed received",
      addHeading: "Add an item",
      addLabel: "What you will deliver",
      add: "Add to the checklist",
      added: "The item is on the checklist.",
      delivered: "Marked delivered.",
      confirmed: "Confirmed received.",
      closed: "Every item is received and the balance is paid: the sale is complete.",
      waitForAgreement: "Items are handed over once both sides have signed the transfer agreement.",
    },
  },
};

export default closingEn;
export type ClosingMessages = Messages<typeof closingEn>;
