import type { LoaderFunctionArgs } from "@remix-run/node";
import { api } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** GET: what applying the tape would do to the book: new, changed (with the facts) and missing loans. */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const principal = requireApiPermission(context, "asset.manage");
    return { diff: await context.services.tapes.diff(principal, params.id ?? "") };
  });
