import { expect, test } from "./fixtures";

test("an anonymous visitor reads a package's listing by its aggregates: totals, the start's share of principal, and a chart and table per dimension", async ({
  page,
  request,
}) => {
  const answer = await request.get("/api/v1/listings?kind=package");
  const { items } = (await answer.json()) as { items: { id: string; title: string }[] };
  const portfolio = items.find((l) => l.title.includes("SME portfolio"));
  expect(portfolio, "the demo's SME portfolio is listed").toBeDefined();

  await page.goto(`/listings/${portfolio!.id}`);
  await expect(page.getByRole("heading", { level: 2, name: "The portfolio at a glance" })).toBeVisible();
  await expect(page.getByTestId("total-count")).toHaveText("4");
  await expect(page.getByTestId("start-share")).toContainText("%");
  await expect(page.getByTestId("chart-classification").locator("svg.recharts-surface")).toBeVisible();
  const provinces = page.getByRole("table", { name: "Share of principal by Province" });
  await expect(provinces.getByRole("row").nth(1)).toContainText("Zhejiang");

  const detail = (await (await request.get(`/api/v1/listings/${portfolio!.id}`)).json()) as { listing: { packageId: string } };
  const stratification = await request.get(`/api/v1/packages/${detail.listing.packageId}/stratification`);
  expect(stratification.status()).toBe(200);
  expect(((await stratification.json()) as { stratification: { totals: { count: number } } }).stratification.totals.count).toBe(
    4,
  );
});
