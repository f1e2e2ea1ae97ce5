import { describe, expect, it } from "vitest";
import { LOTS_PER_PAGE } from "../../server/listings/read-models/lots";
import { approvedListing, useLifecycleWorld } from "../support/lifecycle-world";
import { line, tape } from "../support/tapes";

/**
 * The lots a seller may draft a listing of (the new-listing page): a bank with a tape of loans
 * has more than a page of them, so they come a page at a time, packages first, searchable, each
 * with the open listing that holds it, directly or through a package.
 */

const { services: s, world, clock } = useLifecycleWorld();

async function importLoans(count: number) {
  const upload = await s().tapes.upload(world().staff, {
    data: tape(Array.from({ length: count }, (_, i) => line(i + 1))),
    fileName: "book.csv",
  });
  await s().tapes.settled();
  await s().tapes.apply(world().staff, upload.id);
  return upload.id;
}

describe("the lots a seller may list", () => {
  it("come a page at a time, packages first, and are found by title, loan id or region", async () => {
    const tapeId = await importLoans(LOTS_PER_PAGE + 10);
    await s().packages.create(world().staff, { title: "Hangzhou textile book", tapeId });

    const first = await s().workspace.sellerLots(world().seller, { page: 1 });
    expect(first).toMatchObject({ total: LOTS_PER_PAGE + 12, page: 1, pages: 2 });
    expect(first.lots).toHaveLength(LOTS_PER_PAGE);
    expect(first.lots[0]).toMatchObject({ type: "package", title: "Hangzhou textile book", kind: "package", listingId: null });
    // A package's valuation is its assets' (none of these loans is appraised).
    expect(first.lots[0]!.valuation).toBeNull();
    const second = await s().workspace.sellerLots(world().seller, { page: 2 });
    expect(second.lots).toHaveLength(12);
    const everyId = [...first.lots, ...second.lots].map((l) => l.id);
    expect(new Set(everyId).size).toBe(LOTS_PER_PAGE + 12);
    expect(everyId).toContain(world().asset.id);
    // A page past the last is empty, not an error, however far past.
    expect((await s().workspace.sellerLots(world().seller, { page: 9 })).lots).toEqual([]);
    for (const page of [1e20, Number.POSITIVE_INFINITY, Number.NaN, -3, 2.7])
      expect((await s().workspace.sellerLots(world().seller, { page })).total).toBe(LOTS_PER_PAGE + 12);

    const byLoanId = await s().workspace.sellerLots(world().seller, { q: "HZ-00042" });
    expect(byLoanId.total).toBe(1);
    expect(byLoanId.lots[0]!.title).toContain("HZ-00042");
    const byWords = await s().workspace.sellerLots(world().seller, { q: "jiaxing PACKAGING" });
    expect(byWords.lots.map((l) => l.id)).toEqual([world().asset.id]);
    expect((await s().workspace.sellerLots(world().seller, { q: "textile book" })).lots.map((l) => l.type)).toEqual(["package"]);
    // Wildcards are searched for as themselves.
    expect((await s().workspace.sellerLots(world().seller, { q: "%" })).total).toBe(0);
  });

  it("name the listing that holds a lot, and belong to the seller's staff alone", async () => {
    const tapeId = await importLoans(3);
    const pkg = await s().packages.create(world().staff, { title: "Three loans", tapeId });
    const listing = await approvedListing(s(), world(), clock().now());
    const all = (await s().workspace.sellerLots(world().seller)).lots;
    expect(all.find((l) => l.id === world().asset.id)?.listingId).toBe(listing);
    expect(all.find((l) => l.id === pkg.id)?.listingId).toBeNull();

    // A package containing the listed asset is held by its listing; the package's other loans are free.
    const mixed = await s().packages.create(world().staff, {
      title: "Mixed",
      assetIds: [world().asset.id, all.find((l) => l.type === "asset" && l.id !== world().asset.id)!.id],
    });
    expect((await s().workspace.sellerLot(world().seller, { type: "package", id: mixed.id }))?.listingId).toBe(listing);
    expect(await s().workspace.sellerLot(world().seller, { type: "asset", id: pkg.id })).toBeNull();

    expect(await s().workspace.sellerLots(world().investor1)).toEqual({ lots: [], total: 0, page: 1, pages: 1 });
    expect(await s().workspace.sellerLot(world().investor1, { type: "asset", id: world().asset.id })).toBeNull();
  });
});
