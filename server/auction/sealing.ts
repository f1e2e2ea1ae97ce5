import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Seals tender amounts: AES-256-GCM under a key derived for each listing from the platform's
 * secret, bound to the listing and the registration (a sealed value copied to another bid fails
 * to open). Only the opening calls `open`; nothing else in the app can read an amount.
 */
export function createSealer(secret: string) {
  const keyFor = (listingId: string) =>
    Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from(listingId, "utf8"), "nplex-sealed-bid-v1", 32));
  const aad = (listingId: string, registrationId: string) => Buffer.from(`${listingId}|${registrationId}`, "utf8");

  return {
    seal(listingId: string, registrationId: string, amount: bigint): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", keyFor(listingId), iv);
      cipher.setAAD(aad(listingId, registrationId));
      const body = Buffer.concat([cipher.update(amount.toString(), "utf8"), cipher.final()]);
      return ["v1", iv.toString("base64"), body.toString("base64"), cipher.getAuthTag().toString("base64")].join(".");
    },
    open(listingId: string, registrationId: string, sealed: string): bigint {
      const [version, iv, body, tag] = sealed.split(".");
      if (version !== "v1" || !iv || !body || !tag) throw new Error("not a sealed bid");
      const decipher = createDecipheriv("aes-256-gcm", keyFor(listingId), Buffer.from(iv, "base64"));
      decipher.setAAD(aad(listingId, registrationId));
      decipher.setAuthTag(Buffer.from(tag, "base64"));
      const plain = Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
      return BigInt(plain);
    },
  };
}

export type Sealer = ReturnType<typeof createSealer>;
