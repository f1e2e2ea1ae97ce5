import { and, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { assetParties, assets, listings, packageAssets, registrations, type Asset } from "../../db/schema";
import { assetInputSchema, assetQuerySchema, claimPartyProblems, type AssetQuery, type SellerAsset } from "../../core/contract/assets";
import { activeRoles, organisationsWith, type Principal, type UserPrincipal } from "../../core/identity/access";
import type { Actor, AuditService } from "../audit/service";
import type { Clock } from "../clock";
import { AppError, invalidField } from "../errors";
import { actorOf } from "../identity/accounts";
import { isUuid } from "../ids";
import { openParty } from "../privacy/personal-data";
import type { Vault } from "../privacy/vault";
import { editingOrganisation, editorRoles, insertAssetRows, lockedBy, recordOf, replaceAssetRows, sellerAssets, type AssetRecord } from "./records";

/**
 * A seller's assets (docs/domain.md "Kinds of asset"): created, edited and archived by its staff,
 * every change audited. Once a listing of the asset is under review or public, its facts are what
 * reviewers approved and bidders priced: they change no more (ASSET_LOCKED) until that listing is
 * withdrawn, fails or returns to draft.
 */


const readerRoles = ["seller_admin", "seller_staff", "approver", "valuer"] as const;

const organisationChoice = z.object({ organisationId: z.uuid().optional() });



export function createAssetService({ db, clock, audit, vault }: { db: Db; clock: Clock; audit: AuditService; vault: Vault }) {
  function signedIn(principal: Principal): UserPrincipal {
    if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
    return principal;
  }

  /** The seller organisation a new asset belongs to: the only one the user edits for, or the one named. */

  /** The asset, if the principal may edit (or, `reading`, read) its seller's book; a 404 otherwise, as for one that does not exist. */
  async function ownAsset(tx: Db, principal: Principal, id: string, reading = false): Promise<{ user: UserPrincipal; asset: Asset }> {
    const user = signedIn(principal);
    if (!isUuid(id)) throw new AppError("NOT_FOUND", "Asset not found.");
    const query = tx.select().from(assets).where(eq(assets.id, id));
    const [asset] = reading ? await query : await query.for("no key update");
    const roles = asset ? activeRoles(user, asset.sellerOrgId) : new Set();
    if (!asset || !(reading ? readerRoles : editorRoles).some((r) => roles.has(r))) throw new AppError("NOT_FOUND", "Asset not found.");
    return { user, asset };
  }

  async function refuseIfLocked(tx: Db, asset: Asset) {
    const [lock] = (await lockedBy(tx, [asset.id])).get(asset.id) ?? [];
    if (lock) {
      throw new AppError(
        "ASSET_LOCKED",
        "A listing of this asset is under review or public: its facts are what reviewers approved and bidders read. Withdraw the listing, or have it returned to draft, to change them.",
        lock,
      );
    }
  }

  /** What the audit keeps of an asset: its facts and how many parties it names, never who they are. */
  const auditView = (asset: Asset, record?: AssetRecord) => ({
    kind: asset.kind,
    title: asset.title,
    loanId: asset.loanId,
    principal: asset.principal,
    accruedInterest: asset.accruedInterest,
    penaltyInterest: asset.penaltyInterest,
    fees: asset.fees,
    appraisedValue: asset.appraisedValue,
    classification: asset.classification,
    security: asset.security,
    litigationStatus: asset.litigationStatus,
    ...(record ? { parties: record.parties?.length ?? 0, collateral: record.collateral?.length ?? 0 } : {}),
  });

  /** Resolves a kept party by id: one of this asset's, each kept once. */
  async function keptParties(tx: Db, assetId: string) {
    const rows = await tx.select().from(assetParties).where(eq(assetParties.assetId, assetId));
    const byId = new Map(rows.map(({ assetId: _asset, position: _position, ...party }) => [party.id, party]));
    const used = new Set<string>();
    return (partyId: string) => {
      const party = byId.get(partyId);
      if (!party || used.has(partyId)) throw invalidField("keepParties", "Keep each of this asset's own parties once");
      used.add(partyId);
      return party;
    };
  }

  async function insert(tx: Db, actor: Actor, record: AssetRecord) {
    const asset = await insertAssetRows(tx, vault, record, clock.now());
    await audit.append(tx, { actor, action: "asset.created", entityType: "asset", entityId: asset.id, after: auditView(asset, record) });
    return asset;
  }

  async function read(tx: Db, rows: Asset[]) {
    return sellerAssets(
      tx,
      rows,
      await lockedBy(
        tx,
        rows.map((r) => r.id),
      ),
    );
  }

  return {
    /** For writers that checked their values already: the tape import and the seed. Audited like the commands. */
    insert,

    commands: {
      async create(principal: Principal, raw: unknown): Promise<SellerAsset> {
        const chosen = organisationChoice.parse(typeof raw === "object" && raw !== null ? raw : {}).organisationId;
        const { user, organisationId } = editingOrganisation(principal, chosen, "assets");
        const record = recordOf(organisationId, assetInputSchema.parse(raw));
        return db.transaction(async (tx) => {
          const asset = await insert(tx, actorOf(user), record);
          return (await read(tx, [asset]))[0]!;
        });
      },

      async update(principal: Principal, id: string, raw: unknown): Promise<SellerAsset> {
        return db.transaction(async (tx) => {
          const { user, asset: before } = await ownAsset(tx, principal, id);
          if (before.archivedAt) throw new AppError("ASSET_ARCHIVED", "This asset is archived: restore it to change it.");
          await refuseIfLocked(tx, before);
          const record = recordOf(before.sellerOrgId, assetInputSchema.parse(raw), await keptParties(tx, id));
          if (record.values.kind === "claim") {
            const problems = claimPartyProblems(record.values.security!, record.parties ?? []);
            if (problems.length) throw invalidField("parties", problems[0]!);
          }
          const after = await replaceAssetRows(tx, vault, id, record, clock.now());
          await audit.append(tx, {
            actor: actorOf(user),
            action: "asset.updated",
            entityType: "asset",
            entityId: id,
            before: auditView(before),
            after: auditView(after, record),
          });
          return (await read(tx, [after]))[0]!;
        });
      },

      /** Archived assets leave the seller's book and cannot be listed; they are kept, with their history. */
      async archive(principal: Principal, id: string, archived = true): Promise<SellerAsset> {
        return db.transaction(async (tx) => {
          const { user, asset } = await ownAsset(tx, principal, id);
          if ((asset.archivedAt !== null) === archived) return (await read(tx, [asset]))[0]!;
          if (archived) await refuseIfLocked(tx, asset);
          const [after] = await tx
            .update(assets)
            .set({ archivedAt: archived ? clock.now() : null, updatedAt: clock.now() })
            .where(eq(assets.id, id))
            .returning();
          await audit.append(tx, {
            actor: actorOf(user),
            action: archived ? "asset.archived" : "asset.restored",
            entityType: "asset",
            entityId: id,
          });
          return (await read(tx, [after!]))[0]!;
        });
      },

      /**
       * Borrowers' and guarantors' names and ID numbers in full, for the seller's staff, operators,
       * and approved registrants who accepted the NDA of a listing containing the asset. Every
       * reveal is audited; anyone else gets the same 404 as for an asset that does not exist.
       */
      async revealParties(principal: Principal, id: string) {
        const user = signedIn(principal);
        if (!isUuid(id)) throw new AppError("NOT_FOUND", "Asset not found.");
        return db.transaction(async (tx) => {
          const [asset] = await tx.select().from(assets).where(eq(assets.id, id));
          if (!asset) throw new AppError("NOT_FOUND", "Asset not found.");
          const as = await entitlement(tx, user, asset);
          if (!as) throw new AppError("NOT_FOUND", "Asset not found.");
          const rows = await tx.select().from(assetParties).where(eq(assetParties.assetId, id)).orderBy(assetParties.position);
          await audit.append(tx, {
            actor: actorOf(user),
            action: "asset.parties_revealed",
            entityType: "asset",
            entityId: id,
            after: { parties: rows.length, as: as.kind, listingId: as.listingId ?? null },
          });
          return rows.map((row) => ({
            role: row.role,
            kind: row.kind,
            idType: row.idType ?? (row.kind === "company" ? ("credit_code" as const) : ("resident_id" as const)),
            ...openParty(vault, row),
          }));
        });
      },
    },

    reads: {
      /** The seller's book: its assets, newest first, filtered by kind and by a word of the title or loan id. */
      async list(principal: Principal, filters: Partial<AssetQuery> = {}) {
        const user = signedIn(principal);
        const query = { ...assetQuerySchema.parse({}), ...filters };
        const orgs = organisationsWith(user, readerRoles);
        if (orgs.length === 0) throw new AppError("FORBIDDEN", "Only a seller's staff read its assets.");
        const where: SQL[] = [inArray(assets.sellerOrgId, orgs), query.archived ? isNotNull(assets.archivedAt) : isNull(assets.archivedAt)];
        if (query.kind) where.push(eq(assets.kind, query.kind));
        if (query.q) {
          const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
          where.push(or(ilike(assets.title, like), ilike(assets.loanId, like))!);
        }
        const [rows, [{ total } = { total: 0 }]] = await Promise.all([
          db
            .select()
            .from(assets)
            .where(and(...where))
            .orderBy(desc(assets.createdAt), desc(assets.id))
            .limit(query.pageSize)
            .offset((query.page - 1) * query.pageSize),
          db.select({ total: sql<number>`count(*)::int` }).from(assets).where(and(...where)),
        ]);
        return { assets: await read(db, rows), total: Number(total), page: query.page, pageSize: query.pageSize };
      },

      async get(principal: Principal, id: string): Promise<SellerAsset> {
        const { asset } = await ownAsset(db, principal, id, true);
        return (await read(db, [asset]))[0]!;
      },
    },
  };

  /** Why the user may see this asset's parties in full, or null. */
  async function entitlement(tx: Db, user: UserPrincipal, asset: Asset): Promise<{ kind: "seller" | "operator" | "registrant"; listingId?: string } | null> {
    const sellerRoles = activeRoles(user, asset.sellerOrgId);
    if (readerRoles.some((r) => sellerRoles.has(r))) return { kind: "seller" };
    if (activeRoles(user).has("operator")) return { kind: "operator" };
    const investorOrgs = organisationsWith(user, ["investor"]);
    if (investorOrgs.length === 0) return null;
    const [registration] = await tx
      .select({ listingId: listings.id })
      .from(registrations)
      .innerJoin(listings, eq(registrations.listingId, listings.id))
      .leftJoin(packageAssets, eq(packageAssets.packageId, listings.packageId))
      .where(
        and(
          inArray(registrations.organisationId, investorOrgs),
          eq(registrations.status, "approved"),
          isNotNull(registrations.ndaAcceptedAt),
          or(eq(listings.assetId, asset.id), eq(packageAssets.assetId, asset.id)),
        ),
      )
      .limit(1);
    return registration ? { kind: "registrant", listingId: registration.listingId } : null;
  }
}

export type AssetService = ReturnType<typeof createAssetService>;
