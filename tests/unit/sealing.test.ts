import { createCipheriv, hkdfSync, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSealer, LEGACY_KEY_ID, SEALED_AMOUNT_DIGITS, sealingKeyId } from "../../server/sale-modes/tender/sealing";

const keyA = "a".repeat(64);
const keyB = "b".repeat(64);
const sessionSecret = "s".repeat(64);
const listingId = "0b6c2a5e-5d0f-4c55-9a52-1a2b3c4d5e6f";
const registrationId = "7f0e1d2c-3b4a-4958-8776-655443322110";

/** An amount as the bid schema allows: up to 18 digits of minor units. */
const amounts = fc.bigInt({ min: 1n, max: 10n ** 18n - 1n });

describe("sealing tender amounts", () => {
  it("opens what it sealed, under the key id it reports", () => {
    const sealer = createSealer({ current: keyA });
    fc.assert(
      fc.property(amounts, (amount) => {
        const { sealed, keyId } = sealer.seal(listingId, registrationId, amount);
        expect(keyId).toBe(sealingKeyId(keyA));
        expect(sealer.open(listingId, registrationId, sealed, keyId)).toBe(amount);
      }),
    );
  });

  it("gives every amount a ciphertext of the same length: the number of digits does not show", () => {
    const sealer = createSealer({ current: keyA });
    const lengths = new Set<number>();
    fc.assert(
      fc.property(amounts, (amount) => {
        lengths.add(sealer.seal(listingId, registrationId, amount).sealed.length);
      }),
    );
    lengths.add(sealer.seal(listingId, registrationId, 1n).sealed.length);
    lengths.add(sealer.seal(listingId, registrationId, 10n ** BigInt(SEALED_AMOUNT_DIGITS) - 1n).sealed.length);
    expect([...lengths]).toHaveLength(1);
  });

  it("refuses an amount it cannot pad", () => {
    const sealer = createSealer({ current: keyA });
    expect(() => sealer.seal(listingId, registrationId, 10n ** BigInt(SEALED_AMOUNT_DIGITS))).toThrow(RangeError);
    expect(() => sealer.seal(listingId, registrationId, -1n)).toThrow(RangeError);
  });

  it("stores a key id that is a fingerprint, never the key", () => {
    const id = sealingKeyId(keyA);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(keyA).not.toContain(id);
    expect(sealingKeyId(keyB)).not.toBe(id);
  });

  it("cannot be opened with the session secret, nor by a sealer that does not hold the key", () => {
    const { sealed, keyId } = createSealer({ current: keyA }).seal(listingId, registrationId, 91_234_500n);
    const withSecretOnly = createSealer({ current: keyB, legacySecret: sessionSecret });
    expect(() => withSecretOnly.open(listingId, registrationId, sealed, keyId)).toThrow();
    // Even told to use the legacy derivation, the session secret does not open it.
    expect(() => withSecretOnly.open(listingId, registrationId, sealed, LEGACY_KEY_ID)).toThrow();
  });

  it("is bound to its listing and registration: a sealed value copied to another bid does not open", () => {
    const sealer = createSealer({ current: keyA });
    const { sealed, keyId } = sealer.seal(listingId, registrationId, 5_000_000n);
    expect(() => sealer.open(listingId, crypto.randomUUID(), sealed, keyId)).toThrow();
    expect(() => sealer.open(crypto.randomUUID(), registrationId, sealed, keyId)).toThrow();
  });

  it("rotates: a new key seals new bids while the retired one still opens the bids it sealed", () => {
    const before = createSealer({ current: keyA }).seal(listingId, registrationId, 700_000_00n);
    const rotated = createSealer({ current: keyB, retired: [keyA] });
    const after = rotated.seal(listingId, registrationId, 800_000_00n);
    expect(after.keyId).toBe(sealingKeyId(keyB));
    expect(rotated.open(listingId, registrationId, before.sealed, before.keyId)).toBe(700_000_00n);
    expect(rotated.open(listingId, registrationId, after.sealed, after.keyId)).toBe(800_000_00n);
    // Once the retired key is dropped, its bids no longer open.
    expect(() => createSealer({ current: keyB }).open(listingId, registrationId, before.sealed, before.keyId)).toThrow(
      /no sealing key/,
    );
  });

  it("opens a bid sealed before sealing keys existed (under the session secret) when given that secret", () => {
    // The earlier format: unpadded digits under a key derived from the session secret.
    const key = Buffer.from(hkdfSync("sha256", Buffer.from(sessionSecret), Buffer.from(listingId), "nplex-sealed-bid-v1", 32));
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(`${listingId}|${registrationId}`));
    const body = Buffer.concat([cipher.update("91234500", "utf8"), cipher.final()]);
    const legacy = ["v1", iv.toString("base64"), body.toString("base64"), cipher.getAuthTag().toString("base64")].join(".");
    const sealer = createSealer({ current: keyA, legacySecret: sessionSecret });
    expect(sealer.open(listingId, registrationId, legacy, LEGACY_KEY_ID)).toBe(91_234_500n);
  });
});
