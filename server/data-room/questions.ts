import { and, asc, eq, inArray, isNotNull, or } from "drizzle-orm";
import { answerInputSchema, questionInputSchema, type QuestionView } from "../../core/contract/documents";
import { activeRoles, type Principal } from "../../core/identity/access";
import type { Db } from "../../db/client";
import { listings, memberships, questions, registrations } from "../../db/schema";
import { editorRoles } from "../assets/records";
import type { AuditService } from "../audit/service";
import type { Clock } from "../clock";
import { AppError } from "../errors";
import { actorOf } from "../identity/accounts";
import { isUuid } from "../ids";
import type { NotificationService } from "../notifications/service";
import { createRooms, isStaff, signedIn } from "./rooms";

/**
 * Questions and answers about a listing (docs/domain.md "The data room"): an approved registrant
 * asks; the seller answers, and the answer goes to every approved registrant at once, so that all
 * bidders hold the same information. Who asked is told to nobody but the seller, by bidder code.
 */

/** A listing takes questions while bidders are still pricing it: once announced, until bidding ends. */
const askable = ["announced", "live", "suspended"] as const;

export function createQuestionService(deps: { db: Db; clock: Clock; audit: AuditService; notifications: NotificationService }) {
  const { db, clock, audit, notifications } = deps;
  const { readerOf } = createRooms(db);

  return {
    async ask(principal: Principal, listingId: string, raw: unknown): Promise<QuestionView> {
      const user = signedIn(principal);
      const { question } = questionInputSchema.parse(raw);
      const { listing, registration, staff } = await readerOf(user, listingId);
      if (staff || !registration)
        throw new AppError("FORBIDDEN", "Only approved bidders of this listing ask the seller questions.");
      if (!(askable as readonly string[]).includes(listing.status)) {
        throw new AppError("CONFLICT", "This listing takes no more questions: its bidding has ended.", {
          status: listing.status,
        });
      }
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(questions)
          .values({
            listingId: listing.id,
            registrationId: registration.id,
            askedBy: user.userId,
            question,
            askedAt: clock.now(),
          })
          .returning();
        await audit.append(tx, {
          actor: actorOf(user),
          action: "question.asked",
          entityType: "listing",
          entityId: listing.id,
          after: { questionId: row!.id },
        });
        const staffIds = await tx
          .select({ userId: memberships.userId })
          .from(memberships)
          .where(and(eq(memberships.organisationId, listing.sellerOrgId), inArray(memberships.role, [...editorRoles])));
        await notifications.notify(tx, {
          userIds: staffIds.map((s) => s.userId),
          kind: "question_asked",
          listingId: listing.id,
          params: { title: listing.title },
        });
        return {
          id: row!.id,
          question,
          askedAt: row!.askedAt.toISOString(),
          answer: null,
          answeredAt: null,
          mine: true,
          bidderCode: null,
        };
      });
    },

    /** The seller's answer, published to every approved registrant of the listing at once. */
    async answer(principal: Principal, questionId: string, raw: unknown): Promise<void> {
      const user = signedIn(principal);
      const { answer } = answerInputSchema.parse(raw);
      const [found] = isUuid(questionId)
        ? await db
            .select({ question: questions, listing: listings })
            .from(questions)
            .innerJoin(listings, eq(listings.id, questions.listingId))
            .where(eq(questions.id, questionId))
        : [];
      if (!found || !editorRoles.some((r) => activeRoles(user, found.listing.sellerOrgId).has(r))) {
        throw new AppError("NOT_FOUND", "Question not found.");
      }
      if (found.question.answeredAt)
        throw new AppError("ALREADY_DECIDED", "This question is answered already: ask the platform to correct an answer.");
      await db.transaction(async (tx) => {
        await tx
          .update(questions)
          .set({ answer, answeredBy: user.userId, answeredAt: clock.now() })
          .where(eq(questions.id, questionId));
        await audit.append(tx, {
          actor: actorOf(user),
          action: "question.answered",
          entityType: "listing",
          entityId: found.listing.id,
          after: { questionId },
        });
        const bidders = await tx
          .select({ userId: registrations.userId })
          .from(registrations)
          .where(and(eq(registrations.listingId, found.listing.id), eq(registrations.status, "approved")));
        await notifications.notify(tx, {
          userIds: bidders.map((b) => b.userId),
          kind: "question_answered",
          listingId: found.listing.id,
          params: { title: found.listing.title },
        });
      });
    },

    /**
     * A listing's questions as this reader sees them: the seller's staff and operators every one,
     * with the asker's bidder code; an approved registrant the answered ones and its own; anyone
     * else none.
     */
    async list(principal: Principal, listingId: string): Promise<QuestionView[]> {
      if (principal.kind !== "user") return [];
      const [listing] = isUuid(listingId) ? await db.select().from(listings).where(eq(listings.id, listingId)) : [];
      if (!listing) return [];
      const staff = isStaff(principal, listing.sellerOrgId);
      const room = staff ? null : await readerOf(principal, listingId).catch(() => null);
      const registration = room?.registration;
      if (!staff && !registration) return [];
      const rows = await db
        .select({ question: questions, bidderCode: registrations.bidderCode, organisationId: registrations.organisationId })
        .from(questions)
        .innerJoin(registrations, eq(registrations.id, questions.registrationId))
        .where(
          and(
            eq(questions.listingId, listingId),
            staff
              ? undefined
              : or(isNotNull(questions.answeredAt), eq(registrations.organisationId, registration!.organisationId)),
          ),
        )
        .orderBy(asc(questions.askedAt), asc(questions.id));
      return rows.map(({ question: q, bidderCode, organisationId }) => ({
        id: q.id,
        question: q.question,
        askedAt: q.askedAt.toISOString(),
        answer: q.answer,
        answeredAt: q.answeredAt?.toISOString() ?? null,
        mine: organisationId === registration?.organisationId,
        bidderCode: staff ? bidderCode : null,
      }));
    },
  };
}

export type QuestionService = ReturnType<typeof createQuestionService>;
