import type { NextFunction, Request, RequestHandler, Response } from "express";

/**
 * An async middleware for Express 4, which does not wait for a promise: a rejection goes to
 * `next`, to the error handler, as a thrown error would.
 */
export function asyncHandler<Res extends Response>(
  handler: (req: Request, res: Res, next: NextFunction) => Promise<unknown>,
): RequestHandler {
  return (req, res, next) => {
    handler(req, res as Res, next).catch(next);
  };
}
