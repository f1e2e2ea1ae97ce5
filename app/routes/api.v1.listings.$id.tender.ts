import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, notFound, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/**
 * GET: a sealed tender's public record: commitments only until the opening, then every
 * commitment with its bidder code and amount, and the result.
 */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const results = await context.services.tender.results(params.id ?? "");
    if (!results) throw notFound("Tender");
    return results;
  });

/** POST `{ amount }`: submit or replace the caller's sealed bid; the receipt comes back once. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(
    context,
    async () => {
      const principal = requireApiPermission(context, "investor.bid");
      return context.services.tender.submit(principal, params.id ?? "", await readJson(request));
    },
    201,
  );
};
