import { and, eq, inArray } from "drizzle-orm";
import { memberships, organisations, users } from "../schema";
import type { Services } from "../../server/services";
import { makeAsset, makeListing, makeRegistration, recordBid } from "./factories";

/**
 * Extra listings for the end-to-end tests, on top of the demo (which must be loaded first): an
 * auction that ends a few minutes after seeding, so a bid lands inside the anti-sniping window,
 * one that ends seconds after seeding with one bid, so a test can watch it close, a sealed
 * tender, two auctions that fail for the tests of re-listing rounds, and a negotiated transfer.
 * Never loaded outside the e2e server.
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
    endsAfterMs: 90 * 24 * 60 * MIN,
    bidderCodes: ["8301", "8302", "8303"],
  },
  /**
   * Rounds: an auction nobody bids on, ending days after seeding so that it fails when a test first
   * moves the clock past its end (the 30 days to re-list it count from then); the seller re-lists it.
   */
  relist: {
    title: "Test lot: auction that fails, to be re-listed",
    startingPrice: yuan(1_000_000),
    increment: yuan(5_000),
    endsAfterMs: 5 * 24 * 60 * MIN,
  },
  /** A lot whose first round has failed and whose second fails the same way: then the fixed-price sale. */
  fixedPrice: {
    title: "Test lot: second round failing, for a fixed-price sale",
    firstStartingPrice: yuan(1_250_000),
    startingPrice: yuan(1_000_000),
    increment: yuan(5_000),
    endsAfterMs: 5 * 24 * 60 * MIN,
  },
  /** A negotiated transfer with the first demo investor, live for longer than any test moves the clock. */
  negotiated: {
    title: "Test lot: negotiated transfer with Harbour",
    startingPrice: yuan(1_200_000),
    increment: yuan(10_000),
    endsAfterMs: 90 * 24 * 60 * MIN,
    bidderCode: "8401",
  },
} as const;

/**
 * The demo's ending auction, as the end-to-end server seeds it: its end is put 3 hours ahead (42
 * minutes in the demo) so that the closing flow's test, which closes it by moving the server's clock
 * once the other tests are done (18-20 minutes after seeding, measured), always finds it live.
 */
export const e2eDemo = {
  endingAuction: { title: "Secured claim on a Hangzhou textile manufacturer", endsAfterMs: 3 * 60 * MIN },
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

  // The rounds' lots: live auctions without bids that fail once the clock passes their end.
  const rounds = [];
  for (const spec of [e2eListings.relist, e2eListings.fixedPrice]) {
    const asset = await makeAsset(services, {
      sellerOrgId: bank.id,
      kind: "claim",
      title: spec.title,
      description: "A listing for the end-to-end tests of rounds after a failed auction.",
      region: "Zhejiang · Huzhou",
      principal: spec.startingPrice * 3n,
      accruedInterest: spec.startingPrice / 5n,
      fees: 0n,
      appraisedValue: spec.startingPrice,
      classification: "loss",
      security: "unsecured",
      litigationStatus: "none",
    });
    const lot = { sellerOrgId: bank.id, assetId: asset.id, title: spec.title, summary: "Test data for re-listing rounds." };
    const firstRound =
      spec === e2eListings.fixedPrice
        ? await makeListing(services, {
            ...lot,
            startingPrice: spec.firstStartingPrice,
            increment: spec.increment,
            status: "failed",
            outcome: "no_bids",
            announcedAt: at(-40 * 24 * 60 * MIN),
            startsAt: at(-22 * 24 * 60 * MIN),
            endsAt: at(-20 * 24 * 60 * MIN),
            closedAt: at(-20 * 24 * 60 * MIN),
          })
        : null;
    rounds.push(
      await makeListing(services, {
        ...lot,
        startingPrice: spec.startingPrice,
        increment: spec.increment,
        round: firstRound ? 2 : 1,
        previousListingId: firstRound?.id ?? null,
        status: "live",
        announcedAt: at(-10 * 24 * 60 * MIN),
        startsAt: at(-60 * MIN),
        endsAt: at(spec.endsAfterMs),
      }),
    );
  }
  // The negotiated transfer: only its counterparty (Harbour) is registered, and approved.
  const negotiatedSpec = e2eListings.negotiated;
  const negotiatedAsset = await makeAsset(services, {
    sellerOrgId: bank.id,
    kind: "claim",
    title: negotiatedSpec.title,
    description: "A listing for the end-to-end tests of a negotiated transfer.",
    region: "Zhejiang · Ningbo",
    principal: negotiatedSpec.startingPrice * 2n,
    accruedInterest: 0n,
    fees: 0n,
    appraisedValue: negotiatedSpec.startingPrice,
    classification: "doubtful",
    security: "collateral",
    litigationStatus: "none",
  });
  const negotiated = await makeListing(services, {
    sellerOrgId: bank.id,
    assetId: negotiatedAsset.id,
    title: negotiatedSpec.title,
    summary: "Test data for a negotiated transfer.",
    mode: "negotiated",
    counterpartyOrgId: investors[0]!.organisationId,
    negotiationJustification: "The buyer holds the only pledge over the collateral.",
    startingPrice: negotiatedSpec.startingPrice,
    increment: negotiatedSpec.increment,
    status: "live",
    announcedAt: at(-10 * 24 * 60 * MIN),
    startsAt: at(-60 * MIN),
    endsAt: at(negotiatedSpec.endsAfterMs),
  });
  await makeRegistration(services, {
    listingId: negotiated.id,
    organisationId: investors[0]!.organisationId,
    userId: investors[0]!.userId,
    bidderCode: negotiatedSpec.bidderCode,
  });

  return {
    negotiated,
    extension: created[0]!.listing,
    closing: closing.listing,
    tender: created[2]!.listing,
    relist: rounds[0]!,
    fixedPrice: rounds[1]!,
  };
}
