import type { ActionFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

export const loader = methodNotAllowed;

/** POST `{ bankReference }`: the refund was sent back; the payer is told. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(context, async () => {
    const principal = requireApiPermission(context, "payments.operate");
    return {
      refund: {
        id: params.id,
        ...(await context.services.deposits.markRefundSent(principal, params.id ?? "", await readJson(request))),
      },
    };
  });
};
