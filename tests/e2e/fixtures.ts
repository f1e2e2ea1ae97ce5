import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { demoAccounts } from "../../db/seed/demo";

export { expect };

/**
 * Every test fails on an unexpected console error or uncaught exception in the page. A test that
 * provokes an error status on purpose (a refused sign-in) names the statuses it expects.
 */
export const test = base.extend<{ consoleErrors: string[]; expectedErrorStatuses: number[] }>({
  expectedErrorStatuses: [[], { option: true }],
  consoleErrors: [
    async ({ page, expectedErrorStatuses }, use) => {
      const errors: string[] = [];
      const expected = new RegExp(
        `^Failed to load resource: the server responded with a status of (${expectedErrorStatuses.join("|") || "none"}) `,
      );
      page.on("console", (message) => {
        if (message.type() === "error" && !expected.test(message.text())) errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(String(error)));
      await use(errors);
      expect(errors, "console errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});

export const demoPassword = demoAccounts.password;

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, email: string, password = demoPassword) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/signin/);
}

/** One person in a browser of their own, signed in; its console errors are gathered in `errors`. */
export async function person(browser: Browser, email: string, errors: string[]): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on("console", (message) => message.type() === "error" && errors.push(`${email}: ${message.text()}`));
  page.on("pageerror", (error) => errors.push(`${email}: ${String(error)}`));
  await signIn(page, email);
  return page;
}

/**
 * Fills and sends the registration form a listing's "Register to bid" opens: the bidder's name and
 * code, every barred-buyer declaration, the terms and the NDA, and the deposit's reference.
 */
export async function submitRegistration(page: Page, bidder: { name: string; idNumber: string; depositReference: string }) {
  await page.getByLabel("Legal name of the bidder").fill(bidder.name);
  await page.getByLabel("Number on the document").fill(bidder.idNumber);
  for (const box of await page.locator('input[name="attestations"], input[name="acceptTerms"], input[name="acceptNda"]').all()) {
    await box.check();
  }
  await page.getByLabel("Bank-transfer reference").fill(bidder.depositReference);
  await page.getByRole("button", { name: "Submit registration" }).click();
  await expect(page).toHaveURL(/\/registrations/);
}
