import type { ActionFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, moneyAsText, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

export const loader = methodNotAllowed;

/** POST `{ action: "credit", reference }` or `{ action: "return", bankReference }`: resolves a flagged line. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(context, async () => {
    const principal = requireApiPermission(context, "payments.operate");
    const resolved = await context.services.statements.resolveLine(principal, params.id ?? "", await readJson(request));
    return { line: moneyAsText({ id: params.id, ...resolved }) };
  });
};
