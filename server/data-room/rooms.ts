import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { extensionOf, tiersOpenTo, type DocumentRoom, type DocumentType, type DocumentView } from "../../core/contract/documents";
import { activeRoles, organisationsWith, type Principal, type UserPrincipal } from "../../core/identity/access";
import type { Db } from "../../db/client";
import { assets, documents, listings, packageAssets, packages, registrations, type DocumentRow } from "../../db/schema";
import { editorRoles, lockingStatuses } from "../assets/records";
import { AppError } from "../errors";
import { isUuid } from "../ids";

/**
 * What every part of a data room shares: whose a room is, which listing shows which documents,
 * and which tiers a listing's reader opens (core/contract/documents.ts has the rule itself).
 */

/** Who reads a seller's rooms as its own: its staff, approvers and valuers. */
export const staffRoles = [...editorRoles, "approver", "valuer"] as const;

/** A file name safe to offer: no folders, no control characters, and the extension of what it is. */
export function offeredName(fileName: string, type: DocumentType): string {
  const base = (fileName.split(/[\\/]/).pop() ?? "")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .replace(/\.[^.]*$/, "")
    .trim()
    .slice(0, 120);
  return `${base || "document"}.${extensionOf[type]}`;
}

export function viewOf(row: DocumentRow): DocumentView {
  const [room, roomId] = row.assetId
    ? (["asset", row.assetId] as const)
    : row.packageId
      ? (["package", row.packageId] as const)
      : (["listing", row.listingId!] as const);
  return {
    id: row.id,
    title: row.title,
    tier: row.tier,
    fileName: row.fileName,
    contentType: row.contentType as DocumentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    cover: row.cover,
    room,
    roomId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The rows of one room. */
export function inRoom(room: DocumentRoom): SQL {
  if ("assetId" in room) return eq(documents.assetId, room.assetId);
  if ("packageId" in room) return eq(documents.packageId, room.packageId);
  return eq(documents.listingId, room.listingId);
}

/** Every document a listing's room shows: its own, its asset's, its package's and its loans'. */
export function shownBy(listing: { id: string; assetId: string | null; packageId: string | null }): SQL {
  const rooms: SQL[] = [eq(documents.listingId, listing.id)];
  if (listing.assetId) rooms.push(eq(documents.assetId, listing.assetId));
  if (listing.packageId) {
    rooms.push(eq(documents.packageId, listing.packageId));
    rooms.push(
      inArray(
        documents.assetId,
        sql`(select ${packageAssets.assetId} from ${packageAssets} where ${packageAssets.packageId} = ${listing.packageId})`,
      ),
    );
  }
  return and(isNull(documents.removedAt), or(...rooms))!;
}

export function signedIn(principal: Principal): UserPrincipal {
  if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
  return principal;
}

/** The seller's own staff, or an operator: every tier of its rooms, before and after publication. */
export const isStaff = (principal: Principal, sellerOrgId: string) =>
  principal.kind === "user" &&
  (staffRoles.some((r) => activeRoles(principal, sellerOrgId).has(r)) || activeRoles(principal).has("operator"));

/** The queries that tell whose a room is and who reads a listing's room as what. */
export function createRooms(db: Db) {
  /** The seller a room belongs to and the title of its asset, package or listing; null when there is no such room. */
  async function roomInfo(room: DocumentRoom): Promise<{ sellerOrgId: string; title: string } | null> {
    const id = "assetId" in room ? room.assetId : "packageId" in room ? room.packageId : room.listingId;
    if (!isUuid(id)) return null;
    const table = "assetId" in room ? assets : "packageId" in room ? packages : listings;
    const [row] = await db.select({ sellerOrgId: table.sellerOrgId, title: table.title }).from(table).where(eq(table.id, id));
    return row ?? null;
  }

  /** A room its seller's editors write to; to anyone else it does not exist. */
  async function editableRoom(principal: Principal, room: DocumentRoom) {
    const user = signedIn(principal);
    const sellerOrgId = (await roomInfo(room))?.sellerOrgId;
    if (!sellerOrgId || !editorRoles.some((r) => activeRoles(user, sellerOrgId).has(r))) {
      throw new AppError("NOT_FOUND", "No such asset, package or listing in your book.");
    }
    return { user, sellerOrgId };
  }

  /** A listing under review or public that shows this document: what bidders read stays while it runs. */
  async function disclosedBy(doc: DocumentRow) {
    const shows: SQL[] = [];
    if (doc.listingId) shows.push(eq(listings.id, doc.listingId));
    if (doc.packageId) shows.push(eq(listings.packageId, doc.packageId));
    if (doc.assetId) {
      shows.push(eq(listings.assetId, doc.assetId));
      shows.push(
        inArray(
          listings.packageId,
          sql`(select ${packageAssets.packageId} from ${packageAssets} where ${packageAssets.assetId} = ${doc.assetId})`,
        ),
      );
    }
    const [listing] = await db
      .select({ listingId: listings.id, status: listings.status })
      .from(listings)
      .where(and(inArray(listings.status, lockingStatuses), or(...shows)))
      .limit(1);
    return listing ?? null;
  }

  /** The reader's approved registration for a listing, the one that opens the most. */
  async function registrationFor(principal: Principal, listingId: string) {
    if (principal.kind !== "user") return null;
    const orgs = organisationsWith(principal, ["investor"]);
    if (orgs.length === 0) return null;
    const rows = await db
      .select({
        id: registrations.id,
        organisationId: registrations.organisationId,
        status: registrations.status,
        ndaAcceptedAt: registrations.ndaAcceptedAt,
      })
      .from(registrations)
      .where(and(eq(registrations.listingId, listingId), inArray(registrations.organisationId, orgs)));
    const rank = (r: (typeof rows)[number]) => (r.status === "approved" ? 2 : 0) + (r.ndaAcceptedAt ? 1 : 0);
    return rows.sort((a, b) => rank(b) - rank(a))[0] ?? null;
  }

  /** A listing as its room's reader sees it: its tiers open to them, or not found when it is not theirs to see. */
  async function readerOf(principal: Principal, listingId: string) {
    const [listing] = isUuid(listingId) ? await db.select().from(listings).where(eq(listings.id, listingId)) : [];
    if (!listing) throw new AppError("NOT_FOUND", "Listing not found.");
    const staff = isStaff(principal, listing.sellerOrgId);
    const registration = staff ? null : await registrationFor(principal, listing.id);
    const tiers = tiersOpenTo(
      {
        staff,
        registration: registration && {
          approved: registration.status === "approved",
          ndaAccepted: Boolean(registration.ndaAcceptedAt),
        },
      },
      listing.status,
    );
    if (tiers.length === 0) throw new AppError("NOT_FOUND", "Listing not found.");
    return { listing, staff, registration: registration?.status === "approved" ? registration : null, tiers };
  }

  return { roomInfo, editableRoom, disclosedBy, registrationFor, readerOf };
}
