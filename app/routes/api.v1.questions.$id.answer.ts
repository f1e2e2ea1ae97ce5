import type { ActionFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** POST `{ "answer" }` (seller staff): the answer, published to every approved bidder of the listing at once. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(context, async () => {
    const principal = requireApiPermission(context, "asset.manage");
    await context.services.questions.answer(principal, params.id ?? "", await readJson(request));
    return { answered: true };
  });
};
