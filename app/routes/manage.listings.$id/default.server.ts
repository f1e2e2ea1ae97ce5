import type { AppLoadContext } from "@remix-run/node";
import type { UserPrincipal } from "../../../core/identity/access";
import type { Refusal } from "../../lib/refusal";
import { refusalOf } from "../../lib/refusal.server";
import { formText } from "../../lib/form-data";

export type DefaultActionResult =
  { intent: "record_default"; done: "offered" | "failed" } | { intent: "record_default"; refusal: Refusal };

/** The operator's form on an awarded listing: the winner defaulted, with or without an offer to the runner-up. */
export async function defaultAction(
  context: AppLoadContext,
  principal: UserPrincipal,
  listingId: string,
  form: FormData,
): Promise<{ status: number; result: DefaultActionResult }> {
  try {
    const outcome = await context.services.runnerUp.recordDefault(principal, listingId, {
      reason: formText(form, "reason"),
      offerRunnerUp: form.get("offerRunnerUp") === "on",
      deadlineHours: form.has("deadlineHours") ? formText(form, "deadlineHours") : "72",
    });
    return { status: 200, result: { intent: "record_default", done: outcome.runnerUp ? "offered" : "failed" } };
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    if (refusal.code === "NOT_FOUND") throw new Response("Not found", { status: 404 });
    return { status, result: { intent: "record_default", refusal } };
  }
}
