import { asc, desc, gt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog } from "../../db/schema";
import type { Clock } from "../clock";
import { auditHash, GENESIS_HASH, toJsonSummary, chainVerifier, type ChainCheck } from "./rules";

export interface Actor {
  userId: string | null;
  /** Who, in words: an email, "cli", "system". */
  label: string;
}

export interface AuditEntry {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

const AUDIT_LOCK = 727275;

export function createAuditService(deps: { clock: Clock }) {
  return {
    /**
     * Appends inside the caller's transaction, so the record and the change commit together.
     * The advisory lock serialises appenders: each new row must see the previous row's hash.
     * A transaction holding it must not then wait on a row another appender holds, so rows are
     * locked FOR NO KEY UPDATE throughout (never FOR UPDATE): inserts that merely reference a
     * locked row (a notification naming a listing) pass instead of closing a cycle of waits.
     */
    async append(tx: Db, entry: AuditEntry): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
      const [last] = await tx
        .select({ seq: auditLog.seq, hash: auditLog.hash })
        .from(auditLog)
        .orderBy(desc(auditLog.seq))
        .limit(1);
      const content = {
        seq: (last?.seq ?? 0) + 1,
        at: deps.clock.now(),
        actorUserId: entry.actor.userId,
        actorLabel: entry.actor.label,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        before: toJsonSummary(entry.before),
        after: toJsonSummary(entry.after),
        reason: entry.reason ?? null,
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      await tx.insert(auditLog).values({ ...content, prevHash, hash: auditHash(prevHash, content) });
    },

    /** Checks the whole chain in pages; reports the first broken link. */
    async verify(db: Db): Promise<ChainCheck> {
      const verifier = chainVerifier();
      let after = 0;
      for (;;) {
        const page = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(5000);
        if (page.length === 0) return verifier.result();
        for (const row of page) {
          const result = verifier.push(row);
          if (!result.ok) return result;
        }
        after = page[page.length - 1]!.seq;
      }
    },

    async recent(db: Db, limit = 100) {
      return db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(limit);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
