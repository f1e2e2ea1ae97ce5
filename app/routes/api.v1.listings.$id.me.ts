import type { LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed } from "../lib/api.server";

/** The caller's own standing on a listing: registration and bidder code, leading, proxy maximum. */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, () => context.services.auction.viewerStatus(context.principal, params.id ?? ""));

export const action = methodNotAllowed;
