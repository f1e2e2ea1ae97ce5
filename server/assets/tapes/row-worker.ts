import { parentPort, workerData } from "node:worker_threads";
import { createVault } from "../../privacy/vault";
import { rowChecker, type CheckedTape, type TapeRow } from "./checking";

/**
 * A worker thread that checks batches of a large tape's rows (checking.ts) while the reader parses
 * the file and writes what comes back (reading.ts). It seals under the same data key as the server.
 */

const { dataKey, ...tape } = workerData as CheckedTape & { dataKey: string };
const check = rowChecker(createVault(dataKey), tape);

parentPort!.on("message", ({ id, rows }: { id: number; rows: TapeRow[] }) => {
  const checked = check(rows);
  // The staged bytes move to the reader's thread rather than being copied.
  parentPort!.postMessage({ id, checked }, [checked.staged.buffer as ArrayBuffer]);
});
