import { and, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "../../db/client";
import { listings, notifications, users } from "../../db/schema/index";
import type { NotificationKind } from "../../core/enums";
import { mailText, notificationLocaleOf } from "../../core/notification-text";
import { activeRoles, type Principal, type UserPrincipal } from "../../core/identity/access";
import type { Clock } from "../clock";
import type { Logger } from "../logger";
import { AppError } from "../errors";

/** A file sent with a mail: a closing document as a PDF. */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: "application/pdf";
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  attachments: MailAttachment[];
}

/** Where mail goes: an SMTP server (SMTP_URL), or, in tests, any transport nodemailer offers. */
export interface MailTransport {
  send(mail: Mail): Promise<void>;
}

/** Mail through nodemailer: an SMTP URL (`smtp://user:pass@host:587`, `smtps://…`) or a transport's options. */
export function nodemailerTransport(
  target: string | Parameters<typeof nodemailer.createTransport>[0],
  from: string,
): MailTransport {
  const transport = nodemailer.createTransport(target);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}

/**
 * How long a mail waits after each try before the next: a minute, then 5, 30 and 120, so that an
 * SMTP server down for a couple of hours loses nothing. A mail is given up as failed when its last
 * try fails, or when that try's wait has passed without an answer (its node stopped mid-send).
 */
const RETRY_AFTER_MS = [60_000, 5 * 60_000, 30 * 60_000, 120 * 60_000, 120 * 60_000] as const;
const MAX_ATTEMPTS = RETRY_AFTER_MS.length;

/** The closing documents a notification carries, as the recipient may read them. */
export interface MailDocuments {
  principalOf(userId: string): Promise<UserPrincipal>;
  confirmationPdf(principal: Principal, listingId: string): Promise<{ bytes: Uint8Array; fileName: string }>;
  agreementPdf(principal: Principal, listingId: string): Promise<{ bytes: Uint8Array; fileName: string }>;
  noticePdf(listingId: string): Promise<{ bytes: Uint8Array; fileName: string } | null>;
}

/** Which document goes with which notification: the sale confirmation at the close, the agreement once signed by both, the notice once published. */
function documentFor(kind: NotificationKind, params: Record<string, string>) {
  if (kind === "auction_won" || kind === "listing_sold") return "confirmation" as const;
  if (kind === "agreement_signed" && params.complete === "yes") return "agreement" as const;
  if (kind === "debtor_notice_published") return "notice" as const;
  return null;
}

/**
 * Every notification also goes out by e-mail, in its recipient's language (docs/domain.md
 * "Notifications and e-mail"): written when it is delivered, with the closing documents it concerns attached.
 * With SMTP configured, mail is sent; without it, it is kept in an outbox that operators read in
 * the app. A notification is mailed once: each is claimed under its row lock by one node, and
 * marked sent, kept or (after repeated failures) failed.
 */
export function createMailService(deps: {
  db: Db;
  clock: Clock;
  documents: MailDocuments;
  /** Where links in mail point: the site's public origin. */
  origin: string;
  transport?: MailTransport;
  logger?: Logger;
}) {
  const { db, clock, documents, origin, transport, logger } = deps;

  const rendered = (row: {
    kind: NotificationKind;
    params: Record<string, string>;
    listingId: string | null;
    listingTitle: string | null;
    locale: string | null;
  }) =>
    mailText({
      kind: row.kind,
      params: row.params,
      title: row.listingTitle,
      locale: notificationLocaleOf(row.locale),
      link: `${origin}${row.listingId ? `/listings/${row.listingId}` : "/notifications"}`,
    });

  async function attachments(row: {
    kind: NotificationKind;
    params: Record<string, string>;
    listingId: string | null;
    userId: string;
  }) {
    const which = documentFor(row.kind, row.params);
    if (!which || !row.listingId) return [];
    try {
      const file =
        which === "notice"
          ? await documents.noticePdf(row.listingId)
          : which === "agreement"
            ? await documents.agreementPdf(await documents.principalOf(row.userId), row.listingId)
            : await documents.confirmationPdf(await documents.principalOf(row.userId), row.listingId);
      return file ? [{ filename: file.fileName, content: Buffer.from(file.bytes), contentType: "application/pdf" as const }] : [];
    } catch (error) {
      // A document the recipient may no longer read (a sale ended by default) is left out, not the mail.
      logger?.warn({ err: error, kind: row.kind }, "a mail's document could not be attached");
      return [];
    }
  }

  const selection = {
    id: notifications.id,
    userId: notifications.userId,
    kind: notifications.kind,
    params: notifications.params,
    listingId: notifications.listingId,
    listingTitle: listings.title,
    email: users.email,
    locale: users.locale,
    attempts: notifications.mailAttempts,
  };

  return {
    /**
     * Mails the notifications waiting and due, oldest first. Returns how many were sent or kept. Each
     * is claimed by counting the try and setting when the next may come (a compare-and-set on its
     * count, so one node takes it), then written and sent outside any transaction, then marked: a
     * crash between sending and marking sends it once more after the wait, never loses it.
     */
    async deliverDue(limit = 20) {
      const now = clock.now();
      const ready = or(isNull(notifications.mailRetryAt), lte(notifications.mailRetryAt, now));
      // A last try that never answered (its node stopped mid-send) is given up once its wait is over.
      await db
        .update(notifications)
        .set({ mailStatus: "failed" })
        .where(and(eq(notifications.mailStatus, "queued"), gte(notifications.mailAttempts, MAX_ATTEMPTS), ready));
      const due = await db
        .select(selection)
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .leftJoin(listings, eq(listings.id, notifications.listingId))
        .where(and(eq(notifications.mailStatus, "queued"), lt(notifications.mailAttempts, MAX_ATTEMPTS), ready))
        .orderBy(notifications.createdAt, notifications.id)
        .limit(limit);
      let done = 0;
      for (const row of due) {
        const mine = and(eq(notifications.id, row.id), eq(notifications.mailStatus, "queued"));
        if (!transport) {
          const kept = await db
            .update(notifications)
            .set({ mailStatus: "kept", mailedAt: clock.now() })
            .where(mine)
            .returning({ id: notifications.id });
          done += kept.length;
          continue;
        }
        const attempts = row.attempts + 1;
        const [claimed] = await db
          .update(notifications)
          .set({ mailAttempts: attempts, mailRetryAt: new Date(now.getTime() + RETRY_AFTER_MS[row.attempts]!) })
          .where(and(mine, eq(notifications.mailAttempts, row.attempts)))
          .returning({ id: notifications.id });
        if (!claimed) continue;
        try {
          const { subject, text } = rendered(row);
          await transport.send({ to: row.email, subject, text, attachments: await attachments(row) });
          await db.update(notifications).set({ mailStatus: "sent", mailedAt: clock.now() }).where(eq(notifications.id, row.id));
          done += 1;
        } catch (error) {
          logger?.warn({ err: error, notificationId: row.id, attempts }, "sending a mail failed");
          if (attempts >= MAX_ATTEMPTS) {
            await db.update(notifications).set({ mailStatus: "failed" }).where(eq(notifications.id, row.id));
          }
        }
      }
      return done;
    },

    /**
     * The mail as written, newest first, for operators: in development, where no SMTP server is
     * configured, this outbox is where it can be read. Attachments are named, not built.
     */
    async outbox(principal: Principal, limit = 100) {
      if (principal.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
      if (!activeRoles(principal).has("operator")) throw new AppError("FORBIDDEN", "Only operators read the platform's mail.");
      const rows = await db
        .select({ ...selection, status: notifications.mailStatus, mailedAt: notifications.mailedAt })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .leftJoin(listings, eq(listings.id, notifications.listingId))
        .where(inArray(notifications.mailStatus, ["kept", "sent", "failed"]))
        .orderBy(desc(sql`${notifications.mailedAt}`), desc(notifications.id))
        .limit(limit);
      return rows.map((row) => ({
        id: row.id,
        to: row.email,
        status: row.status,
        mailedAt: row.mailedAt,
        ...rendered(row),
        attachment: documentFor(row.kind, row.params),
      }));
    },
  };
}

export type MailService = ReturnType<typeof createMailService>;
