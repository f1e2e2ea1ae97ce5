import { data, type AppLoadContext } from "@remix-run/node";
import type { UserPrincipal } from "../../../core/identity/access";
import { parseMajorAmount } from "../../../core/money";
import { currencyDigits } from "../../../core/money";
import { refusalOf } from "../../lib/refusal.server";
import { formText } from "../../lib/form-data";

const HOURS = new Set(["24", "48", "72", "168"]);

/**
 * The listing page's negotiation form: an offer typed in major units that stands for a number of
 * hours (never past the negotiation's end), or the acceptance of the other side's offer.
 */
export async function negotiationAction(
  context: AppLoadContext,
  principal: UserPrincipal,
  listingId: string,
  intent: "offer" | "accept",
  form: FormData,
) {
  const { negotiation, listings, clock } = context.services;
  try {
    if (intent === "accept") {
      await negotiation.accept(principal, listingId);
      return data({ negotiation: "accepted" as const });
    }
    const listing = await listings.getPublic(listingId);
    if (!listing) throw new Response("Not found", { status: 404 });
    const amount = parseMajorAmount(formText(form, "amount"), currencyDigits(listing.currency));
    const hours = formText(form, "hours");
    if (!amount || !HOURS.has(hours)) return data({ negotiationRefusal: "VALIDATION_FAILED" }, { status: 422 });
    const wanted = clock.now().getTime() + Number(hours) * 3_600_000;
    const end = listing.endsAt ? Date.parse(listing.endsAt) : wanted;
    const expiresAt = new Date(Math.min(wanted, end)).toISOString();
    await negotiation.offer(principal, listingId, { amount, expiresAt });
    return data({ negotiation: "offered" as const });
  } catch (error) {
    if (error instanceof Response) throw error;
    const { status, refusal } = refusalOf(error);
    return data({ negotiationRefusal: refusal.code }, { status });
  }
}
