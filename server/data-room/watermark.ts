import { degrees, PDFDocument, rgb, StandardFonts } from "@cantoo/pdf-lib";

/** Who took a copy, and when: stamped on every page of a PDF an investor downloads. */
export interface Stamp {
  organisation: { id: string; name: string };
  user: { email: string };
  at: Date;
  /** The access log's entry for this copy, so a leaked copy leads back to it. */
  accessId: string;
}

/**
 * The PDF's standard fonts write Latin text only (WinAnsi): a Chinese organisation name is stamped
 * by its reference instead, and kept in full in the document's metadata, which holds any script.
 */
function stampable(text: string, fallback: string): string {
  return /^[\u0020-\u007e\u00a0-\u00ff]+$/.test(text) ? text : fallback;
}

export function stampLine(stamp: Stamp): string {
  const organisation = stampable(stamp.organisation.name, `organisation ${stamp.organisation.id.slice(0, 8)}`);
  const at = `${stamp.at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return `${organisation} / ${stampable(stamp.user.email, "user")} / ${at} / copy ${stamp.accessId.slice(0, 8)}`;
}

/** The PDF with the stamp across each page (faint, diagonal) and along its foot (small, legible). */
export async function watermarkPdf(data: Uint8Array, stamp: Stamp): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(data, { updateMetadata: false });
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const line = stampLine(stamp);
  for (const page of pdf.getPages()) {
    const { width, height } = page.getSize();
    const size = Math.max(8, Math.min(18, (Math.hypot(width, height) * 0.8) / Math.max(1, font.widthOfTextAtSize(line, 1))));
    const across = font.widthOfTextAtSize(line, size);
    const angle = Math.atan2(height, width);
    page.drawText(line, {
      x: width / 2 - (Math.cos(angle) * across) / 2,
      y: height / 2 - (Math.sin(angle) * across) / 2,
      size,
      font,
      color: rgb(0.55, 0.55, 0.55),
      opacity: 0.3,
      rotate: degrees((angle * 180) / Math.PI),
    });
    page.drawText(`Confidential - ${line}`, { x: 24, y: 12, size: 7, font, color: rgb(0.35, 0.35, 0.35), opacity: 0.8 });
  }
  pdf.setSubject(`Copy for ${stamp.organisation.name} (${stamp.user.email}), ${stamp.at.toISOString()}, copy ${stamp.accessId}`);
  pdf.setKeywords(["nplex", stamp.organisation.name, stamp.user.email, stamp.accessId]);
  return pdf.save();
}
