import type { ActionFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

export const loader = methodNotAllowed;

/** PUT adds the listing to the caller's watchlist, DELETE removes it. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "PUT" && request.method !== "DELETE") {
    return methodNotAllowed({ request });
  }
  return api(context, async () => {
    const principal = requireApiPermission(context, "account.manage");
    return context.services.notifications.watch(principal, params.id ?? "", request.method === "PUT");
  });
};
