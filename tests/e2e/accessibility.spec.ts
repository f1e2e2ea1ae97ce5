import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

for (const path of ["/", "/signin", "/signup"]) {
  test(`${path} has no detectable accessibility violations`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  });
}

test("a listing page has no detectable accessibility violations in either language", async ({ page }) => {
  await page.goto("/?status=live");
  // A demo listing: the test lots (db/seed/e2e.ts), first by their end, close within minutes of the
  // server's start, possibly while this test reads one.
  await page.locator("article").filter({ hasNotText: "Test lot" }).locator("a").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  for (const lang of ["English", "中文"]) {
    await page.getByRole("button", { name: lang }).click();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  }
});
