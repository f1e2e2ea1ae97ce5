import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

// A refused form answers 422, which the browser reports as a failed load.
test.use({ expectedErrorStatuses: [422] });

/** Fills the registration form with this name and number, ticks every box and sends it. */
async function send(page: Page, labels: { name: string; number: string; submit: string }, name: string, number: string) {
  await page.getByLabel(labels.name).fill(name);
  await page.getByLabel(labels.number).fill(number);
  for (const box of await page.locator('input[name="attestations"], input[name="acceptTerms"], input[name="acceptNda"]').all()) {
    await box.check();
  }
  await page.getByRole("button", { name: labels.submit }).click();
}

test("the registration form says which rule a legal name or an ID number breaks, in English and in Chinese", async ({ page }) => {
  await signIn(page, "investor@jaderiver.example");
  const { items } = await (await page.request.get("/api/v1/listings?status=announced&mode=auction")).json();
  expect(items.length).toBeGreaterThan(0);
  await page.goto(`/listings/${items[0].id}/register`);
  await expect(page.getByLabel("Identity document")).toHaveValue("credit_code");

  const english = { name: "Legal name of the bidder", number: "Number on the document", submit: "Submit registration" };
  // A credit code with its last character mistyped, and markup for a name.
  await send(page, english, "<script>alert(1)</script>", "91320000MA1MX4C3XB");
  const form = page.getByRole("form", { name: "Register to bid" });
  await expect(
    form.getByText("The last character does not match the others: check the number for a mistyped character.").first(),
  ).toBeVisible();
  await expect(
    form
      .getByText("A legal name has letters (of any script), digits, spaces and the punctuation . , ' - ( ) & / · only.")
      .first(),
  ).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);

  await page.getByRole("button", { name: "中文" }).click();
  await page.getByLabel("证件类型").selectOption("resident_id");
  await expect(page.getByText("18 位：前 17 位为数字（第 7 至 14 位为出生日期），最后一位为校验码（数字或 X）。")).toBeVisible();
  // A resident ID number whose date of birth is 30 February.
  await send(page, { name: "竞买人法定名称", number: "证件号码", submit: "提交报名" }, "李明 <b>", "110101199002300011");
  const zhForm = page.getByRole("form", { name: "报名竞买" });
  await expect(zhForm.getByText("身份证号码第 7 至 14 位应为真实的出生日期，请核对号码。").first()).toBeVisible();
  await expect(zhForm.getByText("法定名称只能包含各种文字、数字、空格及标点 . , ' - ( ) & / ·。").first()).toBeVisible();
});
