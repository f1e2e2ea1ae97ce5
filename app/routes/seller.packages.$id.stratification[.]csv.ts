import type { LoaderFunctionArgs } from "@remix-run/node";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { refusalOf } from "../lib/refusal.server";
import { stratificationCsv } from "../lib/stratification-export.server";

/** The package's stratification as CSV, in the reader's language. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "seller.listings.read");
  const { packages } = context.services;
  const [view, t, language] = await Promise.all([
    packages.stratification(principal, params.id ?? "").catch((error: unknown) => {
      throw new Response(null, { status: refusalOf(error).status });
    }),
    i18nServer.getFixedT(request),
    i18nServer.getLocale(request),
  ]);
  return stratificationCsv({ t, language }, `stratification-${params.id}`, view);
}
