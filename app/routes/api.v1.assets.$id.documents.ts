import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { roomApi } from "../lib/data-room.server";

/** GET: the asset's data room for its seller's staff; POST (multipart): a document added to it. */
export const loader = (args: LoaderFunctionArgs) => roomApi("asset").loader(args);
export const action = (args: ActionFunctionArgs) => roomApi("asset").action(args);
