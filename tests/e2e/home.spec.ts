import { expect, test } from "./fixtures";

test("a page past the last shows the last page of listings, never a count over an empty list", async ({ page, request }) => {
  const { total, pageSize } = await (await request.get("/api/v1/listings")).json();
  expect(total).toBeGreaterThan(0);
  await page.goto("/?page=999");
  await expect(page).toHaveURL(new RegExp(`[?&]page=${Math.ceil(total / pageSize)}(&|$)`));
  await expect(page.getByText(`${total} listings`)).toBeVisible();
  await expect(page.getByText("No listings match")).toHaveCount(0);
  await expect(page.locator("article").first()).toBeVisible();
});

test("a page past the last shows the last page of announcements, never a count over an empty list", async ({ page, request }) => {
  const { total, pageSize } = await (await request.get("/api/v1/announcements")).json();
  expect(total).toBeGreaterThan(0);
  await page.goto("/announcements?page=999");
  await expect(page).toHaveURL(new RegExp(`[?&]page=${Math.ceil(total / pageSize)}(&|$)`));
  await expect(page.getByText(`${total} announcement`)).toBeVisible();
  await expect(page.getByText("No announcements match your search.")).toHaveCount(0);
});
