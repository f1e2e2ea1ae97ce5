import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { listings, organisations, registrations } from "../../../db/schema/index";
import { activeRoles, organisationsWith, type Principal, type UserPrincipal } from "../../../core/identity/access";
import { AppError } from "../../errors";
import { invitationsFor } from "../../sale-modes/designated/service";
import { isUuid } from "../facts";
import { openApplicant } from "../../privacy/personal-data";
import type { Vault } from "../../privacy/vault";
import type { Deposit } from "../../../db/schema/index";
import type { DepositService } from "../../payments/deposits";
import { displayReference } from "../../../core/payment-reference";

/** Only operators see the queue of applications, with the applicants' identities. */
export function requireOperator(principal: Principal): UserPrincipal {
  if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
  if (!activeRoles(principal).has("operator")) throw new AppError("FORBIDDEN", "Only operators decide registrations.");
  return principal;
}

/** What investors, operators and sellers read of registrations: composed into the registration service. */
export function createRegistrationReads(db: Db, vault: Vault, deposits: DepositService) {
  /** What a registration's reader sees of its deposit: where it stands and, while money is awaited, how to pay. */
  const depositView = (deposit: Deposit | undefined) =>
    deposit
      ? {
          status: deposit.status,
          expected: deposit.expected,
          received: deposit.received,
          currency: deposit.currency,
          reference: displayReference(deposit.reference),
          heldAt: deposit.heldAt,
          instructions: deposit.status === "required" || deposit.status === "pending" ? deposits.instructions(deposit) : null,
        }
      : null;

  return {
    /** The viewer's registrations across listings, with each listing's status. */
    async mine(principal: Principal) {
      if (principal.kind !== "user") return [];
      const orgs = organisationsWith(principal, ["investor"]);
      if (orgs.length === 0) return [];
      const rows = await db
        .select({
          id: registrations.id,
          listingId: listings.id,
          listingTitle: listings.title,
          listingStatus: listings.status,
          startsAt: listings.startsAt,
          endsAt: listings.endsAt,
          status: registrations.status,
          bidderCode: registrations.bidderCode,
          decisionReason: registrations.decisionReason,
          createdAt: registrations.createdAt,
          designated: sql<boolean>`${listings.designatedRegistrationId} is not distinct from ${registrations.id}`,
        })
        .from(registrations)
        .innerJoin(listings, eq(registrations.listingId, listings.id))
        .where(inArray(registrations.organisationId, orgs))
        .orderBy(desc(registrations.createdAt));
      const held = await deposits.latestOf(rows.map((r) => r.id));
      return rows.map((r) => ({ ...r, deposit: depositView(held.get(r.id)) }));
    },

    /** Pending registrations with the applicant's identity and screening: operators only. */
    async queue(principal: Principal) {
      requireOperator(principal);
      const rows = await db
        .select({
          id: registrations.id,
          listingId: listings.id,
          listingTitle: listings.title,
          organisationName: organisations.name,
          applicantNameSealed: registrations.applicantNameSealed,
          applicantIdNumberSealed: registrations.applicantIdNumberSealed,
          screening: registrations.screening,
          rightOfFirstRefusalRank: registrations.rightOfFirstRefusalRank,
          rightOfFirstRefusalProof: registrations.rightOfFirstRefusalProof,
          depositReference: registrations.depositReference,
          termsVersion: registrations.termsVersion,
          termsAcceptedAt: registrations.termsAcceptedAt,
          createdAt: registrations.createdAt,
          designated: sql<boolean>`${listings.designatedRegistrationId} is not distinct from ${registrations.id}`,
          listingStatus: listings.status,
        })
        .from(registrations)
        .innerJoin(listings, eq(registrations.listingId, listings.id))
        .innerJoin(organisations, eq(registrations.organisationId, organisations.id))
        .where(eq(registrations.status, "pending"))
        .orderBy(asc(registrations.createdAt));
      const held = await deposits.latestOf(rows.map((r) => r.id));
      return rows.map(({ applicantNameSealed, applicantIdNumberSealed, ...row }) => {
        const applicant = openApplicant(vault, { applicantNameSealed, applicantIdNumberSealed });
        return { ...row, applicantName: applicant.name, applicantIdNumber: applicant.idNumber, deposit: depositView(held.get(row.id)) };
      });
    },

    /** Designated purchases still being prepared that ask one of the viewer's organisations to commit. */
    async designatedInvitations(principal: Principal, listingId?: string) {
      if (principal.kind !== "user" || (listingId !== undefined && !isUuid(listingId))) return [];
      return invitationsFor(db, organisationsWith(principal, ["investor"]), listingId);
    },

    /** How many have registered: all a seller may know before the close. */
    async counts(listingId: string) {
      const rows = await db
        .select({ status: registrations.status, n: sql<number>`count(*)::int` })
        .from(registrations)
        .where(eq(registrations.listingId, listingId))
        .groupBy(registrations.status);
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<Record<string, number>>;
    },
  };
}
