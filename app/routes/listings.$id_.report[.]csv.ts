import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../lib/auth.server";
import { csvDownload } from "../lib/downloads.server";
import { refusalOf } from "../lib/refusal.server";

/** The disposal report as CSV: its figures, then every bid. The seller's people and operators. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const { rows, fileName } = await context.services.disposalReports.csv(principal, params.id ?? "").catch((error: unknown) => {
    throw new Response(null, { status: refusalOf(error).status });
  });
  const [header, ...body] = rows;
  return csvDownload(fileName, header!, body);
}
