import { and, asc, desc, eq, gt, ne, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import { auditChainHeads, auditLog } from "../../db/schema";
import type { Clock } from "../clock";
import {
  auditHash,
  chainOf,
  chainVerifier,
  CHECKPOINT_ACTION,
  GENESIS_HASH,
  PLATFORM_CHAIN,
  toJsonSummary,
  type AuditEntryContent,
  type ChainCheck,
  type CheckpointHeads,
} from "./rules";

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

type Head = { chain: string; seq: number; hash: string };

const PAGE = 5000;

/**
 * The audit log in chains (docs/decisions/017-audit-chains.md). A transaction writes to one chain,
 * that of its first entry's entity, and holds only that chain's head: appends on different
 * listings never wait for each other, and a transaction cannot hold one head while waiting for
 * another. The platform chain's checkpoints record the heads, so a chain cut short or written
 * anew is found even when its head was moved back with it.
 */
export function createAuditService(deps: { db: Db; clock: Clock }) {
  /** The head each open transaction holds, so its later entries need no second look. */
  const held = new WeakMap<object, Head>();

  /** Creates the chain's head if it is new, locks it and reads it, in one statement. */
  async function lockHead(tx: Db, chain: string): Promise<Head> {
    const [head] = await tx
      .insert(auditChainHeads)
      .values({ chain, seq: 0, hash: GENESIS_HASH })
      .onConflictDoUpdate({ target: auditChainHeads.chain, set: { chain: sql`excluded.chain` } })
      .returning({ chain: auditChainHeads.chain, seq: auditChainHeads.seq, hash: auditChainHeads.hash });
    return head!;
  }

  /** Writes the entry after the head, and moves the head to it, in one statement. */
  async function write(tx: Db, head: Head, entry: AuditEntry): Promise<Head> {
    const content: AuditEntryContent = {
      chain: head.chain,
      chainSeq: head.seq + 1,
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
    const hash = auditHash(head.hash, content);
    await tx.execute(sql`
      with appended as (
        insert into ${auditLog} (chain, chain_seq, at, actor_user_id, actor_label, action, entity_type, entity_id, before, after, reason, prev_hash, hash)
        values (${content.chain}, ${content.chainSeq}, ${content.at.toISOString()}::timestamptz, ${content.actorUserId}::uuid,
          ${content.actorLabel}, ${content.action}, ${content.entityType}, ${content.entityId}, ${JSON.stringify(content.before)}::jsonb,
          ${JSON.stringify(content.after)}::jsonb, ${content.reason}, ${head.hash}, ${hash})
      )
      update ${auditChainHeads} set seq = ${content.chainSeq}, hash = ${hash} where chain = ${head.chain}`);
    return { chain: head.chain, seq: content.chainSeq, hash };
  }

  return {
    /**
     * Appends inside the caller's transaction, so the record and the change commit together. The
     * first entry of a transaction locks its entity's chain; the transaction's later entries join
     * that chain, whatever their entity.
     */
    async append(tx: Db, entry: AuditEntry): Promise<void> {
      if (!((tx as object) instanceof PgTransaction))
        throw new Error("an audit entry is written inside the transaction of its change");
      const head = held.get(tx) ?? (await lockHead(tx, chainOf(entry.entityType, entry.entityId)));
      held.set(tx, await write(tx, head, entry));
    },

    /**
     * Records on the platform chain the heads of the chains that grew since the last checkpoint, up
     * to `limit`; a head busy in a transaction waits for the next one. Answers how many it recorded.
     */
    async checkpoint(limit = 1000): Promise<number> {
      return deps.db.transaction(async (tx) => {
        const platform = await lockHead(tx, PLATFORM_CHAIN);
        const grown = await tx
          .select({ chain: auditChainHeads.chain, seq: auditChainHeads.seq, hash: auditChainHeads.hash })
          .from(auditChainHeads)
          .where(and(gt(auditChainHeads.seq, auditChainHeads.checkpointedSeq), ne(auditChainHeads.chain, PLATFORM_CHAIN)))
          .orderBy(asc(auditChainHeads.chain))
          .limit(limit)
          .for("no key update", { skipLocked: true });
        if (grown.length === 0) return 0;
        const heads: CheckpointHeads = Object.fromEntries(grown.map((h) => [h.chain, { seq: h.seq, hash: h.hash }]));
        await write(tx, platform, {
          actor: { userId: null, label: "system:audit" },
          action: CHECKPOINT_ACTION,
          entityType: "audit",
          entityId: PLATFORM_CHAIN,
          after: { heads },
        });
        await tx.execute(sql`
          update ${auditChainHeads} h set checkpointed_seq = x.seq
          from jsonb_to_recordset(${JSON.stringify(grown)}::jsonb) as x(chain text, seq bigint)
          where h.chain = x.chain`);
        return grown.length;
      });
    },

    /** Checks every chain in pages, against its head and the checkpoints; reports the first broken link. */
    async verify(db: Db): Promise<ChainCheck> {
      const heads = new Map((await db.select().from(auditChainHeads)).map((h) => [h.chain, h]));
      const checkpoints: CheckpointHeads = {};
      const recorded = await db
        .select({ after: auditLog.after })
        .from(auditLog)
        .where(and(eq(auditLog.chain, PLATFORM_CHAIN), eq(auditLog.action, CHECKPOINT_ACTION)));
      for (const { after } of recorded) {
        for (const [chain, head] of Object.entries((after as { heads?: CheckpointHeads } | null)?.heads ?? {})) {
          if ((checkpoints[chain]?.seq ?? 0) < head.seq) checkpoints[chain] = head;
        }
      }
      const verifier = chainVerifier(heads, checkpoints);
      let after: { chain: string; chainSeq: number } | null = null;
      for (;;) {
        const page = await db
          .select()
          .from(auditLog)
          .where(after ? sql`(${auditLog.chain}, ${auditLog.chainSeq}) > (${after.chain}, ${after.chainSeq})` : undefined)
          .orderBy(asc(auditLog.chain), asc(auditLog.chainSeq))
          .limit(PAGE);
        if (page.length === 0) return verifier.result();
        for (const row of page) {
          const result = verifier.push(row);
          if (!result.ok) return result;
        }
        after = page[page.length - 1]!;
      }
    },

    async recent(db: Db, limit = 100) {
      return db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(limit);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
