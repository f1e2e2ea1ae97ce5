import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { roomApi } from "../lib/data-room.server";

/** GET: the listing's data room as the caller opens it, tier by tier; POST (multipart): a document added to it. */
export const loader = (args: LoaderFunctionArgs) => roomApi("listing").loader(args);
export const action = (args: ActionFunctionArgs) => roomApi("listing").action(args);
