import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { announcementOf } from "../../server/listings/facts";
import { announcements, bids, listings, packageAssets, packages, registrations } from "../schema";
import type { OrganisationKind, Role } from "../../core/enums";
import type { Services } from "../../server/services";
import type { Actor } from "../../server/audit/service";
import type { AssetValues } from "../../server/assets/records";

/**
 * Small builders shared by the demo seed and the tests. Each writes through the services
 * where one exists, so audit rows and rules apply as in real use.
 */

export const seedActor: Actor = { userId: null, label: "seed" };

export async function makeOrganisation(
  services: Services,
  input: { name: string; nameZh?: string; kind: OrganisationKind; region?: string; approved?: boolean },
) {
  return services.identity.createOrganisation(seedActor, { approved: true, ...input });
}

export async function makeUser(
  services: Services,
  input: { email: string; password?: string; displayName?: string; organisationId: string; roles: Role[] },
) {
  const user = await services.identity.createUser(seedActor, {
    email: input.email,
    password: input.password ?? "correct-horse-battery",
    displayName: input.displayName ?? input.email.split("@")[0],
  });
  for (const role of input.roles) {
    await services.identity.addMembership(seedActor, { userId: user.id, organisationId: input.organisationId, role });
  }
  return user;
}

type AssetInput = AssetValues & {
  parties?: { role: "borrower" | "guarantor"; kind: "person" | "company"; name: string; idNumber: string }[];
};

export async function makeAsset(services: Services, input: AssetInput) {
  const { parties = [], ...values } = input;
  return services.db.transaction((tx) => services.assets.insert(tx, seedActor, { values, parties }));
}

export async function makePackage(
  services: Services,
  input: { sellerOrgId: string; title: string; description?: string; assetIds: string[] },
) {
  return services.db.transaction(async (tx) => {
    const [pkg] = await tx
      .insert(packages)
      .values({
        sellerOrgId: input.sellerOrgId,
        title: input.title,
        description: input.description ?? "",
        createdAt: services.clock.now(),
      })
      .returning();
    await tx.insert(packageAssets).values(input.assetIds.map((assetId) => ({ packageId: pkg!.id, assetId })));
    await services.audit.append(tx, {
      actor: seedActor,
      action: "package.created",
      entityType: "package",
      entityId: pkg!.id,
      after: { title: pkg!.title, assets: input.assetIds.length },
    });
    return pkg!;
  });
}

type ListingInput = Omit<typeof listings.$inferInsert, "id" | "createdAt" | "updatedAt" | "increment" | "deposit"> & {
  /** The English title (titleEn), the one most tests name. */
  title?: string;
  increment?: bigint;
  deposit?: bigint;
};

/** Defaults from docs/domain.md "Bidding rules": increment ~0.5% of the start, deposit 10% of the start. */
export async function makeListing(services: Services, { title, ...input }: ListingInput) {
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    const [listing] = await tx
      .insert(listings)
      .values({
        increment: roundUp(input.startingPrice / 200n, 100n),
        deposit: roundUp(input.startingPrice / 10n, 100n),
        originalEndsAt: input.endsAt,
        // An announced listing's period ended when bidding could start.
        announcementEndsAt: input.announcedAt ? (input.startsAt ?? input.announcedAt) : null,
        createdAt: now,
        updatedAt: now,
        ...input,
        titleEn: input.titleEn ?? title ?? null,
      })
      .returning();
    if (listing!.announcedAt) await announce(tx, listing!);
    await services.audit.append(tx, {
      actor: seedActor,
      action: "listing.created",
      entityType: "listing",
      entityId: listing!.id,
      after: { title: listing!.title, status: listing!.status, mode: listing!.mode, startingPrice: listing!.startingPrice },
    });
    return listing!;
  });
}

function roundUp(value: bigint, unit: bigint): bigint {
  const v = value < unit ? unit : value;
  return ((v + unit - 1n) / unit) * unit;
}

export async function makeRegistration(
  services: Services,
  input: { listingId: string; organisationId: string; userId: string; bidderCode: string; status?: "pending" | "approved" },
) {
  return services.db.transaction(async (tx) => {
    const [registration] = await tx
      .insert(registrations)
      .values({
        ...input,
        status: input.status ?? "approved",
        createdAt: services.clock.now(),
        decidedAt: input.status === "pending" ? null : services.clock.now(),
        // An approved registration has paid its deposit and accepted the terms of the day.
        depositReference: `SEED-${input.bidderCode}`,
        termsVersion: 1,
        termsAcceptedAt: services.clock.now(),
        ndaAcceptedAt: services.clock.now(),
      })
      .returning();
    const [listing] = await tx.select().from(listings).where(eq(listings.id, input.listingId));
    const deposit = await services.deposits.open(tx, listing!, registration!.id);
    if (deposit && registration!.status === "approved") {
      await services.deposits.receive(
        tx,
        deposit,
        { source: "operator", externalId: `SEED-${registration!.id}`, amount: deposit.expected, currency: deposit.currency },
        seedActor,
      );
    }
    await services.audit.append(tx, {
      actor: seedActor,
      action: "registration.created",
      entityType: "registration",
      entityId: registration!.id,
      after: { listingId: input.listingId, bidderCode: input.bidderCode, status: registration!.status },
    });
    return registration!;
  });
}

/** Writes a past bid for demo history; live bidding goes through the auction service. */
export async function recordBid(
  services: Services,
  input: { listingId: string; registrationId: string; amount: bigint; placedAt: Date },
) {
  return services.db.transaction(async (tx: Db) => {
    const [listing] = await tx
      .update(listings)
      .set({
        lastSeq: sql`${listings.lastSeq} + 1`,
        bidCount: sql`${listings.bidCount} + 1`,
        currentPrice: input.amount,
        leaderRegistrationId: input.registrationId,
        leadAt: input.placedAt,
        updatedAt: input.placedAt,
      })
      .where(eq(listings.id, input.listingId))
      .returning({ seq: listings.lastSeq });
    const [bid] = await tx
      .insert(bids)
      .values({ ...input, seq: listing!.seq, kind: "manual" })
      .returning();
    await services.audit.append(tx, {
      actor: seedActor,
      action: "bid.recorded",
      entityType: "listing",
      entityId: input.listingId,
      after: { seq: bid!.seq, amount: bid!.amount },
    });
    return bid!;
  });
}

/** The announcement a published listing carries, generated as the workflow would have. */
async function announce(tx: Db, listing: typeof listings.$inferSelect) {
  const publishedAt = listing.announcedAt!;
  const announcementEndsAt = listing.announcementEndsAt ?? publishedAt;
  const period = {
    days: Math.max(1, Math.round((announcementEndsAt.getTime() - publishedAt.getTime()) / 86_400_000)),
    workingDays: false,
  };
  const text = await announcementOf(tx, listing, {
    publishedAt,
    announcementEndsAt,
    startsAt: listing.startsAt ?? announcementEndsAt,
    endsAt: listing.endsAt ?? announcementEndsAt,
    period,
  });
  await tx.insert(announcements).values({
    listingId: listing.id,
    publishedAt,
    endsAt: announcementEndsAt,
    periodDays: period.days,
    workingDays: false,
    ...text,
  });
}
