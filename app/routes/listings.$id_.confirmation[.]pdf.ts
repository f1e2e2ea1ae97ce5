import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../lib/auth.server";
import { pdfResponse } from "../lib/pdf.server";
import { refusalOf } from "../lib/refusal.server";

/** The sale confirmation (成交确认书) as PDF, naming the buyer: to the buyer, the seller's people and operators. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const file = await context.services.closingDocuments.confirmationPdf(principal, params.id ?? "").catch((error: unknown) => {
    throw new Response(null, { status: refusalOf(error).status });
  });
  return pdfResponse(file);
}
