import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { sameOriginGuard } from "../../server/http/guards";
import { applyEdgeSecurity, siteOrigins, type EdgeOptions } from "../../server/http/security";
import { createSessionCookie, sessionTokenReader } from "../../server/http/session-cookie";

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** The edge of the real app in front of a handler that tells what it was given. */
async function edge(options: Partial<EdgeOptions> = {}) {
  const app = express();
  const origins = options.origins ?? siteOrigins("https://nplex.example", 3000);
  applyEdgeSecurity(app, { origins, trustProxy: false, hsts: false, ...options });
  app.use(sameOriginGuard(origins.accepted));
  app.all("*", (req, res) => {
    res.json({ host: req.headers.host, ip: req.ip, protocol: req.protocol, nonce: res.locals.cspNonce });
  });
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);
}

describe("the site's origin comes from PUBLIC_URL, never from the request", () => {
  it("refuses a form posted from another origin however X-Forwarded-Host is set", async () => {
    const request = await edge();
    const attempts: Record<string, string>[] = [
      { origin: "https://evil.example", "x-forwarded-host": "evil.example" },
      { origin: "http://127.0.0.1", "x-forwarded-host": "127.0.0.1" },
      { referer: "https://evil.example/page", "x-forwarded-host": "evil.example" },
      {},
    ];
    for (const headers of attempts) {
      const response = await request("/signin", { method: "POST", headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect((await response.json()).error.code).toBe("CSRF_REJECTED");
    }
  });

  it("accepts a form from PUBLIC_URL, and the app sees PUBLIC_URL's host whatever the client sent", async () => {
    const request = await edge();
    const response = await request("/signin", {
      method: "POST",
      headers: { origin: "https://nplex.example", "x-forwarded-host": "evil.example", host: "evil.example" },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).host).toBe("nplex.example");
  });

  it("passes a bearer-token call, but not a cookie call dressed with a malformed Authorization header", async () => {
    const request = await edge();
    expect((await request("/api/v1/x", { method: "POST", headers: { authorization: "Bearer abc" } })).status).toBe(200);
    for (const authorization of ["Bearer ", "Bearer a b", "Bearerabc", "Basic abc"]) {
      const response = await request("/api/v1/x", { method: "POST", headers: { authorization, cookie: "nplex_session=x" } });
      expect(response.status, authorization).toBe(403);
    }
  });

  it("in development without PUBLIC_URL, accepts the local addresses of its own port only", async () => {
    const request = await edge({ origins: siteOrigins(undefined, 3000) });
    for (const origin of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]) {
      expect((await request("/x", { method: "POST", headers: { origin } })).status, origin).toBe(200);
    }
    for (const origin of ["http://localhost:3001", "http://evil.example:3000", "https://localhost:3000"]) {
      expect((await request("/x", { method: "POST", headers: { origin } })).status, origin).toBe(403);
    }
  });
});

describe("trusting proxies", () => {
  it("believes no X-Forwarded-For unless TRUST_PROXY says so: a client cannot pick its address", async () => {
    const request = await edge();
    const seen = await (
      await request("/", { headers: { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" } })
    ).json();
    expect(seen.ip).toMatch(/127\.0\.0\.1/);
    expect(seen.protocol).toBe("http");
  });

  it("takes the client's address from a trusted proxy's X-Forwarded-For", async () => {
    const request = await edge({ trustProxy: ["loopback"] });
    const seen = await (
      await request("/", { headers: { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" } })
    ).json();
    expect(seen).toMatchObject({ ip: "203.0.113.9", protocol: "https" });
  });
});

describe("security headers", () => {
  it("sends a Content-Security-Policy whose script nonce is new for every response", async () => {
    const request = await edge();
    const first = await request("/");
    const second = await request("/");
    const policy = first.headers.get("content-security-policy")!;
    const { nonce } = await first.json();
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect((await second.json()).nonce).not.toBe(nonce);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("strict-transport-security")).toBeNull();
  });

  it("sends HSTS when the site is served over HTTPS in production", async () => {
    const request = await edge({ hsts: true });
    expect((await request("/")).headers.get("strict-transport-security")).toMatch(/^max-age=31536000/);
  });
});

describe("the session cookie's reader", () => {
  it("reads the token of a header signed with the secret, again and again, and nothing from one altered or signed otherwise", async () => {
    const cookie = createSessionCookie("the-secret-of-this-site-0123456789", false);
    const read = sessionTokenReader(cookie);
    const header = (await cookie.serialize("session-token-1")).split(";")[0]!;
    const value = header.slice(header.indexOf("=") + 1);
    const forged = (await createSessionCookie("another-secret-0123456789", false).serialize("session-token-1")).split(";")[0]!;

    expect(await read(`lang=zh; ${header}`)).toBe("session-token-1");
    expect(await read(`lang=zh; ${header}`)).toBe("session-token-1");
    for (const bad of [
      `nplex_session=${value.slice(0, -2)}`,
      `nplex_session=${Buffer.from(JSON.stringify("session-token-2")).toString("base64")}${value.slice(value.indexOf("."))}`,
      forged,
      "lang=zh",
      undefined,
    ])
      expect(await read(bad)).toBeNull();
    expect(await read(header)).toBe("session-token-1");
  });
});
