import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { assetQuerySchema } from "../../core/contract/assets";
import { api, methodNotAllowed, parseQuery, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** GET: the caller's organisation's assets, parties masked; filtered by kind, a word, archived. */
export const loader = ({ request, context }: LoaderFunctionArgs) =>
  api(context, () => {
    const principal = requireApiPermission(context, "seller.listings.read");
    return context.services.assets.reads.list(principal, parseQuery(request, assetQuerySchema));
  });

/** POST: a new asset of any kind (seller staff). */
export const action = ({ request, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(
    context,
    async () => {
      const principal = requireApiPermission(context, "asset.manage");
      return { asset: await context.services.assets.commands.create(principal, await readJson(request)) };
    },
    201,
  );
};
