import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../lib/auth.server";
import { pdfResponse } from "../lib/pdf.server";
import { refusalOf } from "../lib/refusal.server";

/** The disposal report as PDF, Chinese and English. The seller's people and operators. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const file = await context.services.disposalReports.pdf(principal, params.id ?? "").catch((error: unknown) => {
    throw new Response(null, { status: refusalOf(error).status });
  });
  return pdfResponse(file);
}
