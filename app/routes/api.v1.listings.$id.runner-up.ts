import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, notFound, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** GET: the offer to the runner-up, for the runner-up alone (404 to anyone else). */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const principal = requireApiPermission(context, "investor.register");
    const offer = await context.services.runnerUp.offerFor(principal, params.id ?? "");
    if (!offer) throw notFound("Offer");
    return offer;
  });

/** POST `{ accept: true | false }`: the runner-up's answer before its deadline. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(context, async () => {
    const principal = requireApiPermission(context, "investor.register");
    return context.services.runnerUp.answer(principal, params.id ?? "", await readJson(request));
  });
};
