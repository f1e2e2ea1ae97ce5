import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, notFound, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** GET: the public record of objections (when filed, how decided, why), never who filed them. */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const listing = await context.services.listings.getPublic(params.id ?? "");
    if (!listing) throw notFound("Listing");
    const outcomes = await context.services.objections.outcomes(listing.id);
    return {
      objections: outcomes.map((o) => ({
        status: o.status,
        filedAt: o.filedAt.toISOString(),
        decidedAt: o.decidedAt?.toISOString() ?? null,
        decisionReason: o.decisionReason,
      })),
    };
  });

/** POST `{ reasons }`: anyone signed in may object while the announcement period runs. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(
    context,
    async () => {
      const principal = requireApiPermission(context, "account.manage");
      return { objection: await context.services.objections.file(principal, params.id ?? "", await readJson(request)) };
    },
    201,
  );
};
