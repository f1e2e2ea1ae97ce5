import { Readable } from "node:stream";
import { stringify } from "csv-stringify";

/**
 * Files the site hands out: always as an attachment, never sniffed or rendered as a page (a file
 * whatever its bytes is opened by the reader's own program, not run by the browser).
 */
export function downloadHeaders(fileName: string, contentType: string): Record<string, string> {
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    "Content-Security-Policy": "sandbox",
  };
}

export function download(data: Uint8Array, fileName: string, contentType: string): Response {
  return new Response(new Uint8Array(data), { headers: downloadHeaders(fileName, contentType) });
}

/**
 * A CSV download streamed row by row: UTF-8 with a BOM (so that a spreadsheet reads Chinese
 * right), every cell that a spreadsheet would run as a formula (=, +, -, @) escaped with a quote.
 */
export function csvDownload(fileName: string, header: readonly string[], rows: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>): Response {
  const csv = stringify({ bom: true, escape_formulas: true });
  void (async () => {
    try {
      csv.write(header);
      for await (const row of rows) {
        if (!csv.write(row)) await new Promise((resolve) => csv.once("drain", resolve));
      }
      csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  })();
  return new Response(Readable.toWeb(csv) as ReadableStream, { headers: downloadHeaders(fileName, "text/csv; charset=utf-8") });
}
