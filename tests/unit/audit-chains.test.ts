import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  auditHash,
  chainVerifier,
  GENESIS_HASH,
  PLATFORM_CHAIN,
  type AuditEntryContent,
  type ChainRow,
  type CheckpointHeads,
} from "../../server/audit/rules";

const at = new Date("2026-03-01T08:00:00.000Z");

function entry(chain: string, chainSeq: number, action: string): AuditEntryContent {
  return {
    chain,
    chainSeq,
    at: new Date(at.getTime() + chainSeq * 1000),
    actorUserId: null,
    actorLabel: "seed",
    action,
    entityType: "listing",
    entityId: chain,
    before: null,
    after: { price: String(chainSeq * 100) },
    reason: null,
  };
}

/** Chains as the service writes them, interleaved by `seq`, with their heads. */
function writeChains(lengths: number[]) {
  const rows: ChainRow[] = [];
  const heads = new Map<string, { seq: number; hash: string }>();
  let seq = 0;
  const longest = Math.max(0, ...lengths);
  for (let n = 1; n <= longest; n++) {
    lengths.forEach((length, i) => {
      if (n > length) return;
      const chain = i === 0 ? PLATFORM_CHAIN : `listing:${i}`;
      const prevHash = heads.get(chain)?.hash ?? GENESIS_HASH;
      const content = entry(chain, n, `step.${n}`);
      const hash = auditHash(prevHash, content);
      rows.push({ ...content, seq: ++seq, prevHash, hash });
      heads.set(chain, { seq: n, hash });
    });
  }
  return { rows, heads };
}

function verify(rows: ChainRow[], heads: Map<string, { seq: number; hash: string }>, checkpoints: CheckpointHeads = {}) {
  const sorted = [...rows].sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : a.chainSeq - b.chainSeq));
  const verifier = chainVerifier(heads, checkpoints);
  for (const row of sorted) {
    const result = verifier.push(row);
    if (!result.ok) return result;
  }
  return verifier.result();
}

const chainLengths = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 });

describe("audit chains", () => {
  it("hashes the platform chain's entries exactly as the single chain did, so entries written before chains still verify", () => {
    // The hash of this entry as the log computed it while it had one chain (its `seq` is its place).
    const legacy = {
      ...entry(PLATFORM_CHAIN, 7, "organisation.approved"),
      at,
      entityType: "organisation",
      entityId: "0b7f6c1e-3d7a-4b55-9a86-1c2f0e5d9a10",
      before: { status: "pending" },
      after: { status: "approved" },
      reason: "licence checked",
    };
    expect(auditHash(GENESIS_HASH, legacy)).toBe("62af1ac2d9d42de5edb44d513708cf3e17ea30c925381cd3512f34f5909d441b");
    // Anywhere else the chain's name is hashed too: an entry cannot be moved to another chain.
    expect(auditHash(GENESIS_HASH, { ...legacy, chain: "organisation:x" })).not.toBe(auditHash(GENESIS_HASH, legacy));
  });

  it("finds every chain intact as written, counting entries and chains", () => {
    fc.assert(
      fc.property(chainLengths, (lengths) => {
        const { rows, heads } = writeChains(lengths);
        expect(verify(rows, heads)).toEqual({ ok: true, checked: rows.length, chains: lengths.length });
      }),
    );
  });

  it("reports any entry altered, in any chain, and names the chain and the entry", () => {
    fc.assert(
      fc.property(chainLengths, fc.nat(), fc.constantFrom("action", "after", "at", "reason"), (lengths, pick, field) => {
        const { rows, heads } = writeChains(lengths);
        const victim = rows[pick % rows.length]!;
        const altered = rows.map((r) =>
          r !== victim
            ? r
            : field === "action"
              ? { ...r, action: "bid.withdrawn" }
              : field === "after"
                ? { ...r, after: { price: "1" } }
                : field === "at"
                  ? { ...r, at: new Date(r.at.getTime() - 1) }
                  : { ...r, reason: "tidied" },
        );
        expect(verify(altered, heads)).toMatchObject({
          ok: false,
          chain: victim.chain,
          brokenAt: victim.seq,
          problem: "hash_mismatch",
        });
      }),
    );
  });

  it("reports any entry deleted: inside a chain, at its end, or the whole chain", () => {
    fc.assert(
      fc.property(chainLengths, fc.nat(), (lengths, pick) => {
        const { rows, heads } = writeChains(lengths);
        const victim = rows[pick % rows.length]!;
        const result = verify(
          rows.filter((r) => r !== victim),
          heads,
        );
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.chain).toBe(victim.chain);
          expect(["gap", "prev_hash_mismatch", "missing_tail"]).toContain(result.problem);
        }
      }),
    );
  });

  it("reports a chain cut short with its head moved back, by the head a checkpoint recorded", () => {
    const { rows, heads } = writeChains([2, 4]);
    const checkpoints: CheckpointHeads = { "listing:1": heads.get("listing:1")! };
    const cut = rows.filter((r) => !(r.chain === "listing:1" && r.chainSeq === 4));
    const third = cut.find((r) => r.chain === "listing:1" && r.chainSeq === 3)!;
    const movedBack = new Map(heads).set("listing:1", { seq: 3, hash: third.hash });
    expect(verify(cut, movedBack)).toEqual({ ok: true, checked: 5, chains: 2 });
    expect(verify(cut, movedBack, checkpoints)).toMatchObject({
      ok: false,
      chain: "listing:1",
      brokenAt: third.seq,
      problem: "missing_tail",
    });
  });

  it("reports a chain written anew from a checkpointed entry on, even when it links and its head agrees", () => {
    const { rows, heads } = writeChains([1, 3]);
    const checkpoints: CheckpointHeads = { "listing:1": heads.get("listing:1")! };
    const kept = rows.filter((r) => r.chain !== "listing:1" || r.chainSeq < 3);
    const second = kept.find((r) => r.chain === "listing:1" && r.chainSeq === 2)!;
    const forged = { ...entry("listing:1", 3, "bid.placed"), after: { price: "1" } };
    const forgedHash = auditHash(second.hash, forged);
    const rewritten = [...kept, { ...forged, seq: 99, prevHash: second.hash, hash: forgedHash }];
    const newHeads = new Map(heads).set("listing:1", { seq: 3, hash: forgedHash });
    expect(verify(rewritten, newHeads)).toMatchObject({ ok: true });
    expect(verify(rewritten, newHeads, checkpoints)).toMatchObject({
      ok: false,
      chain: "listing:1",
      brokenAt: 99,
      problem: "rewritten",
    });
  });
});
