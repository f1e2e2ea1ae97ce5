import type { IncomingHttpHeaders } from "node:http";
import {
  createReadableStreamFromReadable,
  createRequestHandler as createRemixRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { checkedBodies, type CheckedBody } from "./limits";

/**
 * Remix's Express adapter (@remix-run/express), with every request checked first
 * (server/http/limits.ts): a refusal is answered in the API's error shape and never reaches a
 * route, and the route is given the body as it was read and checked, never read twice.
 */
export function createRequestHandler({
  build,
  getLoadContext,
  mode,
}: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  getLoadContext?: (req: Request, res: Response) => AppLoadContext | Promise<AppLoadContext>;
  mode?: string;
}): RequestHandler {
  const handleRequest = createRemixRequestHandler(build, mode);
  const check = checkedBodies();
  const serve = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const loadContext = await getLoadContext?.(req, res);
      const body = (res.locals.checkedBody as CheckedBody | undefined) ?? { kind: "none" };
      const response = await handleRequest(fetchRequest(req, res, body), loadContext);
      await send(res, response);
    } catch (error) {
      next(error);
    }
  };
  return (req, res, next) => check(req, res, (error?: unknown) => (error ? next(error) : void serve(req, res, next)));
}

/** The Fetch request Remix sees, built as @remix-run/express builds it, with the checked body. */
function fetchRequest(req: Request, res: Response, body: CheckedBody): globalThis.Request {
  const url = new URL(`${req.protocol}://${req.headers.host ?? "localhost"}${req.originalUrl}`);
  const headers = fetchHeaders(req.headers);
  let controller: AbortController | null = new AbortController();
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (body.kind === "read") {
    init.body = body.data;
    if (body.contentType) headers.set("Content-Type", body.contentType);
    headers.delete("Content-Length");
    headers.delete("Transfer-Encoding");
  } else if (body.kind === "stream") {
    init.body = createReadableStreamFromReadable(body.stream);
    init.duplex = "half";
  }
  // Loaders and actions are aborted once no answer can be written (closed before it finished).
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

function fetchHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(incoming)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
  }
  return headers;
}

async function send(res: Response, response: globalThis.Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
