import type { NextFunction, Request, Response } from "express";
import { AppError } from "../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-authenticated requests: besides SameSite=Lax, every unsafe request
 * must come from our own origin. Bearer-token API calls carry no ambient credential and pass.
 */
export function sameOriginGuard(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method) || req.path.startsWith("/socket.io/")) return next();
  if (req.headers.authorization?.startsWith("Bearer ")) return next();
  const source = req.headers.origin ?? refererOrigin(req.headers.referer);
  const host = req.headers["x-forwarded-host"] ?? req.headers.host;
  if (source && host && safeHost(source) === host) return next();
  const error = new AppError("CSRF_REJECTED", "This form was sent from another site and was refused.");
  res.status(error.status).json(error.toJSON());
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
