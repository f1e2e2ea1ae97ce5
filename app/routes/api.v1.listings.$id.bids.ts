import type { LoaderFunctionArgs } from "@remix-run/node";
import { bidHistoryQuerySchema } from "../../core/contract/bids";
import { api, methodNotAllowed, notFound, parseQuery } from "../lib/api.server";

/** GET: the public bid log after `afterSeq` (bidder codes only). */
export const loader = ({ request, params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const history = await context.services.auction.bidHistory(params.id ?? "", parseQuery(request, bidHistoryQuerySchema));
    if (!history) throw notFound("Listing");
    return history;
  });

/** POST places a bid, answered ahead of the app (server/http/bid-api.ts); other methods are not allowed. */
export const action = methodNotAllowed;
