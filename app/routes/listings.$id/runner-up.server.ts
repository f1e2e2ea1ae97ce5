import type { AppLoadContext } from "@remix-run/node";
import type { UserPrincipal } from "../../../core/identity/access";
import { refusalOf } from "../../lib/refusal.server";

/** The runner-up's answer from the listing page. */
export async function runnerUpAnswer(context: AppLoadContext, principal: UserPrincipal, listingId: string, accept: boolean) {
  try {
    const { accepted } = await context.services.runnerUp.answer(principal, listingId, { accept });
    return { status: 200, result: { runnerUp: accepted ? ("accepted" as const) : ("declined" as const) } };
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return { status, result: { runnerUpRefusal: refusal.code } };
  }
}
