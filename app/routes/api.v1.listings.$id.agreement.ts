import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** GET: the sale's transfer agreement, to its buyer, the seller's people and operators (404 to anyone else). */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const principal = requireApiPermission(context, "account.manage");
    return context.services.agreements.view(principal, params.id ?? "");
  });

/** POST `{ name, sha256 }`: sign for your side the version whose digest you read. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(context, async () => {
    const principal = requireApiPermission(context, "account.manage");
    return context.services.agreements.sign(principal, params.id ?? "", await readJson(request), context.clientIp);
  });
};
