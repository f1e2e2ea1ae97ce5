import type { AppLoadContext } from "@remix-run/node";
import type { UserPrincipal } from "../../../core/identity/access";
import { parseMajorAmount } from "../../../core/money";
import type { Refusal } from "../../lib/refusal";
import { currencyDigits } from "../../../core/money";
import { zonedInputToIso } from "../../../core/time";
import { refusalOf } from "../../lib/refusal.server";
import { formText } from "../../lib/form-data";

/** The workspace's two round intents: re-list as an auction, or offer at the fixed price. */
export const roundIntents = ["relist", "offer_fixed_price"] as const;
export type RoundIntent = (typeof roundIntents)[number];
export const isRoundIntent = (intent: string): intent is RoundIntent => (roundIntents as readonly string[]).includes(intent);

export type RoundActionResult =
  | { intent: RoundIntent; round: number; listingId: string }
  | { intent: RoundIntent; refusal: Refusal; values: Record<string, string> };

/**
 * The failed listing's next round from the workspace form: amounts typed in yuan become minor
 * units exactly, times on the Shanghai wall clock become instants; what cannot be read is left
 * out for the service's schema to name. A refusal comes back with what was typed, to show again.
 */
export async function roundAction(
  context: AppLoadContext,
  principal: UserPrincipal,
  listingId: string,
  intent: RoundIntent,
  form: FormData,
): Promise<{ status: number; result: RoundActionResult }> {
  const text = (name: string) => formText(form, name).trim();
  const values = Object.fromEntries(
    ["startingPrice", "increment", "deposit", "startsAt", "endsAt"].map((name) => [name, text(name)]),
  );
  try {
    const listing = await context.services.listings.getPublic(listingId);
    if (!listing) throw new Response("Not found", { status: 404 });
    const digits = currencyDigits(listing.currency);
    const money = (name: string) => parseMajorAmount(values[name]!, digits) ?? (values[name] ? "invalid" : undefined);
    const time = (name: string) => zonedInputToIso(values[name]) ?? (values[name] ? "invalid" : undefined);
    const raw =
      intent === "relist"
        ? {
            mode: "auction",
            startingPrice: money("startingPrice"),
            increment: money("increment"),
            deposit: money("deposit"),
            startsAt: time("startsAt"),
            endsAt: time("endsAt"),
          }
        : { mode: "fixed_price" };
    const next = await context.services.rounds.relist(principal, listingId, raw);
    return { status: 200, result: { intent, round: next.round, listingId: next.id } };
  } catch (error) {
    if (error instanceof Response) throw error;
    const { status, refusal } = refusalOf(error);
    if (refusal.code === "NOT_FOUND") throw new Response("Not found", { status: 404 });
    return { status, result: { intent, refusal, values } };
  }
}
