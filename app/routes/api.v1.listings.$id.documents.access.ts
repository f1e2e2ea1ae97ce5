import type { LoaderFunctionArgs } from "@remix-run/node";
import { api } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** GET: who opened what in the listing's data room, for its seller's staff and operators (bidder codes until the close). */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const principal = requireApiPermission(context, "account.manage");
    return { access: await context.services.dataRoom.accessLog(principal, params.id ?? "") };
  });
