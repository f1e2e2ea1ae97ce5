import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** GET: one of the caller's organisation's assets, parties masked. */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const principal = requireApiPermission(context, "seller.listings.read");
    return { asset: await context.services.assets.reads.get(principal, params.id ?? "") };
  });

/**
 * PUT: the asset's facts replaced as a whole (refused with ASSET_LOCKED while a listing of it is
 * under review or public); DELETE: archived (kept, with its history; `?restore=1` brings it back).
 */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "PUT" && request.method !== "DELETE") return methodNotAllowed({ request });
  return api(context, async () => {
    const principal = requireApiPermission(context, "asset.manage");
    const { commands } = context.services.assets;
    if (request.method === "DELETE") {
      const restore = new URL(request.url).searchParams.get("restore") === "1";
      return { asset: await commands.archive(principal, params.id ?? "", !restore) };
    }
    return { asset: await commands.update(principal, params.id ?? "", await readJson(request)) };
  });
};
