import type { LoaderFunctionArgs } from "@remix-run/node";
import { AppError } from "../lib/refusal.server";
import { requirePermission } from "../lib/auth.server";
import { download } from "../lib/downloads.server";

/** An objection's supporting file, for operators and the objector: always downloaded, never rendered inline. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  try {
    const file = await context.services.objections.attachment(principal, params.id ?? "");
    return download(file.data, file.fileName, file.contentType);
  } catch (error) {
    if (AppError.is(error)) throw new Response(error.message, { status: error.status });
    throw error;
  }
}
