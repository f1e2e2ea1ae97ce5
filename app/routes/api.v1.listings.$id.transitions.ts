import type { ActionFunctionArgs } from "@remix-run/node";
import { transitionRequestSchema } from "../../core/contract/listings";
import { api, methodNotAllowed, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

export const loader = methodNotAllowed;

/**
 * POST `{ action, reason? }`: one step of the listing's lifecycle. Who may take which step is the
 * state machine's answer (server/listings/rules/lifecycle.ts); a private listing is 404 to outsiders.
 */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(context, async () => {
    const principal = requireApiPermission(context, "account.manage");
    const input = transitionRequestSchema.parse(await readJson(request));
    const id = params.id ?? "";
    const workflow = context.services.workflow;
    const body = { reason: input.reason };
    const listing = await {
      submit: () => workflow.submit(principal, id),
      approve: () => workflow.approve(principal, id, body),
      check_disclosure: () => workflow.checkDisclosure(principal, id),
      return: () => workflow.returnForChanges(principal, id, body),
      publish: () => workflow.publish(principal, id),
      suspend: () => workflow.suspend(principal, id, body),
      resume: () => workflow.resume(principal, id, body),
      withdraw: () => workflow.withdraw(principal, id, body),
    }[input.action]();
    return { listing: { id, status: listing.status } };
  });
};
