import { errorJson } from "../lib/api.server";

/** Anything else under /api/v1 answers in the API's own error shape, never an HTML page. */
const unknownRoute = ({ request }: { request: Request }) =>
  errorJson("NOT_FOUND", `No API route ${request.method} ${new URL(request.url).pathname}.`, 404);

export const loader = unknownRoute;
export const action = unknownRoute;
