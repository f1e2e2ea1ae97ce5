import type { ActionFunctionArgs } from "@remix-run/node";
import { tapeMappingBodySchema } from "../../core/contract/tapes";
import { api, methodNotAllowed, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** PUT `{ mapping }`: the columns mapped another way; the tape is read again, and the choice remembered. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "PUT") return methodNotAllowed({ request });
  return api(context, async () => {
    const principal = requireApiPermission(context, "asset.manage");
    const { mapping } = tapeMappingBodySchema.parse(await readJson(request));
    return { tape: await context.services.tapes.remap(principal, params.id ?? "", mapping) };
  });
};
