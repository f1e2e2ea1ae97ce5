import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditEntryContent {
  seq: number;
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

export function auditHash(prevHash: string, entry: AuditEntryContent): string {
  const body = canonicalJson({ ...entry, at: entry.at.toISOString(), prevHash });
  return createHash("sha256").update(body).digest("hex");
}

export type ChainCheck =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAt: number; problem: "hash_mismatch" | "prev_hash_mismatch" | "gap" };

export type ChainRow = AuditEntryContent & { prevHash: string; hash: string };

/** Walks rows in seq order and reports the first link that does not hold. */
export function verifyChain(rows: Iterable<ChainRow>): ChainCheck {
  const verifier = chainVerifier();
  for (const row of rows) {
    const result = verifier.push(row);
    if (!result.ok) return result;
  }
  return verifier.result();
}

/** The same walk, fed page by page, so a long log never has to sit in memory at once. */
export function chainVerifier() {
  let prevHash = GENESIS_HASH;
  let prevSeq: number | null = null;
  let checked = 0;
  const push = (row: ChainRow): ChainCheck => {
    if (prevSeq !== null && row.seq !== prevSeq + 1) return { ok: false, checked, brokenAt: row.seq, problem: "gap" };
    if (row.prevHash !== prevHash) return { ok: false, checked, brokenAt: row.seq, problem: "prev_hash_mismatch" };
    const { hash, prevHash: _ignored, ...content } = row;
    if (auditHash(prevHash, content) !== hash) return { ok: false, checked, brokenAt: row.seq, problem: "hash_mismatch" };
    prevHash = hash;
    prevSeq = row.seq;
    checked += 1;
    return { ok: true, checked };
  };
  return { push, result: (): ChainCheck => ({ ok: true, checked }) };
}
