import { parentPort, workerData } from "node:worker_threads";
import { createVault } from "../../privacy/vault";
import { rowChecker, type CheckedTape } from "./checking";
import { rowsOf } from "./batches";

/**
 * A worker thread that checks batches of a large tape's rows (checking.ts), taken as the bytes the
 * reader wrote (batches.ts), while the reader parses the file and writes what comes back
 * (reading.ts). It seals under the same data key as the server.
 */

const { dataKey, ...tape } = workerData as CheckedTape & { dataKey: string };
const check = rowChecker(createVault(dataKey), tape);

parentPort!.on("message", ({ id, json }: { id: number; json: Uint8Array }) => {
  const checked = check(rowsOf({ json }));
  // The staged bytes move to the reader's thread rather than being copied.
  parentPort!.postMessage({ id, checked }, [checked.staged.buffer as ArrayBuffer]);
});
