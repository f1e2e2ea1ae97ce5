import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildOpenApiDocument } from "../../server/http/openapi";
import { api, methodNotAllowed } from "../lib/api.server";

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

export const loader = ({ context }: LoaderFunctionArgs) => api(context, async () => (cached ??= buildOpenApiDocument()));

export const action = methodNotAllowed;
