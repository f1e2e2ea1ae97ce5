import { methodNotAllowed } from "../lib/api.server";

/** PUT `{ maximum }` and DELETE are answered ahead of the app (server/http/bid-api.ts); other methods are not allowed. */
export const loader = methodNotAllowed;
export const action = methodNotAllowed;
