import { afterEach, beforeEach, expect } from "vitest";
import { approvalTiers } from "../../db/schema";
import { type Role } from "../../core/enums";
import { makeAsset, makeListing, makeOrganisation, makeRegistration, makeUser, seedActor } from "../../db/seed/factories";
import type { UserPrincipal } from "../../core/identity/access";
import type { Services } from "../../server/services";
import { barredCategories } from "../../core/screening";
import { manualClock } from "./clock";
import { testServices } from "./db";

export const yuan = (amount: number) => BigInt(amount) * 100n;
export const DAY = 86_400_000;

/** A principal as the API would see it, through a token (no password round trip). */
export async function principalOf(services: Services, email: string): Promise<UserPrincipal> {
  const { token } = await services.identity.createApiToken(seedActor, { email });
  const principal = await services.identity.principalFromApiToken(token);
  expect(principal).toMatchObject({ kind: "user" });
  return principal as UserPrincipal;
}

/** Valid ID numbers (their check characters hold) of the world's parties and applicants. */
export const worldIds = {
  /** Jiaxing Hengfeng Packaging's unified social credit code. */
  borrower: "91330402MA2CU7LM5E",
  /** Feng Hengda's resident ID number. */
  guarantor: "330402197304186653",
  /** Harbour Capital's credit code: every application's unless it says otherwise. */
  harbour: "91310000MA1FL0XX7Y",
  /** Jade River's credit code. */
  jadeRiver: "91320000MA1MX4C3XX",
  /** A private investor's resident ID number, matching nobody. */
  person: "110101199003076632",
} as const;

/**
 * A small marketplace: a bank whose listings need two approvers, its seller and approvers, the
 * platform's operator, two investors, and one unlisted claim with a borrower and a guarantor.
 */
export async function lifecycleWorld(services: Services) {
  const platform = await makeOrganisation(services, { name: "nplex Operations", kind: "platform" });
  const bank = await makeOrganisation(services, { name: "Eastern Commercial Bank", kind: "bank" });
  await services.db
    .insert(approvalTiers)
    .values({ organisationId: bank.id, minValue: 0n, approvalsRequired: 2, role: "approver" });
  const people: Record<string, { org: string; roles: Role[]; name: string }> = {
    "seller@bank.test": { org: bank.id, roles: ["seller_admin"], name: "Chen Jing" },
    "staff@bank.test": { org: bank.id, roles: ["seller_staff"], name: "Xu Bo" },
    "approver1@bank.test": { org: bank.id, roles: ["approver"], name: "Wang Lei" },
    "approver2@bank.test": { org: bank.id, roles: ["approver"], name: "Sun Li" },
    "operator@platform.test": { org: platform.id, roles: ["operator"], name: "Olivia Operator" },
  };
  for (const [email, p] of Object.entries(people)) {
    await makeUser(services, { email, displayName: p.name, organisationId: p.org, roles: p.roles });
  }
  const investors: { id: string; email: string }[] = [];
  for (const [i, name] of ["Harbour Capital", "Jade River"].entries()) {
    const org = await makeOrganisation(services, { name, kind: "fund" });
    const email = `investor${i + 1}@fund.test`;
    await makeUser(services, { email, displayName: `${name} desk`, organisationId: org.id, roles: ["investor"] });
    investors.push({ id: org.id, email });
  }
  const asset = await makeAsset(services, {
    sellerOrgId: bank.id,
    kind: "claim",
    title: "Unsecured claim on a Jiaxing packaging maker",
    region: "Zhejiang · Jiaxing",
    principal: yuan(3_860_000),
    appraisedValue: yuan(1_000_000),
    classification: "loss",
    security: "guaranteed",
    parties: [
      { role: "borrower", kind: "company", name: "Jiaxing Hengfeng Packaging Co., Ltd.", idNumber: worldIds.borrower },
      { role: "guarantor", kind: "person", name: "Feng Hengda", idNumber: worldIds.guarantor },
    ],
  });
  const as = async (email: string) => principalOf(services, email);
  return {
    bank,
    platform,
    asset,
    investors,
    seller: await as("seller@bank.test"),
    staff: await as("staff@bank.test"),
    approver1: await as("approver1@bank.test"),
    approver2: await as("approver2@bank.test"),
    operator: await as("operator@platform.test"),
    investor1: await as(investors[0]!.email),
    investor2: await as(investors[1]!.email),
  };
}

/** One more investor organisation with one investor, for tests that need a third bidder. */
export async function addInvestor(services: Services, name: string, email: string): Promise<UserPrincipal> {
  const org = await makeOrganisation(services, { name, kind: "fund" });
  await makeUser(services, { email, displayName: `${name} desk`, organisationId: org.id, roles: ["investor"] });
  return principalOf(services, email);
}

/** Terms that pass every rule for the world's claim (valued at ¥1,000,000), bidding a month out. */
export function goodTerms(assetId: string, now: Date, overrides: Record<string, unknown> = {}) {
  const startsAt = new Date(now.getTime() + 30 * DAY);
  return {
    assetId,
    title: "Unsecured claim on a Jiaxing packaging maker",
    startingPrice: yuan(800_000).toString(),
    increment: yuan(5_000).toString(),
    deposit: yuan(80_000).toString(),
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * DAY).toISOString(),
    ...overrides,
  };
}

/** An application that attests every category and accepts the terms of this version. */
export function application(termsVersion: number, overrides: Record<string, unknown> = {}) {
  return {
    applicantName: "Harbour Capital Partners Ltd.",
    applicantIdType: "credit_code",
    applicantIdNumber: worldIds.harbour,
    attestations: [...barredCategories],
    termsVersion,
    acceptTerms: true,
    acceptNda: true,
    depositReference: "HSBC-TT-20261120-0042",
    ...overrides,
  };
}

/**
 * The usual setup of a lifecycle test file: before each test, a fresh database with the world and a
 * clock on a Friday morning in Shanghai; after it, the database closed. Read them through the getters.
 */
export function useLifecycleWorld(
  start = new Date("2026-11-20T02:00:00.000Z"),
  /** Anything else the services are built with (Stripe, a webhook secret), asked for before each test. */
  options: () => Omit<Parameters<typeof testServices>[0], "clock"> = () => ({}),
) {
  let clock: ReturnType<typeof manualClock>;
  let ctx: Awaited<ReturnType<typeof testServices>>;
  let world: Awaited<ReturnType<typeof lifecycleWorld>>;
  beforeEach(async () => {
    clock = manualClock(start);
    ctx = await testServices({ ...options(), clock });
    world = await lifecycleWorld(ctx.services);
  });
  afterEach(async () => ctx.close());
  return {
    clock: () => clock,
    services: () => ctx.services,
    /** The vault the services seal personal data with. */
    vault: () => ctx.vault,
    world: () => world,
  };
}

type World = Awaited<ReturnType<typeof lifecycleWorld>>;

/** Drafted by the world's seller, approved twice and checked by the operator: an approved listing. */
export async function approvedListing(services: Services, world: World, now: Date, overrides: Record<string, unknown> = {}) {
  const { id } = await services.workflow.createDraft(world.seller, goodTerms(world.asset.id, now, overrides));
  await services.workflow.submit(world.seller, id);
  await services.workflow.approve(world.approver1, id);
  await services.workflow.approve(world.approver2, id);
  await services.workflow.checkDisclosure(world.operator, id);
  return id;
}

/** An approved listing whose announcement the operator has published. */
export async function announcedListing(services: Services, world: World, now: Date, overrides: Record<string, unknown> = {}) {
  const id = await approvedListing(services, world, now, overrides);
  await services.workflow.publish(world.operator, id);
  return id;
}

/** A live negotiated transfer of the world's claim with Harbour Capital (investor1) registered and approved, a week to agree. */
export async function liveNegotiation(services: Services, world: World, now: Date) {
  const at = now.getTime();
  const listing = await makeListing(services, {
    sellerOrgId: world.bank.id,
    assetId: world.asset.id,
    title: "Negotiated transfer: Jiaxing packaging claim",
    mode: "negotiated",
    status: "live",
    startingPrice: yuan(800_000),
    counterpartyOrgId: world.investors[0]!.id,
    negotiationJustification: "Sole secured creditor",
    announcedAt: new Date(at - 10 * DAY),
    startsAt: new Date(at - DAY),
    endsAt: new Date(at + 7 * DAY),
  });
  const registration = await makeRegistration(services, {
    listingId: listing.id,
    organisationId: world.investors[0]!.id,
    userId: world.investor1.userId,
    bidderCode: "8101",
  });
  return { listing, registration };
}
