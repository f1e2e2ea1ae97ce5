import type { LoaderFunctionArgs } from "@remix-run/node";
import { listingQuerySchema } from "../../server/listings/schemas";
import { api, methodNotAllowed, parseQuery } from "../lib/api.server";

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  api(context, () => context.services.listings.listPublic(parseQuery(request, listingQuerySchema)));

export const action = methodNotAllowed;
