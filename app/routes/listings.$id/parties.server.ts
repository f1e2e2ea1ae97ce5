import { data, type AppLoadContext } from "@remix-run/node";
import type { UserPrincipal } from "../../../core/identity/access";
import { refusalOf } from "../../lib/refusal.server";

/**
 * A lot's borrowers and guarantors in full, for an approved registrant who accepted the NDA (and
 * the seller's staff and operators); the assets service checks, and audits each reveal. Anyone
 * else learns only that they are not shown, as for a lot without parties.
 */
export async function revealParties(context: AppLoadContext, principal: UserPrincipal, assetId: string) {
  try {
    const parties = await context.services.assets.commands.revealParties(principal, assetId);
    return { revealed: { assetId, parties } };
  } catch (error) {
    const { status } = refusalOf(error);
    return data({ revealRefused: { assetId } }, { status });
  }
}
