import { redirect, type AppLoadContext, type HeadersFunction } from "@remix-run/node";
import { can, type Permission, type UserPrincipal } from "../../core/identity/access";
import { AppError, requireApiPrincipal } from "../../server/errors";

/** The audit trail's name for a signed-in person acting through a page. */
export { actorOf } from "../../server/identity/accounts";

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
    throw redirect(`/signin?redirectTo=${encodeURIComponent(safeRedirect(url.pathname + url.search))}`);
  }
  if (!can(principal, permission, organisationId)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return principal;
}

/** The same gate for the JSON API: 401 without credentials, 403 without the permission. */
export function requireApiPermission(context: AppLoadContext, permission: Permission, organisationId?: string): UserPrincipal {
  return requireApiPrincipal(context.principal, (user) => can(user, permission, organisationId));
}

// Any origin will do: a target is accepted only if it stays on whichever origin it is resolved against.
const redirectBase = "http://nplex.invalid";

/**
 * The one place a redirect target from input is checked: an open redirect would turn sign-in into a
 * phishing tool. Only a path of this site is accepted, resolved as a browser would resolve it.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000) return fallback;
  // Browsers drop tabs and newlines inside a URL ("/\t/evil.example" is "//evil.example"), and a header cannot carry them.
  // A control character in a redirect target is a header-splitting attempt.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, redirectBase);
  } catch {
    return fallback;
  }
  // Dot segments can leave "//evil.example" as the path, which a browser reads as another host.
  if (url.origin !== redirectBase || url.pathname.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}

/** The `Retry-After` a refusal to wait carries, on a page's answer as on the API's. */
export function retryAfterHeaders(error: unknown): Record<string, string> {
  const seconds = AppError.is(error) ? error.details.retryAfterSeconds : undefined;
  return typeof seconds === "number" ? { "Retry-After": String(seconds) } : {};
}

/** A page's `headers`: Remix sends an action's own headers only through it. */
export const passRetryAfter: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const passed = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) passed.set("Retry-After", retryAfter);
  return passed;
};
