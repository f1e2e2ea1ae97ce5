import { eq } from "drizzle-orm";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { deposits, receipts, statementImports, statementLines } from "../../db/schema";
import { displayReference } from "../../core/payment-reference";
import { announcedListing, application, useLifecycleWorld, worldIds } from "../support/lifecycle-world";
import { refusal } from "../support/refusal";

const { clock, services: s, world, vault } = useLifecycleWorld();

/** Harbour and Jade River apply to the world's listing (deposit ¥80,000 each): their deposits' references. */
async function twoApplications() {
  const listingId = await announcedListing(s(), world(), clock().now());
  const harbour = await s().registrations.apply(world().investor1, listingId, application(1));
  const jade = await s().registrations.apply(
    world().investor2,
    listingId,
    application(1, { applicantName: "Jade River Investment", applicantIdNumber: worldIds.jadeRiver }),
  );
  const ref = async (registrationId: string) =>
    (await s().db.select().from(deposits).where(eq(deposits.registrationId, registrationId)))[0]!;
  return { harbour: await ref(harbour.id), jade: await ref(jade.id) };
}

const csv = (rows: string[][]) => new TextEncoder().encode(rows.map((r) => r.map((c) => `"${c}"`).join(",")).join("\n"));

describe("importing the escrow account's bank statement", () => {
  it("credits a line that matches by reference and amount, and lists a mismatched amount and an unknown reference", async () => {
    const { harbour, jade } = await twoApplications();
    const statement = csv([
      ["Date", "Amount", "Currency", "Reference", "Payer name"],
      ["2026-11-21", "80,000.00", "CNY", `Deposit ${displayReference(harbour.reference)}`, "Harbour Capital Partners Ltd."],
      ["2026-11-21", "50,000.00", "CNY", jade.reference, "Jade River Investment"],
      ["2026/11/22", "12,345.00", "RMB", "deposit lot 12", "Zhang Wei"],
      ["20261122", "-500.00", "CNY", "fee", "Bank"],
    ]);
    const result = await s().statements.import(world().operator, { fileName: "cmb-2026-11.csv", data: statement });
    expect(result.counts).toMatchObject({ matched: 1, amount_mismatch: 1, unknown_reference: 1, outgoing: 1 });
    expect(await s().db.select().from(deposits).where(eq(deposits.id, harbour.id))).toEqual([
      expect.objectContaining({ status: "held", received: 8_000_000n }),
    ]);
    expect((await s().db.select().from(deposits).where(eq(deposits.id, jade.id)))[0]).toMatchObject({
      status: "pending",
      received: 0n,
    });

    // The payer's name is sealed at rest and opened for the operator only.
    const stored = await s().db.select().from(statementLines);
    expect(stored.every((l) => vault().isSealed(l.payerNameSealed))).toBe(true);
    expect(stored.some((l) => l.payerNameSealed.includes("Zhang"))).toBe(false);
    const open = await s().statements.openLines(world().operator);
    expect(open.map((l) => [l.outcome, l.payerName])).toEqual([
      ["amount_mismatch", "Jade River Investment"],
      ["unknown_reference", "Zhang Wei"],
    ]);
    expect((await refusal(s().statements.openLines(world().investor1))).code).toBe("FORBIDDEN");

    // The same statement again: every line a duplicate, nothing credited twice.
    const again = await s().statements.import(world().operator, { fileName: "cmb-2026-11.csv", data: statement });
    expect(again.counts).toMatchObject({ matched: 0, duplicate: 3, outgoing: 1 });
    expect(await s().db.select().from(receipts)).toHaveLength(1);

    // The operator credits the part to Jade River's deposit, and records the stranger's money as sent back.
    const [part, stranger] = open;
    expect(
      await s().statements.resolveLine(world().operator, part!.id, { action: "credit", reference: jade.reference }),
    ).toMatchObject({
      resolution: "credited",
      deposit: { status: "pending", received: 5_000_000n },
    });
    await s().statements.resolveLine(world().operator, stranger!.id, { action: "return", bankReference: "CMB-RTN-0001" });
    expect(await s().statements.openLines(world().operator)).toEqual([]);
    expect(
      (await refusal(s().statements.resolveLine(world().operator, part!.id, { action: "return", bankReference: "X1" }))).code,
    ).toBe("ALREADY_DECIDED");
  });

  it("refuses a statement with a bad line whole, naming the line and column, and stores nothing", async () => {
    const { harbour } = await twoApplications();
    const bad = csv([
      ["交易日期", "交易金额", "币种", "附言", "对方户名"],
      ["2026-11-21", "80000.00", "人民币", harbour.reference, "海港资本"],
      ["2026-02-30", "1.00", "CNY", "x", "y"],
      ["2026-11-22", "abc", "CNY", "x", "y"],
    ]);
    const refused = await refusal(s().statements.import(world().operator, { fileName: "bad.csv", data: bad }));
    expect(refused.code).toBe("STATEMENT_INVALID");
    expect(refused.details.problems).toEqual([
      { lineNo: 3, column: "bookedOn", code: "bad_date", value: "2026-02-30" },
      { lineNo: 4, column: "amount", code: "bad_amount", value: "abc" },
    ]);
    expect(await s().db.select().from(statementImports)).toEqual([]);
    expect((await s().db.select().from(deposits).where(eq(deposits.id, harbour.id)))[0]!.received).toBe(0n);

    const missing = await refusal(
      s().statements.import(world().operator, {
        fileName: "x.csv",
        data: csv([
          ["Date", "Amount"],
          ["2026-11-21", "1"],
        ]),
      }),
    );
    expect(missing.details.problems).toEqual(expect.arrayContaining([{ lineNo: 1, column: "currency", code: "missing_column" }]));
  });

  it("reads a GBK statement as Chinese banks export it", async () => {
    const { harbour } = await twoApplications();
    const text = [
      "交易日期,交易金额,币种,附言,对方户名",
      `2026-11-21,"80,000.00",人民币,保证金 ${harbour.reference},海港资本`,
    ].join("\r\n");
    const result = await s().statements.import(world().operator, { fileName: "gbk.csv", data: iconv.encode(text, "gbk") });
    expect(result.counts.matched).toBe(1);
    const [line] = await s().db.select().from(statementLines);
    expect(vault().open(line!.payerNameSealed, "payer.name")).toBe("海港资本");
  });
});
