/**
 * Watchers in worker processes (tests/bench/watchers.ts), so that client work and client memory
 * stay out of the process being measured.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { benchDir, onCleanup, stopChild, track, waitForExit } from "./lib";

export interface WatcherPool {
  size: number;
  connected: number;
  failed: number;
  firstError: string | null;
  joinSeconds: number;
  /** Resolves true once every worker has seen `bid` seq on all its sockets, false after the timeout. */
  waitSeq(seq: number, timeoutMs: number): Promise<boolean>;
  /** Follow mode: sockets not yet holding every seq up to `seq`, reconnections, and the last re-watch's time. */
  follow(seq: number): Promise<{ behind: number; reconnects: number; lastRewatchAt: number }>;
  /** Every socket's receipt time of every `bid` seq, and how many sockets dropped. */
  report(): Promise<{ receipts: Map<number, number[]>; disconnects: number }>;
  close(): Promise<void>;
}

export async function startWatchers(options: {
  url: string;
  listingId: string;
  afterSeq: number;
  count: number;
  perWorker: number;
  label: string;
  /** Each socket reconnects after a node goes away and catches up (watchers.ts, BENCH_WATCH_FOLLOW). */
  follow?: boolean;
}): Promise<WatcherPool> {
  const workerCount = Math.max(1, Math.ceil(options.count / options.perWorker));
  const started = performance.now();
  const workers: ChildProcess[] = [];
  const done = new Map<number, number>();
  const waiters = new Map<number, () => void>();
  const reports: ((message: any) => void)[] = [];
  const follows: ((message: any) => void)[] = [];

  const stopAll = onCleanup(`stop ${options.label} watcher workers`, async () => {
    for (const worker of workers) if (worker.connected) worker.send({ type: "close" });
    await Promise.all(
      workers.map(async (worker) => {
        if (!(await waitForExit(worker, 5_000))) await stopChild(worker, 2_000);
      }),
    );
  });

  const readies: Promise<{ connected: number; failed: number; firstError: string | null }>[] = [];
  for (let i = 0; i < workerCount; i++) {
    const count = Math.floor(options.count / workerCount) + (i < options.count % workerCount ? 1 : 0);
    const worker = track(
      fork(path.join(benchDir, "watchers.ts"), [], {
        execArgv: ["--import", "tsx"],
        env: {
          ...process.env,
          BENCH_WATCH_URL: options.url,
          BENCH_WATCH_COUNT: String(count),
          BENCH_WATCH_LISTING: options.listingId,
          BENCH_WATCH_AFTER_SEQ: String(options.afterSeq),
          BENCH_WATCH_FOLLOW: options.follow ? "1" : "0",
        },
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      }),
    );
    workers.push(worker);
    readies.push(
      new Promise((resolve, reject) => {
        worker.once("exit", (code) => reject(new Error(`a watcher worker exited early (code ${code})`)));
        worker.on("message", (message: any) => {
          if (message.type === "ready") resolve(message);
          else if (message.type === "seq-done") {
            const n = (done.get(message.seq) ?? 0) + 1;
            done.set(message.seq, n);
            if (n === workers.length) waiters.get(message.seq)?.();
          } else if (message.type === "report") reports.shift()?.(message);
          else if (message.type === "follow") follows.shift()?.(message);
        });
      }),
    );
  }

  let ready;
  try {
    ready = await Promise.all(readies);
  } catch (error) {
    await stopAll();
    throw error;
  }
  // After ready, a worker's exit is no longer an error of the join; avoid unhandled rejections.
  for (const r of readies) r.catch(() => {});
  const connected = ready.reduce((n, r) => n + r.connected, 0);
  const failed = ready.reduce((n, r) => n + r.failed, 0);

  return {
    size: options.count,
    connected,
    failed,
    firstError: ready.find((r) => r.firstError)?.firstError ?? null,
    joinSeconds: (performance.now() - started) / 1000,
    waitSeq(seq, timeoutMs) {
      if ((done.get(seq) ?? 0) >= workers.length) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(seq);
          resolve(false);
        }, timeoutMs);
        waiters.set(seq, () => {
          clearTimeout(timer);
          waiters.delete(seq);
          resolve(true);
        });
      });
    },
    async follow(seq) {
      const messages = await Promise.all(
        workers.map(
          (worker) =>
            new Promise<any>((resolve) => {
              follows.push(resolve);
              worker.send({ type: "follow", seq });
            }),
        ),
      );
      return {
        behind: messages.reduce((n, m) => n + m.behind, 0),
        reconnects: messages.reduce((n, m) => n + m.reconnects, 0),
        lastRewatchAt: Math.max(...messages.map((m) => m.lastRewatchAt)),
      };
    },
    async report() {
      const messages = await Promise.all(
        workers.map(
          (worker) =>
            new Promise<any>((resolve) => {
              reports.push(resolve);
              worker.send({ type: "report" });
            }),
        ),
      );
      const receipts = new Map<number, number[]>();
      let disconnects = 0;
      for (const message of messages) {
        disconnects += message.disconnects;
        for (const [seq, times] of Object.entries(message.receipts as Record<string, number[]>)) {
          const list = receipts.get(Number(seq)) ?? [];
          for (const t of times) list.push(t);
          receipts.set(Number(seq), list);
        }
      }
      return { receipts, disconnects };
    },
    close: stopAll,
  };
}

/**
 * The same crowd on node A, then on node B, each labelled with its node. Each pool goes into
 * `pools` as soon as it has joined, so the caller closes what started even when the other failed.
 */
export async function startWatchersOnBoth(
  nodes: { a: { url: string }; b: { url: string } },
  options: Omit<Parameters<typeof startWatchers>[0], "url">,
  pools: WatcherPool[],
) {
  for (const [node, name] of [
    [nodes.a, "A"],
    [nodes.b, "B"],
  ] as const) {
    pools.push(await startWatchers({ ...options, url: node.url, label: `${options.label}, node ${name}` }));
  }
}
