import type { LoaderFunctionArgs } from "@remix-run/node";
import { loanTapeResponse } from "../lib/data-room.server";
import { refusalOf } from "../lib/refusal.server";

/** A package listing's loan tape, for approved bidders who accepted its NDA: `?format=csv|xlsx&lang=`. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  try {
    return await loanTapeResponse(context, context.principal, params.id ?? "", request);
  } catch (error) {
    throw new Response(null, { status: refusalOf(error).status });
  }
}
