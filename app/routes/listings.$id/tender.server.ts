import { data, type AppLoadContext } from "@remix-run/node";
import type { UserPrincipal } from "../../../core/identity/access";
import { currencyDigits, parseMajorAmount } from "../../../core/money";
import { refusalOf } from "../../lib/refusal.server";
import { formText } from "../../lib/form-data";

/** A sealed bid from the tender panel: typed in major units, sent in minor units, converted exactly as the bid box does. */
export async function sealedBidAction(context: AppLoadContext, principal: UserPrincipal, listingId: string, form: FormData) {
  const listing = await context.services.listings.getPublic(listingId);
  if (!listing) throw new Response("Not found", { status: 404 });
  const amount = parseMajorAmount(formText(form, "amount"), currencyDigits(listing.currency));
  if (!amount) return data({ tenderRefusal: "VALIDATION_FAILED" }, { status: 422 });
  try {
    return data({ receipt: (await context.services.tender.submit(principal, listingId, { amount })).receipt });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return data({ tenderRefusal: refusal.code }, { status });
  }
}
