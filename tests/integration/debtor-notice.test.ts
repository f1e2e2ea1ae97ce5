import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, notifications, sales } from "../../db/schema";
import { makeAsset } from "../../db/seed/factories";
import { closedAuction } from "../support/closed-auction";
import { useLifecycleWorld, yuan } from "../support/lifecycle-world";
import { refusal } from "../support/refusal";

const { services: s, world } = useLifecycleWorld();

/** The world's claim sold to Harbour, the agreement signed and the balance paid. */
async function paidLot(assetId?: string) {
  const closed = await closedAuction(s(), world(), assetId);
  await s().sales.openDue(50);
  const [sale] = await s().db.select().from(sales).where(eq(sales.listingId, closed.listing.id));
  const { sha256 } = await s().agreements.view(world().seller, closed.listing.id);
  await s().agreements.sign(world().seller, closed.listing.id, { name: "Wang Lei", sha256 }, "198.51.100.9");
  await s().agreements.sign(world().investor1, closed.listing.id, { name: "Hannah Lau", sha256 }, "203.0.113.7");
  return { ...closed, sale: sale! };
}

const actions = async (listingId: string) =>
  (await s().db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, listingId))).map((r) => r.action);

describe("the notice to the debtors", () => {
  it("is published once the price is paid, by the seller's admin or an operator, naming the borrower company and masking the guarantor", async () => {
    const { listing, sale } = await paidLot();
    expect((await refusal(s().debtorNotices.publish(world().seller, listing.id))).code).toBe("INVALID_TRANSITION");
    await s().sales.recordBalance(world().operator, sale.id, { amount: yuan(910_000).toString(), bankReference: "CMB-BAL-3" });

    expect((await refusal(s().debtorNotices.publish(world().investor1, listing.id))).code).toBe("FORBIDDEN");
    expect((await refusal(s().debtorNotices.publish(world().staff, listing.id))).code).toBe("FORBIDDEN");
    expect(await s().debtorNotices.published(listing.id)).toBeNull();
    const published = await s().debtorNotices.publish(world().seller, listing.id);
    expect(published.number).toMatch(/^DN-\d{8}-[0-9A-F]{8}$/);
    expect((await refusal(s().debtorNotices.publish(world().operator, listing.id))).code).toBe("ALREADY_DECIDED");

    const notice = (await s().debtorNotices.published(listing.id))!;
    expect(notice.text).toContain("债权转让通知暨催收公告");
    expect(notice.text).toContain("Jiaxing Hengfeng Packaging Co., Ltd.");
    expect(notice.text).not.toContain("Feng Hengda");
    expect(notice.text).toMatch(/担保人 Guarantors: F\*+/);
    expect(notice.text).toContain("Harbour");
    expect(notice.publishedAt).toEqual(published.publishedAt);
    expect(await actions(listing.id)).toContain("listing.debtor_notice_published");
    const told = await s().db.select().from(notifications).where(eq(notifications.listingId, listing.id));
    expect(told.filter((n) => n.kind === "debtor_notice_published")).toEqual([
      expect.objectContaining({ userId: world().investor1.userId, params: { number: published.number } }),
    ]);
    const timeline = await s().workspace.timeline(listing.id, "public");
    expect(timeline.map((t) => t.action)).toContain("listing.debtor_notice_published");

    const pdf = (await s().debtorNotices.publishedPdf(listing.id))!;
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.fileName).toBe(`${published.number}.pdf`);
  });

  it("gives the seller's people a letter per debtor naming it in full, each opening audited; nobody else", async () => {
    const { listing, sale } = await paidLot();
    await s().sales.recordBalance(world().operator, sale.id, { amount: yuan(910_000).toString(), bankReference: "CMB-BAL-4" });
    expect((await refusal(s().debtorNotices.letters(world().staff, listing.id))).code).toBe("INVALID_TRANSITION");
    await s().debtorNotices.publish(world().operator, listing.id);

    const { letters } = await s().debtorNotices.letters(world().staff, listing.id);
    expect(letters).toHaveLength(2);
    expect(letters[0]).toContain("致 To: Jiaxing Hengfeng Packaging Co., Ltd.");
    expect(letters[1]).toContain("致 To: Feng Hengda");
    expect((await refusal(s().debtorNotices.letters(world().investor1, listing.id))).code).toBe("FORBIDDEN");
    expect((await refusal(s().debtorNotices.letters(world().investor2, listing.id))).code).toBe("NOT_FOUND");
    const pdf = await s().debtorNotices.lettersPdf(world().operator, listing.id);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await actions(listing.id)).filter((a) => a === "listing.debtor_letters_revealed")).toHaveLength(2);
  });

  it("is refused for a lot that holds no claim: there are no debtors to notify", async () => {
    const machines = await makeAsset(s(), {
      sellerOrgId: world().bank.id,
      kind: "movable",
      title: "Two forklifts, Jiaxing depot",
      region: "Zhejiang · Jiaxing",
      appraisedValue: yuan(1_000_000),
    });
    const { listing, sale } = await paidLot(machines.id);
    await s().sales.recordBalance(world().operator, sale.id, { amount: yuan(910_000).toString(), bankReference: "CMB-BAL-5" });
    expect(await s().debtorNotices.standing(world().seller, listing.id)).toMatchObject({ canPublish: false });
    expect((await refusal(s().debtorNotices.publish(world().seller, listing.id))).code).toBe("NO_CLAIMS");
  });
});
