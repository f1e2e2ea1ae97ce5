import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleError } from "../../app/entry.server";
import { api } from "../../app/lib/api.server";
import { assets, users } from "../../db/schema";
import { makeOrganisation } from "../../db/seed/factories";
import { createHttpApp } from "../../server/http/app";
import { siteOrigins } from "../../server/http/security";
import { createLogger } from "../../server/logger";
import { testServices } from "../support/db";

/** Personal data a failing query was given: none of it may reach a log line. */
const name = "Zhang Sanfeng";
const idNumber = "110101199003076632";
const email = "zhang.sanfeng@example.com";
const objection = "The guarantor Li Sifang never signed the guarantee";
const personal = [name, idNumber, email, objection, "Sanfeng", "Sifang"];

let ctx: Awaited<ReturnType<typeof testServices>>;
let lines: string[];
let logger: ReturnType<typeof createLogger>;

beforeEach(async () => {
  ctx = await testServices();
  lines = [];
  logger = createLogger(
    "info",
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
});
afterEach(async () => ctx.close());

const log = () => lines.join("");

/** Runs a query that the database refuses, and returns what it threw. */
async function failure(query: () => Promise<unknown>): Promise<Error> {
  try {
    await query();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error("the query was expected to fail");
}

/** Three ways a query fails with personal data in it: a duplicate, a NUL in a text, a missing column. */
async function failedQueries() {
  const { db } = ctx.services;
  const user = { email, displayName: `${name} ${idNumber}`, passwordHash: "x" };
  await db.insert(users).values(user);
  const org = await makeOrganisation(ctx.services, { name: "Eastern Commercial Bank", kind: "bank" });
  return {
    // 23505, whose detail quotes the key: (lower(email))=(zhang.sanfeng@example.com).
    duplicate: await failure(() => db.insert(users).values(user)),
    // 22021: PostgreSQL stores no NUL in text; the parameters hold the name and the ID number.
    nul: await failure(() =>
      db
        .select()
        .from(users)
        .where(eq(users.displayName, `${name}\u0000${idNumber}`)),
    ),
    // 23502, whose detail quotes the whole row.
    notNull: await failure(() =>
      db.insert(assets).values({ sellerOrgId: org.id, kind: "claim", title: objection, region: null as unknown as string }),
    ),
  };
}

describe("logs carry error codes and ids, never the data a query was given", () => {
  it("logs a failed query's class, SQLSTATE, constraint and stack frames, and none of its parameters", async () => {
    const { duplicate, nul, notNull } = await failedQueries();
    for (const err of [duplicate, nul, notNull]) logger.error({ err }, "query failed");

    const entries = lines.map(
      (line) => JSON.parse(line) as { err: { type: string; stack?: string; cause?: Record<string, unknown> } },
    );
    expect(entries.map((e) => e.err.cause?.code)).toEqual(["23505", "22021", "23502"]);
    expect(entries[0]!.err.cause?.constraint).toBe("users_email_key");
    for (const { err } of entries) {
      expect(err.type).toBe("DrizzleQueryError");
      expect(err.stack).toMatch(/^\s+at /);
    }
    for (const value of personal) expect(log()).not.toContain(value);
  });

  it("an API route's failure is answered 500 and logged without the data", async () => {
    const { nul } = await failedQueries();
    const context = { logger } as unknown as AppLoadContext;
    const response = await api(context, () => Promise.reject(nul));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain(idNumber);
    expect(log()).toContain("22021");
    for (const value of personal) expect(log()).not.toContain(value);
  });

  it("a page's loader or action failure is logged by Remix's error hook without the data", async () => {
    const { duplicate } = await failedQueries();
    const request = new Request(`http://localhost/signup?q=${encodeURIComponent(name)}`, { method: "POST" });
    handleError(duplicate, { request, params: {}, context: { logger } as unknown as AppLoadContext });
    expect(log()).toContain("23505");
    for (const value of personal) expect(log()).not.toContain(value);
  });

  it("the access log names the path and the query's keys, never their values; an error on the way is logged without its data", async () => {
    const { notNull } = await failedQueries();
    const services = {
      ...ctx.services,
      logger,
      identity: {
        ...ctx.services.identity,
        principalFromApiToken: () => Promise.reject(notNull),
      },
    };
    const app = createHttpApp({
      services,
      sessionSecret: "logging-test-secret-that-is-long-enough-0123456789",
      production: true,
      origins: siteOrigins(undefined, 3000),
      trustProxy: false,
      secure: false,
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const query = new URLSearchParams({ q: name, region: idNumber, email });
      const refused = await fetch(`${base}/listings?${query}`, { method: "POST" });
      expect(refused.status).toBe(403);
      const failed = await fetch(`${base}/api/v1/listings?${query}`, { headers: { Authorization: "Bearer some-token" } });
      expect(failed.status).toBe(500);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const access = lines.map((line) => JSON.parse(line)).filter((entry) => entry.req);
    expect(access.map((entry) => [entry.req.path, entry.req.queryKeys])).toEqual(
      expect.arrayContaining([
        ["/listings", ["q", "region", "email"]],
        ["/api/v1/listings", ["q", "region", "email"]],
      ]),
    );
    expect(log()).toContain("23502");
    for (const value of personal) expect(log()).not.toContain(value);
    expect(log()).not.toContain(encodeURIComponent(email));
  });
});
