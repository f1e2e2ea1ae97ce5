import { randomBytes } from "node:crypto";
import type { Express, NextFunction, Request, Response } from "express";

export interface SiteOrigins {
  /** The origin links and redirects use: PUBLIC_URL, or http://localhost:PORT in development. */
  canonical: string;
  /** Every origin a form may come from: PUBLIC_URL alone once it is set. */
  accepted: readonly string[];
}

/** PUBLIC_URL when configured; otherwise the addresses a developer's browser reaches this port by. */
export function siteOrigins(publicUrl: string | undefined, port: number): SiteOrigins {
  if (publicUrl) return { canonical: publicUrl, accepted: [publicUrl] };
  const local = [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`];
  return { canonical: local[0]!, accepted: local };
}

/**
 * Remix builds `request.url` from X-Forwarded-Host when present: a client could choose the origin
 * the app believes it runs at. The host comes from the configuration instead (or, unconfigured in
 * development, from the Host header only when it is one of the local addresses).
 */
export function canonicalHost(origins: SiteOrigins) {
  const hosts = new Set(origins.accepted.map((origin) => new URL(origin).host));
  const canonical = new URL(origins.canonical).host;
  return (req: Request, _res: Response, next: NextFunction) => {
    delete req.headers["x-forwarded-host"];
    if (!req.headers.host || !hosts.has(req.headers.host)) req.headers.host = canonical;
    next();
  };
}

export interface EdgeOptions {
  origins: SiteOrigins;
  /** Express's `trust proxy` (TRUST_PROXY): whose X-Forwarded-For and -Proto to believe. */
  trustProxy: false | number | string[];
  /** HTTPS in production: HSTS. */
  hsts: boolean;
}

/** What every request meets first: the proxies trusted, the security headers, the site's own host. */
export function applyEdgeSecurity(app: Express, { origins, trustProxy, hsts }: EdgeOptions) {
  app.set("trust proxy", trustProxy);
  app.use(securityHeaders({ hsts }));
  app.use(canonicalHost(origins));
}

export interface SecurityHeaderOptions {
  /** HTTPS in production: browsers are told never to use plain HTTP for the site again. */
  hsts: boolean;
}

/**
 * Headers on every response, and a Content-Security-Policy whose per-response nonce is the only
 * way an inline script runs (Remix's own carry it: app/entry.server.tsx and app/root.tsx).
 */
export function securityHeaders({ hsts }: SecurityHeaderOptions) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (hsts) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // React's style attributes (progress bars, positions) are inline styles; no script runs from CSS.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // 'self' covers the same-origin websocket of the live room.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
