import { expect, signIn, signInWithForm, test } from "./fixtures";

// The one test that signs in through the form, as a person would; the others sign in over HTTP.
test("the demo investor signs in, opens a live listing and reads it in Chinese", async ({ page }) => {
  await signInWithForm(page, "investor@harbour.example");
  await expect(page.getByRole("link", { name: "Hannah Lau" })).toBeVisible();

  // A demo listing live for two days: the first live card ends soonest, and the test lots
  // (db/seed/e2e.ts) end within minutes of the server's start, possibly while this test reads one.
  const liveCard = page.locator("article").filter({ hasText: "Live" }).filter({ hasText: "Ningbo logistics" });
  const title = await liveCard.getByRole("heading").innerText();
  await liveCard.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText("Current price").first()).toBeVisible();
  await expect(page.getByText("Ends in")).toBeVisible();

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByText("当前价").first()).toBeVisible();
  await expect(page.getByText("距结束")).toBeVisible();
  await expect(page.getByText("竞价中")).toBeVisible();
  await expect(page.getByRole("link", { name: "← 全部项目" })).toBeVisible();
  await expect(page.getByText("CN¥")).toHaveCount(0);

  // The choice persists across visits.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("不良资产处置项目");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Non-performing assets for sale");
});

test("signing out ends the session on the server", async ({ page, context }) => {
  await signIn(page, "investor@jaderiver.example");
  const cookie = (await context.cookies()).find((c) => c.name === "nplex_session");
  expect(cookie).toBeDefined();
  await page.goto("/");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  // Replaying the old cookie no longer signs anyone in.
  await context.addCookies([cookie!]);
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test.describe("refusals", () => {
  test.use({ expectedErrorStatuses: [401] });

  test("a wrong password is refused with a clear message and keeps the email", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill("investor@harbour.example");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
    await expect(page.getByLabel("Email")).toHaveValue("investor@harbour.example");
  });
});

test("a new investor signs up and waits for verification", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Mei Chan");
  await page.getByLabel("Email").fill(`mei.${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByLabel("Organisation name").fill("Chan Family Office");
  await page.getByRole("button", { name: "Create account" }).last().click();
  await expect(page.getByRole("status")).toContainText("awaiting verification");
});
