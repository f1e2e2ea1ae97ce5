/**
 * A worker process holding many socket.io-client connections (websocket transport, one engine.io
 * connection each: `forceNew`), all watching one listing. Started by the bench with `fork`, driven
 * over IPC:
 *   env BENCH_WATCH_URL, BENCH_WATCH_COUNT, BENCH_WATCH_LISTING, BENCH_WATCH_AFTER_SEQ
 *   -> { type: "ready", connected, failed, firstError }       once every socket is watching (acked)
 *   -> { type: "seq-done", seq }                              when every socket has received `bid` seq
 *   <- { type: "report" }  -> { type: "report", receipts, disconnects }
 *   <- { type: "close" }   disconnects everything and exits
 * With BENCH_WATCH_FOLLOW=1 each socket follows the listing as the room's client does: it reconnects
 * after a node goes away and watches again after the last seq it holds without a gap; then
 *   <- { type: "follow", seq }  -> { type: "follow", behind, reconnects, lastRewatchAt }
 * tells how many sockets do not yet hold every seq up to `seq`, and when the last re-watch was acknowledged.
 * Receipt times use the cross-process clock of lib.ts, taken first thing in the `bid` handler.
 */
import { io, type Socket } from "socket.io-client";
import { now } from "./lib";

const url = process.env.BENCH_WATCH_URL!;
const count = Number(process.env.BENCH_WATCH_COUNT);
const listingId = process.env.BENCH_WATCH_LISTING!;
const afterSeq = Number(process.env.BENCH_WATCH_AFTER_SEQ ?? 0);
const concurrency = Number(process.env.BENCH_WATCH_CONCURRENCY ?? 100);
const follow = process.env.BENCH_WATCH_FOLLOW === "1";

const send = (message: unknown) => process.send?.(message);
process.on("disconnect", () => process.exit(0));

const sockets: Socket[] = [];
/** seq -> receipt times, one per socket that received it. */
const receipts = new Map<number, number[]>();
let watching = 0;
let disconnects = 0;
/** Follow mode: each socket's highest seq held without a gap, and seqs that came ahead of a gap. */
const held: { contiguous: number; ahead: Set<number> }[] = [];
let reconnects = 0;
let lastRewatchAt = 0;

function hold(state: { contiguous: number; ahead: Set<number> }, seq: number) {
  if (seq <= state.contiguous) return;
  state.ahead.add(seq);
  while (state.ahead.delete(state.contiguous + 1)) state.contiguous += 1;
}

function watchOne(): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: follow, timeout: 60_000 });
    sockets.push(socket);
    const state = { contiguous: afterSeq, ahead: new Set<number>() };
    if (follow) held.push(state);
    socket.on("bid", (event: { seq: number }) => {
      if (follow) return hold(state, event.seq);
      const at = now();
      let list = receipts.get(event.seq);
      if (!list) receipts.set(event.seq, (list = []));
      list.push(at);
      if (list.length === watching) send({ type: "seq-done", seq: event.seq });
    });
    socket.on("disconnect", () => {
      disconnects += 1;
    });
    let connections = 0;
    socket.once("connect_error", (error) => {
      if (connections === 0) reject(error);
    });
    socket.on("connect", () => {
      connections += 1;
      const again = connections > 1;
      if (again) reconnects += 1;
      socket
        .timeout(120_000)
        .emitWithAck("watch", { listingId, afterSeq: follow ? state.contiguous : afterSeq })
        .then((ack: { ok?: boolean; error?: { code: string } }) => {
          if (!ack?.ok) throw new Error(`watch refused: ${ack?.error?.code ?? JSON.stringify(ack)}`);
          if (again) lastRewatchAt = Math.max(lastRewatchAt, now());
          resolve();
        })
        .catch((error: Error) => (again ? console.error(`re-watch failed: ${error.message}`) : reject(error)));
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

process.on("message", (message: { type: string; seq?: number }) => {
  if (message.type === "follow") {
    const behind = held.filter((state) => state.contiguous < (message.seq ?? 0)).length;
    send({ type: "follow", behind, reconnects, lastRewatchAt });
  } else if (message.type === "report") {
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
