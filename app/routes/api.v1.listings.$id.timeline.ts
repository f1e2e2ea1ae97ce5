import type { LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, notFound } from "../lib/api.server";

/** GET: the listing's public timeline: announcement, opening, suspensions, objections decided, the close. */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const listing = await context.services.listings.getPublic(params.id ?? "");
    if (!listing) throw notFound("Listing");
    return { timeline: await context.services.workspace.timeline(listing.id, "public") };
  });

export const action = methodNotAllowed;
