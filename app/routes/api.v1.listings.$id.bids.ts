import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { bidHistoryQuerySchema } from "../../core/contract/bids";
import { api, methodNotAllowed, notFound, parseQuery, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** GET: the public bid log after `afterSeq` (bidder codes only). */
export const loader = ({ request, params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const history = await context.services.auction.bidHistory(params.id ?? "", parseQuery(request, bidHistoryQuerySchema));
    if (!history) throw notFound("Listing");
    return history;
  });

/** POST `{ amount, idempotencyKey }`: place a bid; the same key again returns the same bid. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(
    context,
    async () => {
      const principal = requireApiPermission(context, "investor.bid");
      return context.services.auction.placeBid(principal, params.id ?? "", await readJson(request));
    },
    201,
  );
};
