import { createHash } from "node:crypto";
import { PDFDocument } from "@cantoo/pdf-lib";
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { agreements, auditLog, notifications, sales } from "../../db/schema";
import { closedAuction } from "../support/closed-auction";
import { useLifecycleWorld, yuan } from "../support/lifecycle-world";
import { refusal, rejection } from "../support/refusal";

const { services: s, world } = useLifecycleWorld();

/** An auction closed and its sale opened: Harbour (investor1) bought at ¥1,010,000 from the bank. */
async function soldLot() {
  const closed = await closedAuction(s(), world());
  await s().sales.openDue(50);
  const [sale] = await s().db.select().from(sales).where(eq(sales.listingId, closed.listing.id));
  return { ...closed, sale: sale! };
}

const statusOf = async (listingId: string) => (await s().listings.getPublic(listingId))!.status;
const stepsOf = async (listingId: string) =>
  (
    await s()
      .db.select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, listingId), like(auditLog.action, "listing.%")))
      .orderBy(auditLog.seq)
  ).map((r) => r.action);

describe("the transfer agreement", () => {
  it("is written from the sale: both parties, the price, the deposit and balance, the schedule of loans without any natural person", async () => {
    const { listing, sale } = await soldLot();
    const mine = await s().agreements.view(world().investor1, listing.id);
    expect(mine).toMatchObject({ version: 1, party: "buyer", canSign: true, signatures: [] });
    expect(mine.sha256).toBe(createHash("sha256").update(mine.text, "utf8").digest("hex"));
    expect(mine.text).toContain("债权转让协议");
    expect(mine.text).toContain("Harbour");
    expect(mine.text).toContain(world().bank.name);
    expect(mine.text).toContain("1,010,000.00");
    expect(mine.text).toContain("910,000.00");
    expect(mine.text).toContain("Unsecured claim on a Jiaxing packaging maker");
    // The borrower as the public sees it; the guarantor, a natural person, not at all.
    expect(mine.text).not.toContain("Jiaxing Hengfeng Packaging");
    expect(mine.text).not.toContain("Feng Hengda");
    expect(mine.dueAt).toEqual(sale.dueAt);

    // The same facts give the same version, whoever reads it.
    const seller = await s().agreements.view(world().seller, listing.id);
    expect(seller).toMatchObject({ version: 1, sha256: mine.sha256, party: "seller", canSign: true });
    expect(await s().agreements.view(world().staff, listing.id)).toMatchObject({ party: null, canSign: false });
    expect((await s().agreements.view(world().operator, listing.id)).sha256).toBe(mine.sha256);
    // A losing bidder learns nothing of it.
    expect((await refusal(s().agreements.view(world().investor2, listing.id))).code).toBe("NOT_FOUND");
    expect(await s().db.select().from(agreements).where(eq(agreements.listingId, listing.id))).toHaveLength(1);
  });

  it("is signed by the buyer and the seller's admin on the text they read; both signatures make the listing contracted, the balance paid", async () => {
    const { listing, sale } = await soldLot();
    const { sha256 } = await s().agreements.view(world().investor1, listing.id);

    expect(
      (
        await refusal(
          s().agreements.sign(world().investor1, listing.id, { name: "Hannah Lau", sha256: "0".repeat(64) }, "203.0.113.7"),
        )
      ).code,
    ).toBe("AGREEMENT_CHANGED");
    expect((await rejection(s().agreements.sign(world().investor1, listing.id, { name: " ", sha256 }, "203.0.113.7"))).name).toBe(
      "ZodError",
    );
    expect((await refusal(s().agreements.sign(world().staff, listing.id, { name: "Staff", sha256 }, "198.51.100.2"))).code).toBe(
      "FORBIDDEN",
    );
    expect(
      (await refusal(s().agreements.sign(world().investor2, listing.id, { name: "Jade", sha256 }, "198.51.100.3"))).code,
    ).toBe("NOT_FOUND");

    const first = await s().agreements.sign(world().investor1, listing.id, { name: "Hannah Lau", sha256 }, "203.0.113.7");
    expect(first).toMatchObject({ party: "buyer", complete: false, status: "awarded" });
    expect(
      (await refusal(s().agreements.sign(world().investor1, listing.id, { name: "Hannah Lau", sha256 }, "203.0.113.7"))).code,
    ).toBe("ALREADY_SIGNED");
    const told = await s()
      .db.select()
      .from(notifications)
      .where(and(eq(notifications.kind, "agreement_signed"), eq(notifications.listingId, listing.id)));
    expect(told.map((n) => n.userId)).toEqual([world().seller.userId]);

    const second = await s().agreements.sign(world().seller, listing.id, { name: "Wang Lei", sha256 }, "198.51.100.9");
    expect(second).toMatchObject({ party: "seller", complete: true, status: "contracted" });
    expect(await statusOf(listing.id)).toBe("contracted");

    // The operator sees where each signature came from; the other side does not.
    const operator = await s().agreements.view(world().operator, listing.id);
    expect(operator.signatures).toEqual([
      expect.objectContaining({ party: "buyer", name: "Hannah Lau", ip: "203.0.113.7" }),
      expect.objectContaining({ party: "seller", name: "Wang Lei", ip: "198.51.100.9" }),
    ]);
    expect((await s().agreements.view(world().investor1, listing.id)).signatures[1]).not.toHaveProperty("ip");

    await s().sales.recordBalance(world().operator, sale.id, { amount: yuan(910_000).toString(), bankReference: "CMB-BAL-9" });
    expect(await statusOf(listing.id)).toBe("paid");
    expect(await stepsOf(listing.id)).toEqual(
      expect.arrayContaining(["listing.agreement_issued", "listing.agreement_signed", "listing.contract", "listing.settle"]),
    );
    const timeline = await s().workspace.timeline(listing.id, "seller");
    expect(timeline.filter((t) => t.action === "listing.contract" || t.action === "listing.settle").map((t) => t.status)).toEqual(
      ["contracted", "paid"],
    );
  });

  it("takes a listing paid before signing through contracted to paid when the second side signs", async () => {
    const { listing, sale } = await soldLot();
    await s().sales.recordBalance(world().operator, sale.id, { amount: yuan(910_000).toString(), bankReference: "CMB-BAL-1" });
    expect(await statusOf(listing.id)).toBe("awarded");
    const { sha256 } = await s().agreements.view(world().seller, listing.id);
    await s().agreements.sign(world().seller, listing.id, { name: "Wang Lei", sha256 }, "198.51.100.9");
    const done = await s().agreements.sign(world().investor1, listing.id, { name: "Hannah Lau", sha256 }, "203.0.113.7");
    expect(done.status).toBe("paid");
    const steps = await stepsOf(listing.id);
    expect(steps.indexOf("listing.contract")).toBeLessThan(steps.indexOf("listing.settle"));
  });

  it("voids a version whose text was changed after a signature: the new version needs both signatures again", async () => {
    const { listing } = await soldLot();
    const v1 = await s().agreements.view(world().investor1, listing.id);
    await s().agreements.sign(world().investor1, listing.id, { name: "Hannah Lau", sha256: v1.sha256 }, "203.0.113.7");
    await s()
      .db.update(agreements)
      .set({ text: v1.text.replace("1,010,000.00", "1,000,000.00") })
      .where(eq(agreements.listingId, listing.id));

    const v2 = await s().agreements.view(world().seller, listing.id);
    expect(v2).toMatchObject({ version: 2, signatures: [] });
    expect(v2.sha256).toBe(v1.sha256);
    expect(
      (await s().db.select().from(agreements).where(eq(agreements.listingId, listing.id))).find((a) => a.version === 1),
    ).toMatchObject({
      voidReason: "the text no longer matches its digest",
    });
    // The seller's signature alone does not make a contract: the buyer's was of the voided version.
    const signed = await s().agreements.sign(world().seller, listing.id, { name: "Wang Lei", sha256: v2.sha256 }, "198.51.100.9");
    expect(signed).toMatchObject({ complete: false, status: "awarded" });
    expect(await s().agreements.view(world().investor1, listing.id)).toMatchObject({ version: 2, canSign: true });
  });

  it("lets a buyer who signed but did not pay default, and the agreement is no longer the defaulter's", async () => {
    const { listing } = await soldLot();
    const { sha256 } = await s().agreements.view(world().seller, listing.id);
    await s().agreements.sign(world().seller, listing.id, { name: "Wang Lei", sha256 }, "198.51.100.9");
    await s().agreements.sign(world().investor1, listing.id, { name: "Hannah Lau", sha256 }, "203.0.113.7");
    expect(await statusOf(listing.id)).toBe("contracted");
    const result = await s().runnerUp.recordDefault(world().operator, listing.id, {
      reason: "Balance not paid.",
      offerRunnerUp: false,
    });
    expect(result.status).toBe("failed");
    expect((await refusal(s().agreements.view(world().investor1, listing.id))).code).toBe("NOT_FOUND");
  });

  it("comes as PDF with the sale confirmation, in both languages with the Chinese font embedded, to the parties and operators only", async () => {
    const { listing } = await soldLot();
    const { sha256 } = await s().agreements.view(world().investor1, listing.id);
    await s().agreements.sign(world().investor1, listing.id, { name: "Hannah Lau", sha256 }, "203.0.113.7");

    const agreement = await s().closingDocuments.agreementPdf(world().seller, listing.id);
    expect(agreement.fileName).toMatch(/^TA-\d{8}-[0-9A-F]{8}-v1\.pdf$/);
    const read = await PDFDocument.load(agreement.bytes);
    expect(read.getTitle()).toMatch(/^债权转让协议 Transfer Agreement TA-/);
    expect(read.getPageCount()).toBeGreaterThanOrEqual(1);
    // The glyphs come from the embedded Noto Sans SC, subset to those used.
    expect(agreement.bytes.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);

    const confirmation = await s().closingDocuments.confirmationPdf(world().investor1, listing.id);
    expect(confirmation.fileName).toMatch(/^SC-\d{8}-[0-9A-F]{8}\.pdf$/);
    expect((await PDFDocument.load(confirmation.bytes)).getTitle()).toMatch(/^成交确认书 Sale Confirmation SC-/);
    expect((await s().closingDocuments.confirmationPdf(world().operator, listing.id)).bytes.subarray(0, 5).toString()).toBe(
      "%PDF-",
    );
    expect((await refusal(s().closingDocuments.confirmationPdf(world().investor2, listing.id))).code).toBe("NOT_FOUND");
    expect((await refusal(s().closingDocuments.agreementPdf(world().investor2, listing.id))).code).toBe("NOT_FOUND");
  });
});
