/**
 * Benchmark 1d, the floor under capacity: the same closed loop of bidders as the hot listing, each
 * sending a bid below the minimum, against the least server that can answer one
 * (tests/bench/floor-server.ts: node:http and the one prepared statement such a bid needs). It
 * measures what one Node process on this machine can answer at best, with the same database, pool
 * size and load generator, against which nplex's capacity and the raw UPDATE rate are read.
 */
import { fork } from "node:child_process";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { BenchSetup } from "./setup";
import { benchDir, createHttpClient, heading, line, now, onCleanup, perSecond, stopChild, track } from "./lib";

export interface FloorResult {
  bidders: number;
  seconds: number;
  answered: number;
  answeredPerSecond: number;
  unexpected: number;
}

export async function benchFloor(
  databaseUrl: string,
  setup: BenchSetup,
  options: { bidders: number; connections: number; warmupSeconds: number; seconds: number },
): Promise<FloorResult> {
  heading(`1d. Floor: the least server answering a bid too low, ${options.bidders} bidders`);
  const child = track(
    fork(path.join(benchDir, "floor-server.ts"), [], {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, FLOOR_DATABASE_URL: databaseUrl, FLOOR_CONNECTIONS: String(options.connections) },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
  );
  const stop = onCleanup("stop the floor server", () => stopChild(child, 5_000));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`the floor server exited (code ${code})`)));
      child.on("message", (message: { type: string; port: number }) => {
        if (message.type === "listening") resolve(message.port);
      });
    });
    const client = createHttpClient(`http://127.0.0.1:${port}`, options.bidders * 2);
    const listingPath = `/api/v1/listings/${setup.listings.hot}/bids`;
    const windowStart = now() + options.warmupSeconds * 1000;
    const windowEnd = windowStart + options.seconds * 1000;
    let answered = 0;
    let unexpected = 0;
    await Promise.all(
      setup.bidders.slice(0, options.bidders).map(async (bidder) => {
        while (now() < windowEnd) {
          const response = await client.request(
            "POST",
            listingPath,
            {},
            {
              amount: "1",
              idempotencyKey: randomUUID(),
              bidder: bidder.bidderCode,
            },
          );
          const at = now();
          if (at < windowStart || at >= windowEnd) continue;
          if (response.status === 422) answered += 1;
          else unexpected += 1;
        }
      }),
    );
    client.close();
    const result = {
      bidders: options.bidders,
      seconds: options.seconds,
      answered,
      answeredPerSecond: answered / options.seconds,
      unexpected,
    };
    line("window", `${options.warmupSeconds} s warm-up, then ${options.seconds} s measured`);
    line("bids answered per second (all too low)", perSecond(result.answeredPerSecond));
    if (unexpected) line("unexpected answers", String(unexpected));
    return result;
  } finally {
    await stop();
  }
}
