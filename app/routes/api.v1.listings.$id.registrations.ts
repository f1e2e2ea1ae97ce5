import type { ActionFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, moneyAsText, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

export const loader = methodNotAllowed;

/** POST an application to bid (docs/architecture.md "The public API"): screened at once, then decided by an operator. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(
    context,
    async () => {
      const principal = requireApiPermission(context, "investor.register");
      const registration = await context.services.registrations.apply(principal, params.id ?? "", await readJson(request));
      return { registration: moneyAsText(registration) };
    },
    201,
  );
};
