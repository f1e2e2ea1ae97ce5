import type { AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import { answerHeaders, AppError, apiErrorAnswer, internalErrorAnswer, zodDetails } from "../../server/errors";
import { parseJsonBody } from "../../server/http/limits";

export { zodDetails };

/** The public API's OpenAPI document, generated from the contract's schemas. */
export { buildOpenApiDocument as openApiDocument } from "../../server/http/openapi";

/** The error shape of docs/architecture.md "The public API": `{ error: { code, message, details } }`. */
export function errorJson(code: string, message: string, status: number, details: Record<string, unknown> = {}) {
  return Response.json({ error: { code, message, details } }, { status, headers: answerHeaders(details) });
}

/** Parses query parameters; a bad one is the caller's mistake (400), never a crash. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) {
    throw new AppError("BAD_REQUEST", "Some query parameters are not valid.", zodDetails(result.error));
  }
  return result.data;
}

/** Runs one API handler: known errors become their status and code, anything else a logged 500. */
export async function api(context: AppLoadContext, handler: () => unknown, status = 200): Promise<Response> {
  try {
    const body = await handler();
    if (body instanceof Response) return body;
    return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof Response) return error;
    const known = apiErrorAnswer(error);
    if (!known) context.logger.error({ err: error }, "API handler failed");
    const { status, body, headers } = known ?? internalErrorAnswer();
    return Response.json(body, { status, headers });
  }
}

/** A value for a JSON answer: money (bigint minor units) as decimal strings, at any depth. */
export function moneyAsText<T>(value: T): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(moneyAsText);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, moneyAsText(v)]));
  }
  return value;
}

export const notFound = (what = "Resource") => new AppError("NOT_FOUND", `${what} not found.`);

export const methodNotAllowed = ({ request }: { request: Request }) =>
  errorJson("METHOD_NOT_ALLOWED", `${request.method} is not allowed here.`, 405);

/** The request's JSON body; a body that is not JSON is the caller's mistake (400). An empty body is `{}` where `emptyIsObject`. */
export async function readJson(request: Request, options: { emptyIsObject?: boolean } = {}): Promise<unknown> {
  return parseJsonBody(await request.text(), options);
}
