import type { ActionFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** POST `{ validOnly? }`: the tape's loans written into the book, all or nothing (TAPE_INVALID while it has problems, unless validOnly). */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(context, async () => {
    const principal = requireApiPermission(context, "asset.manage");
    return await context.services.tapes.apply(principal, params.id ?? "", await readJson(request, { emptyIsObject: true }));
  });
};
