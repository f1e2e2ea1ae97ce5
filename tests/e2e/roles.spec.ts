import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { demoPassword, expect, signIn, test } from "./fixtures";

const users = {
  operator: "operator@nplex.example",
  seller: "seller@eastbank.example",
  approver: "approver@eastbank.example",
  investor: "investor@harbour.example",
  unverified: "analyst@northstar.example",
} as const;
type Who = keyof typeof users | "anonymous";

/** Who may open each page; everyone else signed in gets 403, anonymous visitors are sent to sign in. */
const pages: [string, Who[]][] = [
  ["/account", ["operator", "seller", "approver", "investor", "unverified"]],
  ["/operator/organisations", ["operator"]],
  ["/operator/audit", ["operator"]],
  ["/operator/mail", ["operator"]],
  ["/seller/listings", ["seller", "approver"]],
  ["/seller/assets", ["seller", "approver"]],
  ["/seller/assets/new", ["seller"]],
  ["/seller/tapes", ["seller"]],
  ["/seller/packages", ["seller", "approver"]],
  ["/seller/tapes/new", ["seller"]],
  ["/seller/tapes/template?lang=zh-CN&format=xlsx", ["seller", "approver"]],
];

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

test("every page refuses every role that may not use it", async ({ baseURL }) => {
  for (const who of ["anonymous", ...Object.keys(users)] as Who[]) {
    const context = await as(who, baseURL!);
    for (const [path, allowed] of pages) {
      const response = await context.get(path);
      const expected = allowed.includes(who) ? 200 : who === "anonymous" ? 302 : 403;
      expect(response.status(), `${who} GET ${path}`).toBe(expected);
      if (expected === 302) expect(response.headers().location).toBe(`/signin?redirectTo=${encodeURIComponent(path)}`);
      // Actions are guarded like loaders.
      if (!allowed.includes(who)) {
        const post = await context.post(path, { headers: { Origin: baseURL! }, form: { intent: "approve" } });
        expect([302, 403, 405], `${who} POST ${path}`).toContain(post.status());
      }
    }
    await context.dispose();
  }
});

test("an unverified organisation's user is signed in but holds no active role", async ({ baseURL }) => {
  const context = await as("unverified", baseURL!);
  const me = await (await context.get("/api/v1/me")).json();
  expect(me.user.email).toBe(users.unverified);
  expect(me.organisations).toEqual([expect.objectContaining({ role: "investor", status: "pending", active: false })]);
  await context.dispose();
});

test("an API token made on the account page authenticates the API until it is revoked", async ({ page, request }) => {
  expect((await request.get("/api/v1/me")).status()).toBe(401);

  await signIn(page, users.investor);
  await page.goto("/account");
  await page.getByLabel("Token name").fill("Portfolio sync");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.locator("#new-token").inputValue();
  expect(token).toMatch(/^npx_[0-9a-f]{8}_/);

  const headers = { Authorization: `Bearer ${token}` };
  const me = await request.get("/api/v1/me", { headers });
  expect(me.status()).toBe(200);
  expect((await me.json()).user.email).toBe(users.investor);
  expect((await (await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}x` } })).json()).error.code).toBe(
    "UNAUTHENTICATED",
  );

  // The token is shown once: after a reload only its name and prefix remain.
  await page.reload();
  await expect(page.locator("#new-token")).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);

  await page.getByRole("button", { name: "Revoke: Portfolio sync" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /Revoke/ })
    .click();
  await expect(page.getByText("Portfolio sync")).toHaveCount(0);
  expect((await request.get("/api/v1/me", { headers })).status()).toBe(401);
});

test("an operator approves a waiting organisation, and its investor's role becomes active", async ({ page, baseURL }) => {
  // An organisation of its own, just signed up: the demo's waiting one (Northstar) stays waiting
  // for the tests above, whatever order they run in.
  const name = `Eastwind Special Situations ${Date.now()}`;
  const applicant = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
  const signedUp = await applicant.post("/signup", {
    headers: { Origin: new URL(baseURL!).origin },
    form: {
      side: "investor",
      email: `analyst.${Date.now()}@eastwind.example`,
      password: "a-long-enough-password",
      displayName: "Wen Zhou",
      organisationName: name,
      organisationKind: "fund",
    },
  });
  expect(signedUp.status(), "sign up").toBe(302);
  expect((await (await applicant.get("/api/v1/me")).json()).organisations[0]).toMatchObject({ status: "pending", active: false });

  await signIn(page, users.operator);
  await page.goto("/operator/organisations");
  const card = page.getByRole("article").filter({ hasText: name });
  await card.getByRole("button", { name: "Approve" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/Reason/).fill("Licence and AML checks passed");
  await dialog.getByRole("button", { name: "Approve" }).click();
  // The table lists every organisation, waiting ones too: the decision is done when the notice
  // names it and its card has left the queue.
  await expect(page.getByText(`${name} is verified.`)).toBeVisible();
  await expect(card).toHaveCount(0);

  const me = await (await applicant.get("/api/v1/me")).json();
  expect(me.organisations[0]).toMatchObject({ status: "approved", active: true });
  await applicant.dispose();

  await page.goto("/operator/audit");
  await expect(page.getByText("Licence and AML checks passed").first()).toBeVisible();
});
