import type { APIRequestContext, Page } from "@playwright/test";
import { demoPassword, expect, test } from "./fixtures";

/** Targets that browsers would follow off the site if they reached a Location header as they are. */
const offSite = [
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\nSet-Cookie: a=b",
  "//evil.example",
  "/\\evil.example",
  "/.//evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
];

const post = (request: APIRequestContext, baseURL: string, path: string, form: Record<string, string>) =>
  request.post(path, { headers: { Origin: new URL(baseURL).origin }, form, maxRedirects: 0 });

test.describe("redirects", () => {
  test("the language switch sends back only to a page of this site", async ({ request, baseURL }) => {
    const exact = await request.post("/locale", {
      headers: { Origin: new URL(baseURL!).origin, "Content-Type": "application/x-www-form-urlencoded" },
      data: "locale=en&redirectTo=%2F%09%2Fevil.example",
      maxRedirects: 0,
    });
    expect(exact.status()).toBe(302);
    expect(exact.headers().location).toBe("/");

    for (const redirectTo of offSite) {
      const response = await post(request, baseURL!, "/locale", { locale: "en", redirectTo });
      expect(response.status(), JSON.stringify(redirectTo)).toBe(302);
      expect(response.headers().location, JSON.stringify(redirectTo)).toBe("/");
    }
    const kept = await post(request, baseURL!, "/locale", { locale: "en", redirectTo: "/announcements?q=plant#list" });
    expect(kept.headers().location).toBe("/announcements?q=plant#list");
  });

  test("signing in sends on only to a page of this site", async ({ request, baseURL }) => {
    for (const redirectTo of [...offSite, "/listings?status=live"]) {
      const response = await post(request, baseURL!, "/signin", {
        email: "investor@harbour.example",
        password: demoPassword,
        redirectTo,
      });
      expect(response.status(), JSON.stringify(redirectTo)).toBe(302);
      const expected = redirectTo === "/listings?status=live" ? redirectTo : "/";
      expect(response.headers().location, JSON.stringify(redirectTo)).toBe(expected);
    }
  });
});

/** Wrong passwords for `email` until one is refused for the wait; that refusal. */
async function untilRefused(request: APIRequestContext, baseURL: string, email: string) {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const response = await post(request, baseURL, "/signin", { email, password: "wrong-password" });
    if (response.status() === 429) return response;
    expect(response.status()).toBe(401);
  }
  throw new Error("never refused");
}

/** Wrong passwords through the form until the page says to wait: the alert, and the answer that brought it. */
async function untilWaitShown(
  page: Page,
  labels: { email: string; password: string; submit: string },
  email: string,
  wait: RegExp,
) {
  await page.goto("/signin");
  for (let attempt = 0; attempt < 10; attempt += 1) {
    await page.getByLabel(labels.email).fill(email);
    await page.getByLabel(labels.password).fill("wrong-password");
    const answered = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/signin"),
    );
    await page.getByRole("button", { name: labels.submit }).click();
    const response = await answered;
    const alert = page.getByRole("alert");
    await expect(alert).toBeVisible();
    if (wait.test((await alert.textContent()) ?? "")) return { alert, response };
  }
  throw new Error("the wait was never shown");
}

test.describe("a refused sign-in says how long to wait", () => {
  test.use({ expectedErrorStatuses: [401, 429] });

  test("in Retry-After, on the form's answer", async ({ request, baseURL }) => {
    const refused = await untilRefused(request, baseURL!, `nobody.${Date.now()}@example.com`);

    const retryAfter = Number(refused.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect(await refused.text()).toContain(`Try again in ${retryAfter} second`);
  });

  test("on the sign-in page, in English, and in Retry-After on the answer the page fetched", async ({ page }) => {
    const { alert, response } = await untilWaitShown(
      page,
      { email: "Email", password: "Password", submit: "Sign in" },
      `nobody.${Date.now()}@example.com`,
      /Too many attempts/,
    );
    await expect(alert).toHaveText(/^Too many attempts\. Try again in \d+ seconds?\.$/);
    expect(response.status()).toBe(429);
    expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
  });

  test.describe("in Chinese", () => {
    test.use({ locale: "zh-CN" });

    test("on the sign-in page", async ({ page }) => {
      const { alert } = await untilWaitShown(
        page,
        { email: "电子邮箱", password: "密码", submit: "登录" },
        `nobody.zh.${Date.now()}@example.com`,
        /尝试次数过多/,
      );
      await expect(alert).toHaveText(/^尝试次数过多，请 \d+ 秒后再试。$/);
    });
  });
});
