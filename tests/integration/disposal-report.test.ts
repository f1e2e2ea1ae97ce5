import { describe, expect, it } from "vitest";
import { makeListing } from "../../db/seed/factories";
import { closedAuction } from "../support/closed-auction";
import { DAY, useLifecycleWorld, yuan } from "../support/lifecycle-world";
import { refusal } from "../support/refusal";

const { clock, services: s, world } = useLifecycleWorld();

describe("the disposal report", () => {
  it("compares the price with what the debtor owed, the valuation and the start, with the bidders, bids and timeline", async () => {
    const { listing } = await closedAuction(s(), world());
    const report = await s().disposalReports.report(world().staff, listing.id);
    expect(report.figures).toMatchObject({
      price: yuan(1_010_000),
      principal: yuan(3_860_000),
      owed: yuan(3_860_000),
      valuation: yuan(1_000_000),
      start: yuan(1_000_000),
      recoveryBp: 2616,
      ofValuationBp: 10_100,
      ofStartBp: 10_100,
    });
    expect(report.bidders).toBe(2);
    expect(report.bids.map((b) => [b.bidderCode, b.amount])).toEqual([
      ["8102", yuan(1_000_000)],
      ["8101", yuan(1_010_000)],
    ]);
    expect(report.timeline.map((t) => t.action)).toContain("listing.closed");

    const csv = await s().disposalReports.csv(world().operator, listing.id);
    expect(csv.rows).toContainEqual(["recovery_rate", "26.16%"]);
    expect(csv.rows).toContainEqual(["1", "8102", "1000000.00", expect.any(String)]);
    const pdf = await s().disposalReports.pdf(world().seller, listing.id);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");

    // Bidders, the buyer included, do not read the seller's report.
    expect((await refusal(s().disposalReports.report(world().investor1, listing.id))).code).toBe("NOT_FOUND");
  });

  it("waits for the sale to end, and shows a seller its recovery across its sales", async () => {
    const live = await makeListing(s(), {
      sellerOrgId: world().bank.id,
      assetId: world().asset.id,
      title: "Still live",
      status: "live",
      startingPrice: yuan(1_000_000),
      announcedAt: new Date(clock().now().getTime() - 10 * DAY),
      startsAt: new Date(clock().now().getTime() - DAY),
      endsAt: new Date(clock().now().getTime() + DAY),
    });
    expect((await refusal(s().disposalReports.report(world().seller, live.id))).code).toBe("INVALID_TRANSITION");

    const { listing } = await closedAuction(s(), world());
    const recovery = await s().disposalReports.recovery(world().seller);
    expect(recovery.items).toEqual([expect.objectContaining({ id: listing.id, recoveryBp: 2616, price: yuan(1_010_000) })]);
    expect(recovery.overall).toEqual([{ currency: "CNY", recoveryBp: 2616 }]);
    expect((await refusal(s().disposalReports.recovery(world().investor1))).code).toBe("FORBIDDEN");
  });
});
