import { count, eq } from "drizzle-orm";
import fc from "fast-check";
import iconv from "iconv-lite";
import { stringify } from "csv-stringify/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { tapeSchema } from "../../core/contract/tapes";
import { assets, tapeRows, tapes } from "../../db/schema";
import { generateLoanTape, tapeXlsx, type GeneratedTape } from "../../db/seed/loan-tape";
import * as applyRoute from "../../app/routes/api.v1.tapes.$id.apply";
import * as tapeRoute from "../../app/routes/api.v1.tapes.$id._index";
import * as tapesRoute from "../../app/routes/api.v1.tapes._index";
import { callApi } from "../support/api";
import { useLifecycleWorld } from "../support/lifecycle-world";

/**
 * Fuzzed tapes of 10,000 loans through the API (issue: "never answer 5xx and never leave partial
 * rows"): a bank's tape with cells spoiled at random rows (wrong types, impossible dates, negative
 * money, money with three decimals, formulas, repeated loan ids), a required column missing or a
column doubled, as
 * UTF-8, UTF-8 with a BOM or GBK, as XLSX, and files that are no table at all. Every upload is
 * answered 202 or 4xx; every spoiled row, and only those, is reported by its row number; applying
 * a tape with problems is refused and writes nothing, and a clean one lands whole. Large enough that worker threads check it.
 */

const { services: s, world } = useLifecycleWorld();
const ROWS = 10_000;
const tapeAnswer = z.object({ tape: tapeSchema });

/** What spoils one cell, and the columns (by the generated tape's headers) it may spoil. */
const spoilers = {
  wrongType: { columns: ["本金余额", "利息余额", "放款日", "违约日", "五级分类", "担保方式"], value: () => "n/a" },
  impossibleDate: { columns: ["放款日", "违约日", "评估日期"], value: () => "2023-02-30" },
  negativeMoney: { columns: ["本金余额", "利息余额", "罚息"], value: (old: string) => `-${old || "1"}` },
  threeDecimals: { columns: ["本金余额", "利息余额", "罚息"], value: () => "1250000.505" },
  formula: { columns: ["借款人名称", "行业", "本金余额", "地区"], value: () => '=HYPERLINK("http://x","y")' },
} as const;

const spoiledCell = fc.record({
  kind: fc.constantFrom(...(Object.keys(spoilers) as (keyof typeof spoilers)[])),
  row: fc.nat(ROWS - 1),
  column: fc.nat(10),
});
/** A later row given an earlier row's loan id. */
const repeatedId = fc
  .tuple(fc.nat(ROWS - 1), fc.nat(ROWS - 1))
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ kind: "repeatedId" as const, first: Math.min(a, b), row: Math.max(a, b) }));

const fuzzedTape = fc.record({
  spoiled: fc.array(fc.oneof(spoiledCell, repeatedId), { maxLength: 6 }),
  columns: fc.constantFrom("as exported", "principal missing", "classification twice"),
  encoding: fc.constantFrom("utf-8", "utf-8 with BOM", "gbk"),
});

type FuzzedTape = typeof fuzzedTape extends fc.Arbitrary<infer T> ? T : never;

let base: GeneratedTape;
beforeAll(() => {
  base = generateLoanTape({ count: ROWS, seed: 7, prefix: "FZ" });
});

/** The spoiled tape, and the file rows (header = row 1) that must be reported. */
function spoil(c: FuzzedTape) {
  const rows = base.rows.map((r) => [...r]);
  const expected = new Set<number>();
  for (const s of c.spoiled) {
    if (s.kind === "repeatedId") rows[s.row]![0] = rows[s.first]![0]!;
    else {
      const { columns, value } = spoilers[s.kind];
      const column = base.headers.indexOf(columns[s.column % columns.length]!);
      rows[s.row]![column] = value(rows[s.row]![column]!);
    }
    expected.add(s.row + 2);
  }
  let headers = [...base.headers];
  if (c.columns === "principal missing") {
    const at = headers.indexOf("本金余额");
    headers = headers.filter((_, i) => i !== at);
    rows.forEach((r) => r.splice(at, 1));
  } else if (c.columns === "classification twice") {
    const at = headers.indexOf("五级分类");
    headers.push(headers[at]!);
    rows.forEach((r) => r.push(r[at]!));
  }
  const text = stringify([headers, ...rows]);
  const data =
    c.encoding === "gbk"
      ? new Uint8Array(iconv.encode(text, "gbk"))
      : new TextEncoder().encode(c.encoding === "utf-8" ? text : `\uFEFF${text}`);
  return { data, headers, rows, expected };
}

async function upload(data: Uint8Array, fileName: string) {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(data)], fileName));
  const answer = await callApi(s(), tapesRoute.action, { path: "/api/v1/tapes", principal: world().staff, form });
  await s().tapes.settled();
  return answer;
}

const bookSize = async () =>
  (await s().db.select({ n: count() }).from(assets).where(eq(assets.sellerOrgId, world().bank.id)))[0]!.n;

/** Reads the uploaded tape back; a tape with problems reports exactly `expected`, and applying it writes nothing. */
async function checkRead(id: string, expected: Set<number>, mappingBroken: boolean) {
  const read = await callApi(s(), tapeRoute.loader, { params: { id }, principal: world().staff, answers: tapeAnswer });
  expect(read.status).toBe(200);
  const tape = read.body.tape;
  if (mappingBroken) {
    expect(tape).toMatchObject({ status: "invalid", rows: 0 });
    expect(tape.mappingProblems.length).toBeGreaterThan(0);
    expect(await s().db.select({ n: count() }).from(tapeRows).where(eq(tapeRows.tapeId, id))).toEqual([{ n: 0 }]);
  } else {
    expect(tape.rows).toBe(ROWS);
    expect(tape.status).toBe(expected.size ? "invalid" : "valid");
    expect(new Set(tape.errors.map((e: { row: number }) => e.row))).toEqual(expected);
    expect(tape.validRows).toBe(ROWS - expected.size);
    // Each problem names one of the tape's own columns and says why, in words.
    for (const error of tape.errors) {
      expect(tape.headers).toContain(error.column);
      expect(error.message).toMatch(/[A-Za-z]{3,}/);
    }
  }
  if (tape.status === "valid") {
    // Staged by the worker threads, written set-based: every loan lands in the book once.
    const before = await bookSize();
    const applied = await callApi(s(), applyRoute.action, { method: "POST", params: { id }, principal: world().staff });
    expect(applied.status).toBe(200);
    const { created, updated, unchanged } = applied.body as { created: number; updated: number; unchanged: number };
    expect(created + updated + unchanged).toBe(ROWS);
    expect(await bookSize()).toBe(before + created);
  }
  if (tape.status === "invalid") {
    const before = await bookSize();
    const refused = await callApi(s(), applyRoute.action, { method: "POST", params: { id }, principal: world().staff });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(await bookSize()).toBe(before);
  }
  return tape;
}

describe("fuzzed 10,000-loan tapes", () => {
  it("are answered 202 or 4xx, report every spoiled row and only those, and write nothing when refused", async () => {
    await fc.assert(
      fc.asyncProperty(fuzzedTape, async (c) => {
        const { data, expected } = spoil(c);
        const answer = await upload(data, "tape.csv");
        expect(answer.status).toBe(202);
        const tape = await checkRead(answer.body.tape.id as string, expected, c.columns === "principal missing");
        expect(tape.encoding).toBe(c.encoding === "gbk" ? "gb18030" : "utf-8");
        // A column exported twice is read once: the copy stays unmapped, for the seller to see.
        if (c.columns === "classification twice") expect(tape.mapping.at(-1)).toBeNull();
      }),
      // Each run reads 10,000 loans (3-6 s on the embedded database); the examples pin the edges.
      {
        numRuns: 5,
        examples: [
          [{ spoiled: [], columns: "as exported", encoding: "gbk" }],
          [
            {
              spoiled: [
                { kind: "formula", row: 0, column: 0 },
                { kind: "repeatedId", first: 3, row: ROWS - 1 },
                { kind: "negativeMoney", row: 5000, column: 0 },
              ],
              columns: "as exported",
              encoding: "utf-8 with BOM",
            },
          ],
        ],
      },
    );
  }, 300_000);

  it("reads an XLSX of 10,000 loans with a formula and three decimals in it the same way", async () => {
    const rows = base.rows.map((r) => [...r]);
    rows[17]![base.headers.indexOf("罚息")] = "=SUM(A1:A2)";
    rows[9_321]![base.headers.indexOf("本金余额")] = "88.888";
    const answer = await upload(await tapeXlsx({ headers: base.headers, rows }), "tape.xlsx");
    expect(answer.status).toBe(202);
    await checkRead(answer.body.tape.id as string, new Set([19, 9_323]), false);
  }, 120_000);

  it("refuses with a 4xx, and keeps nothing of, files that are no table", async () => {
    const binary = new Uint8Array(64 * 1024).map((_, i) => (i * 7919) % 256);
    const truncatedZip = (await tapeXlsx({ headers: base.headers, rows: base.rows.slice(0, 50) })).subarray(0, 900);
    for (const [data, name] of [
      [binary, "tape.csv"],
      [truncatedZip, "tape.xlsx"],
      [new Uint8Array(0), "tape.csv"],
    ] as const) {
      const before = (await s().db.select({ n: count() }).from(tapes))[0]!.n;
      const answer = await upload(data, name);
      expect(answer.status, name).toBeGreaterThanOrEqual(400);
      expect(answer.status, name).toBeLessThan(500);
      expect(answer.body.error).toMatchObject({
        code: expect.stringMatching(/^(UNSUPPORTED_MEDIA_TYPE|VALIDATION_FAILED)$/),
        message: expect.stringMatching(/[A-Za-z]{3,}/),
      });
      expect((await s().db.select({ n: count() }).from(tapes))[0]!.n).toBe(before);
    }
  });
});
