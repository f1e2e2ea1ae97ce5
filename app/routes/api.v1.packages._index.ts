import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** GET: the caller's organisations' packages, newest first. */
export const loader = ({ context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const principal = requireApiPermission(context, "seller.listings.read");
    return { packages: await context.services.packages.list(principal) };
  });

/** POST `{ title, description?, assetIds }` or `{ title, tapeId }`: a package of the caller's assets (seller staff). */
export const action = ({ request, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(
    context,
    async () => {
      const principal = requireApiPermission(context, "asset.manage");
      return { package: await context.services.packages.create(principal, await readJson(request)) };
    },
    201,
  );
};
