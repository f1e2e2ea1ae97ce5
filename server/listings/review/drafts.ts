import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { assets, listings, memberships, organisations, packages, type Listing } from "../../../db/schema/index";
import type { AuditService } from "../../audit/service";
import type { Clock } from "../../clock";
import { AppError } from "../../errors";
import { actorOf } from "../../identity/accounts";
import { activeRoles, type Principal } from "../../../core/identity/access";
import type { NotificationService } from "../../notifications/service";
import { designatableOrganisations, designatedInvestors, requireDesignatedCommitment } from "../../sale-modes/designated/service";
import { lotAssets, lotInUse, valuationOf } from "../facts";
import { saleModesSetting } from "../../sale-modes/settings";
import { checkTerms, listingTermsSchema, type ListingTerms } from "../../../core/listing-terms";
import type { TransitionRunner } from "../transitions";

/** Drafting a listing: its terms checked against the lot and the trade's rules, then submitted for review. */
export function createDraftService({
  db,
  clock,
  audit,
  notifications,
  act,
}: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  notifications: NotificationService;
  act: TransitionRunner["act"];
}) {
  async function validDraft(tx: Db, principal: Principal, raw: unknown, except?: string) {
    const terms = listingTermsSchema.parse(raw);
    const lot = terms.assetId
      ? await tx.select({ orgId: assets.sellerOrgId, currency: assets.currency }).from(assets).where(eq(assets.id, terms.assetId))
      : await tx
          .select({ orgId: packages.sellerOrgId, currency: packages.currency })
          .from(packages)
          .where(eq(packages.id, terms.packageId!));
    const owner = lot[0];
    const roles = owner ? activeRoles(principal, owner.orgId) : new Set();
    if (!owner || !(roles.has("seller_admin") || roles.has("seller_staff"))) {
      throw new AppError("NOT_FOUND", "No such asset or package among your organisation's lots.", { field: "lot" });
    }
    // The investor a designated purchase or a negotiated transfer names must be one that may buy.
    const named =
      terms.mode === "designated" ? terms.designatedOrgId : terms.mode === "negotiated" ? terms.counterpartyOrgId : null;
    if (named && !(await designatableOrganisations(tx, owner.orgId)).some((o) => o.id === named)) {
      const field = terms.mode === "designated" ? "designatedOrgId" : "counterpartyOrgId";
      throw new AppError("NOT_FOUND", "No such investor organisation to name.", { field });
    }
    const inUse = await lotInUse(tx, terms, except);
    if (inUse) throw new AppError("LOT_IN_USE", "This lot is already in a listing that has not finished.", { listingId: inUse });
    const lots = await lotAssets(tx, { assetId: terms.assetId ?? null, packageId: terms.packageId ?? null });
    if (lots.some((a) => a.archivedAt !== null)) {
      throw new AppError("ASSET_ARCHIVED", "An archived asset cannot be listed: restore it first.", { field: "lot" });
    }
    await enforceRules(tx, terms, lots, owner.currency);
    return { terms, sellerOrgId: owner.orgId };
  }

  /** The trade's rules on the terms, against the lot, the server's time and the platform's sale-mode setting. */
  async function enforceRules(tx: Db, terms: ListingTerms, lots: Awaited<ReturnType<typeof lotAssets>>, lotCurrency: string) {
    const { negotiatedPackages } = await saleModesSetting(tx);
    rejectIssues(
      checkTerms(terms, {
        valuation: valuationOf(lots),
        lotCurrency,
        now: clock.now(),
        negotiatedPackagesAllowed: negotiatedPackages,
      }),
    );
  }

  /** A draft that names (or newly names) a designated investor asks its investors to commit their floor. */
  async function askToCommit(tx: Db, listingId: string, previousOrgId: string | null, terms: ListingTerms) {
    if (terms.mode !== "designated" || !terms.designatedOrgId || terms.designatedOrgId === previousOrgId) return;
    await notifications.notify(tx, {
      userIds: await designatedInvestors(tx, terms.designatedOrgId),
      kind: "designated_commitment_requested",
      listingId,
    });
  }

  const columnsOf = (terms: ListingTerms) => ({
    assetId: terms.assetId ?? null,
    packageId: terms.packageId ?? null,
    titleEn: terms.title,
    titleZh: terms.titleZh,
    summary: terms.summary,
    summaryZh: terms.summaryZh,
    mode: terms.mode,
    tenderPricing: terms.tenderPricing,
    designatedOrgId: terms.mode === "designated" ? (terms.designatedOrgId ?? null) : null,
    counterpartyOrgId: terms.mode === "negotiated" ? (terms.counterpartyOrgId ?? null) : null,
    negotiationJustification: terms.mode === "negotiated" ? terms.negotiationJustification : null,
    bestAndFinalTopN: terms.mode === "tender" ? (terms.bestAndFinalTopN ?? null) : null,
    currency: terms.currency,
    startingPrice: terms.startingPrice,
    reservePrice: terms.reservePrice ?? null,
    increment: terms.increment,
    deposit: terms.deposit,
    antiSnipingWindowSeconds: terms.antiSnipingWindowMinutes * 60,
    antiSnipingExtensionSeconds: terms.antiSnipingExtensionMinutes * 60,
    maxExtensions: terms.maxExtensions ?? null,
    // Not given: the column's default on a new draft, and what the draft already had on an edit.
    ...(terms.maxBidMultiple != null ? { maxBidMultiple: terms.maxBidMultiple } : {}),
    startsAt: terms.startsAt,
    endsAt: terms.endsAt,
    originalEndsAt: terms.endsAt,
    balanceDueDays: terms.balanceDueDays,
    specialTerms: terms.specialTerms,
    valuationExceptionReason: terms.valuationExceptionReason,
    rightOfFirstRefusalHolders: terms.rightOfFirstRefusalHolders,
  });

  return {
    /** The investor organisations the principal's seller organisation may name: a designated investor or a counterparty. */
    async designatableOrganisations(principal: Principal) {
      if (principal.kind !== "user") return [];
      const sellers = principal.memberships.filter((m) => m.role === "seller_admin" || m.role === "seller_staff");
      const own = new Set(principal.memberships.map((m) => m.organisationId));
      const first = sellers[0];
      if (!first) return [];
      return (await designatableOrganisations(db, first.organisationId)).filter((o) => !own.has(o.id));
    },

    async createDraft(principal: Principal, raw: unknown): Promise<{ id: string }> {
      if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
      return db.transaction(async (tx) => {
        const { terms, sellerOrgId } = await validDraft(tx, principal, raw);
        const now = clock.now();
        const [row] = await tx
          .insert(listings)
          .values({
            ...columnsOf(terms),
            sellerOrgId,
            status: "draft",
            createdBy: principal.userId,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: listings.id });
        await askToCommit(tx, row!.id, null, terms);
        await audit.append(tx, {
          actor: actorOf(principal),
          action: "listing.created",
          entityType: "listing",
          entityId: row!.id,
          after: { status: "draft", title: terms.title ?? terms.titleZh, startingPrice: terms.startingPrice },
        });
        return { id: row!.id };
      });
    },

    async updateDraft(principal: Principal, listingId: string, raw: unknown) {
      await act(principal, listingId, "edit", {}, async (tx, listing) => {
        const { terms, sellerOrgId } = await validDraft(tx, principal, raw, listing.id);
        if (sellerOrgId !== listing.sellerOrgId) throw new AppError("FORBIDDEN", "A listing stays with its seller.");
        // The designated investor committed to this start: it changes only with a new commitment.
        if (
          listing.designatedRegistrationId &&
          (terms.mode !== "designated" ||
            terms.designatedOrgId !== listing.designatedOrgId ||
            terms.startingPrice !== listing.designatedFloor)
        ) {
          throw new AppError(
            "FLOOR_COMMITTED",
            "The designated investor has committed to this starting price; withdraw the listing to change the deal.",
            { field: "startingPrice" },
          );
        }
        await askToCommit(tx, listing.id, listing.designatedOrgId, terms);
        return columnsOf(terms);
      });
    },

    /** Into review: the terms are checked again (time has passed), and a new review round begins. */
    async submit(principal: Principal, listingId: string) {
      await act(principal, listingId, "submit", {}, async (tx, listing, _to, now) => {
        await requireDesignatedCommitment(tx, listing, "submit");
        const lots = await lotAssets(tx, listing);
        const terms = listingTermsSchema.parse({
          ...listing,
          ...columnsOfListing(listing),
        });
        await enforceRules(tx, terms, lots, listing.currency);
        // The seller's reviewers, and the operators who check the disclosure.
        const reviewers = await tx
          .selectDistinct({ userId: memberships.userId })
          .from(memberships)
          .innerJoin(organisations, eq(memberships.organisationId, organisations.id))
          .where(
            or(
              and(eq(memberships.organisationId, listing.sellerOrgId), inArray(memberships.role, ["approver", "seller_admin"])),
              and(eq(memberships.role, "operator"), eq(organisations.kind, "platform")),
            ),
          );
        await notifications.notify(tx, {
          userIds: reviewers.map((r) => r.userId).filter((id) => id !== listing.createdBy),
          kind: "review_requested",
          listingId: listing.id,
        });
        return {
          submittedAt: now,
          reviewRound: listing.reviewRound + 1,
          termsVersion: listing.reviewRound + 1,
          disclosureCheckedAt: null,
          disclosureCheckedBy: null,
        };
      });
    },
  };
}

function rejectIssues(issues: ReturnType<typeof checkTerms>) {
  if (issues.length === 0) return;
  throw new AppError("INVALID_TERMS", issues[0]!.message, {
    field: issues[0]!.field,
    fields: Object.fromEntries(issues.map((i) => [i.field, { code: i.code, message: i.message, params: i.params ?? {} }])),
  });
}

/** The stored listing in the shape the terms schema reads (money back to decimal strings). */
export function columnsOfListing(listing: Listing) {
  return {
    assetId: listing.assetId,
    packageId: listing.packageId,
    startingPrice: listing.startingPrice.toString(),
    reservePrice: listing.reservePrice?.toString() ?? null,
    increment: listing.increment.toString(),
    deposit: listing.deposit.toString(),
    antiSnipingWindowMinutes: listing.antiSnipingWindowSeconds / 60,
    antiSnipingExtensionMinutes: listing.antiSnipingExtensionSeconds / 60,
    maxExtensions: listing.maxExtensions,
    maxBidMultiple: listing.maxBidMultiple,
    startsAt: listing.startsAt,
    endsAt: listing.endsAt,
  };
}
