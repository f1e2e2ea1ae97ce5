import type { LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/**
 * GET: the asset's borrowers and guarantors in full, for its seller's staff, operators and
 * approved registrants who accepted the NDA of a listing of it. Each call is audited; anyone else
 * gets a 404, as for an asset that does not exist.
 */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const principal = requireApiPermission(context, "account.manage");
    return { parties: await context.services.assets.commands.revealParties(principal, params.id ?? "") };
  });

export const action = methodNotAllowed;
