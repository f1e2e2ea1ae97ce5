import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "../../errors";
import type { TapeRow } from "./checking";
import { readTape } from "./read";

/**
 * A worker thread that parses a large tape (read.ts) and hands its rows to the reader a batch at a
 * time, so that the file's parsing (and its garbage) stays off the server's main thread. The
 * reader grants credit for batches; without credit the worker waits, so memory stays bounded.
 */

const { data, batchRows } = workerData as { data: Uint8Array; batchRows: number };
const port = parentPort!;

let credit = 0;
let granted: (() => void) | null = null;
port.on("message", (message: { credit: number }) => {
  credit += message.credit;
  granted?.();
  granted = null;
});
const hasCredit = () => (credit > 0 ? Promise.resolve() : new Promise<void>((resolve) => (granted = resolve)));

const failure = (error: unknown) =>
  AppError.is(error)
    ? { code: error.code, message: error.message, details: error.details }
    : { code: null, message: error instanceof Error ? error.message : String(error), details: {} };

try {
  const table = await readTape(data);
  port.postMessage({ kind: "header", format: table.format, encoding: table.encoding, headers: table.headers });
  let rows: TapeRow[] = [];
  for await (const row of table.rows) {
    rows.push(row);
    if (rows.length < batchRows) continue;
    await hasCredit();
    credit -= 1;
    port.postMessage({ kind: "rows", rows });
    rows = [];
  }
  port.postMessage({ kind: "rows", rows });
  port.postMessage({ kind: "end" });
} catch (error) {
  port.postMessage({ kind: "error", error: failure(error) });
}
