import path from "node:path";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { listings, objectionAttachments, objections, users } from "../../../db/schema/index";
import type { AuditService } from "../../audit/service";
import type { Clock } from "../../clock";
import type { FileStore } from "../../files/store";
import { AppError } from "../../errors";
import { actorOf } from "../../identity/accounts";
import { activeRoles, type Principal, type UserPrincipal } from "../../../core/identity/access";
import type { NotificationService } from "../../notifications/service";
import { createRateLimiter, type RateLimiter } from "../../rate-limit";
import { isPublicStatus, isUuid, listingNotFound } from "../facts";
import type { WorkflowService } from "../review/workflow";
import { objectionWindowOpen } from "../../../core/listing-windows";
import { attachmentRules, objectionDecisionSchema, objectionSchema } from "../../../core/contract/objections";

export interface Attachment {
  fileName: string;
  contentType: string;
  data: Uint8Array;
}

function checkAttachments(files: readonly Attachment[]) {
  const present = files.filter((f) => f.data.byteLength > 0 || f.fileName);
  if (present.length > attachmentRules.maxFiles) {
    throw new AppError("VALIDATION_FAILED", `Attach at most ${attachmentRules.maxFiles} files.`, {
      field: "attachments",
      rule: "count",
    });
  }
  for (const file of present) {
    if (!(attachmentRules.contentTypes as readonly string[]).includes(file.contentType)) {
      throw new AppError("VALIDATION_FAILED", `${file.fileName}: attach PDF, PNG, JPEG or plain text files.`, {
        field: "attachments",
        rule: "type",
        file: file.fileName,
      });
    }
    if (file.data.byteLength === 0 || file.data.byteLength > attachmentRules.maxBytes) {
      throw new AppError("VALIDATION_FAILED", `${file.fileName}: each file must hold 1 byte to 10 MB.`, {
        field: "attachments",
        rule: "size",
        file: file.fileName,
      });
    }
  }
  // Only the base name, printable, short: it is shown to operators and sent back on download.
  return present.map((f) => ({
    ...f,
    fileName:
      path
        .basename(f.fileName)
        .replace(/[^\p{L}\p{N}._ -]/gu, "_")
        .slice(0, 120) || "file",
  }));
}

export interface ObjectionLimits {
  /** Objections one account files, across listings. */
  perAccount: RateLimiter;
}

/** The limits the platform runs with; shared across nodes when a Redis client is given. */
export function objectionLimits(redis?: unknown): ObjectionLimits {
  // An objection is a written complaint an operator must answer: a handful an hour is plenty.
  return { perAccount: createRateLimiter({ name: "objections-account", points: 5, durationSeconds: 60 * 60 }, redis) };
}

const objectionNotFound = () => new AppError("NOT_FOUND", "Objection not found.");
const alreadyDecided = () => new AppError("ALREADY_DECIDED", "This objection has already been decided.");

/**
 * Objections (异议) during the announcement period. Anyone signed in may object; the objector
 * stays private, the operator's decision and reason are public on the listing. Upholding suspends
 * the listing and tells its bidders in the same transaction.
 */
export function createObjectionService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  notifications: NotificationService;
  workflow: WorkflowService;
  files: FileStore;
  limits: ObjectionLimits;
}) {
  const { db, clock, audit, notifications, workflow, files, limits } = deps;
  const requireOperator = (principal: Principal): UserPrincipal => {
    if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
    if (!activeRoles(principal).has("operator")) throw new AppError("FORBIDDEN", "Only operators decide objections.");
    return principal;
  };

  return {
    async file(principal: Principal, listingId: string, raw: unknown, attachments: readonly Attachment[] = []) {
      if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in to object.");
      const input = objectionSchema.parse(raw);
      const checked = checkAttachments(attachments);
      if (!isUuid(listingId)) throw listingNotFound();
      return db.transaction(async (tx) => {
        const [listing] = await tx.select().from(listings).where(eq(listings.id, listingId));
        if (!listing) throw listingNotFound();
        // The seller objecting to itself, or the operators who decide objections filing one, is no objection.
        const insider = activeRoles(principal, listing.sellerOrgId).size > 0 || activeRoles(principal).has("operator");
        if (insider) {
          throw new AppError(
            "INSIDER_OBJECTION",
            "The seller's staff and the platform's operators may not object to a listing: raise it within your organisation.",
          );
        }
        // A listing the public may not see (a draft, one withdrawn) is not there to object to.
        if (!isPublicStatus(listing.status)) throw listingNotFound();
        const now = clock.now();
        if (!objectionWindowOpen(listing, listing.announcementEndsAt, now)) {
          throw new AppError("OBJECTION_PERIOD_OVER", "Objections may be filed only during the announcement period.");
        }
        await limits.perAccount.consume(principal.userId);
        const [row] = await tx
          .insert(objections)
          .values({ listingId, userId: principal.userId, reasons: input.reasons, createdAt: now })
          .returning({ id: objections.id });
        for (const file of checked) {
          const storageKey = await files.put(file.data);
          await tx.insert(objectionAttachments).values({
            objectionId: row!.id,
            fileName: file.fileName,
            contentType: file.contentType,
            size: file.data.byteLength,
            storageKey,
            createdAt: now,
          });
        }
        await audit.append(tx, {
          actor: actorOf(principal),
          action: "objection.filed",
          entityType: "listing",
          entityId: listingId,
          after: { objectionId: row!.id, attachments: checked.length },
        });
        return { id: row!.id };
      });
    },

    /**
     * Upholds or dismisses an open objection. Both lock the listing before the objection, as the
     * suspension that upholding brings does: decisions sent at once then queue on the listing (the
     * other order deadlocks), and the later one finds the objection decided (ALREADY_DECIDED).
     */
    async decide(principal: Principal, objectionId: string, raw: unknown) {
      const operator = requireOperator(principal);
      const input = objectionDecisionSchema.parse(raw);
      if (!isUuid(objectionId)) throw objectionNotFound();
      const [found] = await db.select().from(objections).where(eq(objections.id, objectionId));
      if (!found) throw objectionNotFound();
      if (found.status !== "open") throw alreadyDecided();

      const record = async (tx: Db, now: Date) => {
        const [row] = await tx.select().from(objections).where(eq(objections.id, objectionId)).for("no key update");
        if (row!.status !== "open") throw alreadyDecided();
        await tx
          .update(objections)
          .set({
            status: input.decision === "uphold" ? "upheld" : "dismissed",
            decisionReason: input.reason,
            decidedBy: operator.userId,
            decidedAt: now,
          })
          .where(eq(objections.id, objectionId));
        await audit.append(tx, {
          actor: actorOf(operator),
          action: input.decision === "uphold" ? "objection.upheld" : "objection.dismissed",
          entityType: "listing",
          entityId: row!.listingId,
          after: { objectionId },
          reason: input.reason,
        });
        await notifications.notify(tx, {
          userIds: [row!.userId],
          kind: "objection_decided",
          listingId: row!.listingId,
          params: { decision: input.decision, reason: input.reason },
        });
        return [row!.userId];
      };

      if (input.decision === "uphold") {
        try {
          await workflow.suspend(operator, found.listingId, { reason: input.reason }, (tx, _listing, now) => record(tx, now));
        } catch (error) {
          // Another upholding suspended the listing first: the machine refuses a second suspension.
          if (AppError.is(error) && error.code === "INVALID_TRANSITION") {
            const [now] = await db.select({ status: objections.status }).from(objections).where(eq(objections.id, objectionId));
            if (now?.status !== "open") throw alreadyDecided();
          }
          throw error;
        }
      } else {
        await db.transaction(async (tx) => {
          await tx.select({ id: listings.id }).from(listings).where(eq(listings.id, found.listingId)).for("no key update");
          await record(tx, clock.now());
        });
      }
      return { status: input.decision === "uphold" ? "upheld" : "dismissed" };
    },

    /** The public record: when each objection was filed and how it was decided, never by whom or why it was filed. */
    async outcomes(listingId: string) {
      if (!isUuid(listingId)) return [];
      return db
        .select({
          id: objections.id,
          status: objections.status,
          filedAt: objections.createdAt,
          decidedAt: objections.decidedAt,
          decisionReason: objections.decisionReason,
        })
        .from(objections)
        .where(eq(objections.listingId, listingId))
        .orderBy(asc(objections.createdAt));
    },

    /** An attachment's content, for operators and the objector only. */
    async attachment(principal: Principal, attachmentId: string) {
      if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
      if (!isUuid(attachmentId)) throw new AppError("NOT_FOUND", "Attachment not found.");
      const [row] = await db
        .select({ attachment: objectionAttachments, objector: objections.userId })
        .from(objectionAttachments)
        .innerJoin(objections, eq(objectionAttachments.objectionId, objections.id))
        .where(eq(objectionAttachments.id, attachmentId));
      const operator = activeRoles(principal).has("operator");
      if (!row || (!operator && row.objector !== principal.userId)) throw new AppError("NOT_FOUND", "Attachment not found.");
      const data = await files.get(row.attachment.storageKey);
      if (!data) throw new AppError("NOT_FOUND", "Attachment not found.");
      return { fileName: row.attachment.fileName, contentType: row.attachment.contentType, data };
    },

    async queue(principal: Principal) {
      requireOperator(principal);
      const open = await db
        .select({
          id: objections.id,
          listingId: objections.listingId,
          listingTitle: listings.title,
          listingStatus: listings.status,
          reasons: objections.reasons,
          objector: users.email,
          filedAt: objections.createdAt,
        })
        .from(objections)
        .innerJoin(listings, eq(objections.listingId, listings.id))
        .innerJoin(users, eq(objections.userId, users.id))
        .where(and(eq(objections.status, "open")))
        .orderBy(desc(objections.createdAt));
      const attached = open.length
        ? await db
            .select({
              id: objectionAttachments.id,
              objectionId: objectionAttachments.objectionId,
              fileName: objectionAttachments.fileName,
              size: objectionAttachments.size,
            })
            .from(objectionAttachments)
            .where(
              inArray(
                objectionAttachments.objectionId,
                open.map((o) => o.id),
              ),
            )
        : [];
      return open.map((o) => ({ ...o, attachments: attached.filter((a) => a.objectionId === o.id) }));
    },
  };
}

export type ObjectionService = ReturnType<typeof createObjectionService>;
