import type { LoaderFunctionArgs } from "@remix-run/node";
import { api } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** GET: one of the caller's organisations' packages: its assets' count and principal. */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const principal = requireApiPermission(context, "seller.listings.read");
    return { package: await context.services.packages.get(principal, params.id ?? "") };
  });
