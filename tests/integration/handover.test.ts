import { PDFDocument } from "@cantoo/pdf-lib";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, notifications, sales } from "../../db/schema";
import { closedAuction } from "../support/closed-auction";
import { useLifecycleWorld, yuan } from "../support/lifecycle-world";
import { refusal } from "../support/refusal";

const { clock, services: s, world } = useLifecycleWorld();

async function pdfBytes() {
  const doc = await PDFDocument.create();
  doc.addPage();
  return doc.save();
}

/** The world's claim with a loan contract in its data room, auctioned to Harbour, the agreement signed by both. */
async function contractedLot() {
  await s().dataRoom.upload(
    world().staff,
    { assetId: world().asset.id },
    { title: "Loan contract and guarantee", tier: "nda" },
    { data: await pdfBytes(), fileName: "contract.pdf", contentType: "application/pdf" },
  );
  const closed = await closedAuction(s(), world());
  await s().sales.openDue(50);
  const [sale] = await s().db.select().from(sales).where(eq(sales.listingId, closed.listing.id));
  const { sha256 } = await s().agreements.view(world().seller, closed.listing.id);
  await s().agreements.sign(world().seller, closed.listing.id, { name: "Wang Lei", sha256 }, "198.51.100.9");
  await s().agreements.sign(world().investor1, closed.listing.id, { name: "Hannah Lau", sha256 }, "203.0.113.7");
  return { ...closed, sale: sale! };
}

const statusOf = async (listingId: string) => (await s().listings.getPublic(listingId))!.status;

describe("the hand-over", () => {
  it("lists the originals every claim has and the lot's data room; the seller may add to it; outsiders learn nothing", async () => {
    const { listing } = await contractedLot();
    const list = await s().handover.checklist(world().staff, listing.id);
    expect(list).toMatchObject({ side: "seller", canAdd: true, canDeliver: true, canConfirm: false });
    expect(list.items.map((i) => [i.kind, i.label])).toEqual([
      ["original_contracts", null],
      ["security_certificates", null],
      ["litigation_files", null],
      ["collection_records", null],
      ["document", "Loan contract and guarantee"],
    ]);
    await s().handover.add(world().seller, listing.id, { label: "Court judgment of 2024, certified copy" });
    expect((await refusal(s().handover.add(world().investor1, listing.id, { label: "Anything" }))).code).toBe("FORBIDDEN");
    const buyer = await s().handover.checklist(world().investor1, listing.id);
    expect(buyer).toMatchObject({ side: "buyer", canAdd: false, canDeliver: false, canConfirm: true });
    expect(buyer.items.at(-1)).toMatchObject({ kind: "other", label: "Court judgment of 2024, certified copy" });
    expect((await refusal(s().handover.checklist(world().investor2, listing.id))).code).toBe("NOT_FOUND");
  });

  it("closes the paid listing when the buyer confirms the last item the seller delivered, and not before", async () => {
    const { listing, sale } = await contractedLot();
    const { items } = await s().handover.checklist(world().seller, listing.id);
    const [first, ...rest] = items;

    expect((await refusal(s().handover.confirm(world().investor1, listing.id, first!.id))).code).toBe("NOT_DELIVERED");
    expect((await refusal(s().handover.deliver(world().investor1, listing.id, first!.id))).code).toBe("FORBIDDEN");
    for (const item of items) await s().handover.deliver(world().staff, listing.id, item.id);
    for (const item of rest) await s().handover.confirm(world().investor1, listing.id, item.id);
    expect((await refusal(s().handover.confirm(world().seller, listing.id, first!.id))).code).toBe("FORBIDDEN");

    // Everything but one item confirmed, and the balance not in: still contracted.
    expect(await statusOf(listing.id)).toBe("contracted");
    await s().sales.recordBalance(world().operator, sale.id, { amount: yuan(910_000).toString(), bankReference: "CMB-BAL-7" });
    expect(await statusOf(listing.id)).toBe("paid");

    expect(await s().handover.confirm(world().investor1, listing.id, first!.id)).toEqual({ status: "closed" });
    const told = async (kind: string) =>
      (await s().db.select().from(notifications).where(eq(notifications.listingId, listing.id)))
        .filter((n) => n.kind === kind)
        .map((n) => n.userId);
    expect(await told("handover_delivered")).toEqual(items.map(() => world().investor1.userId));
    expect((await told("sale_completed")).sort()).toEqual(
      [
        world().seller.userId,
        world().staff.userId,
        world().approver1.userId,
        world().approver2.userId,
        world().investor1.userId,
      ].sort(),
    );
    expect(await statusOf(listing.id)).toBe("closed");
    const steps = (await s().db.select().from(auditLog).where(eq(auditLog.entityId, listing.id))).map((r) => r.action);
    expect(steps.filter((a) => a === "listing.handover_confirmed")).toHaveLength(items.length);
    expect(steps).toContain("listing.complete");
    expect(await s().handover.checklist(world().investor1, listing.id)).toMatchObject({ canConfirm: false, canDeliver: false });
  });

  it("closes a listing whose items were all confirmed before the balance arrived as soon as it is paid", async () => {
    const { listing, sale } = await contractedLot();
    const { items } = await s().handover.checklist(world().seller, listing.id);
    for (const item of items) {
      await s().handover.deliver(world().seller, listing.id, item.id);
      await s().handover.confirm(world().investor1, listing.id, item.id);
    }
    expect(await statusOf(listing.id)).toBe("contracted");
    await s().sales.recordBalance(world().operator, sale.id, { amount: yuan(910_000).toString(), bankReference: "CMB-BAL-8" });
    expect(await statusOf(listing.id)).toBe("closed");
  });

  it("is followed by operators in the closing queue: signatures, balance, hand-over, notice, overdue", async () => {
    const { listing, sale } = await contractedLot();
    await s().handover.checklist(world().seller, listing.id);
    const [row] = await s().closingQueue.pending(world().operator);
    expect(row).toMatchObject({
      listingId: listing.id,
      status: "contracted",
      signatures: 2,
      items: 5,
      confirmed: 0,
      paidAt: null,
      noticeAt: null,
      overdue: false,
    });
    expect(row!.dueAt).toEqual(sale.dueAt);
    clock().advance(sale.dueAt.getTime() - clock().now().getTime() + 1);
    expect((await s().closingQueue.pending(world().operator))[0]).toMatchObject({ overdue: true });
    expect((await refusal(s().closingQueue.pending(world().seller))).code).toBe("FORBIDDEN");
  });
});
