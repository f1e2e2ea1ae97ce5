import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../lib/auth.server";
import { pdfResponse } from "../lib/pdf.server";
import { refusalOf } from "../lib/refusal.server";

/** The letters to each debtor, names in full: the seller's people and operators only, each opening audited. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const file = await context.services.debtorNotices.lettersPdf(principal, params.id ?? "").catch((error: unknown) => {
    throw new Response(null, { status: refusalOf(error).status });
  });
  return pdfResponse(file);
}
