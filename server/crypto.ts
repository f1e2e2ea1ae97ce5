import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomFillSync } from "node:crypto";

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

/**
 * Random 96-bit nonces, drawn from the system's generator a thousand at a time: a tape seals some
 * 200,000 names and ID numbers, and one call per nonce cost seconds. Each is used once.
 */
const nonces = Buffer.alloc(12 * 1024);
let nextNonce = nonces.length;

function freshNonce(): Buffer {
  if (nextNonce === nonces.length) {
    randomFillSync(nonces);
    nextNonce = 0;
  }
  const nonce = Buffer.from(nonces.subarray(nextNonce, nextNonce + 12));
  nextNonce += 12;
  return nonce;
}

export function encrypt(key: Buffer, plain: string, aad: string): Ciphertext {
  const iv = freshNonce();
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
