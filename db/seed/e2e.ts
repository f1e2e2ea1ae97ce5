import { and, eq, inArray } from "drizzle-orm";
import { memberships, organisations, users } from "../schema";
import type { Services } from "../../server/services";
import { makeAsset, makeListing, makeRegistration, recordBid } from "./factories";

/**
 * Extra listings for the end-to-end tests, on top of the demo (which must be loaded first): an
 * auction that ends a few minutes after seeding, so a bid lands inside the anti-sniping window,
 * one that ends seconds after seeding with one bid, so a test can watch it close, and a sealed
 * tender. Never loaded outside the e2e server.
 */

const yuan = (amount: number) => BigInt(amount) * 100n;
const MIN = 60_000;

export const e2eListings = {
  extension: {
    title: "Test lot: claim ending within minutes",
    startingPrice: yuan(1_000_000),
    increment: yuan(10_000),
    /** Within the 5-minute anti-sniping window from the start: any bid before the end extends it. */
    endsAfterMs: 4 * MIN,
    bidderCodes: ["8101", "8102", "8103"],
  },
  closing: {
    title: "Test lot: claim closing seconds after start",
    startingPrice: yuan(500_000),
    increment: yuan(5_000),
    endsAfterMs: 20_000,
    bidderCodes: ["8201", "8202", "8203"],
    /** The one bid on it, by the third demo investor: the winner once it closes. */
    winnerCode: "8203",
  },
  /** A sealed tender whose deadline lies beyond any other test's move of the clock. */
  tender: {
    title: "Test lot: sealed tender far ahead",
    startingPrice: yuan(2_000_000),
    increment: yuan(10_000),
    endsAfterMs: 40 * 24 * 60 * MIN,
    bidderCodes: ["8301", "8302", "8303"],
  },
} as const;

/** The demo investors, in the order of their bidder codes above. */
const investorEmails = ["investor@harbour.example", "investor@jaderiver.example", "liming@investor.example"];

export async function seedE2eExtras(services: Services) {
  const { db } = services;
  const now = services.clock.now().getTime();
  const at = (offsetMs: number) => new Date(now + offsetMs);

  const [bank] = await db.select().from(organisations).where(eq(organisations.name, "Eastern Commercial Bank"));
  if (!bank) throw new Error("Load the demo data before the e2e extras.");
  const rows = await db
    .select({ email: users.email, userId: users.id, organisationId: memberships.organisationId })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(inArray(users.email, investorEmails), eq(memberships.role, "investor")));
  const investors = investorEmails.map((email) => {
    const row = rows.find((r) => r.email === email);
    if (!row) throw new Error(`Demo investor ${email} is missing.`);
    return row;
  });

  const created = [];
  for (const spec of [e2eListings.extension, e2eListings.closing, e2eListings.tender]) {
    const asset = await makeAsset(services, {
      sellerOrgId: bank.id,
      kind: "claim",
      title: spec.title,
      description: "A listing for the end-to-end tests.",
      region: "Zhejiang · Jiaxing",
      principal: spec.startingPrice * 3n,
      accruedInterest: spec.startingPrice / 5n,
      fees: 0n,
      appraisedValue: spec.startingPrice * 2n,
      classification: "doubtful",
      security: "guaranteed",
      litigationStatus: "none",
    });
    const listing = await makeListing(services, {
      sellerOrgId: bank.id,
      assetId: asset.id,
      title: spec.title,
      summary: "Test data for the live auction room.",
      mode: spec === e2eListings.tender ? "tender" : "auction",
      startingPrice: spec.startingPrice,
      increment: spec.increment,
      status: "live",
      announcedAt: at(-10 * 24 * 60 * MIN),
      startsAt: at(-60 * MIN),
      endsAt: at(spec.endsAfterMs),
    });
    const registrations = [];
    for (const [i, investor] of investors.entries()) {
      registrations.push(
        await makeRegistration(services, {
          listingId: listing.id,
          organisationId: investor.organisationId,
          userId: investor.userId,
          bidderCode: spec.bidderCodes[i]!,
        }),
      );
    }
    created.push({ listing, registrations });
  }

  const closing = created[1]!;
  await recordBid(services, {
    listingId: closing.listing.id,
    registrationId: closing.registrations[2]!.id,
    amount: e2eListings.closing.startingPrice,
    placedAt: at(-5 * MIN),
  });
  return { extension: created[0]!.listing, closing: closing.listing, tender: created[2]!.listing };
}
