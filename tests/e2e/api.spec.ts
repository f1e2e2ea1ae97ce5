import { z } from "zod";
import { listingDetailSchema, listingPageSchema } from "../../core/contract/listings";
import { timeSchema } from "../../server/http/openapi";
import { answer, refusal } from "./contract";
import { expect, test } from "./fixtures";
import { fillPath, openApiPath, routeFiles } from "./routes";

const detailAnswer = z.object({ listing: listingDetailSchema });

// The server's clock is still the machine's: the clock project, which moves it, runs after this one.
test("GET /api/v1/time reports the server's time", async ({ request }) => {
  const before = Date.now();
  const body = await answer(await request.get("/api/v1/time"), timeSchema);
  expect(Math.abs(Date.parse(body.serverTime) - before)).toBeLessThan(5_000);
  expect(body.epochMs).toBe(Date.parse(body.serverTime));
});

test("GET /api/v1/listings filters by status, mode and kind and paginates", async ({ request }) => {
  const page = async (query: string) => answer(await request.get(`/api/v1/listings?${query}`), listingPageSchema);
  const live = await page("status=live");
  expect(live.items.length).toBeGreaterThanOrEqual(3);
  for (const item of live.items) expect(item.status).toBe("live");

  const packages = await page("kind=package&mode=auction");
  // The demo's two portfolios: the bank's four claims and its 200-loan book.
  expect(packages.items.map((i: { kind: string }) => i.kind)).toEqual(["package", "package"]);

  const page1 = await page("pageSize=3&page=1");
  const page2 = await page("pageSize=3&page=2");
  expect(page1.items).toHaveLength(3);
  expect(page1.total).toBe(page2.total);
  const ids = new Set([...page1.items, ...page2.items].map((i: { id: string }) => i.id));
  expect(ids.size).toBe(page1.items.length + page2.items.length);
});

test("GET /api/v1/listings/:id carries the auction state, never the reserve", async ({ request }) => {
  const { items } = await answer(await request.get("/api/v1/listings?status=live"), listingPageSchema);
  const { listing } = await answer(await request.get(`/api/v1/listings/${items[0]!.id}`), detailAnswer);
  expect(listing).toMatchObject({
    id: items[0]!.id,
    status: "live",
    currency: "CNY",
    increment: expect.stringMatching(/^\d+$/),
    nextMinimumBid: expect.stringMatching(/^\d+$/),
    reserveMet: expect.any(Boolean),
    bidCount: expect.any(Number),
    lastSeq: expect.any(Number),
  });
  expect(listing).not.toHaveProperty("reservePrice");
  expect(BigInt(listing.nextMinimumBid)).toBe(
    listing.currentPrice ? BigInt(listing.currentPrice) + BigInt(listing.increment) : BigInt(listing.startingPrice),
  );
});

test("bad requests get the error shape with a fitting status, never a 500", async ({ request }) => {
  const cases: [string, number, string][] = [
    ["/api/v1/listings?status=draft", 400, "BAD_REQUEST"],
    ["/api/v1/listings?page=0", 400, "BAD_REQUEST"],
    ["/api/v1/listings?pageSize=1000", 400, "BAD_REQUEST"],
    ["/api/v1/listings/not-a-uuid", 404, "NOT_FOUND"],
    ["/api/v1/listings/00000000-0000-4000-8000-000000000000", 404, "NOT_FOUND"],
    ["/api/v1/nothing-here", 404, "NOT_FOUND"],
  ];
  for (const [url, status, code] of cases) {
    const error = await refusal(await request.get(url), status);
    expect(error.code, url).toBe(code);
    expect(error.message, url).not.toBe("");
  }
  const post = await request.post("/api/v1/listings", { headers: { Authorization: "Bearer x" }, data: {} });
  expect(post.status()).toBe(401);
  const put = await request.put("/api/v1/listings", { headers: { Authorization: "Bearer x" }, data: {} });
  expect(put.status()).toBe(405);
});

test("the OpenAPI document describes the routes with the same filters the API validates", async ({ request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      "/api/v1/time",
      "/api/v1/listings",
      "/api/v1/listings/{id}",
      "/api/v1/listings/{id}/bids",
      "/api/v1/listings/{id}/registrations",
      "/api/v1/listings/{id}/transitions",
      "/api/v1/announcements",
    ]),
  );
  const apply = doc.paths["/api/v1/listings/{id}/registrations"].post.requestBody.content["application/json"].schema;
  expect(apply.required).toEqual(expect.arrayContaining(["applicantName", "attestations", "acceptTerms"]));
  expect(apply.required).not.toContain("depositReference");
  const status = doc.paths["/api/v1/listings"].get.parameters.find((p: { name: string }) => p.name === "status");
  expect(status.schema.enum).toEqual([
    "announced",
    "live",
    "ended",
    "awarded",
    "contracted",
    "paid",
    "closed",
    "failed",
    "suspended",
  ]);
});

test("every API route file, with each method it answers, is in the OpenAPI document", async ({ request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  const unknownId = "00000000-0000-4000-8000-000000000000";
  const handled: string[] = [];
  for (const route of routeFiles().filter((r) => r.api && !r.path.endsWith("*"))) {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      // A junk token: no credential is used (nothing changes), and the form origin check lets it by.
      const response = await request.fetch(fillPath(route.path, { id: unknownId }), {
        method,
        headers: { Authorization: "Bearer not-a-token" },
        maxRedirects: 0,
      });
      // 405 is the route's own refusal; x-remix-error is Remix's, for a route with no loader or action.
      if (response.status() !== 405 && !response.headers()["x-remix-error"]) {
        handled.push(`${method.toLowerCase()} ${openApiPath(route.path)}`);
      }
    }
  }
  expect(handled).toEqual(
    expect.arrayContaining(["get /api/v1/me", "delete /api/v1/listings/{id}/proxy", "get /api/v1/listings/{id}/me"]),
  );
  const undocumented = handled.filter((entry) => {
    const [method, path] = entry.split(" ");
    return !doc.paths[path!]?.[method!];
  });
  expect(undocumented).toEqual([]);
});

test("the bid log refuses a catch-up point beyond any seq (400), never a 500", async ({ request }) => {
  const { items } = await answer(await request.get("/api/v1/listings?status=live"), listingPageSchema);
  for (const afterSeq of ["2147483648", "99999999999999999999", "-1", "1.5"]) {
    const error = await refusal(await request.get(`/api/v1/listings/${items[0]!.id}/bids?afterSeq=${afterSeq}`), 400);
    expect(error.code, afterSeq).toBe("BAD_REQUEST");
    expect((error.details as { issues: { path: string }[] }).issues[0]!.path).toBe("afterSeq");
  }
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  const afterSeq = doc.paths["/api/v1/listings/{id}/bids"].get.parameters.find((p: { name: string }) => p.name === "afterSeq");
  expect(afterSeq.schema.maximum).toBe(2147483647);
});

test("a form posted from another site is refused", async ({ request }) => {
  const response = await request.post("/signin", {
    headers: { Origin: "https://evil.example" },
    form: { email: "investor@harbour.example", password: "nplex-demo-2026" },
  });
  expect((await refusal(response, 403)).code).toBe("CSRF_REJECTED");
});

test.describe("rate limits", () => {
  test.use({ expectedErrorStatuses: [401, 429] });

  test("sign-in is rate limited with a clear 429", async ({ page }) => {
    const email = `nobody.${Date.now()}@example.com`;
    await page.goto("/signin");
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill("wrong-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert")).toBeVisible();
    }
    await expect(page.getByRole("alert")).toContainText(/Too many attempts\. Try again in \d+ seconds\./);
  });
});
