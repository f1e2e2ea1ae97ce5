import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { asyncHandler } from "../../server/http/async-handler";
import { bodyLimits, checkedBodies, type CheckedBody } from "../../server/http/limits";

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** The checks in front of a handler that tells what reached it: the body's kind and its bytes. */
async function edge() {
  const app = express();
  app.use(checkedBodies());
  app.all(
    "*",
    asyncHandler(async (_req, res) => {
      const body = res.locals.checkedBody as CheckedBody;
      if (body.kind === "stream") {
        let size = 0;
        try {
          for await (const chunk of body.stream) size += (chunk as Buffer).length;
        } catch (error) {
          res.status(413).json({ kind: "stream", refused: (error as { code?: string }).code });
          return;
        }
        res.json({ kind: "stream", size });
        return;
      }
      res.json(
        body.kind === "read" ? { kind: "read", text: new TextDecoder().decode(body.data), contentType: body.contentType } : body,
      );
    }),
  );
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const send = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${base}${path}`, { ...init, headers: { host: `127.0.0.1:${port}`, ...init.headers } });
    return { status: response.status, body: await response.json() };
  };
  return { send, port };
}

const json = (body: string) => ({ method: "POST", headers: { "Content-Type": "application/json" }, body });
const form = (body: string) => ({ method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body });
const multipart = (body: string, boundary = "b0undary") => ({
  method: "POST",
  headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
  body,
});
const part = (name: string, value: string) =>
  `--b0undary\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n--b0undary--\r\n`;

describe("request bodies have limits, enforced before and while they are read", () => {
  it("refuses an API body larger than the limit by its Content-Length, before reading it (413)", async () => {
    const { port } = await edge();
    // 50 MB announced, a few bytes sent: the answer comes without waiting for the rest.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/v1/listings",
        headers: { "Content-Type": "application/json", "Content-Length": String(50 * 1024 * 1024) },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      });
      req.on("error", reject);
      req.write('{"title":"');
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", details: { limitBytes: bodyLimits.json } });
  });

  it("refuses a body of unknown length as soon as it passes the limit (413), and passes one within it", async () => {
    const { send } = await edge();
    const stream = (size: number) =>
      new ReadableStream({
        start(controller) {
          for (let sent = 0; sent < size; sent += 16 * 1024)
            controller.enqueue(new Uint8Array(Math.min(16 * 1024, size - sent)).fill(32));
          controller.close();
        },
      });
    const chunked = (size: number) =>
      ({ method: "POST", headers: { "Content-Type": "application/json" }, body: stream(size), duplex: "half" }) as RequestInit;
    expect((await send("/api/v1/listings", chunked(bodyLimits.json + 1))).status).toBe(413);
    expect(await send("/api/v1/listings", chunked(bodyLimits.json))).toMatchObject({ status: 200, body: { kind: "read" } });
    expect((await send("/signup", { ...chunked(bodyLimits.form + 1), headers: { "Content-Type": "text/plain" } })).status).toBe(
      413,
    );
  });

  it("a client still sending when refused hears the answer, never a reset; one that sends on without end is cut off", async () => {
    const { port } = await edge();
    /**
     * Writes chunks of 1 MiB without a length until `bytes` are written, or the answer comes
     * (unless the client `ignoresAnswer`), or the connection fails.
     */
    const sendChunked = ({ bytes, ignoresAnswer = false }: { bytes: number; ignoresAnswer?: boolean }) =>
      new Promise<{ status?: number; written: number; error?: string }>((resolve) => {
        let written = 0;
        let status: number | undefined;
        const req = httpRequest({
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/v1/listings",
          headers: { "Content-Type": "application/json" },
        });
        req.on("response", (res) => {
          status = res.statusCode;
          res.resume();
          if (ignoresAnswer) return;
          res.on("end", () => {
            req.destroy();
            resolve({ status, written });
          });
        });
        req.on("error", (error: NodeJS.ErrnoException) => resolve({ status, written, error: error.code }));
        const chunk = Buffer.alloc(1024 * 1024, "a");
        const write = () => {
          if (status !== undefined && !ignoresAnswer) return;
          if (written >= bytes) {
            req.destroy();
            return resolve({ status, written });
          }
          written += chunk.length;
          req.write(chunk, () => setImmediate(write));
        };
        write();
      });
    for (let round = 0; round < 10; round++) {
      const answer = await sendChunked({ bytes: 50 * 1024 * 1024 });
      expect(answer, `round ${round}`).toMatchObject({ status: 413 });
      expect(answer.error, `round ${round}`).toBeUndefined();
      expect(answer.written).toBeLessThan(10 * 1024 * 1024);
    }
    // A client that ignores the answer and sends more than is ever drained loses the connection.
    const ignoring = await sendChunked({ bytes: 200 * 1024 * 1024, ignoresAnswer: true });
    expect(ignoring.error).toBeDefined();
    expect(ignoring.written).toBeLessThan(100 * 1024 * 1024);
  });

  it("streams a form with files to the upload's route, limited in total as it arrives", async () => {
    const { send } = await edge();
    const within = await send("/listings/x/objection", multipart(part("reasons", "a".repeat(300_000))));
    expect(within.body).toMatchObject({ kind: "stream" });
    const big = "a".repeat(bodyLimits.upload + 1);
    const declared = await send("/listings/x/objection", multipart(part("reasons", big)));
    expect(declared).toMatchObject({ status: 413, body: { error: { code: "PAYLOAD_TOO_LARGE" } } });
    // Sent without a length, the stream fails as soon as it passes the total.
    const unannounced = new ReadableStream({
      start(controller) {
        const chunk = new Uint8Array(1024 * 1024).fill(97);
        for (let sent = 0; sent <= bodyLimits.upload; sent += chunk.length) controller.enqueue(chunk);
        controller.close();
      },
    });
    const streamed = await send("/listings/x/objection", { ...multipart(""), body: unannounced, duplex: "half" });
    expect(streamed).toMatchObject({ status: 413, body: { kind: "stream", refused: "PAYLOAD_TOO_LARGE" } });
    // The same form to a page that takes no files is held to a form's limit.
    expect((await send("/account", multipart(part("reasons", "a".repeat(300_000))))).status).toBe(413);
  });
});

describe("text never carries a NUL character", () => {
  it("refuses U+0000 anywhere in a JSON body, keys included (400)", async () => {
    const { send } = await edge();
    for (const body of ['{"reasons":"Zhang\\u0000San"}', '{"a":{"b":["ok","\\u0000"]}}', '{"na\\u0000me":1}', '"\\u0000"']) {
      const answer = await send("/api/v1/listings/x/objections", json(body));
      expect(answer.status, body).toBe(400);
      expect(answer.body.error).toMatchObject({ code: "BAD_REQUEST", details: { rule: "nul" } });
    }
    expect(await send("/api/v1/listings/x/objections", json('{"reasons":"fine"}'))).toMatchObject({ status: 200 });
    // A body nested thousands deep is read without overflowing the stack.
    const deep = `${"[".repeat(20_000)}"\\u0000"${"]".repeat(20_000)}`;
    expect((await send("/api/v1/listings", json(deep))).status).toBe(400);
  });

  it("refuses U+0000 in a form field, a multipart field, a query or the address (400)", async () => {
    const { send } = await edge();
    expect((await send("/signup", form("name=Zhang%00San&email=a%40b.example"))).status).toBe(400);
    expect((await send("/signup", form("na%00me=x"))).status).toBe(400);
    expect((await send("/account", multipart(part("name", "token\u0000name")))).status).toBe(400);
    expect((await send("/?q=%00")).status).toBe(400);
    expect((await send("/api/v1/announcements?q=x%00y")).status).toBe(400);
    expect((await send("/listings/%00")).status).toBe(400);
    expect(await send("/signup", form("name=Zhang+San"))).toMatchObject({ status: 200, body: { text: "name=Zhang+San" } });
  });
});

describe("a page's action gets a form it can read, or the request is refused", () => {
  it("gives a bare POST (no body, no type) to the route as an empty form", async () => {
    const { send } = await edge();
    expect(await send("/signout", { method: "POST" })).toMatchObject({
      status: 200,
      body: { kind: "read", text: "", contentType: "application/x-www-form-urlencoded" },
    });
  });

  it("refuses a broken multipart body (400) and a body that is no form (415)", async () => {
    const { send } = await edge();
    expect(await send("/signin", multipart("garbage"))).toMatchObject({ status: 400, body: { error: { code: "BAD_REQUEST" } } });
    expect(
      (await send("/signin", { method: "POST", headers: { "Content-Type": "multipart/form-data" }, body: "x" })).status,
    ).toBe(400);
    expect(await send("/signin", json("{}"))).toMatchObject({ status: 415, body: { error: { code: "UNSUPPORTED_MEDIA_TYPE" } } });
    expect((await send("/signin", { method: "POST", headers: { "Content-Type": "text/plain" }, body: "hi" })).status).toBe(415);
  });

  it("refuses a page's action from another host whatever the Authorization header says (403), as Remix would", async () => {
    const { send } = await edge();
    for (const origin of ["https://evil.example", "junk", "http://127.0.0.1:1"]) {
      const answer = await send("/signin", {
        ...form("a=b"),
        headers: { ...form("").headers, Origin: origin, Authorization: "Bearer junk" },
      });
      expect(answer, origin).toMatchObject({ status: 403, body: { error: { code: "CSRF_REJECTED" } } });
    }
  });

  it("refuses the legacy ?_data= parameter (400): pages load their data at <path>.data", async () => {
    const { send } = await edge();
    for (const path of ["/?_data=routes/_index", "/signin?_data=root", "/api/v1/time?_data="]) {
      expect(await send(path), path).toMatchObject({ status: 400, body: { error: { code: "BAD_REQUEST" } } });
    }
    expect((await send("/signin?_data=root", form("a=b"))).status).toBe(400);
  });
});
