import type { LoaderFunctionArgs } from "@remix-run/node";
import { api } from "../lib/api.server";
import { loanTapeResponse } from "../lib/data-room.server";

/** GET `?format=csv|xlsx&lang=en|zh-CN`: a package listing's loans as a loan tape, for approved bidders who accepted its NDA (and its seller's staff). */
export const loader = ({ request, params, context }: LoaderFunctionArgs) =>
  api(context, () => loanTapeResponse(context, context.principal, params.id ?? "", request));
