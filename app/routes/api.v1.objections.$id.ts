import type { ActionFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

export const loader = methodNotAllowed;

/** POST `{ decision: "uphold" | "dismiss", reason }` (operators): upholding suspends the listing. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(context, async () => {
    const principal = requireApiPermission(context, "listing.operate");
    return { objection: await context.services.objections.decide(principal, params.id ?? "", await readJson(request)) };
  });
};
