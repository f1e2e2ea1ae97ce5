import { and, eq, sql } from "drizzle-orm";
import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { assets, auditLog, tapeErrors, tapeRows, tapes } from "../../db/schema";
import { makeListing } from "../../db/seed/factories";
import { DAY, useLifecycleWorld, yuan } from "../support/lifecycle-world";
import { refusal } from "../support/refusal";
import { header, line, tape } from "../support/tapes";

const { services: s, world, clock } = useLifecycleWorld();

async function uploaded(data: Uint8Array, mapping?: unknown) {
  const answer = await s().tapes.upload(world().staff, { data, fileName: "tape.csv", mapping });
  await s().tapes.settled();
  return s().tapes.get(world().staff, answer.id);
}

describe("reading a loan tape", () => {
  it("maps a Chinese tape's headers by itself, reads every row, and stages the valid ones with their parties sealed", async () => {
    const read = await uploaded(tape([line(1), line(2), line(3)]));
    expect(read).toMatchObject({
      status: "valid",
      format: "csv",
      encoding: "utf-8",
      rows: 3,
      validRows: 3,
      errorCount: 0,
      progress: { parsed: 3, validated: 3, written: 3 },
      errors: [],
      mappingProblems: [],
    });
    expect(read.mapping).toEqual([
      "loanId",
      "borrowerName",
      "borrowerId",
      "principal",
      "accruedInterest",
      "classification",
      "security",
      "region",
      "guarantorName",
      "guarantorId",
    ]);
    const staged = await s().db.select().from(tapeRows).where(eq(tapeRows.tapeId, read.id));
    expect(staged.map((r) => [r.row, r.loanId, r.ok])).toEqual([
      [2, "HZ-00001", true],
      [3, "HZ-00002", true],
      [4, "HZ-00003", true],
    ]);
    const text = JSON.stringify(await s().db.execute(sql`select row_to_json(r)::text from tape_rows r`));
    for (const secret of ["张卫国", "330109196805121237", "杭州第1纺织有限公司", "91330109MA2B7Q4X1J"])
      expect(text).not.toContain(secret);
    expect(staged[0]!.record).toMatchObject({
      asset: {
        loan_id: "HZ-00001",
        principal: "100000150",
        classification: "doubtful",
        security: "guaranteed",
        tape_id: read.id,
      },
      parties: [
        { role: "borrower", kind: "company", name_masked: "杭*****", position: 0 },
        { role: "guarantor", kind: "person", position: 1 },
      ],
      collateral: [],
    });
  });

  it("lists every problem by row and column with its value and reason, and a repeated loan id", async () => {
    const read = await uploaded(
      tape([line(1), line(2, { principal: "12.345" }), line(3, { classification: "坏账" }), line(4, { loanId: "HZ-00001" })]),
    );
    expect(read).toMatchObject({ status: "invalid", rows: 4, validRows: 1, errorCount: 3 });
    expect(read.errors).toEqual([
      { row: 3, column: "本金余额", value: "12.345", message: expect.stringMatching(/two decimals/) },
      { row: 4, column: "五级分类", value: "坏账", message: expect.stringMatching(/allowed values/) },
      { row: 5, column: "贷款编号", value: "HZ-00001", message: "Loan id repeated: first at row 2" },
    ]);
  });

  it("finds in the README's sample tape its three problems, and none in the fixed one", async () => {
    const sample = (name: string) => new Uint8Array(readFileSync(new URL(`../../docs/samples/${name}`, import.meta.url)));
    const bad = await uploaded(sample("loan-tape-200-3-problems.csv"));
    expect(bad).toMatchObject({ status: "invalid", rows: 200, validRows: 197, errorCount: 3 });
    expect(bad.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [12, "本金余额", "12.345"],
      [52, "五级分类", "很差"],
      [122, "放款日", "2024-02-30"],
    ]);
    expect(await uploaded(sample("loan-tape-200.csv"))).toMatchObject({ status: "valid", rows: 200, errorCount: 0 });
  });

  it("reads a GBK tape as a Chinese bank exports it", async () => {
    const read = await uploaded(new Uint8Array(iconv.encode([header, line(1)].join("\r\n"), "gbk")));
    expect(read).toMatchObject({ status: "valid", encoding: "gb18030", validRows: 1 });
  });

  it("waits for the seller's mapping when a required column is missing, then reads with it and remembers it", async () => {
    const odd = new TextEncoder().encode(
      [
        "客户号,借款人名称,借款人证件号码,本金余额,五级分类,担保方式,地区",
        "HZ-9,杭州鑫源纺织有限公司,91330109MA2B7Q4X1J,100,次级,信用,浙江",
      ].join("\n"),
    );
    const first = await uploaded(odd);
    expect(first.status).toBe("invalid");
    expect(first.mappingProblems).toEqual([{ code: "missing", field: "loanId" }]);
    expect(await s().db.select().from(tapeRows).where(eq(tapeRows.tapeId, first.id))).toEqual([]);

    await s().tapes.remap(world().staff, first.id, [
      "loanId",
      "borrowerName",
      "borrowerId",
      "principal",
      "classification",
      "security",
      "region",
    ]);
    await s().tapes.settled();
    expect(await s().tapes.get(world().staff, first.id)).toMatchObject({ status: "valid", validRows: 1 });
    // The next tape with the same headers is mapped as the seller chose.
    const next = await uploaded(odd);
    expect(next).toMatchObject({ status: "valid", mappingProblems: [] });
    expect(next.mapping[0]).toBe("loanId");
  });

  it("refuses a file that is not a table (415) and keeps nothing of it", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const error = await refusal(s().tapes.upload(world().staff, { data: png, fileName: "tape.csv" }));
    expect(error).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", status: 415 });
    expect(await s().db.select().from(tapes)).toEqual([]);
  });

  it("belongs to the seller's staff alone", async () => {
    const read = await uploaded(tape([line(1)]));
    for (const outsider of [world().investor1, world().approver1, world().operator]) {
      expect((await refusal(s().tapes.get(outsider, read.id))).code).toBe("NOT_FOUND");
    }
    expect((await refusal(s().tapes.upload(world().investor1, { data: tape([line(1)]), fileName: "t.csv" }))).code).toBe(
      "FORBIDDEN",
    );
  });

  it("stops reading when cancelled, and keeps the cancellation", async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => line(i + 1));
    const answer = await s().tapes.upload(world().staff, { data: tape(lines), fileName: "big.csv" });
    const cancelled = await s().tapes.cancel(world().staff, answer.id);
    expect(cancelled.status).toBe("cancelled");
    await s().tapes.settled();
    const [row] = await s().db.select().from(tapes).where(eq(tapes.id, answer.id));
    expect(row!.status).toBe("cancelled");
    expect(row!.rows).toBeLessThan(20_000);
    const problems = await s().db.select().from(tapeErrors).where(eq(tapeErrors.tapeId, answer.id));
    expect(problems).toEqual([]);
  });

  it("takes up a reading that a restart stopped, once, from the start, and leaves one under way alone", async () => {
    const read = await uploaded(tape([line(1), line(2, { principal: "-5" }), line(3)]));
    expect(read).toMatchObject({ status: "invalid", rows: 3, validRows: 2 });
    // As a crash leaves it: still being read, half its rows staged, its reader silent for three minutes.
    await s()
      .db.delete(tapeRows)
      .where(and(eq(tapeRows.tapeId, read.id), eq(tapeRows.row, 4)));
    await s()
      .db.update(tapes)
      .set({ status: "validating", finishedAt: null, readingAt: new Date(clock().now().getTime() - 3 * 60_000) })
      .where(eq(tapes.id, read.id));
    const fresh = await s().tapes.upload(world().staff, { data: tape([line(5)]), fileName: "fresh.csv" });
    await s().tapes.settled();
    await s().db.update(tapes).set({ status: "validating", readingAt: clock().now() }).where(eq(tapes.id, fresh.id));

    expect(await s().tapes.resume()).toBe(1);
    expect(await s().tapes.resume()).toBe(0);
    await s().tapes.settled();
    expect(await s().tapes.get(world().staff, read.id)).toMatchObject({
      status: "invalid",
      rows: 3,
      validRows: 2,
      errorCount: 1,
    });
    expect(await s().db.select().from(tapeRows).where(eq(tapeRows.tapeId, read.id))).toHaveLength(3);
    expect(await s().db.select().from(tapeErrors).where(eq(tapeErrors.tapeId, read.id))).toHaveLength(1);
    expect((await s().tapes.get(world().staff, fresh.id)).status).toBe("validating");
  });
});

describe("applying a loan tape", () => {
  const book = async () =>
    (await s().db.select().from(assets).where(eq(assets.sellerOrgId, world().bank.id))).filter((a) => a.loanId !== null);

  it("writes every loan of a valid tape into the book, its parties sealed and revealable, in one audited application", async () => {
    const read = await uploaded(tape([line(1), line(2), line(3)]));
    expect(await s().tapes.diff(world().staff, read.id)).toMatchObject({
      created: 3,
      unchanged: 0,
      changedCount: 0,
      missing: [],
    });
    const applied = await s().tapes.apply(world().staff, read.id);
    expect(applied).toMatchObject({ created: 3, updated: 0, unchanged: 0, tape: { status: "applied" } });
    const loans = await book();
    expect(loans.map((a) => [a.loanId, a.principal, a.tapeId]).sort()).toEqual([
      ["HZ-00001", 100000150n, read.id],
      ["HZ-00002", 100000250n, read.id],
      ["HZ-00003", 100000350n, read.id],
    ]);
    const parties = await s().assets.commands.revealParties(world().seller, loans[0]!.id);
    expect(parties.map((p) => [p.role, p.kind, p.name])).toEqual([
      ["borrower", "company", expect.stringMatching(/^杭州第\d纺织有限公司$/)],
      ["guarantor", "person", "张卫国"],
    ]);
    const [entry] = await s().db.select().from(auditLog).where(eq(auditLog.action, "tape.applied"));
    expect(entry).toMatchObject({ entityId: read.id, after: { created: 3, updated: 0, validOnly: false, rejectedRows: 0 } });
    expect((await refusal(s().tapes.apply(world().staff, read.id))).code).toBe("CONFLICT");
  });

  it("writes nothing of a tape with one bad row, unless its valid rows alone are chosen", async () => {
    const read = await uploaded(tape([line(1), line(2, { principal: "abc" }), line(3)]));
    const refused = await refusal(s().tapes.apply(world().staff, read.id));
    expect(refused).toMatchObject({ code: "TAPE_INVALID", status: 409, details: { errorCount: 1, validRows: 2 } });
    expect(await book()).toEqual([]);
    const applied = await s().tapes.apply(world().staff, read.id, { validOnly: true });
    expect(applied).toMatchObject({
      created: 2,
      tape: { status: "applied", errorCount: 1, errors: [{ row: 3, column: "本金余额" }] },
    });
    expect((await book()).map((a) => a.loanId).sort()).toEqual(["HZ-00001", "HZ-00003"]);
  });

  it("shows a re-issued tape's changes before applying them: new, changed balances, missing loans; then applies them", async () => {
    const first = await uploaded(tape([line(1), line(2), line(3)]));
    await s().tapes.apply(world().staff, first.id);
    const second = await uploaded(tape([line(1), line(2, { principal: '"900,000"' }), line(4)]));
    const diff = await s().tapes.diff(world().staff, second.id);
    expect(diff).toMatchObject({
      created: 1,
      unchanged: 1,
      changedCount: 1,
      changed: [{ loanId: "HZ-00002", fields: ["principal"], principal: { before: "100000250", after: "90000000" } }],
      missing: [{ loanId: "HZ-00003" }],
    });
    expect(await s().tapes.apply(world().staff, second.id)).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    const loans = new Map((await book()).map((a) => [a.loanId, a]));
    expect(loans.get("HZ-00002")!.principal).toBe(90000000n);
    expect(loans.get("HZ-00002")!.tapeId).toBe(second.id);
    // The missing loan stays in the book: settling or selling it is the seller's to record.
    expect(loans.get("HZ-00003")!.archivedAt).toBeNull();
    // Both versions are kept.
    expect((await s().db.select().from(tapes)).map((t) => t.status)).toEqual(["applied", "applied"]);
  });

  it("refuses, all or nothing, a tape that would change a loan whose listing is public (ASSET_LOCKED)", async () => {
    const first = await uploaded(tape([line(1), line(2)]));
    await s().tapes.apply(world().staff, first.id);
    const [listed] = (await book()).filter((a) => a.loanId === "HZ-00002");
    const listing = await makeListing(s(), {
      sellerOrgId: world().bank.id,
      assetId: listed!.id,
      title: "A listed loan",
      startingPrice: yuan(800_000),
      status: "announced",
      announcedAt: clock().now(),
      startsAt: new Date(clock().now().getTime() + 10 * DAY),
      endsAt: new Date(clock().now().getTime() + 12 * DAY),
    });
    const second = await uploaded(tape([line(1, { principal: "5" }), line(2, { principal: "7" }), line(5)]));
    const refused = await refusal(s().tapes.apply(world().staff, second.id));
    expect(refused).toMatchObject({
      code: "ASSET_LOCKED",
      details: { loanId: "HZ-00002", listingId: listing.id, status: "announced" },
    });
    const loans = new Map((await book()).map((a) => [a.loanId, a]));
    expect(loans.get("HZ-00001")!.principal).toBe(100000150n);
    expect(loans.has("HZ-00005")).toBe(false);
    expect((await s().tapes.get(world().staff, second.id)).status).toBe("valid");
  });
});
