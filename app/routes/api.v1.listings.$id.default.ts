import type { ActionFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

export const loader = methodNotAllowed;

/** POST `{ reason, offerRunnerUp, deadlineHours }`: an operator records that the winner defaulted. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(context, async () => {
    const principal = requireApiPermission(context, "account.manage");
    return context.services.runnerUp.recordDefault(principal, params.id ?? "", await readJson(request));
  });
};
