import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listings } from "../../db/schema";
import { goodTerms, useLifecycleWorld, yuan } from "../support/lifecycle-world";
import { rejection } from "../support/refusal";

const setup = useLifecycleWorld();
const s = () => setup.services();

const capOf = async (id: string) =>
  (await s().db.select({ cap: listings.maxBidMultiple }).from(listings).where(eq(listings.id, id)))[0]!.cap;
const draft = (overrides: Record<string, unknown> = {}) =>
  s().workflow.createDraft(setup.world().seller, goodTerms(setup.world().asset.id, setup.clock().now(), overrides));

describe("the cap on a single bid, set with the listing's terms", () => {
  it("is five times the current price unless the seller says otherwise", async () => {
    expect(await capOf((await draft()).id)).toBe(5);
  });

  it("takes the seller's multiple, from 2 to 100, and keeps it when the draft is saved again without one", async () => {
    const { id } = await draft({ maxBidMultiple: "2" });
    expect(await capOf(id)).toBe(2);

    await s().workflow.updateDraft(
      setup.world().seller,
      id,
      goodTerms(setup.world().asset.id, setup.clock().now(), { title: "Claim, retitled" }),
    );
    expect(await capOf(id)).toBe(2);

    await s().workflow.updateDraft(
      setup.world().seller,
      id,
      goodTerms(setup.world().asset.id, setup.clock().now(), { maxBidMultiple: 100 }),
    );
    expect(await capOf(id)).toBe(100);
    await s().workflow.submit(setup.world().seller, id);
    expect(await capOf(id)).toBe(100);
  });

  it.each([1, 101, 2.5, "five"])("refuses a multiple of %s", async (maxBidMultiple) => {
    const error = await rejection(draft({ maxBidMultiple }));
    expect(error).toMatchObject({ name: "ZodError" });
    expect(JSON.stringify(error)).toContain("maxBidMultiple");
  });

  it("refuses a starting price so high that bidding could not go on within the amounts a bid may name", async () => {
    const start = 10n ** 16n;
    const error = await rejection(
      draft({
        startingPrice: start.toString(),
        increment: (start / 200n).toString(),
        deposit: (start / 10n).toString(),
        valuationExceptionReason: null,
      }),
    );
    expect(error).toMatchObject({ name: "ZodError" });
    expect(JSON.stringify(error)).toContain("startingPrice");
    expect(await capOf((await draft({ startingPrice: yuan(800_000).toString() })).id)).toBe(5);
  });
});
