import { data, type AppLoadContext } from "@remix-run/node";
import type { UserPrincipal } from "../../../core/identity/access";
import { formText } from "../../lib/form-data";
import { refusalOf } from "../../lib/refusal.server";

/** The listing page's question to the seller, from an approved bidder. */
export async function askAction(context: AppLoadContext, principal: UserPrincipal, listingId: string, form: FormData) {
  try {
    await context.services.questions.ask(principal, listingId, { question: formText(form, "question") });
    return data({ asked: true as const });
  } catch (error) {
    const { status } = refusalOf(error);
    return data({ questionRefused: true as const }, { status });
  }
}
