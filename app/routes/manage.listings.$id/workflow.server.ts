import { data, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { UserPrincipal } from "../../../core/identity/access";
import type { Refusal } from "../../lib/refusal";
import { refusalOf } from "../../lib/refusal.server";
import { workflowIntents, type WorkflowIntent } from "./intents";
import { formText } from "../../lib/form-data";

const actionSchema = z.object({ intent: z.enum(workflowIntents), reason: z.string().max(2000).optional() });

export type WorkflowActionResult = { intent: string; notice?: WorkflowIntent; refusal?: Refusal };

/** One step of the listing's review and lifecycle, with the reason the operator gave; a refusal comes back to show. */
export async function workflowAction(
  context: AppLoadContext,
  principal: UserPrincipal,
  id: string,
  form: Record<string, FormDataEntryValue>,
) {
  const { workflow } = context.services;
  const intent = formText(form, "intent");
  try {
    const input = actionSchema.parse(form);
    const reason = { reason: input.reason ?? "" };
    switch (input.intent) {
      case "submit":
        await workflow.submit(principal, id);
        break;
      case "approve":
        await workflow.approve(principal, id, reason);
        break;
      case "check_disclosure":
        await workflow.checkDisclosure(principal, id);
        break;
      case "return":
        await workflow.returnForChanges(principal, id, reason);
        break;
      case "publish":
        await workflow.publish(principal, id);
        break;
      case "suspend":
        await workflow.suspend(principal, id, reason);
        break;
      case "resume":
        await workflow.resume(principal, id, reason);
        break;
      case "withdraw":
        await workflow.withdraw(principal, id, reason);
        break;
    }
    return data<WorkflowActionResult>({ intent, notice: input.intent });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    if (refusal.code === "NOT_FOUND") throw new Response("Not found", { status: 404 });
    return data<WorkflowActionResult>({ intent, refusal }, { status });
  }
}
