import { randomInt } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { assetParties, listings, memberships, registrations, users, type Listing } from "../../../db/schema/index";
import type { AuditService } from "../../audit/service";
import type { Clock } from "../../clock";
import { AppError } from "../../errors";
import { createRateLimiter, type RateLimiter } from "../../rate-limit";
import { actorOf } from "../../identity/accounts";
import { organisationsWith, type Principal } from "../../../core/identity/access";
import type { NotificationService } from "../../notifications/service";
import { isPublicStatus, isUuid, listingNotFound, lotAssets } from "../facts";
import { matchedByIdNumber, screenApplicant } from "../../../core/screening";
import { registrationOpen } from "../../../core/listing-windows";
import { applySchema, decideSchema } from "../../../core/contract/registrations";
import { createRegistrationReads, requireOperator } from "../read-models/registrations";
import { sealApplicant } from "../../privacy/personal-data";
import type { Vault } from "../../privacy/vault";
import type { DepositService } from "../../payments/deposits";
import { recordTransferSchema } from "../../../core/contract/payments";

/** The designated investor commits its floor before the announcement, while the listing is prepared. */
const beforeTheAnnouncement: readonly string[] = ["draft", "in_review", "approved"];
const isDesignatedInvestor = (listing: Listing, organisationId: string) =>
  listing.mode === "designated" && listing.designatedOrgId === organisationId;

const DAY_SECONDS = 24 * 60 * 60;

export interface RegistrationLimits {
  /** Applications one account makes, across listings. */
  perAccount: RateLimiter;
  /** Applications, and withdrawals, one organisation makes on one listing. */
  applyPerListing: RateLimiter;
  withdrawPerListing: RateLimiter;
}

/** The limits the platform runs with; shared across nodes when a Redis client is given. */
export function registrationLimits(redis?: unknown): RegistrationLimits {
  return {
    perAccount: createRateLimiter({ name: "registrations-account", points: 20, durationSeconds: 60 * 60 }, redis),
    // A few a day: enough to correct a mistake, too few to cycle applying and withdrawing.
    applyPerListing: createRateLimiter({ name: "registrations-apply", points: 3, durationSeconds: DAY_SECONDS }, redis),
    withdrawPerListing: createRateLimiter({ name: "registrations-withdraw", points: 3, durationSeconds: DAY_SECONDS }, redis),
  };
}

export function createRegistrationService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  notifications: NotificationService;
  limits: RegistrationLimits;
  vault: Vault;
  deposits: DepositService;
}) {
  const { db, clock, audit, notifications, limits, vault, deposits } = deps;
  const reads = createRegistrationReads(db, vault, deposits);

  async function lockRegistration(tx: Db, registrationId: string) {
    if (!isUuid(registrationId)) throw new AppError("NOT_FOUND", "Registration not found.");
    const [row] = await tx.select().from(registrations).where(eq(registrations.id, registrationId)).for("no key update");
    if (!row) throw new AppError("NOT_FOUND", "Registration not found.");
    return row;
  }

  /** A 竞買号 unique within the listing: four digits, drawn until free. */
  async function freshBidderCode(tx: Db, listingId: string): Promise<string> {
    const taken = new Set(
      (await tx.select({ code: registrations.bidderCode }).from(registrations).where(eq(registrations.listingId, listingId))).map(
        (r) => r.code,
      ),
    );
    for (;;) {
      const code = String(randomInt(1000, 10000));
      if (!taken.has(code)) return code;
    }
  }

  /**
   * The organisations that defaulted on this lot in an earlier round (or on this listing, before a
   * runner-up offer): they may not bid on it again (SPC 2016 art. 24).
   */
  async function defaultersOfLot(tx: Db, listing: Listing): Promise<Set<string>> {
    const defaulted: string[] = [];
    let current: Pick<Listing, "previousListingId" | "defaultedRegistrationId"> | undefined = listing;
    for (let hops = 0; current && hops < 20; hops++) {
      if (current.defaultedRegistrationId) defaulted.push(current.defaultedRegistrationId);
      if (!current.previousListingId) break;
      [current] = await tx
        .select({ previousListingId: listings.previousListingId, defaultedRegistrationId: listings.defaultedRegistrationId })
        .from(listings)
        .where(eq(listings.id, current.previousListingId));
    }
    if (defaulted.length === 0) return new Set();
    const rows = await tx
      .select({ organisationId: registrations.organisationId })
      .from(registrations)
      .where(inArray(registrations.id, defaulted));
    return new Set(rows.map((r) => r.organisationId));
  }

  return {
    /**
     * Applies to bid. Screening runs first: a membership of the seller or the platform is refused
     * outright (and recorded). Any other match goes to the operator with the application, which is
     * answered as every pending one is: an ID-number match bars the applicant, but saying so would
     * confirm a guessed borrower's or guarantor's ID number, so only the operator learns of it.
     */
    async apply(principal: Principal, listingId: string, raw: unknown) {
      if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in to register.");
      const input = applySchema.parse(raw);
      const investorOrgs = organisationsWith(principal, ["investor"]);
      if (investorOrgs.length === 0) throw new AppError("FORBIDDEN", "Only approved investors may register to bid.");
      const organisationId = input.organisationId ?? investorOrgs[0]!;
      if (!investorOrgs.includes(organisationId))
        throw new AppError("FORBIDDEN", "You are not an investor of that organisation.");
      if (!isUuid(listingId)) throw listingNotFound();

      const refused = await db.transaction(async (tx) => {
        const [listing] = await tx.select().from(listings).where(eq(listings.id, listingId)).for("no key update");
        const designated = listing ? isDesignatedInvestor(listing, organisationId) : false;
        if (!listing || !(designated || isPublicStatus(listing.status))) throw listingNotFound();
        const now = clock.now();
        if (designated) {
          if (!beforeTheAnnouncement.includes(listing.status)) {
            throw new AppError("REGISTRATION_CLOSED", "The designated investor commits its floor before the announcement.");
          }
          // The floor is the starting price: the investor confirms the figure it read.
          if (input.designatedFloor !== listing.startingPrice) {
            throw new AppError("FLOOR_NOT_START", "Commit to the listing's starting price: it is the designated floor.", {
              startingPrice: listing.startingPrice.toString(),
            });
          }
        } else if (!registrationOpen(listing, now))
          throw new AppError("REGISTRATION_CLOSED", "Registration for this listing is closed.");
        if (listing.mode === "negotiated" && listing.counterpartyOrgId !== organisationId) {
          throw new AppError(
            "NOT_COUNTERPARTY",
            "This lot is negotiated with one named investor; it is not open to other bidders.",
          );
        }
        if (input.termsVersion !== listing.termsVersion) {
          throw new AppError("TERMS_CHANGED", "The terms have changed since you read them: read them again.", {
            termsVersion: String(listing.termsVersion),
          });
        }
        const [existing] = await tx
          .select()
          .from(registrations)
          .where(and(eq(registrations.listingId, listing.id), eq(registrations.organisationId, organisationId)));
        if (existing && (existing.status === "pending" || existing.status === "approved")) {
          throw new AppError("ALREADY_REGISTERED", "Your organisation has already registered for this listing.");
        }
        if ((await defaultersOfLot(tx, listing)).has(organisationId)) {
          throw new AppError(
            "DEFAULTED_ON_LOT",
            "Your organisation defaulted on this lot in an earlier round and may not bid on it again.",
          );
        }
        await limits.applyPerListing.consume(`${organisationId}:${listing.id}`);
        await limits.perAccount.consume(principal.userId);

        const lots = await lotAssets(tx, listing);
        const parties = lots.length
          ? await tx
              .select({
                role: assetParties.role,
                nameSealed: assetParties.nameSealed,
                idNumberDigest: assetParties.idNumberDigest,
              })
              .from(assetParties)
              .where(
                inArray(
                  assetParties.assetId,
                  lots.map((a) => a.id),
                ),
              )
          : [];
        const sellerStaff = await tx
          .select({ userId: users.id, name: users.displayName })
          .from(memberships)
          .innerJoin(users, eq(memberships.userId, users.id))
          .where(eq(memberships.organisationId, listing.sellerOrgId));
        // Anyone in the applicant's organisation who also works for the seller taints the application.
        const colleagues = await tx
          .select({ userId: memberships.userId })
          .from(memberships)
          .where(eq(memberships.organisationId, organisationId));
        const insiders = new Set([principal.userId, ...colleagues.map((c) => c.userId)]);
        const platformStaff = principal.memberships.some((m) => m.organisationKind === "platform");
        const screening = screenApplicant({
          applicant: { name: input.applicantName, idNumber: input.applicantIdNumber },
          // Names are compared opened, inside this transaction; ID numbers only by their digests.
          parties: parties.map((p) => ({
            role: p.role,
            name: vault.open(p.nameSealed, "party.name"),
            idNumberDigest: p.idNumberDigest,
          })),
          idDigest: vault.idDigest,
          sellerStaffNames: sellerStaff.map((s) => s.name),
          memberOfSeller: sellerStaff.some((s) => insiders.has(s.userId)),
          memberOfPlatform: platformStaff,
        });
        if (screening.refusedAtOnce) return { barred: true as const, listing, matches: screening.matches };

        const values = {
          userId: principal.userId,
          status: "pending" as const,
          bidderCode: null,
          rightOfFirstRefusalRank: input.rightOfFirstRefusal?.rank ?? null,
          rightOfFirstRefusalProof: input.rightOfFirstRefusal?.proof ?? null,
          ...sealApplicant(vault, { name: input.applicantName, idNumber: input.applicantIdNumber }),
          attestations: [...input.attestations],
          screening: screening.matches,
          termsVersion: listing.termsVersion,
          termsAcceptedAt: now,
          ndaAcceptedAt: now,
          depositReference: input.depositReference ?? null,
          decisionReason: null,
          decidedBy: null,
          decidedAt: null,
          createdAt: now,
        };
        const [row] = existing
          ? await tx.update(registrations).set(values).where(eq(registrations.id, existing.id)).returning()
          : await tx
              .insert(registrations)
              .values({ ...values, listingId: listing.id, organisationId })
              .returning();
        const deposit = await deposits.open(tx, listing, row!.id);
        if (designated) {
          await tx
            .update(listings)
            .set({ designatedRegistrationId: row!.id, designatedFloor: listing.startingPrice, updatedAt: now })
            .where(eq(listings.id, listing.id));
        }
        await audit.append(tx, {
          actor: actorOf(principal),
          action: designated ? "registration.designated_committed" : "registration.applied",
          entityType: "listing",
          entityId: listing.id,
          // No personal data in the log: the registration row holds it for operators.
          after: {
            registrationId: row!.id,
            termsVersion: listing.termsVersion,
            idType: input.applicantIdType,
            screening: screening.matches,
            ...(designated ? { designatedFloor: listing.startingPrice } : {}),
          },
        });
        return { barred: false as const, registration: row!, deposit };
      });

      if (refused.barred) {
        await db.transaction((tx) =>
          audit.append(tx, {
            actor: actorOf(principal),
            action: "registration.refused",
            entityType: "listing",
            entityId: refused.listing.id,
            after: { organisationId, screening: refused.matches },
            reason: "barred buyer",
          }),
        );
        // Only membership refuses at once, and names no borrower or guarantor.
        const first = refused.matches.find((m) => m.by === "membership")!;
        const why =
          first.against === "seller_staff" ? "your organisation shares members with the seller" : "platform staff may not bid";
        throw new AppError("BARRED_BUYER", `You may not bid on this listing: ${why}.`, {
          against: first.against,
          by: first.by,
        });
      }
      const { deposit } = refused;
      // How to pay the deposit, so that an API client need not ask again.
      return {
        id: refused.registration.id,
        status: refused.registration.status,
        deposit: deposit ? { status: deposit.status, ...deposits.instructions(deposit) } : null,
      };
    },

    /** Withdrawing is possible until bidding opens; after that a registration stands. */
    async withdraw(principal: Principal, registrationId: string) {
      if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
      await db.transaction(async (tx) => {
        const row = await lockRegistration(tx, registrationId);
        if (!organisationsWith(principal, ["investor"]).includes(row.organisationId)) {
          throw new AppError("NOT_FOUND", "Registration not found.");
        }
        const [listing] = await tx.select().from(listings).where(eq(listings.id, row.listingId)).for("no key update");
        if (row.status === "withdrawn" || row.status === "rejected")
          throw new AppError("ALREADY_DECIDED", "Nothing to withdraw.");
        if (listing!.designatedRegistrationId === row.id) {
          throw new AppError("COMMITMENT_BINDS", "A designated investor's commitment to its floor cannot be withdrawn.");
        }
        if (listing!.status !== "announced" && listing!.status !== "suspended") {
          throw new AppError("REGISTRATION_CLOSED", "A registration stands once bidding has opened.");
        }
        await limits.withdrawPerListing.consume(`${row.organisationId}:${row.listingId}`);
        await tx.update(registrations).set({ status: "withdrawn", decidedAt: clock.now() }).where(eq(registrations.id, row.id));
        await audit.append(tx, {
          actor: actorOf(principal),
          action: "registration.withdrawn",
          entityType: "listing",
          entityId: row.listingId,
          after: { registrationId: row.id },
        });
        // Withdrawn before bidding opened: whatever arrived goes back at once.
        await deposits.settleFor(tx, row.id, "did_not_win", actorOf(principal), "registration withdrawn");
      });
    },

    /**
     * The operator records a transfer that arrived on the escrow account for a registration's
     * deposit: by default what is still outstanding; a part is recorded as a part, and the deposit
     * is held once all of it has come. The bank's reference makes the record count once.
     */
    async confirmDeposit(principal: Principal, registrationId: string, raw: unknown = {}) {
      const operator = requireOperator(principal);
      const input = recordTransferSchema.parse(raw);
      return db.transaction(async (tx) => {
        const row = await lockRegistration(tx, registrationId);
        if (row.status !== "pending" && row.status !== "approved") {
          throw new AppError("ALREADY_DECIDED", "This registration has been decided.");
        }
        const deposit = await deposits.lockOpen(tx, row.id);
        if (!deposit) throw new AppError("NO_DEPOSIT", "This registration has no deposit waiting for money.");
        if (deposit.status === "held") throw new AppError("ALREADY_DECIDED", "The deposit has already been received in full.");
        const amount = input.amount ?? deposit.expected - deposit.received;
        const arrival = await deposits.receive(
          tx,
          deposit,
          {
            source: "operator",
            // Without the bank's reference, one record per amount outstanding: a second click is the same record.
            externalId: input.bankReference ?? `${deposit.id}:${deposit.received}`,
            amount,
            currency: input.currency ?? deposit.currency,
            bookedOn: input.bookedOn ?? null,
            recordedBy: operator.userId,
          },
          actorOf(operator),
        );
        if (arrival.outcome === "duplicate") {
          throw new AppError("ALREADY_DECIDED", "That bank transfer has already been recorded.");
        }
        return { status: arrival.deposit.status, received: arrival.deposit.received, expected: arrival.deposit.expected };
      });
    },

    /**
     * Approves (with a bidder code unique within the listing) or rejects with a reason. Approval
     * needs the deposit confirmed; a name match from screening needs a written reason to pass.
     */
    async decide(principal: Principal, registrationId: string, raw: unknown) {
      const operator = requireOperator(principal);
      const input = decideSchema.parse(raw);
      return db.transaction(async (tx) => {
        const row = await lockRegistration(tx, registrationId);
        if (row.status !== "pending") throw new AppError("ALREADY_DECIDED", "This registration has already been decided.");
        const [listing] = await tx.select().from(listings).where(eq(listings.id, row.listingId)).for("no key update");
        const now = clock.now();
        if (input.decision === "reject" && !input.reason) throw new AppError("REASON_REQUIRED", "Give the reason for rejecting.");
        if (input.decision === "approve") {
          if (matchedByIdNumber(row.screening)) {
            throw new AppError(
              "ID_NUMBER_MATCH",
              "The applicant's ID number matches a borrower or guarantor of this lot: the registration may only be rejected.",
            );
          }
          const [deposit] = await deposits.ofRegistration(tx, row.id);
          if (listing && listing.deposit > 0n && deposit?.status !== "held") {
            throw new AppError("DEPOSIT_NOT_CONFIRMED", "The deposit has not arrived in full: record it before approving.");
          }
          if (row.screening.length > 0 && !input.reason) {
            throw new AppError("REASON_REQUIRED", "Screening found a possible match: record why the bidder may still bid.");
          }
          const designated = listing?.designatedRegistrationId === row.id;
          const open = designated ? [...beforeTheAnnouncement, "announced"] : ["announced", "live", "suspended"];
          if (!listing || !open.includes(listing.status)) {
            throw new AppError("REGISTRATION_CLOSED", "Registration for this listing is closed.");
          }
        }
        const bidderCode = input.decision === "approve" ? await freshBidderCode(tx, row.listingId) : null;
        const [updated] = await tx
          .update(registrations)
          .set({
            status: input.decision === "approve" ? "approved" : "rejected",
            bidderCode,
            rightOfFirstRefusalRank:
              input.decision === "approve" && row.rightOfFirstRefusalRank !== null
                ? (input.rightOfFirstRefusalRank ?? row.rightOfFirstRefusalRank)
                : null,
            decisionReason: input.reason || null,
            decidedBy: operator.userId,
            decidedAt: now,
          })
          .where(eq(registrations.id, row.id))
          .returning();
        if (input.decision === "reject") {
          await deposits.settleFor(tx, row.id, "did_not_win", actorOf(operator), "registration rejected");
        }
        await audit.append(tx, {
          actor: actorOf(operator),
          action: input.decision === "approve" ? "registration.approved" : "registration.rejected",
          entityType: "listing",
          entityId: row.listingId,
          after: { registrationId: row.id, bidderCode, rightOfFirstRefusalRank: updated!.rightOfFirstRefusalRank },
          reason: input.reason || null,
        });
        await notifications.notify(tx, {
          userIds: [row.userId],
          kind: "registration_decided",
          listingId: row.listingId,
          params: {
            decision: input.decision,
            ...(bidderCode ? { bidderCode } : {}),
            ...(input.reason ? { reason: input.reason } : {}),
          },
        });
        return { status: updated!.status, bidderCode };
      });
    },
    ...reads,
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
