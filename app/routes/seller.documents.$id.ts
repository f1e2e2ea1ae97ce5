import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../lib/auth.server";
import { documentResponse } from "../lib/data-room.server";
import { refusalOf } from "../lib/refusal.server";

/** A document as its seller's staff (and operators) take it: the file as uploaded, always as an attachment but a photo viewed. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const view = new URL(request.url).searchParams.has("view");
  try {
    const file = await context.services.dataRoom.open(principal, params.id ?? "", { action: view ? "view" : "download" });
    return documentResponse(file, view);
  } catch (error) {
    throw new Response(null, { status: refusalOf(error).status });
  }
}
