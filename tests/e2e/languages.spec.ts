import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/** The text of every script the page fetches from here on. */
function scriptsOf(page: Page) {
  const bodies: Promise<string>[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.endsWith(".js")) bodies.push(response.text());
  });
  return async () => (await Promise.all(bodies)).join("\n");
}

const englishHeading = "Non-performing assets for sale";
const chineseHeading = "不良资产处置项目";

test("a reader's browser fetches the messages of the reader's language only, and the other's on switching", async ({ page }) => {
  const scripts = scriptsOf(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(englishHeading);
  expect(await scripts()).toContain(englishHeading);
  expect(await scripts()).not.toContain(chineseHeading);

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(chineseHeading);
  expect(await scripts()).toContain(chineseHeading);
});

test.describe("read in Chinese from the start", () => {
  test.use({ locale: "zh-CN" });

  test("fetches no English messages", async ({ page }) => {
    const scripts = scriptsOf(page);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(chineseHeading);
    expect(await scripts()).toContain(chineseHeading);
    expect(await scripts()).not.toContain(englishHeading);
  });
});
