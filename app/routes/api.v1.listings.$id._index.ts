import type { LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, notFound } from "../lib/api.server";

export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const listing = await context.services.listings.getPublic(params.id ?? "");
    if (!listing) throw notFound("Listing");
    return { listing };
  });

export const action = methodNotAllowed;
