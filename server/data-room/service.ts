import { createHash, randomUUID } from "node:crypto";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import {
  documentFieldsSchema,
  readersNamed,
  type AccessEntry,
  type DataRoomView,
  type DocumentRoom,
  type DocumentType,
  type DocumentView,
} from "../../core/contract/documents";
import { documentTiers, type DocumentReader } from "../../core/enums";
import { activeRoles, type Principal } from "../../core/identity/access";
import type { Db } from "../../db/client";
import { documentAccess, documents, listings, organisations, registrations, users } from "../../db/schema";
import { editorRoles } from "../assets/records";
import type { AuditService } from "../audit/service";
import type { Clock } from "../clock";
import { AppError, invalidField } from "../errors";
import type { FileStore } from "../files/store";
import { actorOf } from "../identity/accounts";
import { isUuid } from "../ids";
import type { Vault } from "../privacy/vault";
import { assertStampable } from "./kinds";
import { packageTapeRows } from "./loan-tape";
import { createRooms, inRoom, isStaff, offeredName, shownBy, signedIn, viewOf } from "./rooms";
import { watermarkPdf } from "./watermark";

/**
 * Data rooms (docs/domain.md "The data room"): the files of an asset, a package or a listing, each
 * in a tier. A listing's room holds its own files, its lot's (the asset, or the package and each of
 * its loans), and opens them tier by tier: public once announced, the rest to approved registrants,
 * loan files and tapes only to those who accepted the NDA. Every opening by a signed-in reader is
 * logged; an investor's PDF carries its watermark.
 */

const notFound = () => new AppError("NOT_FOUND", "Document not found.");

export function createDataRoomService(deps: { db: Db; clock: Clock; audit: AuditService; files: FileStore; vault: Vault }) {
  const { db, clock, audit, files, vault } = deps;
  const { roomInfo, editableRoom, disclosedBy, readerOf } = createRooms(db);

  return {
    /** A file into a room: checked by content already (server/data-room/kinds.ts), hashed, stored, audited. */
    async upload(
      principal: Principal,
      room: DocumentRoom,
      rawFields: unknown,
      file: { data: Uint8Array; fileName: string; contentType: string },
    ) {
      const { user, sellerOrgId } = await editableRoom(principal, room);
      const fields = documentFieldsSchema.parse(rawFields);
      const type = file.contentType as DocumentType;
      if (fields.cover && !(fields.tier === "public" && type.startsWith("image/"))) {
        throw invalidField("cover", "Only a public photo (PNG or JPEG) can be the cover");
      }
      if (type === "application/pdf") await assertStampable(file.data);
      const sha256 = createHash("sha256").update(file.data).digest("hex");
      const storageKey = await files.put(file.data);
      const row = await db.transaction(async (tx) => {
        if (fields.cover)
          await tx
            .update(documents)
            .set({ cover: false })
            .where(and(inRoom(room), eq(documents.cover, true)));
        const [inserted] = await tx
          .insert(documents)
          .values({
            sellerOrgId,
            ...room,
            tier: fields.tier,
            title: fields.title,
            fileName: offeredName(file.fileName, type),
            contentType: type,
            sizeBytes: file.data.length,
            sha256,
            storageKey,
            cover: fields.cover,
            uploadedBy: user.userId,
            createdAt: clock.now(),
          })
          .returning();
        await audit.append(tx, {
          actor: actorOf(user),
          action: "document.uploaded",
          entityType: "document",
          entityId: inserted!.id,
          after: { room, title: fields.title, tier: fields.tier, contentType: type, sizeBytes: file.data.length, sha256 },
        });
        return inserted!;
      });
      return viewOf(row);
    },

    /** A room's documents as its seller's staff (and operators) see them, every tier, with the title of what it documents. */
    async ofRoom(principal: Principal, room: DocumentRoom): Promise<{ title: string; documents: DocumentView[] }> {
      const info = await roomInfo(room);
      if (!info || !isStaff(signedIn(principal), info.sellerOrgId))
        throw new AppError("NOT_FOUND", "No such asset, package or listing.");
      const rows = await db
        .select()
        .from(documents)
        .where(and(inRoom(room), isNull(documents.removedAt)))
        .orderBy(asc(documents.tier), asc(documents.createdAt));
      return { title: info.title, documents: rows.map(viewOf) };
    },

    /** A listing's data room as this reader opens it: the documents of its tiers, and only counts of the rest. */
    async ofListing(principal: Principal, listingId: string): Promise<DataRoomView> {
      const { listing, staff, tiers } = await readerOf(principal, listingId);
      const rows = await db.select().from(documents).where(shownBy(listing)).orderBy(asc(documents.createdAt), asc(documents.id));
      const open = rows.filter((r) => tiers.includes(r.tier));
      const locked = documentTiers
        .filter((tier) => !tiers.includes(tier))
        .map((tier) => ({ tier, count: rows.filter((r) => r.tier === tier).length }))
        .filter((l) => l.count > 0);
      return {
        documents: open.map(viewOf),
        locked,
        loanTape: Boolean(listing.packageId) && tiers.includes("nda"),
        access: { tiers, staff },
      };
    },

    /**
     * A document's bytes for one reader: the seller's staff and operators from anywhere, others
     * through a listing whose room shows it, in a tier open to them. A signed-in reader's opening is
     * logged; an investor's PDF is stamped with its organisation, user and time.
     */
    async open(principal: Principal, documentId: string, via: { listingId?: string; action: "view" | "download" }) {
      const [doc] = isUuid(documentId)
        ? await db
            .select()
            .from(documents)
            .where(and(eq(documents.id, documentId), isNull(documents.removedAt)))
        : [];
      if (!doc) throw notFound();
      let reader: { organisationId: string | null; registrationId: string | null; kind: DocumentReader };
      let listingId: string | null = null;
      if (isStaff(principal, doc.sellerOrgId)) {
        const operator = activeRoles(principal).has("operator");
        reader = {
          organisationId: operator ? null : doc.sellerOrgId,
          registrationId: null,
          kind: operator ? "operator" : "seller",
        };
        listingId = via.listingId && isUuid(via.listingId) ? via.listingId : null;
      } else {
        if (!via.listingId) throw notFound();
        const room = await readerOf(principal, via.listingId);
        const [shown] = await db
          .select({ id: documents.id })
          .from(documents)
          .where(and(eq(documents.id, doc.id), shownBy(room.listing)));
        if (!shown) throw notFound();
        if (!room.tiers.includes(doc.tier)) {
          throw new AppError(
            "TIER_NOT_OPEN",
            doc.tier === "nda"
              ? "Only approved bidders who accepted this listing's NDA open this document."
              : "Only approved bidders of this listing open this document.",
            { tier: doc.tier },
          );
        }
        listingId = room.listing.id;
        reader = {
          organisationId: room.registration?.organisationId ?? null,
          registrationId: room.registration?.id ?? null,
          kind: room.registration ? "bidder" : "visitor",
        };
      }
      let data = await files.get(doc.storageKey);
      if (!data) throw new AppError("NOT_FOUND", "This document's file is missing: tell the seller.");
      const type = doc.contentType as DocumentType;
      // A public photo shown on a page is no data-room reading: anonymous readers and page views go unlogged.
      if (principal.kind !== "user" || (via.action === "view" && doc.tier === "public")) {
        return { data, fileName: doc.fileName, contentType: type, watermarked: false };
      }
      const accessId = randomUUID();
      const watermarked = (reader.kind === "bidder" || reader.kind === "visitor") && type === "application/pdf";
      const at = clock.now();
      if (watermarked) {
        const [org] = reader.organisationId
          ? await db
              .select({ id: organisations.id, name: organisations.name })
              .from(organisations)
              .where(eq(organisations.id, reader.organisationId))
          : [];
        data = await watermarkPdf(data, {
          organisation: org ?? { id: principal.userId, name: principal.displayName },
          user: principal,
          at,
          accessId,
        });
      }
      await db.insert(documentAccess).values({
        id: accessId,
        documentId: doc.id,
        listingId,
        userId: principal.userId,
        organisationId: reader.organisationId,
        registrationId: reader.registrationId,
        reader: reader.kind,
        action: via.action,
        watermarked,
        at,
      });
      return { data, fileName: doc.fileName, contentType: type, watermarked };
    },

    /**
     * A package listing's loans as a loan tape (rows of text, the header first), for those who open
     * its NDA tier: the borrowers' and guarantors' names and ID numbers are in it, so each copy is
     * audited as a reveal and logged for the seller like a document.
     */
    async loanTape(principal: Principal, listingId: string, language: "en" | "zh-CN", format: "csv" | "xlsx") {
      const room = await readerOf(principal, listingId);
      if (!room.listing.packageId) throw new AppError("NOT_FOUND", "This listing sells no package: it has no loan tape.");
      if (!room.tiers.includes("nda") || principal.kind !== "user") {
        throw new AppError("TIER_NOT_OPEN", "Only approved bidders who accepted this listing's NDA take its loan tape.", {
          tier: "nda",
        });
      }
      const rows = await packageTapeRows(db, vault, room.listing.packageId, language);
      const operator = activeRoles(principal).has("operator");
      const kind: DocumentReader = room.registration ? "bidder" : operator ? "operator" : "seller";
      await db.transaction(async (tx) => {
        await tx.insert(documentAccess).values({
          documentId: null,
          listingId: room.listing.id,
          userId: principal.userId,
          organisationId: room.registration?.organisationId ?? (kind === "seller" ? room.listing.sellerOrgId : null),
          registrationId: room.registration?.id ?? null,
          reader: kind,
          action: "download",
          at: clock.now(),
        });
        await audit.append(tx, {
          actor: actorOf(principal),
          action: "package.tape_taken",
          entityType: "listing",
          entityId: room.listing.id,
          after: { packageId: room.listing.packageId, loans: rows.length - 1, format, as: room.staff ? "staff" : "registrant" },
        });
      });
      return { rows, title: room.listing.title };
    },

    /**
     * Who opened what in a listing's room, newest first, for its seller's staff and operators:
     * bidders by their bidder codes until the sale's outcome is decided, by name after it
     * (operators always by name).
     */
    async accessLog(principal: Principal, listingId: string, limit = 500): Promise<AccessEntry[]> {
      const user = signedIn(principal);
      const [listing] = isUuid(listingId) ? await db.select().from(listings).where(eq(listings.id, listingId)) : [];
      if (!listing || !isStaff(user, listing.sellerOrgId)) throw new AppError("NOT_FOUND", "Listing not found.");
      const named = readersNamed(listing.status) || activeRoles(user).has("operator");
      const rows = await db
        .select({
          documentId: documentAccess.documentId,
          documentTitle: documents.title,
          action: documentAccess.action,
          watermarked: documentAccess.watermarked,
          at: documentAccess.at,
          bidderCode: registrations.bidderCode,
          reader: documentAccess.reader,
          organisation: organisations.name,
          user: users.displayName,
          email: users.email,
        })
        .from(documentAccess)
        .leftJoin(documents, eq(documents.id, documentAccess.documentId))
        .innerJoin(users, eq(users.id, documentAccess.userId))
        .leftJoin(registrations, eq(registrations.id, documentAccess.registrationId))
        .leftJoin(organisations, eq(organisations.id, documentAccess.organisationId))
        .where(eq(documentAccess.listingId, listing.id))
        .orderBy(desc(documentAccess.at), desc(documentAccess.id))
        .limit(limit);
      return rows.map((r) => {
        // Investors, bidders or not, stay nameless to the seller until the close.
        const shown = named || r.reader === "seller" || r.reader === "operator";
        return {
          documentId: r.documentId,
          documentTitle: r.documentTitle ?? "",
          action: r.action,
          watermarked: r.watermarked,
          at: r.at.toISOString(),
          bidderCode: r.bidderCode,
          organisation: shown ? r.organisation : null,
          user: shown ? `${r.user} <${r.email}>` : null,
          reader: r.reader,
        };
      });
    },

    /** Takes a document out of its room (kept, with who and when); not while a listing under review or public shows it. */
    async remove(principal: Principal, documentId: string) {
      const user = signedIn(principal);
      const [doc] = isUuid(documentId)
        ? await db
            .select()
            .from(documents)
            .where(and(eq(documents.id, documentId), isNull(documents.removedAt)))
        : [];
      if (!doc || !editorRoles.some((r) => activeRoles(user, doc.sellerOrgId).has(r))) throw notFound();
      const lock = await disclosedBy(doc);
      if (lock) {
        throw new AppError(
          "DOCUMENT_LOCKED",
          "A listing under review or public shows this document: bidders may have read it, so it stays until that listing ends or returns to draft.",
          lock,
        );
      }
      await db.transaction(async (tx) => {
        await tx.update(documents).set({ removedAt: clock.now(), removedBy: user.userId }).where(eq(documents.id, doc.id));
        await audit.append(tx, {
          actor: actorOf(user),
          action: "document.removed",
          entityType: "document",
          entityId: doc.id,
          before: { title: doc.title, tier: doc.tier, sha256: doc.sha256 },
        });
      });
    },
  };
}

export type DataRoomService = ReturnType<typeof createDataRoomService>;
