import { makeListing, makeRegistration, recordBid } from "../../db/seed/factories";
import type { Services } from "../../server/services";
import type { lifecycleWorld } from "./lifecycle-world";
import { DAY, yuan } from "./lifecycle-world";

const HOUR = 3_600_000;

/**
 * An auction of the world's claim that ended an hour ago and is closed: Harbour (8101) won at
 * ¥1,010,000 over Jade River (8102, ¥1,000,000); both paid their ¥100,000 deposits.
 */
export async function closedAuction(
  services: Services,
  world: Awaited<ReturnType<typeof lifecycleWorld>>,
  /** Another of the bank's assets instead of the world's claim. */
  assetId = world.asset.id,
) {
  const now = services.clock.now().getTime();
  const listing = await makeListing(services, {
    sellerOrgId: world.bank.id,
    assetId,
    title: "Closing: Jiaxing packaging claim",
    status: "live",
    startingPrice: yuan(1_000_000),
    announcedAt: new Date(now - 10 * DAY),
    startsAt: new Date(now - 2 * DAY),
    endsAt: new Date(now - HOUR),
  });
  const register = (i: 0 | 1, userId: string) =>
    makeRegistration(services, {
      listingId: listing.id,
      organisationId: world.investors[i]!.id,
      userId,
      bidderCode: `810${i + 1}`,
    });
  const harbour = await register(0, world.investor1.userId);
  const jade = await register(1, world.investor2.userId);
  await recordBid(services, {
    listingId: listing.id,
    registrationId: jade.id,
    amount: yuan(1_000_000),
    placedAt: new Date(now - 3 * HOUR),
  });
  await recordBid(services, {
    listingId: listing.id,
    registrationId: harbour.id,
    amount: yuan(1_010_000),
    placedAt: new Date(now - 2 * HOUR),
  });
  await services.auction.closeDue();
  return { listing, harbour, jade };
}
