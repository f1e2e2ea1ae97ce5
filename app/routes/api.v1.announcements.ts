import type { LoaderFunctionArgs } from "@remix-run/node";
import { announcementQuerySchema } from "../../core/contract/listings";
import { api, methodNotAllowed, parseQuery } from "../lib/api.server";

/** GET: published disposal announcements, newest first, searchable in both languages. */
export const loader = ({ request, context }: LoaderFunctionArgs) =>
  api(context, () => context.services.listings.listAnnouncements(parseQuery(request, announcementQuerySchema)));

export const action = methodNotAllowed;
