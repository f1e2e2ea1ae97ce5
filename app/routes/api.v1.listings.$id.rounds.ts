import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, notFound, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** GET: the lot's earlier rounds and the round that follows, as the public may see them. */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const history = await context.services.rounds.history(params.id ?? "");
    if (!history) throw notFound("Listing");
    return history;
  });

/**
 * POST `{ mode: "auction", startingPrice, increment, deposit, startsAt, endsAt }` or
 * `{ mode: "fixed_price" }` (seller staff): the failed listing's next round, approved for the
 * operator to announce. The rules of rounds (window, deepest cut, when the fixed price is due)
 * and of terms are the service's; a refusal carries their code.
 */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(
    context,
    async () => {
      const principal = requireApiPermission(context, "listing.draft");
      const next = await context.services.rounds.relist(principal, params.id ?? "", await readJson(request));
      return {
        listing: {
          id: next.id,
          round: next.round,
          mode: next.mode,
          status: next.status,
          previousListingId: next.previousListingId,
          startingPrice: next.startingPrice.toString(),
          increment: next.increment.toString(),
          deposit: next.deposit.toString(),
          startsAt: next.startsAt!.toISOString(),
          endsAt: next.endsAt!.toISOString(),
        },
      };
    },
    201,
  );
};
