import type { Cookie } from "@remix-run/node";
import type { Logger } from "./logger";
import type { Principal } from "../core/identity/access";
import type { Services } from "./services";

/** What every loader and action receives: the services, who is asking, and the request's logger. */
export interface NplexContext {
  services: Services;
  principal: Principal;
  requestId: string;
  clientIp: string;
  logger: Logger;
  sessionCookie: Cookie;
  /** The raw session token of this request, when signed in with the cookie. */
  sessionToken: string | null;
  production: boolean;
  /** This response's Content-Security-Policy nonce for the inline scripts Remix renders. */
  cspNonce: string;
  /** The site's public origin (PUBLIC_URL, or the local addresses in development): links and redirects stay on it. */
  publicOrigin: string;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends NplexContext {}
}
declare module "@remix-run/server-runtime" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends NplexContext {}
}
