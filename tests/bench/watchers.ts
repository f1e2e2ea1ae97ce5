/**
 * A worker process holding many socket.io-client connections (websocket transport, one engine.io
 * connection each: `forceNew`), all watching one listing. Started by the bench with `fork`, driven
 * over IPC:
 *   env BENCH_WATCH_URL, BENCH_WATCH_COUNT, BENCH_WATCH_LISTING, BENCH_WATCH_AFTER_SEQ
 *   -> { type: "ready", connected, failed, firstError }       once every socket is watching (acked)
 *   -> { type: "seq-done", seq }                              when every socket has received `bid` seq
 *   <- { type: "report" }  -> { type: "report", receipts, disconnects }
 *   <- { type: "close" }   disconnects everything and exits
 * Receipt times use the cross-process clock of lib.ts, taken first thing in the `bid` handler.
 */
import { io, type Socket } from "socket.io-client";
import { now } from "./lib";

const url = process.env.BENCH_WATCH_URL!;
const count = Number(process.env.BENCH_WATCH_COUNT);
const listingId = process.env.BENCH_WATCH_LISTING!;
const afterSeq = Number(process.env.BENCH_WATCH_AFTER_SEQ ?? 0);
const concurrency = Number(process.env.BENCH_WATCH_CONCURRENCY ?? 100);

const send = (message: unknown) => process.send?.(message);
process.on("disconnect", () => process.exit(0));

const sockets: Socket[] = [];
/** seq -> receipt times, one per socket that received it. */
const receipts = new Map<number, number[]>();
let watching = 0;
let disconnects = 0;

function watchOne(): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, timeout: 60_000 });
    sockets.push(socket);
    socket.on("bid", (event: { seq: number }) => {
      const at = now();
      let list = receipts.get(event.seq);
      if (!list) receipts.set(event.seq, (list = []));
      list.push(at);
      if (list.length === watching) send({ type: "seq-done", seq: event.seq });
    });
    socket.on("disconnect", () => {
      disconnects += 1;
    });
    socket.once("connect_error", (error) => reject(error));
    socket.once("connect", () => {
      socket
        .timeout(120_000)
        .emitWithAck("watch", { listingId, afterSeq })
        .then((ack: { ok?: boolean; error?: { code: string } }) => {
          if (!ack?.ok) throw new Error(`watch refused: ${ack?.error?.code ?? JSON.stringify(ack)}`);
          resolve();
        })
        .catch(reject);
    });
  });
}

async function main() {
  let next = 0;
  let failed = 0;
  let firstError: string | null = null;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        next += 1;
        try {
          await watchOne();
          watching += 1;
        } catch (error) {
          failed += 1;
          firstError ??= (error as Error).message;
        }
      }
    }),
  );
  send({ type: "ready", connected: watching, failed, firstError });
}

process.on("message", (message: { type: string }) => {
  if (message.type === "report") {
    send({ type: "report", receipts: Object.fromEntries(receipts), disconnects: disconnects });
  } else if (message.type === "close") {
    for (const socket of sockets) socket.disconnect();
    setTimeout(() => process.exit(0), 200);
  }
});

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
