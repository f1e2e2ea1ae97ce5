import type { NextFunction, Request, Response } from "express";
import { AppError } from "../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-authenticated requests: besides SameSite=Lax, every unsafe request
 * must come from one of the site's configured origins (never from a header the client picks, such
 * as X-Forwarded-Host). Bearer-token API calls carry no ambient credential and pass.
 */
export function sameOriginGuard(acceptedOrigins: readonly string[]) {
  const accepted = new Set(acceptedOrigins);
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || req.path.startsWith("/socket.io/")) return next();
    if (/^Bearer\s+\S+$/.test(req.headers.authorization ?? "")) return next();
    const source = req.headers.origin ?? refererOrigin(req.headers.referer);
    if (source && accepted.has(source)) return next();
    const error = new AppError("CSRF_REJECTED", "This form was sent from another site and was refused.");
    res.status(error.status).json(error.toJSON());
  };
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
