import { expect, signIn, test } from "./fixtures";

const seller = "seller@eastbank.example";

/** A refused form answers 422, which the browser logs as a failed resource: expected where a test provokes one. */
const refusedFormsExpected = { expectedErrorStatuses: [422] };

/** A unique loan id per run, so that a second run against the same database records its own claim. */
const loanId = () => `E2E-${Date.now().toString(36)}`;

test.describe("recording by hand", () => {
  test.use(refusedFormsExpected);

  test("a seller records a claim by hand, is told of an amount that is not one, fixes it, and reveals its borrower (audited)", async ({
    page,
  }) => {
    await signIn(page, seller);
    await page.goto("/seller/assets");
    await expect(page.getByRole("heading", { level: 1, name: "Assets" })).toBeVisible();
    await page.getByRole("link", { name: "Record an asset" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Record an asset" })).toBeVisible();

    const id = loanId();
    await page.getByLabel("Title", { exact: true }).fill("Secured claim on a Wenzhou shoe maker");
    await page.getByLabel("Region").fill("Zhejiang · Wenzhou");
    await page.getByLabel("Loan id (optional)").fill(id);
    await page.getByLabel("Principal outstanding").fill("2,400,000.505");
    await page.getByLabel("Accrued interest").fill("186,000");
    await page.getByLabel("Five-level classification").selectOption("doubtful");
    await page.getByLabel("Security", { exact: true }).selectOption("collateral");
    const collateral = page.getByRole("group", { name: "Collateral item 1" });
    await collateral.getByLabel("Location").fill("Lucheng District, Wenzhou");
    await collateral.getByLabel("Appraised value").fill("1,900,000");
    const borrower = page.getByRole("group", { name: "New borrower or guarantor 1" });
    await borrower.getByLabel("Person or company").selectOption("person");
    await borrower.getByLabel("Name").fill("Lin Xiaoyan");
    await borrower.getByLabel("ID number or credit code").fill("330302198506154421");
    await page.getByRole("button", { name: "Record the asset" }).click();

    // Three decimals of a yuan is no amount: the form says so in yuan, and keeps what was typed.
    await expect(page.getByRole("alert")).toContainText("Some fields need your attention");
    const principal = page.getByLabel("Principal outstanding");
    await expect(principal).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter an amount such as 1,250,000.50")).toBeVisible();
    await expect(page.getByRole("group", { name: "New borrower or guarantor 1" }).getByLabel("Name")).toHaveValue("Lin Xiaoyan");
    await principal.fill("2,400,000.50");
    await page.getByRole("button", { name: "Record the asset" }).click();

    await expect(page.getByText("Recorded.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Secured claim on a Wenzhou shoe maker" })).toBeVisible();
    await expect(page.getByLabel("Principal outstanding")).toHaveValue("2400000.50");
    // Stored encrypted, shown masked: the name appears nowhere on the page until revealed.
    await expect(page.getByText("L*****")).toBeVisible();
    await expect(page.locator("body")).not.toContainText("Lin Xiaoyan");
    await page.getByRole("button", { name: "Show names and ID numbers" }).click();
    await expect(page.getByText("Lin Xiaoyan")).toBeVisible();
    await expect(page.getByText("330302198506154421")).toBeVisible();
    await expect(page.getByText(/recorded in the audit log/)).toBeVisible();

    // The book lists it by its loan id.
    await page.goto(`/seller/assets?q=${encodeURIComponent(id)}`);
    await expect(page.getByRole("link", { name: "Secured claim on a Wenzhou shoe maker" })).toHaveCount(1);
  });
});

test("an asset in a public listing is shown but cannot be changed", async ({ page }) => {
  await signIn(page, seller);
  await page.goto("/seller/assets?q=textile");
  await page.getByRole("link", { name: "Secured claim on a Hangzhou textile manufacturer" }).click();
  await expect(page.getByText(/its facts are what reviewers approved/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expect(page.getByLabel("Principal outstanding")).toBeDisabled();
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN", ...refusedFormsExpected });

  test("the asset form reads in Chinese, and so do its refusals", async ({ page }) => {
    await signIn(page, seller);
    await page.goto("/seller/assets/new?kind=real_estate");
    await expect(page.getByRole("heading", { level: 1, name: "登记资产" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "房产信息" })).toBeVisible();
    await page.getByRole("button", { name: "登记资产" }).click();
    await expect(page.getByRole("alert")).toContainText("部分字段需要修改");
    await expect(page.getByText("标题应为 3 至 200 个字符。")).toBeVisible();
  });
});

test("an approved bidder who accepted the NDA sees a lot's borrowers and guarantors in full; a visitor only masked", async ({
  page,
}) => {
  const openTextileListing = async () => {
    await page.goto("/?q=textile");
    await page.getByRole("link", { name: "Secured claim on a Hangzhou textile manufacturer" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Secured claim on a Hangzhou textile manufacturer" })).toBeVisible();
  };
  await openTextileListing();
  const parties = page.getByTestId("parties");
  await expect(parties).toContainText("Z*****");
  await expect(page.getByRole("button", { name: "Show in full" })).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText("Zhang Weiguo");

  await signIn(page, "investor@harbour.example");
  await openTextileListing();
  await page.getByRole("button", { name: "Show in full" }).click();
  await expect(parties).toContainText("Zhang Weiguo");
  await expect(parties).toContainText("330109196805121237");
  await expect(page.getByText(/this view is recorded/)).toBeVisible();
});
