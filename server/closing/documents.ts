import type { Db } from "../../db/client";
import type { Principal } from "../../core/identity/access";
import { confirmationText } from "../../core/sale-confirmation";
import type { Clock } from "../clock";
import type { AgreementService } from "./agreements";
import { renderPdf } from "./pdf";
import { confirmationFactsOf, openSale } from "./sale-facts";

const stamp = (at: Date) => at.toISOString().replace("T", " ").slice(0, 19) + " UTC";

/**
 * The closing documents as PDFs for the buyer, the seller's people and operators: the sale
 * confirmation (成交确认书) and the transfer agreement with its signatures and digest.
 */
export function createClosingDocuments(deps: { db: Db; clock: Clock; agreements: AgreementService }) {
  const { db, clock, agreements } = deps;
  return {
    async confirmationPdf(principal: Principal, listingId: string) {
      const facts = await db.transaction(async (tx) => {
        const { listing, sale } = await openSale(tx, principal, listingId);
        return confirmationFactsOf(tx, listing, sale);
      });
      const [zh, en, ...lines] = confirmationText(facts).split("\n");
      const bytes = await renderPdf({
        title: [zh!, en!],
        lines,
        footer: `nplex · ${facts.number}`,
        info: { title: `成交确认书 Sale Confirmation ${facts.number}` },
        createdAt: clock.now(),
      });
      return { bytes, fileName: `${facts.number}.pdf` };
    },

    async agreementPdf(principal: Principal, listingId: string) {
      const view = await agreements.view(principal, listingId);
      const [zh, en, ...lines] = view.text.split("\n");
      const number = lines[0]?.replace(/^.*:\s*/, "") ?? view.listingId;
      const signed = view.signatures.map(
        (s) =>
          `${s.party === "seller" ? "转让方 Seller" : "受让方 Buyer"}: ${s.name} · ${stamp(s.signedAt)}${"ip" in s && s.ip ? ` · IP ${s.ip}` : ""}`,
      );
      const bytes = await renderPdf({
        title: [zh!, en!],
        lines,
        blocks: [
          { heading: "签署 Signatures", lines: signed.length ? signed : ["尚无人签署 Not signed yet"] },
          {
            heading: "文本摘要 Digest of the text",
            lines: [`SHA-256 ${view.sha256}`, `第 ${view.version} 版 Version ${view.version} · ${stamp(view.issuedAt)}`],
          },
        ],
        footer: `nplex · ${number} · v${view.version} · SHA-256 ${view.sha256.slice(0, 16)}…`,
        info: { title: `债权转让协议 Transfer Agreement ${number}` },
        createdAt: clock.now(),
      });
      return { bytes, fileName: `${number}-v${view.version}.pdf` };
    },
  };
}

export type ClosingDocuments = ReturnType<typeof createClosingDocuments>;
