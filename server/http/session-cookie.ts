import { createCookie, type Cookie } from "@remix-run/node";
import { SESSION_DAYS } from "../identity/service";

/** Signed, httpOnly and SameSite=Lax: a cross-site form post never carries it. */
export function createSessionCookie(secret: string, production: boolean) {
  return createCookie("nplex_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: production,
    path: "/",
    maxAge: SESSION_DAYS * 86_400,
    secrets: [secret],
  });
}

const KEPT_HEADERS = 10_000;

/**
 * The session token a Cookie header carries, its signature checked once per header: a bidder's
 * requests carry the same header again and again (measured with --cpu-prof: the HMAC check was a
 * few per cent of a hot listing's server time). Only headers whose signature held are kept, the
 * newest 10,000; what a header says cannot change while the secret does not.
 */
export function sessionTokenReader(cookie: Cookie) {
  const verified = new Map<string, string>();
  return async (header: string | undefined): Promise<string | null> => {
    if (!header) return null;
    const kept = verified.get(header);
    if (kept !== undefined) return kept;
    const token: unknown = await cookie.parse(header);
    if (typeof token !== "string") return null;
    if (verified.size >= KEPT_HEADERS) verified.delete(verified.keys().next().value!);
    verified.set(header, token);
    return token;
  };
}
