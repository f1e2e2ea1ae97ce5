import type { ActionFunctionArgs } from "@remix-run/node";
import { registrationActionSchema } from "../../core/contract/listings";
import { api, methodNotAllowed, moneyAsText, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

export const loader = methodNotAllowed;

/**
 * POST `{ action }` (operators): record a deposit transfer received (`amount`, `bankReference`), approve (a bidder code is issued) or reject.
 * DELETE (the registrant): withdraw before bidding opens.
 */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  const id = params.id ?? "";
  const registrations = context.services.registrations;
  if (request.method === "DELETE") {
    return api(context, async () => {
      await registrations.withdraw(requireApiPermission(context, "investor.register"), id);
      return { registration: { id, status: "withdrawn" } };
    });
  }
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(context, async () => {
    const principal = requireApiPermission(context, "listing.operate");
    const input = registrationActionSchema.parse(await readJson(request));
    if (input.action === "confirm_deposit") {
      const { amount, currency, bankReference, bookedOn } = input;
      const deposit = await registrations.confirmDeposit(principal, id, { amount, currency, bankReference, bookedOn });
      return { registration: { id, depositConfirmed: deposit.status === "held", deposit: moneyAsText(deposit) } };
    }
    const decided = await registrations.decide(principal, id, {
      decision: input.action,
      reason: input.reason ?? "",
      rightOfFirstRefusalRank: input.rightOfFirstRefusalRank,
    });
    return { registration: { id, ...decided } };
  });
};
