import type { AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import { AppError, isZodError } from "../../server/errors";

/** The public API's OpenAPI document, generated from the contract's schemas. */
export { buildOpenApiDocument as openApiDocument } from "../../server/http/openapi";

/** The error shape of docs/architecture.md "The public API": `{ error: { code, message, details } }`. */
export function errorJson(code: string, message: string, status: number, details: Record<string, unknown> = {}) {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (typeof details.retryAfterSeconds === "number") headers["Retry-After"] = String(details.retryAfterSeconds);
  return Response.json({ error: { code, message, details } }, { status, headers });
}

export function zodDetails(error: { issues: { path: PropertyKey[]; message: string }[] }) {
  return { issues: error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) };
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
    if (AppError.is(error)) return errorJson(error.code, error.message, error.status, error.details);
    if (isZodError(error)) return errorJson("VALIDATION_FAILED", "The request is not valid.", 422, zodDetails(error));
    context.logger.error({ err: error }, "API handler failed");
    return errorJson("INTERNAL", "Something went wrong on our side.", 500);
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
export async function readJson(request: Request, { emptyIsObject = false } = {}): Promise<unknown> {
  const text = await request.text();
  if (emptyIsObject && !text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The body must be JSON.");
  }
}
