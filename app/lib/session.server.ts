import { redirect, type AppLoadContext } from "@remix-run/node";

/** Starts a browser session: the cookie carries the token, the database its hash. */
export async function startSession(context: AppLoadContext, session: { token: string }, to: string) {
  return redirect(to, { headers: { "Set-Cookie": await context.sessionCookie.serialize(session.token) } });
}

export async function endSession(context: AppLoadContext, to = "/") {
  if (context.sessionToken) await context.services.identity.signOut(context.sessionToken);
  return redirect(to, { headers: { "Set-Cookie": await context.sessionCookie.serialize("", { maxAge: 0 }) } });
}
