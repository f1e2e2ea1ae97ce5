import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";
import { documentResponse } from "../lib/data-room.server";

/** GET: a document, for its seller's staff and operators (bidders open theirs through the listing). */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const principal = requireApiPermission(context, "account.manage");
    return documentResponse(await context.services.dataRoom.open(principal, params.id ?? "", { action: "download" }), false);
  });

/** DELETE: the document taken out of its room (refused while a listing under review or public shows it). */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "DELETE") return methodNotAllowed({ request });
  return api(context, async () => {
    const principal = requireApiPermission(context, "asset.manage");
    await context.services.dataRoom.remove(principal, params.id ?? "");
    return { removed: true };
  });
};
