import type { LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, openApiDocument } from "../lib/api.server";

let cached: ReturnType<typeof openApiDocument> | undefined;

export const loader = ({ context }: LoaderFunctionArgs) => api(context, () => (cached ??= openApiDocument()));

export const action = methodNotAllowed;
