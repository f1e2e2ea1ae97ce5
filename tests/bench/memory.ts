/**
 * Benchmark 3, memory per idle watcher: the server's RSS and V8 heap (its own process.memoryUsage()
 * after two full collections, read through tests/bench/probe.mjs) before and after N idle watchers
 * joined one listing's room, divided by N. The watchers live in worker processes.
 */
import { readdirSync } from "node:fs";
import type { BenchSetup } from "./setup";
import { heading, kib, line, load, mib, sleep, type MemoryUsage, type NplexServer } from "./lib";
import { startWatchers } from "./pool";

export interface MemoryResult {
  watchers: number;
  connected: number;
  joinSeconds: number;
  before: MemoryUsage;
  after: MemoryUsage;
  afterLeaving: MemoryUsage;
  rssPerWatcher: number;
  heapPerWatcher: number;
  externalPerWatcher: number;
  openFiles: { before: number; after: number };
  load: string;
}

const openFiles = (pid: number) => {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return Number.NaN;
  }
};

export async function benchMemory(
  server: NplexServer,
  setup: BenchSetup,
  options: { watchers: number; perWorker: number; settleSeconds: number },
): Promise<MemoryResult> {
  heading(`3. Memory per idle watcher: ${options.watchers} watchers on a fresh server`);
  const listingId = setup.listings.idle;
  const loadAtStart = load();

  // Warm-up: a few watchers come and go, so that code loaded on first use is not counted per watcher.
  const warm = await startWatchers({
    url: server.url,
    listingId,
    afterSeq: 0,
    count: 50,
    perWorker: 50,
    label: "memory warm-up",
  });
  await warm.close();
  await sleep(options.settleSeconds * 1000);
  const before = await server.memory(true);
  const filesBefore = openFiles(server.pid);

  const pool = await startWatchers({
    url: server.url,
    listingId,
    afterSeq: 0,
    count: options.watchers,
    perWorker: options.perWorker,
    label: `memory ${options.watchers}`,
  });
  let after: MemoryUsage;
  let filesAfter: number;
  try {
    if (pool.failed) line("watchers that failed to join", `${pool.failed} (first error: ${pool.firstError})`);
    if (pool.connected === 0) throw new Error(`no watcher could join (${pool.firstError})`);
    await sleep(options.settleSeconds * 1000);
    after = await server.memory(true);
    filesAfter = openFiles(server.pid);
  } finally {
    await pool.close();
  }
  await sleep(options.settleSeconds * 1000);
  const afterLeaving = await server.memory(true);

  const n = pool.connected;
  const result: MemoryResult = {
    watchers: options.watchers,
    connected: n,
    joinSeconds: pool.joinSeconds,
    before,
    after,
    afterLeaving,
    rssPerWatcher: (after.rss - before.rss) / n,
    heapPerWatcher: (after.heapUsed - before.heapUsed) / n,
    externalPerWatcher: (after.external - before.external) / n,
    openFiles: { before: filesBefore, after: filesAfter },
    load: `${loadAtStart} -> ${load()}`,
  };
  line("watchers joined", `${n} of ${options.watchers} in ${pool.joinSeconds.toFixed(1)} s`);
  line("server open files before / with watchers", `${filesBefore} / ${filesAfter}`);
  line("RSS before / with watchers / after they left", `${mib(before.rss)} / ${mib(after.rss)} / ${mib(afterLeaving.rss)}`);
  line(
    "heap used before / with watchers / after",
    `${mib(before.heapUsed)} / ${mib(after.heapUsed)} / ${mib(afterLeaving.heapUsed)}`,
  );
  line("external before / with watchers", `${mib(before.external)} / ${mib(after.external)}`);
  line("RSS per watcher", kib(result.rssPerWatcher));
  line("heap used per watcher", kib(result.heapPerWatcher));
  line("external per watcher", kib(result.externalPerWatcher));
  line("load average", result.load);
  return result;
}
