import { Router, type Request, type Response } from "express";
import { can, type Principal } from "../../core/identity/access";
import { apiErrorAnswer, internalErrorAnswer, requireApiPrincipal } from "../errors";
import type { Services } from "../services";
import { asyncHandler } from "./async-handler";
import { checkedBodies, parseJsonBody, type CheckedBody } from "./limits";

/**
 * Bidding's calls of the public API, answered here ahead of Remix's request pipeline, which costs
 * a bid more than the bid itself (measured with --cpu-prof: route matching alone took a tenth of a
 * hot listing's server time). The same checks as every API call (origin, body limits), the same
 * service and the same answers as the routes had.
 */
export function bidApi(services: Pick<Services, "auction">): Router {
  const router = Router();
  const checked = checkedBodies();
  const bidder = (res: Response) =>
    requireApiPrincipal((res.locals as { principal: Principal }).principal, (user) => can(user, "investor.bid"));
  const body = (res: Response) => {
    const read = res.locals.checkedBody as CheckedBody;
    return parseJsonBody(read.kind === "read" ? Buffer.from(read.data).toString("utf8") : "");
  };
  const answer = (status: number, work: (req: Request, res: Response) => Promise<unknown>) =>
    asyncHandler(async (req: Request, res: Response) => {
      try {
        const result = await work(req, res);
        res.status(status).set("Cache-Control", "no-store").json(result);
      } catch (error) {
        const known = apiErrorAnswer(error);
        if (!known) req.log.error({ err: error }, "API handler failed");
        const refusal = known ?? internalErrorAnswer();
        res.status(refusal.status).set(refusal.headers).json(refusal.body);
      }
    });

  /** POST `{ amount, idempotencyKey }`: place a bid; the same key again returns the same bid. */
  router.post(
    "/api/v1/listings/:id/bids",
    checked,
    answer(201, (req, res) => services.auction.placeBid(bidder(res), req.params.id ?? "", body(res))),
  );
  /** PUT `{ maximum }` sets automatic bidding up to a maximum; DELETE clears it. */
  router.put(
    "/api/v1/listings/:id/proxy",
    checked,
    answer(200, (req, res) => services.auction.setProxy(bidder(res), req.params.id ?? "", body(res))),
  );
  router.delete(
    "/api/v1/listings/:id/proxy",
    checked,
    answer(200, (req, res) => services.auction.clearProxy(bidder(res), req.params.id ?? "")),
  );
  return router;
}
