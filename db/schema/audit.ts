import { bigint, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at } from "./columns";

/**
 * Append-only, in many hash chains (docs/decisions/017-audit-chains.md). A transaction's entries
 * go to the chain of its first entry's entity; each row's hash covers its content, its place in
 * its chain and the previous row's hash there, so an edit or a deletion breaks the chain's later
 * links (checked by `audit verify`). The platform chain records every chain's head now and then.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    /** The order entries were written in, across chains; numbers a rolled-back write took stay unused. */
    seq: bigint("seq", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    /** "platform", or "<entity type>:<entity id>" of the transaction's first entry. */
    chain: text("chain").notNull(),
    /** Place in the chain, from 1 with no gaps. */
    chainSeq: bigint("chain_seq", { mode: "number" }).notNull(),
    at: at("at").notNull(),
    actorUserId: uuid("actor_user_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    reason: text("reason"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_log_entity_idx").on(t.entityType, t.entityId), uniqueIndex("audit_log_chain_idx").on(t.chain, t.chainSeq)],
);

/**
 * Each chain's last row. Appenders to one chain serialise on its row here (and only there), so
 * chains grow side by side. `checkpointedSeq` is the head the platform chain last recorded.
 */
export const auditChainHeads = pgTable("audit_chain_heads", {
  chain: text("chain").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
  checkpointedSeq: bigint("checkpointed_seq", { mode: "number" }).notNull().default(0),
});

export type AuditRow = typeof auditLog.$inferSelect;
