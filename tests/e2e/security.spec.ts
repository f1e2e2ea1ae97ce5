import { expect, signIn, test } from "./fixtures";

test("every page's inline scripts carry the response's CSP nonce, and the live room runs under the policy", async ({
  page,
  request,
}) => {
  for (const path of ["/", "/announcements", "/signin"]) {
    const response = await request.get(path);
    const policy = response.headers()["content-security-policy"] ?? "";
    // 16 random bytes in base64, new for this response.
    expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}=='/);
    const nonce = policy.match(/'nonce-([^']+)'/)![1];
    const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const script of scripts) {
      if (/\bsrc=/.test(script)) continue;
      expect(script, path).toContain(`nonce="${nonce}"`);
    }
  }
  // A CSP violation is a console error, which fails the test: the room hydrates, connects and ticks.
  // The demo's textile auction is live until the clock project closes it (db/seed/e2e.ts, e2eDemo).
  await signIn(page, "investor@harbour.example");
  await page.goto("/");
  await page
    .getByRole("link", { name: /Hangzhou textile/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: /Hangzhou textile/ })).toBeVisible();
});

test("the production server serves no secret, data or project file", async ({ request }) => {
  for (const path of [
    "/.data/session-secret",
    "/db/seed/demo.ts?raw",
    "/server/config.ts?raw",
    "/package.json",
    "/.git/config",
    "/main.js",
  ]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});

test("a form posted from another site is refused even when it claims our host in X-Forwarded-Host", async ({
  request,
  baseURL,
}) => {
  const forged = await request.post("/signin", {
    headers: { origin: "https://evil.example", "x-forwarded-host": "evil.example" },
    form: { email: "investor@harbour.example", password: "nplex-demo-2026" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.code).toBe("CSRF_REJECTED");
  const own = await request.post("/signin", {
    headers: { origin: new URL(baseURL!).origin },
    form: { email: "nobody@nplex.example", password: "wrong-password-1" },
    maxRedirects: 0,
  });
  expect(own.status()).not.toBe(403);
});
