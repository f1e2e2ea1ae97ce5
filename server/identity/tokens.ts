import { createHash, randomBytes } from "node:crypto";

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** `npx_<prefix>_<secret>`: the prefix identifies a token in lists without revealing it. */
export function newApiToken(): { token: string; prefix: string } {
  const prefix = randomBytes(4).toString("hex");
  return { token: `npx_${prefix}_${randomBytes(24).toString("base64url")}`, prefix };
}
