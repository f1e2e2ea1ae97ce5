import type { APIRequestContext } from "@playwright/test";
import { demoParties } from "../../db/seed/demo";
import { expect, test } from "./fixtures";

const secrets = Object.values(demoParties)
  .flat(2)
  .flatMap((party) => [party.name, party.idNumber]);

async function everyPublicListing(request: APIRequestContext) {
  const response = await request.get("/api/v1/listings?pageSize=100");
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { items: { id: string }[]; total: number };
  expect(body.items.length).toBe(body.total);
  return body.items.map((i) => i.id);
}

test("an anonymous visitor never receives a borrower's or guarantor's name or ID number", async ({ request }) => {
  // Every public page of every listing: 14 s alone, past 45 s late in the full suite on two cores.
  test.setTimeout(150_000);
  const ids = await everyPublicListing(request);
  expect(ids.length).toBeGreaterThanOrEqual(8);
  const urls = [
    "/",
    "/?status=live",
    "/?kind=package",
    "/?q=Hangzhou",
    "/signin",
    "/signup",
    "/api/v1/time",
    "/api/v1/openapi.json",
    "/api/v1/listings?pageSize=100",
    "/api/v1/listings?q=Zhang",
    "/announcements",
    "/announcements?q=Hangzhou",
    "/api/v1/announcements?pageSize=100",
    "/?region=Zhejiang&classification=doubtful&endingSoon=1",
    ...ids.flatMap((id) => [
      `/listings/${id}`,
      `/api/v1/listings/${id}`,
      `/listings/${id}.data`,
      `/announcements/${id}`,
      `/api/v1/listings/${id}/timeline`,
      `/api/v1/listings/${id}/objections`,
    ]),
  ];
  let masked = 0;
  for (const url of urls) {
    const response = await request.get(url);
    const body = await response.text();
    for (const secret of secrets) {
      expect(body, `${url} must not contain "${secret}"`).not.toContain(secret);
    }
    if (body.includes("*****")) masked += 1;
  }
  // The listing pages do show the parties, masked: the check above looked where they are.
  expect(masked).toBeGreaterThanOrEqual(ids.length);
});

test("a published notice to the debtors names their companies, never a natural person or an ID number", async ({ request }) => {
  const parties = Object.values(demoParties).flat(2);
  const hidden = [...parties.filter((p) => p.kind === "person").map((p) => p.name), ...parties.map((p) => p.idNumber)];
  let published = 0;
  for (const id of await everyPublicListing(request)) {
    const response = await request.get(`/listings/${id}/debtor-notice`);
    if (response.status() === 404) continue;
    expect(response.status()).toBe(200);
    published += 1;
    const body = await response.text();
    for (const secret of hidden) expect(body, `the notice of ${id} must not contain "${secret}"`).not.toContain(secret);
    expect(body).toContain("Co., Ltd.");
  }
  // The demo's closed sale has published its notice.
  expect(published).toBeGreaterThanOrEqual(1);
});

test("a search for a borrower's name finds nothing", async ({ request }) => {
  for (const name of ["Zhang Weiguo", "梁志强", "91330109MA2B7Q4X1J"]) {
    const response = await request.get(`/api/v1/listings?q=${encodeURIComponent(name)}`);
    expect((await response.json()).total).toBe(0);
    const announcements = await request.get(`/api/v1/announcements?q=${encodeURIComponent(name)}`);
    expect((await announcements.json()).total).toBe(0);
  }
});
