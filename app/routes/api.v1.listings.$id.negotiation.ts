import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { negotiationRequestSchema } from "../../core/contract/negotiation";
import { api, methodNotAllowed, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** GET: a negotiated transfer's private thread, for its two parties and the operators (404 to anyone else). */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const principal = requireApiPermission(context, "account.manage");
    return context.services.negotiation.thread(principal, params.id ?? "");
  });

/** POST `{ action: "offer", amount, expiresAt }` or `{ action: "accept" }`. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(
    context,
    async () => {
      const principal = requireApiPermission(context, "account.manage");
      const raw = await readJson(request);
      const id = params.id ?? "";
      // The service reads the offer from the body as sent; the union only tells the two verbs apart.
      return negotiationRequestSchema.parse(raw).action === "accept"
        ? context.services.negotiation.accept(principal, id)
        : context.services.negotiation.offer(principal, id, raw);
    },
    201,
  );
};
