import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildOpenApiDocument } from "../../server/http/openapi";
import { roundsPaths } from "../../server/http/openapi-rounds";
import { api, methodNotAllowed } from "../lib/api.server";

/** The document with the rounds path beside it (server/http/openapi-rounds.ts). */
const buildDocument = () => {
  const document = buildOpenApiDocument();
  return { ...document, paths: { ...document.paths, ...roundsPaths } };
};

let cached: ReturnType<typeof buildDocument> | undefined;

export const loader = ({ context }: LoaderFunctionArgs) => api(context, async () => (cached ??= buildDocument()));

export const action = methodNotAllowed;
