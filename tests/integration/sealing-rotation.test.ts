import { eq } from "drizzle-orm";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listings, sealedBids } from "../../db/schema";
import { makeListing, makeRegistration } from "../../db/seed/factories";
import { sealingKeyId } from "../../server/sale-modes/tender/sealing";
import { createServices } from "../../server/services";
import { manualClock } from "../support/clock";
import { freshDatabase } from "../support/db";
import { DAY, lifecycleWorld, yuan } from "../support/lifecycle-world";

const oldKey = `old-sealing-key-${"o".repeat(32)}`;
const newKey = `new-sealing-key-${"n".repeat(32)}`;

let database: Awaited<ReturnType<typeof freshDatabase>>;
const clock = manualClock(new Date("2026-11-20T02:00:00.000Z"));
beforeEach(async () => {
  database = await freshDatabase();
});
afterEach(async () => database.close());

const servicesWith = (sealingKeys: { current: string; retired?: string[] }) =>
  createServices({ database, clock, logger: pino({ level: "silent" }), sealingKeys });

describe("rotating the sealing key while a tender runs", () => {
  it("keeps each bid's key id, seals new bids under the new key and opens both at the deadline", async () => {
    const before = servicesWith({ current: oldKey });
    const world = await lifecycleWorld(before);
    const now = clock.now().getTime();
    const tender = await makeListing(before, {
      sellerOrgId: world.bank.id,
      assetId: world.asset.id,
      title: "Sealed tender across a key rotation",
      mode: "tender",
      status: "live",
      startingPrice: yuan(800_000),
      announcedAt: new Date(now - 10 * DAY),
      startsAt: new Date(now - DAY),
      endsAt: new Date(now + DAY),
    });
    for (const [i, investor] of world.investors.entries()) {
      await makeRegistration(before, {
        listingId: tender.id,
        organisationId: investor.id,
        userId: (i === 0 ? world.investor1 : world.investor2).userId,
        bidderCode: `80${i}1`,
      });
    }
    await before.tender.submit(world.investor1, tender.id, { amount: yuan(912_345).toString() });

    const after = servicesWith({ current: newKey, retired: [oldKey] });
    await after.tender.submit(world.investor2, tender.id, { amount: yuan(934_567).toString() });
    const rows = await after.db.select().from(sealedBids).where(eq(sealedBids.listingId, tender.id));
    expect(rows.map((row) => row.keyId).sort()).toEqual([sealingKeyId(oldKey), sealingKeyId(newKey)].sort());
    expect(new Set(rows.map((row) => row.sealed.length)).size).toBe(1);

    clock.set(tender.endsAt!);
    await after.tender.openDue();
    const [opened] = await after.db.select().from(listings).where(eq(listings.id, tender.id));
    expect(opened).toMatchObject({ status: "awarded", hammerPrice: yuan(934_567) });
    const amounts = (await after.db.select().from(sealedBids).where(eq(sealedBids.listingId, tender.id))).map(
      (row) => row.openedAmount,
    );
    expect(amounts.sort()).toEqual([yuan(912_345), yuan(934_567)].sort());
  });
});
