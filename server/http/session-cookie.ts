import { createCookie } from "@remix-run/node";
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
