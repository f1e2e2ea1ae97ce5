/** The summary table `npm run bench` ends with: every target beside its baseline, met or missed. */
import type { FanoutResult } from "./fanout";
import type { FloorResult } from "./floor";
import type { HotListingResult, UpdateBaselineResult } from "./hot-listing";
import type { OpenLoopResult } from "./latency";
import { heading, kib, mib, ms, perSecond, ratio, table } from "./lib";
import type { MemoryResult } from "./memory";
import type { ManyListingsResult, ReadingResult } from "./scale";
import { stormRows, type StormResult } from "./storm";
import type { TapeImportResult } from "./tapes";
import type { TwoNodesResult } from "./two-nodes";

export interface Figures {
  hot?: HotListingResult;
  baseline?: UpdateBaselineResult;
  floor?: FloorResult;
  openLoop?: OpenLoopResult;
  many?: ManyListingsResult;
  fanout: FanoutResult[];
  reading?: ReadingResult;
  twoNodes?: TwoNodesResult;
  storm?: StormResult;
  memory?: MemoryResult;
  tapes: TapeImportResult[];
}

/** Prints the final table; returns whether any target was missed. */
export function summary(databaseLabel: string, postgresql: boolean, f: Figures): boolean {
  heading("Summary");
  console.log(`  database: ${databaseLabel}\n`);
  let missed = false;
  const verdict = (ok: boolean, applies = true) => {
    if (!applies) return "(PostgreSQL only)";
    if (!ok) missed = true;
    return ok ? "met" : "MISSED";
  };
  const rows: string[][] = [];
  const { hot, baseline, floor, openLoop, many, fanout, reading, twoNodes, storm, memory, tapes } = f;
  if (hot && baseline) {
    const r = hot.bidRequestsPerSecond / baseline.updatesPerSecond;
    rows.push([
      `Capacity: bid requests answered/s, one listing, ${hot.bidders} bidders`,
      perSecond(hot.bidRequestsPerSecond),
      `${perSecond(baseline.updatesPerSecond)} UPDATE (${baseline.connections} conn.)`,
      ratio(r),
      ">= 0.5",
      verdict(r >= 0.5 && hot.consistent, postgresql),
    ]);
    rows.push([
      "  (of which accepted bids/s)",
      perSecond(hot.acceptedPerSecond),
      "-",
      ratio(hot.acceptedPerSecond / baseline.updatesPerSecond),
      "-",
      "-",
    ]);
    if (floor) {
      rows.push([
        "  (floor: node:http and one prepared statement)",
        perSecond(floor.answeredPerSecond),
        "-",
        ratio(floor.answeredPerSecond / baseline.updatesPerSecond),
        "-",
        `nplex ${ratio(hot.bidRequestsPerSecond / floor.answeredPerSecond)} of it`,
      ]);
    }
  }
  if (openLoop) {
    rows.push([
      `Latency: open loop ${openLoop.rate}/s, accepted p99 (${openLoop.accepted} accepted)`,
      ms(openLoop.acceptedLatency.p99),
      "-",
      "-",
      "<= 50 ms",
      verdict(openLoop.acceptedLatency.p99 <= 50 && openLoop.accepted > 0),
    ]);
  }
  if (many) {
    rows.push([
      `Many listings: accepted bids/s, ${many.listings} listings, ${many.bidders} bidders`,
      perSecond(many.acceptedPerSecond),
      `${perSecond(many.baseline.updatesPerSecond)} UPDATE over 1,000 rows`,
      ratio(many.ratio),
      ">= 0.5",
      verdict(many.ratio >= 0.5),
    ]);
  }
  for (const fo of fanout) {
    const at5000 = fo.size === 5000;
    const p99 = fo.nplex.fromPlacedAt!.p99;
    const ok = p99 <= 100 && fo.ratio >= 0.8 && fo.nplex.missing === 0;
    rows.push([
      `Fan-out ${fo.size.toLocaleString("en")} watchers: p50 / p99 from the bid`,
      `${ms(fo.nplex.fromPlacedAt!.p50)} / ${ms(p99)}`,
      `${ms(fo.bare.latency.p50)} / ${ms(fo.bare.latency.p99)} bare`,
      ratio(fo.ratio),
      at5000 ? "p99 <= 100 ms, >= 0.8" : "-",
      at5000 ? verdict(ok) : fo.nplex.missing ? `${fo.nplex.missing} missing` : "-",
    ]);
    if (fo.nplex.whileJoining) {
      const joined = fo.nplex.connected === fo.nplex.watchers;
      rows.push([
        `Joins: ${fo.size.toLocaleString("en")} watchers join; open-loop bids meanwhile, p99`,
        `${fo.nplex.joinSeconds.toFixed(1)} s; ${ms(fo.nplex.whileJoining.acceptedLatency.p99)}`,
        "-",
        "-",
        "<= 10 s; <= 50 ms",
        verdict(joined && fo.nplex.joinSeconds <= 10 && fo.nplex.whileJoining.acceptedLatency.p99 <= 50),
      ]);
    }
  }
  if (reading) {
    for (const read of reading.reads) {
      rows.push([
        `Reading (${reading.listings.toLocaleString("en")} listings, ${reading.bids.toLocaleString("en")} bids): ${read.name}, p95`,
        ms(read.latency.p95),
        "-",
        "-",
        "<= 50 ms",
        verdict(read.latency.p95 <= 50),
      ]);
    }
  }
  if (twoNodes) {
    rows.push([
      `Two nodes behind Redis (${twoNodes.watchersPerNode} watchers each): p99 cross / same node`,
      `${ms(twoNodes.crossNode.p99)} / ${ms(twoNodes.sameNode.p99)}`,
      "-",
      ratio(twoNodes.ratio),
      "<= 1.5",
      verdict(twoNodes.ratio <= 1.5 && twoNodes.missing === 0),
    ]);
  }
  if (storm) for (const [row, ok] of stormRows(storm)) rows.push([...row, verdict(ok)]);
  if (memory) {
    rows.push([
      `Memory per idle watcher (${memory.connected.toLocaleString("en")}): RSS / heap`,
      `${kib(memory.rssPerWatcher)} / ${kib(memory.heapPerWatcher)}`,
      "-",
      "-",
      "RSS <= 100 KiB",
      verdict(memory.rssPerWatcher <= 100 * 1024 && memory.connected === memory.watchers),
    ]);
  }
  for (const t of tapes) {
    rows.push([
      `Tape import, ${t.rows.toLocaleString("en")} loans, ${t.format.toUpperCase()}: wall time / peak RSS`,
      `${t.totalSeconds.toFixed(1)} s / ${mib(t.peakRss)}`,
      "-",
      "-",
      "<= 20 s, <= 512 MiB",
      verdict(t.totalSeconds <= 20 && t.peakRss <= 512 * 1024 * 1024, postgresql),
    ]);
  }
  table(["benchmark", "nplex", "baseline", "ratio", "target", "result"], rows);
  console.log(
    "\n  Ratios: capacity = nplex bid requests answered/s / raw UPDATE/s (the floor: the least server's answers/s / UPDATE/s);" +
      "\n  many listings = accepted bids/s / UPDATE/s;" +
      "\n  fan-out = bare p99 / nplex p99; two nodes = cross-node p99 / same-node p99." +
      "\n  Fan-out latency for nplex runs from the bid's placedAt (read under the listing's lock, before the commit) to each" +
      "\n  watcher's `bid` handler; for the bare server from just before io.to(room).emit(). Reading: answer time on loopback." +
      "\n  Memory: server process.memoryUsage() after full GC.",
  );
  if (hot && !hot.consistent) console.log(`  WARNING: hot listing consistency check failed: ${hot.consistencyNote}`);
  return missed;
}
