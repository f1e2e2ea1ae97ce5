import { describe, expect, it } from "vitest";
import { attachmentKinds, parseUpload, type UploadLimits } from "../../app/lib/uploads.server";
import { detectContentType } from "../../server/files/content-type";
import { refusal } from "../support/refusal";

const limits: UploadLimits = {
  field: "attachments",
  maxFiles: 5,
  maxFileBytes: 1024 * 1024,
  kinds: attachmentKinds,
};
const boundary = "----nplexUpload";
const pdf = (size = 64) => new Uint8Array([...new TextEncoder().encode("%PDF-1.7\n"), ...new Uint8Array(size).fill(0x20)]);
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

type Part = { name: string; value: string } | { name: string; filename: string; type?: string; data: Uint8Array };

/** A multipart body sent chunk by chunk; `pulled()` tells how many bytes the reader asked for. */
function upload(parts: Part[]) {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const p of parts) {
    const head =
      "filename" in p
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? "application/octet-stream"}\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`;
    chunks.push(encoder.encode(head));
    const data = "filename" in p ? p.data : encoder.encode(p.value);
    for (let i = 0; i < data.length; i += 64 * 1024) chunks.push(data.subarray(i, i + 64 * 1024));
    chunks.push(encoder.encode("\r\n"));
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  const total = chunks.reduce((n, c) => n + c.length, 0);
  let pulled = 0;
  let next = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (next === chunks.length) return controller.close();
        pulled += chunks[next]!.length;
        controller.enqueue(chunks[next++]);
      },
    },
    { highWaterMark: 0 },
  );
  const request = new Request("http://localhost/listings/x/objection", {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: "half",
  });
  return { request, total, pulled: () => pulled };
}

/** A refusal's code and status with its details beside them, as the assertions below read it. */
const refusedWith = async (promise: Promise<unknown>) => {
  const { code, status, details } = await refusal(promise);
  return { code, status, ...details };
};

describe("a form with files is read part by part, and refused as soon as a limit is passed", () => {
  it("keeps the fields and the files, each typed by its content, never by its name or label", async () => {
    const { request } = upload([
      { name: "reasons", value: "The guarantee was never signed." },
      { name: "attachments", filename: "scan.txt", type: "text/plain", data: png },
      { name: "attachments", filename: "contract.pdf", type: "application/pdf", data: pdf() },
      {
        name: "attachments",
        filename: "notes.txt",
        type: "text/plain",
        data: new TextEncoder().encode("第一条 保证人未签字。\n"),
      },
      { name: "attachments", filename: "", data: new Uint8Array(0) },
    ]);
    const { fields, files } = await parseUpload(request, limits);
    expect(fields.get("reasons")).toBe("The guarantee was never signed.");
    expect(files.map((f) => [f.fileName, f.contentType])).toEqual([
      ["scan.txt", "image/png"],
      ["contract.pdf", "application/pdf"],
      ["notes.txt", "text/plain"],
    ]);
  });

  it("refuses the sixth file when it starts, without reading it (422, rule count)", async () => {
    const files = Array.from({ length: 7 }, (_, i) => ({
      name: "attachments",
      filename: `${i}.pdf`,
      data: pdf(200 * 1024),
    }));
    const sent = upload(files);
    expect(await refusedWith(parseUpload(sent.request, limits))).toMatchObject({
      code: "VALIDATION_FAILED",
      status: 422,
      field: "attachments",
      rule: "count",
    });
    expect(sent.pulled()).toBeLessThan(sent.total - 200 * 1024);
  });

  it("refuses a file as soon as it passes its size, without reading the rest (413, rule size)", async () => {
    const sent = upload([{ name: "attachments", filename: "huge.pdf", data: pdf(8 * 1024 * 1024) }]);
    expect(await refusedWith(parseUpload(sent.request, limits))).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      status: 413,
      rule: "size",
      file: "huge.pdf",
    });
    expect(sent.pulled()).toBeLessThan(2 * 1024 * 1024);
  });

  it("refuses a file whose content is none of the kinds accepted, whatever it is called (422, rule type)", async () => {
    const page = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const svg = new TextEncoder().encode('\n <?xml version="1.0"?><svg onload="alert(1)"/>');
    const binary = new TextEncoder().encode("notes\u0000\u0001");
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04]);
    for (const data of [page, svg, binary, exe]) {
      const { request } = upload([{ name: "attachments", filename: "invoice.pdf", type: "application/pdf", data }]);
      expect(await refusedWith(parseUpload(request, limits))).toMatchObject({ status: 422, rule: "type", file: "invoice.pdf" });
    }
  });

  it("refuses a NUL in a text field (400) and a body that is no multipart form (400, malformed)", async () => {
    const { request } = upload([{ name: "reasons", value: "Zhang\u0000San" }]);
    expect(await refusedWith(parseUpload(request, limits))).toMatchObject({ code: "BAD_REQUEST", rule: "nul" });
    const broken = new Request("http://localhost/", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data" },
      body: "garbage",
    });
    expect(await refusedWith(parseUpload(broken, limits))).toMatchObject({ code: "BAD_REQUEST", rule: "malformed" });
  });
});

describe("a file's type comes from its bytes", () => {
  it("recognises PDF, PNG, JPEG and UTF-8 text, and nothing else", () => {
    expect(detectContentType(pdf())).toBe("application/pdf");
    expect(detectContentType(png)).toBe("image/png");
    expect(detectContentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("image/jpeg");
    expect(detectContentType(new TextEncoder().encode("Plain notes\r\n\tindented\n"))).toBe("text/plain");
    expect(detectContentType(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]))).toBeNull();
    expect(detectContentType(new Uint8Array([0xc3, 0x28]))).toBeNull();
    expect(detectContentType(new TextEncoder().encode("text with a \u0000 byte"))).toBeNull();
    expect(detectContentType(new TextEncoder().encode("<!DOCTYPE html><p>hi</p>"))).toBeNull();
    expect(detectContentType(new TextEncoder().encode("Price < 5% of the claim; see <annex 2>"))).toBe("text/plain");
  });
});
