import { createHmac } from "node:crypto";
import { normaliseIdNumber } from "../../core/screening";
import { decrypt, derivedKey, encrypt, keyFingerprint } from "../crypto";

/**
 * Personal data at rest (docs/domain.md "Personal data"): the names of borrowers and guarantors
 * and every ID number are stored sealed under DATA_KEY, a key of its own (the session secret
 * signs cookies, the sealing key opens tender bids). A keyed digest of the normalised ID number
 * sits beside it, so that screening can match a number without opening anything.
 */

/** Where a sealed value belongs: a value copied into another field does not open. */
export type SealedField = "party.name" | "party.id_number" | "applicant.name" | "applicant.id_number" | "payer.name";

const FORMAT = "pd1";

export interface Vault {
  seal: (plain: string, field: SealedField) => string;
  open: (sealed: string, field: SealedField) => string;
  /** HMAC-SHA256 of the normalised number ("110101 19900307663x" and "11010119900307663X" share one); null when it has no letter or digit. */
  idDigest: (idNumber: string) => string | null;
  /** Whether a value is sealed (rather than clear text from before sealing existed). */
  isSealed: (value: string) => boolean;
}

export function createVault(dataKey: string): Vault {
  const keyId = keyFingerprint("nplex-data-key-id", dataKey);
  const sealingKey = derivedKey(dataKey, "personal-data", "nplex-personal-data-v1");
  const digestKey = derivedKey(dataKey, "id-number-digest", "nplex-id-digest-v1");
  const isSealed = (value: string) => value.startsWith(`${FORMAT}.`);

  return {
    seal(plain, field) {
      const { iv, body, tag } = encrypt(sealingKey, plain, field);
      return [FORMAT, keyId, iv, body, tag].join(".");
    },
    open(sealed, field) {
      const [format, sealedBy, iv, body, tag] = sealed.split(".");
      if (format !== FORMAT || !iv || !body || !tag) throw new Error(`not sealed personal data (${field})`);
      if (sealedBy !== keyId) throw new Error(`${field} was sealed under another DATA_KEY (key id ${sealedBy})`);
      return decrypt(sealingKey, { iv, body, tag }, field);
    },
    idDigest(idNumber) {
      const normalised = normaliseIdNumber(idNumber);
      return normalised ? createHmac("sha256", digestKey).update(normalised, "utf8").digest("base64url") : null;
    },
    isSealed,
  };
}
