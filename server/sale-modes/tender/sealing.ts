import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

/** Digits every sealed amount is padded to: the ciphertext's length tells nothing of the amount. */
export const SEALED_AMOUNT_DIGITS = 32;

/** The id stored beside each sealed bid: a fingerprint of its key, never the key itself. */
export function sealingKeyId(key: string): string {
  return createHash("sha256").update(`nplex-sealing-key-id|${key}`, "utf8").digest("hex").slice(0, 16);
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
    return Buffer.from(
      hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from(listingId, "utf8"), "nplex-sealed-bid-v1", 32),
    );
  };
  const aad = (listingId: string, registrationId: string) => Buffer.from(`${listingId}|${registrationId}`, "utf8");

  return {
    seal(listingId: string, registrationId: string, amount: bigint): SealedAmount {
      if (amount < 0n || amount.toString().length > SEALED_AMOUNT_DIGITS) throw new RangeError("amount out of sealing range");
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", keyFor(currentId, listingId), iv);
      cipher.setAAD(aad(listingId, registrationId));
      const plain = amount.toString().padStart(SEALED_AMOUNT_DIGITS, "0");
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      const sealed = ["v2", iv.toString("base64"), body.toString("base64"), cipher.getAuthTag().toString("base64")].join(".");
      return { sealed, keyId: currentId };
    },
    open(listingId: string, registrationId: string, sealed: string, keyId: string): bigint {
      const [version, iv, body, tag] = sealed.split(".");
      // v1 (unpadded) is what the legacy key sealed; v2 pads to a fixed length.
      if ((version !== "v1" && version !== "v2") || !iv || !body || !tag) throw new Error("not a sealed bid");
      const decipher = createDecipheriv("aes-256-gcm", keyFor(keyId, listingId), Buffer.from(iv, "base64"));
      decipher.setAAD(aad(listingId, registrationId));
      decipher.setAuthTag(Buffer.from(tag, "base64"));
      const plain = Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
      return BigInt(plain);
    },
  };
}

export type Sealer = ReturnType<typeof createSealer>;
