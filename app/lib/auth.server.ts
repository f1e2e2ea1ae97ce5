import { redirect, type AppLoadContext } from "@remix-run/node";
import { can, type Permission, type UserPrincipal } from "../../server/identity/rules";
import { AppError } from "../../server/errors";

/**
 * The one gate for pages and form actions: anonymous visitors are sent to sign in,
 * signed-in users without the permission get a 403 page.
 */
export function requirePermission(
  context: AppLoadContext,
  request: Request,
  permission: Permission,
  organisationId?: string,
): UserPrincipal {
  const { principal } = context;
  if (principal.kind !== "user") {
    const url = new URL(request.url);
    throw redirect(`/signin?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (!can(principal, permission, organisationId)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return principal;
}

/** The same gate for the JSON API: 401 without credentials, 403 without the permission. */
export function requireApiPermission(context: AppLoadContext, permission: Permission, organisationId?: string): UserPrincipal {
  const { principal } = context;
  if (principal.kind !== "user")
    throw new AppError("UNAUTHENTICATED", "Sign in or send an API token as `Authorization: Bearer <token>`.");
  if (!can(principal, permission, organisationId)) throw new AppError("FORBIDDEN", "Your roles do not allow this.");
  return principal;
}

/** Only same-site relative paths: an open redirect would turn sign-in into a phishing tool. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
