import { decrypt, derivedKey, encrypt, keyFingerprint } from "../../crypto";

/** Digits every sealed amount is padded to: the ciphertext's length tells nothing of the amount. */
export const SEALED_AMOUNT_DIGITS = 32;

/** The id stored beside each sealed bid: a fingerprint of its key, never the key itself. */
export function sealingKeyId(key: string): string {
  return keyFingerprint("nplex-sealing-key-id", key);
}

/** Rows sealed before sealing keys existed were sealed under the session secret. */
export const LEGACY_KEY_ID = "legacy";

export interface SealingKeys {
  /** Seals every new bid. */
  current: string;
  /** Retired keys, still able to open the bids they sealed while tenders run on. */
  retired?: readonly string[];
  /** The session secret, for rows sealed before sealing keys existed (key id `legacy`). */
  legacySecret?: string;
}

export interface SealedAmount {
  sealed: string;
  keyId: string;
}

/**
 * Seals tender amounts: AES-256-GCM under a key derived for each listing from the sealing key (a
 * secret of its own: the session secret signs cookies and must not open bids), bound to the listing
 * and the registration (a sealed value copied to another bid fails to open). Only the opening calls
 * `open`; nothing else in the app can read an amount.
 */
export function createSealer(keys: SealingKeys) {
  const secrets = new Map<string, string>();
  for (const key of [keys.current, ...(keys.retired ?? [])]) secrets.set(sealingKeyId(key), key);
  if (keys.legacySecret) secrets.set(LEGACY_KEY_ID, keys.legacySecret);
  const currentId = sealingKeyId(keys.current);

  const keyFor = (keyId: string, listingId: string) => {
    const secret = secrets.get(keyId);
    if (!secret) throw new Error(`no sealing key with id ${keyId} is configured`);
    return derivedKey(secret, listingId, "nplex-sealed-bid-v1");
  };
  const aad = (listingId: string, registrationId: string) => `${listingId}|${registrationId}`;

  return {
    seal(listingId: string, registrationId: string, amount: bigint): SealedAmount {
      if (amount < 0n || amount.toString().length > SEALED_AMOUNT_DIGITS) throw new RangeError("amount out of sealing range");
      const plain = amount.toString().padStart(SEALED_AMOUNT_DIGITS, "0");
      const { iv, body, tag } = encrypt(keyFor(currentId, listingId), plain, aad(listingId, registrationId));
      return { sealed: ["v2", iv, body, tag].join("."), keyId: currentId };
    },
    open(listingId: string, registrationId: string, sealed: string, keyId: string): bigint {
      const [version, iv, body, tag] = sealed.split(".");
      // v1 (unpadded) is what the legacy key sealed; v2 pads to a fixed length.
      if ((version !== "v1" && version !== "v2") || !iv || !body || !tag) throw new Error("not a sealed bid");
      return BigInt(decrypt(keyFor(keyId, listingId), { iv, body, tag }, aad(listingId, registrationId)));
    },
  };
}

export type Sealer = ReturnType<typeof createSealer>;
