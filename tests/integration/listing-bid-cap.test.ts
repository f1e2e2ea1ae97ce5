import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listings } from "../../db/schema";
import { manualClock } from "../support/clock";
import { testServices } from "../support/db";
import { goodTerms, lifecycleWorld, yuan } from "../support/lifecycle-world";
import { refusal } from "../support/refusal";

let ctx: Awaited<ReturnType<typeof testServices>>;
let world: Awaited<ReturnType<typeof lifecycleWorld>>;
let clock: ReturnType<typeof manualClock>;

beforeEach(async () => {
  clock = manualClock(new Date("2026-11-20T02:00:00.000Z"));
  ctx = await testServices({ clock });
  world = await lifecycleWorld(ctx.services);
});
afterEach(async () => ctx.close());

const s = () => ctx.services;
const capOf = async (id: string) =>
  (await s().db.select({ cap: listings.maxBidMultiple }).from(listings).where(eq(listings.id, id)))[0]!.cap;
const draft = (overrides: Record<string, unknown> = {}) =>
  s().workflow.createDraft(world.seller, goodTerms(world.asset.id, clock.now(), overrides));

describe("the cap on a single bid, set with the listing's terms", () => {
  it("is five times the current price unless the seller says otherwise", async () => {
    expect(await capOf((await draft()).id)).toBe(5);
  });

  it("takes the seller's multiple, from 2 to 100, and keeps it when the draft is saved again without one", async () => {
    const { id } = await draft({ maxBidMultiple: "2" });
    expect(await capOf(id)).toBe(2);

    await s().workflow.updateDraft(world.seller, id, goodTerms(world.asset.id, clock.now(), { title: "Claim, retitled" }));
    expect(await capOf(id)).toBe(2);

    await s().workflow.updateDraft(world.seller, id, goodTerms(world.asset.id, clock.now(), { maxBidMultiple: 100 }));
    expect(await capOf(id)).toBe(100);
    await s().workflow.submit(world.seller, id);
    expect(await capOf(id)).toBe(100);
  });

  it.each([1, 101, 2.5, "five"])("refuses a multiple of %s", async (maxBidMultiple) => {
    const error = await refusal(draft({ maxBidMultiple }));
    expect(error).toMatchObject({ name: "ZodError" });
    expect(JSON.stringify(error)).toContain("maxBidMultiple");
  });

  it("refuses a starting price so high that bidding could not go on within the amounts a bid may name", async () => {
    const start = 10n ** 16n;
    const error = await refusal(
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
