import { randomUUID } from "node:crypto";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { demoPassword, expect, test } from "./fixtures";
import { fillPath, openApiPath, routeFiles } from "./routes";

/**
 * Bad input is the caller's mistake, never the server's: every API route (each method, with junk
 * bodies and query strings) and every page (junk queries, and junk form posts to its action), as
 * each role, answers below 500. The routes come from app/routes, so a new one is fuzzed as it lands.
 */

type Role = "anonymous" | "investor" | "seller" | "operator";
const accounts: Record<Role, string | null> = {
  anonymous: null,
  investor: "investor@harbour.example",
  seller: "seller@eastbank.example",
  operator: "operator@nplex.example",
};

interface Probe {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** What the probe sends, for the failure list. */
  what: string;
}

const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const unknownId = "00000000-0000-4000-8000-000000000000";
const junkIds = ["not-a-uuid", "%00", "9".repeat(40), "x".repeat(300)];
const junkQueries = [
  "page=999999",
  "page=-1&pageSize=1e400",
  "afterSeq=2147483648&limit=99999999999999999999",
  "afterSeq=-1",
  "q=%00",
  `q=${"x".repeat(3000)}`,
  "status=%00&mode=[]&kind=%FF",
  "minPrice=99999999999999999999999&maxPrice=-5&endingSoon=yes",
  "redirectTo=%0a%2F%2Fevil.example",
  "page=1&page=2&page[]=3",
];
const junkJson = ["", "{", "null", "[]", '"x"', "1e999", '{"__proto__":{"polluted":1}}', "\u0000", '{"a":"\\u0000"}'];
const nul = "x\u0000y";
const boundary = "----nplexfuzz";

/** A value of the schema's shape (the first of an enum, a plausible string or number): the base that one field at a time is spoiled in. */
function sample(schema: Record<string, unknown> | undefined): unknown {
  if (!schema) return undefined;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const variants = (schema.anyOf ?? schema.oneOf) as Record<string, unknown>[] | undefined;
  if (variants) return sample(variants.find((v) => v.type !== "null") ?? variants[0]);
  switch (schema.type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, sample(value)]));
    }
    case "array":
      return [sample(schema.items as Record<string, unknown>)];
    case "boolean":
      return true;
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "string": {
      if (schema.format === "uuid") return randomUUID();
      if (schema.format === "date-time") return new Date(Date.now() + 86_400_000).toISOString();
      if (typeof schema.pattern === "string" && schema.pattern.includes("\\d")) return "100000";
      const length = Math.min(Math.max(Number(schema.minLength ?? 0), 30), Number(schema.maxLength ?? 30));
      return "Fuzzing the boundary of the API".padEnd(length, ".").slice(0, length);
    }
    default:
      return "x";
  }
}

/** Values of the wrong JSON type for a field: refused by any schema, so safe to send with a real id. */
function wrongTypes(schema: Record<string, unknown>): unknown[] {
  const values: unknown[] = [nul, schema.type === "string" || schema.format ? 123 : "123", []];
  if (!JSON.stringify(schema).includes('"null"')) values.push(null);
  return values;
}

/** Out-of-range and oversized values: possibly valid for a lax field, so sent only with an unknown id. */
const extremes: unknown[] = [-1, 2147483648, 1e308, "9".repeat(40)];

/** Junk JSON, then the schema's sample with one field spoiled at a time. */
function jsonBodies(schema: Record<string, unknown> | undefined, realId: boolean): string[] {
  const bodies = [...junkJson, "{}"];
  const base = sample(schema);
  if (!base || typeof base !== "object" || Array.isArray(base)) return bodies;
  const variant = (schema?.oneOf as Record<string, unknown>[] | undefined)?.[0] ?? schema;
  const properties = (variant?.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [field, fieldSchema] of Object.entries(properties)) {
    for (const value of [...wrongTypes(fieldSchema), ...(realId ? [] : extremes)]) {
      bodies.push(JSON.stringify({ ...base, [field]: value }));
    }
  }
  bodies.push(JSON.stringify({ ...base, padding: "x".repeat(200_000) }));
  return bodies;
}

function multipart(parts: string): string {
  return `--${boundary}\r\n${parts}\r\n--${boundary}--\r\n`;
}

function formBodies(fieldNames: string[]): { what: string; headers: Record<string, string>; body?: string }[] {
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  const nulForm = new URLSearchParams(Object.fromEntries((fieldNames.length ? fieldNames : ["intent"]).map((n) => [n, nul])));
  return [
    { what: "no body", headers: {} },
    { what: "empty form", headers: form, body: "" },
    { what: "junk form", headers: form, body: "%%%&&==&intent=%ZZ&=x" },
    { what: "NUL in every field", headers: form, body: nulForm.toString() },
    { what: "raw NUL byte", headers: form, body: "intent=\u0000" },
    { what: "broken multipart", headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` }, body: "garbage" },
    { what: "multipart without boundary", headers: { "Content-Type": "multipart/form-data" }, body: "intent=x" },
    {
      what: "multipart with a NUL field",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: multipart(`Content-Disposition: form-data; name="${fieldNames[0] ?? "intent"}"\r\n\r\n${nul}`),
    },
    { what: "text body", headers: { "Content-Type": "text/plain" }, body: "hello" },
    { what: "JSON body", headers: { "Content-Type": "application/json" }, body: "{}" },
    { what: "oversized form", headers: form, body: `intent=${"x".repeat(300_000)}` },
  ];
}

/** Runs probes a few at a time; returns every 5xx (and tells `seen` each answer's status). */
async function run(
  request: APIRequestContext,
  probes: Probe[],
  seen?: (index: number, status: number) => void,
  concurrency = 6,
): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const index = next++;
      const probe = probes[index]!;
      let response: APIResponse;
      try {
        response = await request.fetch(probe.url, {
          method: probe.method,
          headers: probe.headers,
          data: probe.body,
          maxRedirects: 0,
          failOnStatusCode: false,
        });
      } catch (error) {
        failures.push(`${probe.method} ${probe.url} (${probe.what}): ${String(error).split("\n")[0]}`);
        continue;
      }
      seen?.(index, response.status());
      if (response.status() >= 500)
        failures.push(`${probe.method} ${probe.url.slice(0, 200)} (${probe.what}): ${response.status()}`);
      await response.dispose();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failures;
}

test.describe("fuzzing every route", () => {
  // Each role's run measured 20-60 s, the longest under load: ~3x.
  test.describe.configure({ timeout: 180_000 });

  for (const role of Object.keys(accounts) as Role[]) {
    test(`no API route or page answers 5xx to bad input, as ${role}`, async ({ playwright, baseURL }) => {
      const site = new URL(baseURL!);
      const origin = site.origin;
      // The fuzzer comes from an address of its own (all of 127/8 is this machine): its refused
      // sign-ins and sign-ups must not count against the address the other specs sign in from.
      if (site.hostname === "localhost" || site.hostname === "127.0.0.1") site.hostname = "127.0.0.2";
      const request = await playwright.request.newContext({ baseURL: site.origin, extraHTTPHeaders: { Origin: origin } });
      const email = accounts[role];
      if (email) {
        const signedIn = await request.post("/signin", { form: { email, password: demoPassword }, maxRedirects: 0 });
        expect(signedIn.status(), `${role} signs in`).toBeLessThan(400);
      }

      const doc = await (await request.get("/api/v1/openapi.json")).json();
      const listings = (await (await request.get("/api/v1/listings?pageSize=50")).json()).items as {
        id: string;
        status: string;
      }[];
      // Real listings in different states reach deeper than unknown ids: a live one and an announced one.
      const realIds = ["live", "announced"].map((status) => listings.find((l) => l.status === status)?.id ?? unknownId);
      const routes = routeFiles();
      const probes: Probe[] = [];
      const later: Probe[] = [];
      const failures: string[] = [];

      // Each API route and method once; a method it does not handle (405) needs no more.
      const api = routes.filter((r) => r.api).flatMap((route) => methods.map((method) => ({ route, method })));
      const handled: typeof api = [];
      const plain = api.map(({ route, method }) => ({ method, url: fillPath(route.path, { id: unknownId }), what: "plain" }));
      failures.push(...(await run(request, plain, (index, status) => status !== 405 && handled.push(api[index]!))));

      for (const { route, method } of handled) {
        const documented = doc.paths[openApiPath(route.path)]?.[method.toLowerCase()];
        const hasId = route.path.includes(":");
        const add = (id: string, what: string, extra: { query?: string; body?: string; headers?: Record<string, string> } = {}) =>
          probes.push({
            method,
            url: fillPath(route.path, { id }) + (extra.query ? `?${extra.query}` : ""),
            headers: extra.headers,
            body: extra.body,
            what,
          });
        for (const id of hasId ? junkIds : []) add(id, "junk id");
        if (method === "GET") {
          for (const id of hasId ? [unknownId, ...realIds] : [unknownId]) {
            for (const query of junkQueries) add(id, "junk query", { query });
          }
          continue;
        }
        const schema = documented?.requestBody?.content?.["application/json"]?.schema;
        // Without a body (DELETE, PUT watch) the request acts on a real id: only unknown ones here.
        for (const id of hasId && schema ? [unknownId, realIds[0]!] : [unknownId]) {
          for (const body of jsonBodies(schema, id !== unknownId)) {
            add(id, `body ${body.slice(0, 80)}`, { body, headers: { "Content-Type": "application/json" } });
          }
          add(id, "form body", { body: "a=%00", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
          add(id, "junk bearer from another site", { headers: { Authorization: "Bearer junk", Origin: "https://evil.example" } });
        }
      }

      for (const route of routes.filter((r) => !r.api)) {
        const ids = route.path.includes(":") ? [realIds[0]!, unknownId, junkIds[0]!] : [""];
        for (const [n, id] of ids.entries()) {
          const url = fillPath(route.path, { id });
          probes.push(
            { method: "GET", url, what: "page" },
            { method: "GET", url: `${url === "/" ? "/_root" : url}.data`, what: "single fetch" },
          );
          if (n === 0) {
            for (const query of [...junkQueries, `_data=${route.id}`, "_data=root", "_data=%00"]) {
              probes.push({ method: "GET", url: `${url}?${query}`, what: "page query" });
            }
          }
          if (!route.hasAction) continue;
          // Signing out ends the session the other probes use: it goes last.
          const queue = route.path === "/signout" ? later : probes;
          if (n === 2) {
            queue.push({ method: "POST", url, what: "junk id, no body" });
            continue;
          }
          const fields = await formFieldNames(request, url);
          for (const body of formBodies(fields))
            queue.push({ method: "POST", url, what: body.what, headers: body.headers, body: body.body });
          queue.push({ method: "POST", url: `${url}?_data=${route.id}`, what: "legacy _data post", body: "" });
          queue.push({
            method: "POST",
            url,
            what: "junk bearer from another site",
            headers: {
              Authorization: "Bearer junk",
              Origin: "https://evil.example",
              "Content-Type": "application/x-www-form-urlencoded",
            },
            body: "a=b",
          });
        }
      }

      failures.push(...(await run(request, probes)), ...(await run(request, later)));
      test.info().annotations.push({ type: "probes", description: String(api.length + probes.length + later.length) });
      expect(failures, `5xx answers as ${role}`).toEqual([]);
      await request.dispose();
    });
  }
});

/** The names of the fields of a page's forms, as this role sees the page (none when it is not shown). */
async function formFieldNames(request: APIRequestContext, url: string): Promise<string[]> {
  const response = await request.get(url, { maxRedirects: 0 });
  if (!response.ok() || !(response.headers()["content-type"] ?? "").includes("text/html")) return [];
  const html = await response.text();
  return [...new Set([...html.matchAll(/<(?:input|select|textarea|button)\b[^>]*\bname="([^"]+)"/g)].map((m) => m[1]!))];
}
