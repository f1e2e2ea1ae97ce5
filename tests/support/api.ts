import type { AppLoadContext } from "@remix-run/node";
import pino from "pino";
import { expect } from "vitest";
import type { z } from "zod";
import { errorSchema } from "../../core/contract/errors";
import { anonymous, type Principal } from "../../core/identity/access";
import type { Services } from "../../server/services";
import { mismatches } from "./contract";

type Handler = (args: {
  request: Request;
  params: Record<string, string>;
  context: AppLoadContext;
}) => Promise<Response> | Response;

/**
 * One call to an API route's loader or action, as the server would make it for a request with
 * this principal: the answer's status and JSON body. A refusal must have the API's error shape
 * (core/contract/errors.ts), and an answer the shape of `request.answers` when one is given.
 */
export async function callApi(
  services: Services,
  handler: Handler,
  request: {
    method?: string;
    path?: string;
    params?: Record<string, string>;
    body?: unknown;
    /** A multipart form instead of a JSON body. */
    form?: FormData;
    /** A body sent exactly as given (a signed webhook), with the headers given. */
    raw?: string;
    headers?: Record<string, string>;
    principal?: Principal;
    answers?: z.ZodType;
  },
): Promise<{ status: number; body: any }> {
  const { status, body } = await callApiRaw(services, handler, request);
  return { status, body };
}

/** callApi, with the answer's text, bytes and headers too (a download, a header to check). */
export async function callApiRaw(
  services: Services,
  handler: Handler,
  request: Parameters<typeof callApi>[2],
): Promise<{ status: number; body: any; text: string; bytes: Uint8Array; headers: Headers }> {
  const method =
    request.method ?? (request.body === undefined && request.form === undefined && request.raw === undefined ? "GET" : "POST");
  const context = {
    services,
    principal: request.principal ?? anonymous,
    requestId: "test",
    clientIp: "127.0.0.1",
    logger: pino({ level: "silent" }),
    production: false,
    cspNonce: "test",
    publicOrigin: "http://localhost:3000",
    sessionToken: null,
  } as unknown as AppLoadContext;
  const response = await handler({
    request: new Request(`http://localhost:3000${request.path ?? "/api/v1"}`, {
      method,
      headers: { ...(request.form ? {} : { "Content-Type": "application/json" }), ...request.headers },
      body: request.form ?? request.raw ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
    }),
    params: request.params ?? {},
    context,
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  const isJson = (response.headers.get("Content-Type") ?? "").startsWith("application/json");
  const body: unknown = text && isJson ? JSON.parse(text) : null;
  const schema = response.ok ? request.answers : errorSchema;
  if (schema) expect(mismatches(schema, body), `${method} ${request.path ?? "/api/v1"} answers as its schema says`).toEqual([]);
  return { status: response.status, body, text, bytes, headers: response.headers };
}
