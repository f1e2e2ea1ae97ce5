import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** GET: where the tape stands: status, rows, progress and its first problems by row and column. */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const principal = requireApiPermission(context, "asset.manage");
    return { tape: await context.services.tapes.get(principal, params.id ?? "") };
  });

/** DELETE: the reading stopped, or the read tape withdrawn before it is applied. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "DELETE") return methodNotAllowed({ request });
  return api(context, async () => {
    const principal = requireApiPermission(context, "asset.manage");
    return { tape: await context.services.tapes.cancel(principal, params.id ?? "") };
  });
};
