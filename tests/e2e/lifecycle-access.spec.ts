import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { demoPassword, expect, test } from "./fixtures";

const users = {
  operator: "operator@nplex.example",
  seller: "seller@eastbank.example",
  approver: "approver@eastbank.example",
  investor: "investor@harbour.example",
} as const;
type Who = keyof typeof users | "anonymous";
const everyone: Who[] = ["anonymous", "operator", "seller", "approver", "investor"];
const signedIn: Who[] = ["operator", "seller", "approver", "investor"];

async function as(who: Who, baseURL: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
  if (who !== "anonymous") {
    const response = await context.post("/signin", {
      headers: { Origin: baseURL },
      form: { email: users[who], password: demoPassword, redirectTo: "/" },
    });
    expect(response.status(), `sign in as ${who}`).toBe(302);
  }
  return context;
}

// These read the seeded states (the asset-management company's announced and failed listings, the
// bank's draft), which no test changes before the clock project's, which runs last.

/** Who may open each of the lifecycle's pages: others signed in get 403, anonymous visitors go to sign in. */
const pages: [string, Who[]][] = [
  ["/manage/listings/new", ["seller"]],
  ["/review", ["operator", "seller", "approver"]],
  ["/operator/registrations", ["operator"]],
  ["/operator/announcements", ["operator"]],
  ["/operator/objections", ["operator"]],
  ["/registrations", ["investor"]],
  ["/watchlist", ["investor"]],
  ["/notifications", signedIn],
];

test("every lifecycle page refuses every role that may not use it", async ({ baseURL }) => {
  for (const who of everyone) {
    const context = await as(who, baseURL!);
    for (const [path, allowed] of pages) {
      const response = await context.get(path);
      const expected = allowed.includes(who) ? 200 : who === "anonymous" ? 302 : 403;
      expect(response.status(), `${who} GET ${path}`).toBe(expected);
      if (!allowed.includes(who)) {
        const post = await context.post(path, { headers: { Origin: baseURL! }, form: { intent: "publish" } });
        expect([302, 403, 405], `${who} POST ${path}`).toContain(post.status());
      }
    }
    await context.dispose();
  }
});

test("every lifecycle API call refuses every role that may not use it", async ({ baseURL }) => {
  const anon = await as("anonymous", baseURL!);
  const announced = (await (await anon.get("/api/v1/listings?status=announced")).json()).items as {
    id: string;
    seller: { name: string };
  }[];
  // A listing of the asset-management company: the bank's staff have no part in it.
  const amcListing = announced.find((l) => l.seller.name === "Huaxin Asset Management")!;
  expect(amcListing, "an announced listing of another seller").toBeTruthy();
  // The asset-management company's failed auction: only its own seller staff may re-list it.
  const amcFailed = ((await (await anon.get("/api/v1/listings?status=failed")).json()).items as typeof announced).find(
    (l) => l.seller.name === "Huaxin Asset Management",
  )!;
  expect(amcFailed?.id, "a failed listing of another seller").toMatch(/^[0-9a-f-]{36}$/);
  const unknown = "00000000-0000-4000-8000-000000000000";
  const json = { headers: { Origin: baseURL!, "Content-Type": "application/json" } };

  /** [method, path, body, expected status by role]. Allowed roles get a body the service refuses on its merits. */
  const calls: [string, string, unknown, Record<Who, number>][] = [
    ["POST", "/api/v1/listings", { title: "x" }, { anonymous: 401, operator: 403, seller: 422, approver: 403, investor: 403 }],
    [
      "POST",
      `/api/v1/listings/${amcListing.id}/transitions`,
      { action: "approve" },
      { anonymous: 401, operator: 403, seller: 403, approver: 403, investor: 403 },
    ],
    [
      "POST",
      `/api/v1/listings/${amcListing.id}/transitions`,
      { action: "publish" },
      { anonymous: 401, operator: 409, seller: 403, approver: 403, investor: 403 },
    ],
    // The operator may withdraw, but not without a reason: refused before anything changes.
    [
      "POST",
      `/api/v1/listings/${amcListing.id}/transitions`,
      { action: "withdraw" },
      { anonymous: 401, operator: 422, seller: 403, approver: 403, investor: 403 },
    ],
    [
      "POST",
      `/api/v1/listings/${amcListing.id}/registrations`,
      { applicantName: "" },
      { anonymous: 401, operator: 403, seller: 403, approver: 403, investor: 422 },
    ],
    [
      "POST",
      `/api/v1/registrations/${unknown}`,
      { action: "approve" },
      { anonymous: 401, operator: 404, seller: 403, approver: 403, investor: 403 },
    ],
    [
      "DELETE",
      `/api/v1/registrations/${unknown}`,
      undefined,
      { anonymous: 401, operator: 403, seller: 403, approver: 403, investor: 404 },
    ],
    [
      "POST",
      `/api/v1/objections/${unknown}`,
      { decision: "dismiss", reason: "No grounds given." },
      { anonymous: 401, operator: 404, seller: 403, approver: 403, investor: 403 },
    ],
    [
      "POST",
      `/api/v1/listings/${amcListing.id}/objections`,
      { reasons: "too short" },
      { anonymous: 401, operator: 422, seller: 422, approver: 422, investor: 422 },
    ],
    [
      "PUT",
      `/api/v1/listings/${unknown}/watch`,
      undefined,
      { anonymous: 401, operator: 404, seller: 404, approver: 404, investor: 404 },
    ],
    [
      "POST",
      `/api/v1/listings/${amcListing.id}/tender`,
      { amount: "1" },
      { anonymous: 401, operator: 403, seller: 403, approver: 403, investor: 403 },
    ],
    [
      "GET",
      `/api/v1/listings/${amcListing.id}/tender`,
      undefined,
      { anonymous: 404, operator: 404, seller: 404, approver: 404, investor: 404 },
    ],
    [
      "POST",
      `/api/v1/listings/${amcFailed.id}/rounds`,
      { mode: "auction", startingPrice: "1" },
      { anonymous: 401, operator: 403, seller: 403, approver: 403, investor: 403 },
    ],
    [
      "GET",
      `/api/v1/listings/${amcFailed.id}/rounds`,
      undefined,
      { anonymous: 200, operator: 200, seller: 200, approver: 200, investor: 200 },
    ],
    [
      "GET",
      `/api/v1/listings/${amcListing.id}/negotiation`,
      undefined,
      { anonymous: 401, operator: 404, seller: 404, approver: 404, investor: 404 },
    ],
    [
      "POST",
      `/api/v1/listings/${amcListing.id}/negotiation`,
      { action: "offer", amount: "100", expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
      { anonymous: 401, operator: 404, seller: 404, approver: 404, investor: 404 },
    ],
    [
      "POST",
      `/api/v1/listings/${amcListing.id}/default`,
      { reason: "did not pay", offerRunnerUp: true },
      { anonymous: 401, operator: 409, seller: 403, approver: 403, investor: 403 },
    ],
    [
      "GET",
      `/api/v1/listings/${amcListing.id}/runner-up`,
      undefined,
      { anonymous: 401, operator: 403, seller: 403, approver: 403, investor: 404 },
    ],
    [
      "POST",
      `/api/v1/listings/${amcListing.id}/runner-up`,
      { accept: true },
      { anonymous: 401, operator: 403, seller: 403, approver: 403, investor: 404 },
    ],
    ["GET", "/api/v1/announcements", undefined, { anonymous: 200, operator: 200, seller: 200, approver: 200, investor: 200 }],
    [
      "GET",
      `/api/v1/listings/${amcListing.id}/timeline`,
      undefined,
      { anonymous: 200, operator: 200, seller: 200, approver: 200, investor: 200 },
    ],
  ];
  for (const who of everyone) {
    const context = await as(who, baseURL!);
    for (const [method, path, body, expected] of calls) {
      const response = await context.fetch(path, { method, ...json, ...(body === undefined ? {} : { data: body }) });
      expect(response.status(), `${who} ${method} ${path} ${JSON.stringify(body ?? "")}`).toBe(expected[who]);
      if (response.status() >= 400) expect((await response.json()).error.code).toMatch(/^[A-Z_]+$/);
    }
    await context.dispose();
  }
  await anon.dispose();
});

test("a listing's private pages are the seller's and the operators' business; registering and objecting need the right person", async ({
  baseURL,
}) => {
  // The demo bank's draft, found where its seller finds it.
  const seller = await as("seller", baseURL!);
  const mine = await (await seller.get("/seller/listings")).text();
  const draftId = mine.match(/\/manage\/listings\/([0-9a-f-]{36})"[^>]*>Unsecured claim on a Wenzhou restaurant chain</)?.[1];
  expect(draftId, "the bank's draft").toBeTruthy();
  const announced = (await (await seller.get("/api/v1/listings?status=announced")).json()).items[0].id as string;
  await seller.dispose();
  const unknown = "00000000-0000-4000-8000-000000000000";

  const cases: [string, Record<Who, number>][] = [
    [`/manage/listings/${draftId}`, { anonymous: 302, operator: 200, seller: 200, approver: 200, investor: 404 }],
    [`/manage/listings/${draftId}/edit`, { anonymous: 302, operator: 403, seller: 200, approver: 403, investor: 403 }],
    [`/manage/listings/${unknown}`, { anonymous: 302, operator: 404, seller: 404, approver: 404, investor: 404 }],
    [`/listings/${announced}/register`, { anonymous: 302, operator: 403, seller: 403, approver: 403, investor: 200 }],
    [`/listings/${announced}/objection`, { anonymous: 302, operator: 200, seller: 200, approver: 200, investor: 200 }],
    [`/objections/attachments/${unknown}`, { anonymous: 302, operator: 404, seller: 404, approver: 404, investor: 404 }],
    ["/announcements", { anonymous: 200, operator: 200, seller: 200, approver: 200, investor: 200 }],
    [`/announcements/${announced}`, { anonymous: 200, operator: 200, seller: 200, approver: 200, investor: 200 }],
  ];
  for (const who of everyone) {
    const context = await as(who, baseURL!);
    for (const [path, expected] of cases) {
      const response = await context.get(path);
      expect(response.status(), `${who} GET ${path}`).toBe(expected[who]);
    }
    // Acting on the draft is refused to anyone with no part in it, whatever the intent.
    if (who === "investor" || who === "anonymous") {
      const post = await context.post(`/manage/listings/${draftId}`, {
        headers: { Origin: baseURL! },
        form: { intent: "submit" },
      });
      expect([302, 404], `${who} POST the draft`).toContain(post.status());
    }
    await context.dispose();
  }
});

test("only the seller's own staff may put a failed listing up again: the next round's form is theirs alone", async ({
  baseURL,
}) => {
  const anon = await as("anonymous", baseURL!);
  const failed = (await (await anon.get("/api/v1/listings?status=failed")).json()).items as {
    id: string;
    title: string;
    seller: { name: string };
  }[];
  // The AMC's warehouse failed in its first round and has not been put up again.
  const amcFailed = failed.find((l) => l.seller.name === "Huaxin Asset Management" && l.title.includes("warehouse"))!;
  await anon.dispose();
  const page = `/manage/listings/${amcFailed.id}`;
  const relist = {
    intent: "relist",
    startingPrice: "6,000,000",
    increment: "20,000",
    deposit: "600,000",
    startsAt: "2027-03-01T10:00",
    endsAt: "2027-03-03T10:00",
  };
  const expected: Record<Who, [number, number]> = {
    anonymous: [302, 302],
    operator: [200, 403],
    seller: [404, 403],
    approver: [404, 403],
    investor: [404, 403],
  };
  for (const who of everyone) {
    const context = await as(who, baseURL!);
    expect((await context.get(page)).status(), `${who} GET ${page}`).toBe(expected[who][0]);
    const post = await context.post(page, { headers: { Origin: baseURL! }, form: relist });
    expect(post.status(), `${who} POST ${page} relist`).toBe(expected[who][1]);
    await context.dispose();
  }
  // Its own seller is offered the next round, and the operator sees it without the form.
  const own = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
  await own.post("/signin", {
    headers: { Origin: baseURL! },
    form: { email: "seller@huaxin-amc.example", password: demoPassword, redirectTo: "/" },
  });
  const html = await (await own.get(page)).text();
  expect(html).toContain("Re-list as round 2");
  expect(html).toContain('name="startingPrice"');
  await own.dispose();
  const operator = await as("operator", baseURL!);
  const seen = await (await operator.get(page)).text();
  expect(seen).toContain("Only the seller&#x27;s admins and staff may put this lot up again.");
  expect(seen).not.toContain('name="startingPrice"');
  await operator.dispose();
});
