import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { listingQuerySchema } from "../../core/contract/listings";
import { api, methodNotAllowed, parseQuery, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  api(context, () => context.services.listings.listPublic(parseQuery(request, listingQuerySchema)));

/** POST the listing's terms: a draft of the seller's own asset or package (201 `{ id }`). */
export const action = ({ request, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(
    context,
    async () => {
      const principal = requireApiPermission(context, "listing.draft");
      return context.services.workflow.createDraft(principal, await readJson(request));
    },
    201,
  );
};
