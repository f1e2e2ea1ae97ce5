/**
 * Benchmark 4, loan-tape import: a 100,000-loan tape (as CSV, then as XLSX, each of new loans)
 * uploaded to the server over the API, read and checked in the background, then applied into the
 * seller's book. Wall time from the first byte of the upload to the application's answer, split
 * into its stages, and the server's peak RSS while it worked (sampled from /proc every 50 ms;
 * each format on a fresh server, so that one's peak does not carry into the other's).
 * No baseline: the targets are absolute (<= 20 s and <= 512 MiB each).
 */
import { readFileSync } from "node:fs";
import { generateLoanTape, tapeCsv, tapeXlsx } from "../../db/seed/loan-tape";
import { heading, line, load, mib, sleep, type NplexServer } from "./lib";

export interface TapeImportResult {
  format: "csv" | "xlsx";
  rows: number;
  fileBytes: number;
  /** Upload answered (202): the file received, its header read, the reading started. */
  uploadSeconds: number;
  /** From the 202 to `valid`. */
  readSeconds: number;
  applySeconds: number;
  totalSeconds: number;
  rssBefore: number;
  peakRss: number;
  created: number;
  load: string;
}

function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** The tapes the bench uploads, made once before any server starts. */
export async function makeBenchTapes(rows: number) {
  const started = Date.now();
  const csv = tapeCsv(generateLoanTape({ count: rows, seed: 1, prefix: "CSV" }));
  const xlsx = await tapeXlsx(generateLoanTape({ count: rows, seed: 2, prefix: "XLS" }));
  line(
    "tapes",
    `${rows.toLocaleString("en")} loans each: CSV ${mib(csv.length)}, XLSX ${mib(xlsx.length)}, made in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  return { csv, xlsx };
}

export async function benchTapeImport(
  server: NplexServer,
  token: string,
  format: "csv" | "xlsx",
  data: Uint8Array,
  rows: number,
): Promise<TapeImportResult> {
  heading(`4. Tape import: ${rows.toLocaleString("en")} loans as ${format.toUpperCase()} on a fresh server`);
  const headers = { Authorization: `Bearer ${token}` };
  const rssBefore = rssOf(server.pid);
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    const rss = rssOf(server.pid);
    if (rss > peakRss) peakRss = rss;
  }, 50);
  try {
    const started = performance.now();
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(data)]), `bench.${format}`);
    const uploaded = await fetch(`${server.url}/api/v1/tapes`, { method: "POST", headers, body: form });
    const upload = (await uploaded.json()) as { tape: { id: string; status: string } };
    if (uploaded.status !== 202) throw new Error(`upload answered ${uploaded.status}: ${JSON.stringify(upload)}`);
    const uploadedAt = performance.now();
    const id = upload.tape.id;
    let status = upload.tape.status;
    let tape:
      | { status: string; rows: number; validRows: number; errorCount: number; errors: unknown[]; failure: string | null }
      | undefined;
    while (status === "validating") {
      await sleep(100);
      const answer = await fetch(`${server.url}/api/v1/tapes/${id}`, { headers });
      tape = ((await answer.json()) as { tape: NonNullable<typeof tape> }).tape;
      status = tape.status;
    }
    const readAt = performance.now();
    if (status !== "valid")
      throw new Error(`the tape was read as ${status}: ${JSON.stringify({ ...tape, errors: tape?.errors.slice(0, 3) })}`);
    const applied = await fetch(`${server.url}/api/v1/tapes/${id}/apply`, { method: "POST", headers });
    const result = (await applied.json()) as { created: number };
    if (applied.status !== 200) throw new Error(`apply answered ${applied.status}: ${JSON.stringify(result)}`);
    const done = performance.now();
    const figures: TapeImportResult = {
      format,
      rows,
      fileBytes: data.length,
      uploadSeconds: (uploadedAt - started) / 1000,
      readSeconds: (readAt - uploadedAt) / 1000,
      applySeconds: (done - readAt) / 1000,
      totalSeconds: (done - started) / 1000,
      rssBefore,
      peakRss: Math.max(peakRss, rssOf(server.pid)),
      created: result.created,
      load: load(),
    };
    line("upload (202)", `${figures.uploadSeconds.toFixed(1)} s`);
    line("read and checked", `${figures.readSeconds.toFixed(1)} s`);
    line("applied", `${figures.applySeconds.toFixed(1)} s (${figures.created.toLocaleString("en")} new assets)`);
    line("wall time", `${figures.totalSeconds.toFixed(1)} s`);
    line("server RSS", `${mib(figures.rssBefore)} before, ${mib(figures.peakRss)} at its peak`);
    return figures;
  } finally {
    clearInterval(sampler);
  }
}
