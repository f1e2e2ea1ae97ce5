import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

/**
 * The closing documents as PDF (pdfkit), in Chinese and English: Noto Sans SC is embedded (only the
 * glyphs used), so every reader sees the same characters whatever fonts its machine has.
 */

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
/** Read once per process: each face is about 10 MB. */
function fontFaces() {
  fonts ??= {
    regular: readFileSync(require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf")),
    bold: readFileSync(require.resolve("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf")),
  };
  return fonts;
}

export interface PdfDocumentText {
  /** The document's title lines (Chinese, then English), printed large. */
  title: readonly string[];
  /**
   * The body: one paragraph per line; an empty line is a gap; a line with " | " is a row of a table;
   * "\f" starts a new page whose next two lines are its title (a letter after a letter).
   */
  lines: readonly string[];
  /** Blocks after the body, each with a heading: signatures, the digest. */
  blocks?: readonly { heading: string; lines: readonly string[] }[];
  /** Printed at the foot of every page with its number: the document's number and what identifies it. */
  footer: string;
  /** The PDF's own metadata. */
  info: { title: string; subject?: string };
  /** When the document was produced (the server's clock): the PDF's creation date. */
  createdAt: Date;
}

const margin = 56;

/** Renders the text into an A4 PDF and resolves with its bytes. */
export function renderPdf(doc: PdfDocumentText): Promise<Buffer> {
  const faces = fontFaces();
  const pdf = new PDFDocument({
    size: "A4",
    margins: { top: margin, bottom: margin + 14, left: margin, right: margin },
    bufferPages: true,
    // Every value set: pdfkit derives the file's id from them all.
    info: {
      Title: doc.info.title,
      ...(doc.info.subject ? { Subject: doc.info.subject } : {}),
      Creator: "nplex",
      Producer: "nplex",
      CreationDate: doc.createdAt,
    },
  });
  pdf.registerFont("regular", faces.regular);
  pdf.registerFont("bold", faces.bold);
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  const width = pdf.page.width - 2 * margin;
  const title = (lines: readonly string[]) => {
    lines.forEach((line, i) =>
      pdf
        .font("bold")
        .fontSize(i === 0 ? 18 : 13)
        .fillColor("#000")
        .text(line, { align: "center", width }),
    );
    pdf.moveDown(1);
  };
  title(doc.title);
  let titled: string[] | null = null;
  for (const line of doc.lines) {
    if (titled) {
      titled.push(line);
      if (titled.length === 2) {
        title(titled);
        titled = null;
      }
    } else if (line === "\f") {
      pdf.addPage();
      titled = [];
    } else if (line === "") {
      pdf.moveDown(0.5);
    } else if (line.includes(" | ")) {
      pdf.font("regular").fontSize(8).fillColor("#222").text(line, { width });
    } else {
      pdf.font("regular").fontSize(10.5).fillColor("#000").text(line, { width, lineGap: 2 });
    }
  }
  for (const block of doc.blocks ?? []) {
    pdf.moveDown(1);
    pdf.font("bold").fontSize(11).fillColor("#000").text(block.heading, { width });
    pdf.moveDown(0.3);
    for (const line of block.lines) pdf.font("regular").fontSize(9.5).text(line, { width, lineGap: 1.5 });
  }

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // The foot is below the text's bottom margin: with the margin kept, pdfkit would start a page for it.
    pdf.page.margins.bottom = 0;
    const bottom = pdf.page.height - margin + 10;
    pdf
      .font("regular")
      .fontSize(7.5)
      .fillColor("#555")
      .text(`${doc.footer} · ${i + 1}/${range.count}`, margin, bottom, { width, align: "center", lineBreak: false });
  }
  pdf.end();
  return done;
}
