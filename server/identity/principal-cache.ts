import type { Principal } from "../../core/identity/access";
import type { Clock } from "../clock";

/** How long a credential's principal is reused: a revoked session or token stops working within this, on every node. */
export const PRINCIPAL_TTL_MS = 1_000;
const MAX_ENTRIES = 20_000;

/**
 * Principals by credential (a session's or token's hash) for a moment, so a burst of requests on
 * one session (a bidder's) looks it up once. Nothing is told to other nodes: an entry simply
 * lives at most `PRINCIPAL_TTL_MS` by the server's clock, so a revocation, a disabled user or a
 * changed membership holds everywhere within it. Revocations made here clear this node's entries at
 * once. A lookup in flight is shared, and an unknown credential is remembered as such too.
 */
export function createPrincipalCache(clock: Clock, ttlMs = PRINCIPAL_TTL_MS) {
  const entries = new Map<string, { until: number; principal: Promise<Principal | null> }>();
  return {
    get(key: string, load: () => Promise<Principal | null>): Promise<Principal | null> {
      const now = clock.now().getTime();
      const kept = entries.get(key);
      // A clock moved back (tests) must not stretch an entry's life either.
      if (kept && kept.until > now && kept.until - ttlMs <= now) return kept.principal;
      if (kept) entries.delete(key);
      if (entries.size >= MAX_ENTRIES) {
        for (const [k, entry] of entries) if (entry.until <= now) entries.delete(k);
        // Still full of live entries: drop the oldest (a Map keeps insertion order).
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      }
      const principal = load();
      entries.set(key, { until: now + ttlMs, principal });
      // A failed lookup is not remembered.
      principal.catch(() => entries.delete(key));
      return principal;
    },
    clear() {
      entries.clear();
    },
  };
}
