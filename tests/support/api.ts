import type { AppLoadContext } from "@remix-run/node";
import pino from "pino";
import { anonymous, type Principal } from "../../core/identity/access";
import type { Services } from "../../server/services";

type Handler = (args: {
  request: Request;
  params: Record<string, string>;
  context: AppLoadContext;
}) => Promise<Response> | Response;

/**
 * One call to an API route's loader or action, as the server would make it for a request with
 * this principal: the answer's status and JSON body.
 */
export async function callApi(
  services: Services,
  handler: Handler,
  request: { method?: string; path?: string; params?: Record<string, string>; body?: unknown; principal?: Principal },
): Promise<{ status: number; body: any }> {
  const method = request.method ?? (request.body === undefined ? "GET" : "POST");
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
      headers: { "Content-Type": "application/json" },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    }),
    params: request.params ?? {},
    context,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
