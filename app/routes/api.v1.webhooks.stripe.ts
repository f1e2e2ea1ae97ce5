import type { ActionFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed } from "../lib/api.server";

export const loader = methodNotAllowed;

/**
 * POST: a delivery from Stripe, verified by its signature over the raw body (no session, no token:
 * Stripe signs it). 400 when it does not verify, and nothing is written; 200 once stored, and again,
 * changing nothing, for an event already received.
 */
export const action = ({ request, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(context, async () =>
    context.services.stripeWebhooks.receive(await request.text(), request.headers.get("stripe-signature")),
  );
};
