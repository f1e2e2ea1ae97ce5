import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** The chain the platform keeps: every entry written before chains began, and the checkpoints of all the others. */
export const PLATFORM_CHAIN = "platform";

/** A transaction's entries go to the chain of its first entry's entity. */
export const chainOf = (entityType: string, entityId: string) => `${entityType}:${entityId}`;

export interface AuditEntryContent {
  chain: string;
  /** Place in the chain, from 1. */
  chainSeq: number;
  at: Date;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** JSON with keys sorted at every depth, so jsonb's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Turns a summary into plain JSON (bigint and Date become strings) so it survives jsonb unchanged. */
export function toJsonSummary(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(canonicalJson(value));
}

/**
 * SHA-256 of the entry's canonical JSON with the previous hash. The place in the chain is hashed
 * as `seq`, and the chain's name with it except on the platform chain, whose entries hash exactly
 * as the single chain's did before chains began (so the entries written then still verify).
 */
export function auditHash(prevHash: string, entry: AuditEntryContent): string {
  const { chain, chainSeq, ...content } = entry;
  const body = canonicalJson({
    ...content,
    ...(chain === PLATFORM_CHAIN ? {} : { chain }),
    seq: chainSeq,
    at: entry.at.toISOString(),
    prevHash,
  });
  return createHash("sha256").update(body).digest("hex");
}

/** What a checkpoint on the platform chain records: chains' heads as they stood. */
export const CHECKPOINT_ACTION = "audit.checkpoint";
export type CheckpointHeads = Record<string, { seq: number; hash: string }>;

export type ChainProblem =
  /** An entry's content does not give its hash: it was altered. */
  | "hash_mismatch"
  /** An entry does not name the hash of the one before it. */
  | "prev_hash_mismatch"
  /** Entries are missing inside a chain. */
  | "gap"
  /** Entries are missing at a chain's end: its head, or a checkpoint, names a later one. */
  | "missing_tail"
  /** A chain holds together but is not the one a checkpoint recorded: it was written anew. */
  | "rewritten";

export type ChainCheck =
  | { ok: true; checked: number; chains: number }
  | {
      ok: false;
      checked: number;
      chain: string;
      /** The entry (its `seq`) where the chain breaks, or the last one standing before missing entries (0: none). */
      brokenAt: number;
      problem: ChainProblem;
    };

export type ChainRow = AuditEntryContent & { seq: number; prevHash: string; hash: string };

/**
 * Walks every chain, fed its rows ordered by chain and place, page by page so a long log never
 * sits in memory at once. Each chain must start at 1 with no gaps, link hash to hash, end where its
 * head says, and pass through every head a checkpoint recorded. `heads` and `checkpoints` are by chain.
 */
export function chainVerifier(heads: Map<string, { seq: number; hash: string }>, checkpoints: CheckpointHeads) {
  let current: { chain: string; prevHash: string; chainSeq: number; lastSeq: number } | null = null;
  let checked = 0;
  const seen = new Set<string>();
  const broken = (chain: string, brokenAt: number, problem: ChainProblem): ChainCheck => ({
    ok: false,
    checked,
    chain,
    brokenAt,
    problem,
  });
  /** A chain's end: it must be where its head and every checkpoint say. */
  const finish = (): ChainCheck | null => {
    if (!current) return null;
    const head = heads.get(current.chain);
    const recorded = checkpoints[current.chain];
    if (!head || head.seq !== current.chainSeq || head.hash !== current.prevHash)
      return broken(current.chain, current.lastSeq, head && head.seq > current.chainSeq ? "missing_tail" : "rewritten");
    if (recorded && recorded.seq > current.chainSeq) return broken(current.chain, current.lastSeq, "missing_tail");
    return null;
  };
  const push = (row: ChainRow): ChainCheck => {
    if (current?.chain !== row.chain) {
      const ended = finish();
      if (ended) return ended;
      seen.add(row.chain);
      current = { chain: row.chain, prevHash: GENESIS_HASH, chainSeq: 0, lastSeq: 0 };
    }
    if (row.chainSeq !== current.chainSeq + 1) return broken(row.chain, row.seq, "gap");
    if (row.prevHash !== current.prevHash) return broken(row.chain, row.seq, "prev_hash_mismatch");
    const { hash, prevHash: _prev, seq: _seq, ...content } = row;
    if (auditHash(current.prevHash, content) !== hash) return broken(row.chain, row.seq, "hash_mismatch");
    const recorded = checkpoints[row.chain];
    if (recorded && recorded.seq === row.chainSeq && recorded.hash !== hash) return broken(row.chain, row.seq, "rewritten");
    current = { chain: row.chain, prevHash: hash, chainSeq: row.chainSeq, lastSeq: row.seq };
    checked += 1;
    return { ok: true, checked, chains: seen.size };
  };
  const result = (): ChainCheck => {
    const ended = finish();
    if (ended) return ended;
    // A chain whose every entry is gone leaves its head, or a checkpoint, behind.
    for (const chain of [...heads.keys(), ...Object.keys(checkpoints)]) {
      if (!seen.has(chain)) return broken(chain, 0, "missing_tail");
    }
    return { ok: true, checked, chains: seen.size };
  };
  return { push, result };
}
