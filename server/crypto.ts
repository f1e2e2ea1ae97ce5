import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

/**
 * The one authenticated cipher the server keeps secrets with (sealed tender bids, personal data):
 * AES-256-GCM with a fresh 96-bit IV for every message, its tag checked on opening, and associated
 * data that binds a ciphertext to where it belongs (copied elsewhere, it no longer opens).
 */

/** A 32-byte key for one purpose, derived from a configured secret with HKDF-SHA256. */
export function derivedKey(secret: string, salt: string, info: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from(salt, "utf8"), info, 32));
}

/** A short, stable name for a configured key, stored beside what it encrypts: never the key itself. */
export function keyFingerprint(purpose: string, secret: string): string {
  return createHash("sha256").update(`${purpose}|${secret}`, "utf8").digest("hex").slice(0, 16);
}

export interface Ciphertext {
  iv: string;
  body: string;
  tag: string;
}

export function encrypt(key: Buffer, plain: string, aad: string): Ciphertext {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return { iv: iv.toString("base64"), body: body.toString("base64"), tag: cipher.getAuthTag().toString("base64") };
}

/** Throws when the key, the associated data or a single byte of the message is not what sealed it. */
export function decrypt(key: Buffer, { iv, body, tag }: Ciphertext, aad: string): string {
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
}
