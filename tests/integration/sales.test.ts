import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deposits, notifications, refunds, sales } from "../../db/schema";
import { displayReference, readReference } from "../../core/payment-reference";
import { closedAuction } from "../support/closed-auction";
import { DAY, useLifecycleWorld, yuan } from "../support/lifecycle-world";
import { refusal } from "../support/refusal";

const { clock, services: s, world } = useLifecycleWorld();

const told = async (kind: string, listingId: string) =>
  (
    await s()
      .db.select()
      .from(notifications)
      .where(and(eq(notifications.kind, kind as "auction_won"), eq(notifications.listingId, listingId)))
  ).map((n) => n.userId);

const csv = (rows: string[][]) => new TextEncoder().encode(rows.map((r) => r.map((c) => `"${c}"`).join(",")).join("\n"));

describe("the sale after the hammer", () => {
  it("asks the winner for the price less its deposit, by the due date, and tells everyone how it ended, once", async () => {
    const { listing, harbour } = await closedAuction(s(), world());
    expect(await s().sales.openDue(50)).toBe(1);
    expect(await s().sales.openDue(50)).toBe(0);
    const [sale] = await s().db.select().from(sales).where(eq(sales.listingId, listing.id));
    expect((await s().listings.getPublic(listing.id))!.status).toBe("awarded");
    expect(sale).toMatchObject({
      registrationId: harbour.id,
      price: yuan(1_010_000),
      depositHeld: yuan(100_000),
      balanceDue: yuan(910_000),
      balanceReceived: 0n,
      paidAt: null,
    });
    expect(sale!.dueAt.getTime() - clock().now().getTime()).toBeGreaterThan(9 * DAY);
    expect(readReference(sale!.balanceReference)).toMatchObject({ found: true, purpose: "balance" });

    expect(await told("auction_won", listing.id)).toEqual([world().investor1.userId]);
    expect(await told("auction_lost", listing.id)).toEqual([world().investor2.userId]);
    expect((await told("listing_sold", listing.id)).sort()).toEqual(
      [world().seller.userId, world().staff.userId, world().approver1.userId, world().approver2.userId].sort(),
    );

    const mine = await s().sales.forBuyer(world().investor1, listing.id);
    expect(mine).toMatchObject({
      outstanding: yuan(910_000),
      instructions: { reference: displayReference(sale!.balanceReference) },
    });
    expect(await s().sales.forBuyer(world().investor2, listing.id)).toBeNull();
  });

  it("reminds the buyer 3 days and 1 day before the balance is due, each once", async () => {
    const { listing } = await closedAuction(s(), world());
    await s().sales.openDue(50);
    const [sale] = await s().db.select().from(sales).where(eq(sales.listingId, listing.id));
    const until = (ms: number) => clock().advance(sale!.dueAt.getTime() - ms - clock().now().getTime());
    until(3 * DAY + 60_000);
    expect(await s().sales.remindDue()).toBe(0);
    until(3 * DAY - 60_000);
    expect(await s().sales.remindDue()).toBe(1);
    expect(await s().sales.remindDue()).toBe(0);
    until(DAY - 60_000);
    expect(await s().sales.remindDue()).toBe(1);
    expect(await told("balance_reminder", listing.id)).toEqual([world().investor1.userId, world().investor1.userId]);
  });

  it("counts the deposit towards the price once the balance is in, from a statement line or in parts, and owes back an overpayment", async () => {
    const { listing, harbour } = await closedAuction(s(), world());
    await s().sales.openDue(50);
    const [sale] = await s().db.select().from(sales).where(eq(sales.listingId, listing.id));

    // A part recorded by the operator, the rest and a little over by the bank statement (flagged, then credited).
    await s().sales.recordBalance(world().operator, sale!.id, { amount: yuan(900_000).toString(), bankReference: "CMB-BAL-1" });
    expect((await refusal(s().sales.recordBalance(world().investor1, sale!.id, { bankReference: "X" }))).code).toBe("FORBIDDEN");
    const imported = await s().statements.import(world().operator, {
      fileName: "balance.csv",
      data: csv([
        ["Date", "Amount", "Currency", "Reference", "Payer"],
        [
          "2026-11-25",
          "10,500.00",
          "CNY",
          `Balance ${displayReference(sale!.balanceReference)}`,
          "Harbour Capital Partners Ltd.",
        ],
      ]),
    });
    expect(imported.counts.amount_mismatch).toBe(1);
    const [line] = await s().statements.openLines(world().operator);
    expect(line!.why).toEqual({ owedCurrency: "CNY", outstanding: yuan(10_000).toString() });
    await s().statements.resolveLine(world().operator, line!.id, { action: "credit", reference: sale!.balanceReference });

    const [paid] = await s().db.select().from(sales).where(eq(sales.id, sale!.id));
    expect(paid!.paidAt).not.toBeNull();
    expect(paid!.balanceReceived).toBe(yuan(910_500));
    expect((await s().db.select().from(deposits).where(eq(deposits.registrationId, harbour.id)))[0]!.status).toBe("applied");
    expect(await s().db.select().from(refunds).where(eq(refunds.saleId, sale!.id))).toEqual([
      expect.objectContaining({ reason: "overpaid", amount: yuan(500), status: "due" }),
    ]);
    expect(await told("balance_paid", listing.id)).toEqual([world().investor1.userId]);

    // Money for a paid sale is owed back, never counted.
    const late = await s().sales.recordBalance(world().operator, sale!.id, { amount: "100", bankReference: "CMB-BAL-LATE" });
    expect(late.outcome).toBe("refund_due");
  });

  it("ends the sale when the operator records the winner's default: the deposit is kept and nothing more counts", async () => {
    const { listing, harbour } = await closedAuction(s(), world());
    await s().sales.openDue(50);
    clock().advance(11 * DAY);
    const [overdue] = await s().sales.awaitingBalance(world().operator);
    expect(overdue).toMatchObject({ listingId: listing.id, overdue: true });
    await s().runnerUp.recordDefault(world().operator, listing.id, {
      reason: "Balance not paid in 10 days.",
      offerRunnerUp: false,
    });
    const [sale] = await s().db.select().from(sales).where(eq(sales.listingId, listing.id));
    expect(sale!.defaultedAt).not.toBeNull();
    expect((await s().db.select().from(deposits).where(eq(deposits.registrationId, harbour.id)))[0]!.status).toBe("forfeited");
    expect(await s().sales.awaitingBalance(world().operator)).toEqual([]);
    expect(await s().sales.forBuyer(world().investor1, listing.id)).toBeNull();
  });
});
