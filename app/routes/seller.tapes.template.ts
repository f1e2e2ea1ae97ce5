import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "../lib/auth.server";
import { download } from "../lib/downloads.server";
import { tapeTemplate } from "../lib/tapes.server";

const query = z.object({ lang: z.enum(["en", "zh-CN"]).default("en"), format: z.enum(["xlsx", "csv"]).default("xlsx") });

/** The loan-tape template, in English or Chinese, as XLSX (lists of allowed values, an example row, a guide) or CSV. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(context, request, "seller.listings.read");
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const { lang, format } = parsed.success ? parsed.data : query.parse({});
  const data = await tapeTemplate(lang, format);
  const name = `nplex-loan-tape-template-${lang}.${format}`;
  const type =
    format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
  return download(data, name, type);
}
