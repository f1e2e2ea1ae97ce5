import type { LoaderFunctionArgs } from "@remix-run/node";
import { pdfResponse } from "../lib/pdf.server";

/** The published notice to the debtors as PDF, to anyone: it is public (natural persons masked). */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const file = await context.services.debtorNotices.publishedPdf(params.id ?? "");
  if (!file) throw new Response(null, { status: 404 });
  return pdfResponse(file);
}
