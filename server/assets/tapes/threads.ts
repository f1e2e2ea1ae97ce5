import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError } from "../../errors";
import type { CheckedBatch, CheckedTape, TapeRow } from "./checking";
import type { TapeTable } from "./read";

/**
 * Worker threads for a large tape, so that parsing the file, checking its rows and writing them to
 * the database use every core: one parses the file (read-worker.ts), others check its rows
 * (row-worker.ts). Batches are handed out in turn; each answer comes back to the batch that asked,
 * so the reader keeps the tape's order.
 */

export interface RowCheckers {
  check(rows: TapeRow[]): Promise<CheckedBatch>;
  close(): Promise<void>;
}

/** A worker's script: bundled beside the production build (scripts/build-server.mjs), else the source through tsx. */
function workerScript(name: "row-worker" | "read-worker"): { script: URL; argv: string[] } {
  const built = new URL(`./tape-${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(built))) return { script: built, argv: [] };
  return { script: new URL("./worker-source.mjs", import.meta.url), argv: [`./${name}.ts`] };
}

/** Measured: 100,000 rows checked with the server's peak RSS ~500 MiB, against ~550 MiB with V8's defaults. */
const WORKER_HEAP = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 24 };

export function rowWorkerPool(threads: number, data: CheckedTape & { dataKey: string }): RowCheckers {
  const { script, argv } = workerScript("row-worker");
  const pending = new Map<number, { resolve: (batch: CheckedBatch) => void; reject: (error: Error) => void }>();
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  const workers = Array.from({ length: Math.max(1, threads) }, () => {
    // A worker keeps a batch or two alive at once: a small heap, collected early, keeps the server's memory flat.
    const worker = new Worker(script, { argv, workerData: data, resourceLimits: WORKER_HEAP });
    worker.on("message", ({ id, checked }: { id: number; checked: CheckedBatch }) => {
      pending.get(id)?.resolve(checked);
      pending.delete(id);
    });
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`a tape row worker stopped (exit code ${code})`)));
    return worker;
  });
  let next = 0;
  return {
    check(rows) {
      if (failure) return Promise.reject(failure);
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        workers[id % workers.length]!.postMessage({ id, rows });
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** exceljs allocates a great deal per row: a young generation too small makes it collect all the time. */
const PARSER_HEAP = { maxOldGenerationSizeMb: 128 };

/** Rows per batch the parsing worker hands over, and batches it may have handed over ahead of the reader. */
const READ_BATCH = 500;
const READ_AHEAD = 8;

/**
 * The tape's header and rows as `readTape` gives them, parsed by a worker thread. Stopping the
 * iteration early (a cancelled reading) stops the worker.
 */
export async function readTapeInWorker(data: Uint8Array): Promise<TapeTable> {
  const { script, argv } = workerScript("read-worker");
  const worker = new Worker(script, { argv, workerData: { data, batchRows: READ_BATCH }, resourceLimits: PARSER_HEAP });
  type Message =
    | { kind: "header"; format: TapeTable["format"]; encoding: string; headers: string[] }
    | { kind: "rows"; rows: TapeRow[] }
    | { kind: "end" }
    | { kind: "error"; error: { code: string | null; message: string; details: Record<string, unknown> } };
  const inbox: Message[] = [];
  let arrived: (() => void) | null = null;
  const deliver = (message: Message) => {
    inbox.push(message);
    arrived?.();
    arrived = null;
  };
  worker.on("message", deliver);
  worker.on("error", (error) => deliver({ kind: "error", error: { code: null, message: error.message, details: {} } }));
  worker.on("exit", (code) =>
    deliver({ kind: "error", error: { code: null, message: `the tape parser stopped (${code})`, details: {} } }),
  );
  const next = async (): Promise<Message> => {
    while (!inbox.length) await new Promise<void>((resolve) => (arrived = resolve));
    const message = inbox.shift()!;
    if (message.kind !== "error") return message;
    const { code, message: text, details } = message.error;
    throw code ? new AppError(code as never, text, details) : new Error(text);
  };
  try {
    const header = await next();
    if (header.kind !== "header") throw new Error("the tape parser sent rows before the header");
    worker.postMessage({ credit: READ_AHEAD });
    async function* rows() {
      try {
        for (;;) {
          const message = await next();
          if (message.kind !== "rows") return;
          worker.postMessage({ credit: 1 });
          yield* message.rows;
        }
      } finally {
        await worker.terminate();
      }
    }
    return { format: header.format, encoding: header.encoding, headers: header.headers, rows: rows() };
  } catch (error) {
    await worker.terminate();
    throw error;
  }
}
