import type { ActionFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

export const loader = methodNotAllowed;

/** PUT `{ maximum }` sets automatic bidding up to a maximum; DELETE clears it. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "PUT" && request.method !== "DELETE") {
    return methodNotAllowed({ request });
  }
  return api(context, async () => {
    const principal = requireApiPermission(context, "investor.bid");
    if (request.method === "DELETE") return context.services.auction.clearProxy(principal, params.id ?? "");
    return context.services.auction.setProxy(principal, params.id ?? "", await readJson(request));
  });
};
