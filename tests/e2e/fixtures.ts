import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { demoAccounts } from "../../db/seed/demo";

export { expect };

/** The app's pages, once React has hydrated them (app/root.tsx); until then a typed value may be lost. */
const hydrated = "html[data-hydrated]";
/** A page of the app (its <html> has a lang) that React has not hydrated yet. */
const notHydrated = "html[lang]:not([data-hydrated])";

/** Waits until the page's document is interactive: React has hydrated it. */
export async function hydration(page: Page) {
  await page.locator(hydrated).waitFor({ state: "attached" });
}

/**
 * Makes a page wait for hydration after every navigation: `goto`, `reload`, `goBack` and
 * `goForward` return once the new document is hydrated; and a document loaded otherwise (a link
 * followed or a form sent without the client's router, a redirect) is waited for before any action
 * or assertion on it, by a locator handler.
 */
export async function interactive(page: Page): Promise<Page> {
  for (const method of ["goto", "reload", "goBack", "goForward"] as const) {
    const navigate = page[method].bind(page) as (...args: unknown[]) => ReturnType<Page["goto"]>;
    (page as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      const response = await navigate(...args);
      await hydration(page);
      return response;
    };
  }
  await page.addLocatorHandler(page.locator(notHydrated), () => hydration(page));
  return page;
}

/**
 * Every test fails on an unexpected console error or uncaught exception in the page. A test that
 * provokes an error status on purpose (a refused sign-in) names the statuses it expects. The page
 * waits for hydration after each navigation (see `interactive`).
 */
export const test = base.extend<{ consoleErrors: string[]; expectedErrorStatuses: number[] }>({
  page: async ({ page }, use) => {
    await use(await interactive(page));
  },
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

/**
 * Signs the page's browser in: the sign-in form's POST, sent over HTTP from the browser context
 * (whose cookie jar keeps the session cookie it answers with). The page stays where it is; the
 * next navigation is signed in. The form itself is tested in investor.spec.ts (`signInWithForm`).
 */
export async function signIn(page: Page, email: string, password = demoPassword) {
  const baseURL = test.info().project.use.baseURL!;
  const response = await page.context().request.post("/signin", {
    headers: { Origin: new URL(baseURL).origin },
    form: { email, password },
    maxRedirects: 0,
  });
  expect(response.status(), `${email} signs in`).toBe(302);
  expect(response.headers()["set-cookie"], `${email}'s session cookie`).toContain("nplex_session=");
  expect((await page.context().cookies(baseURL)).map((c) => c.name)).toContain("nplex_session");
}

/** Signs in through the form, as a person would. */
export async function signInWithForm(page: Page, email: string, password = demoPassword) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/signin/);
}

/**
 * Another person's browser, of its own, waiting for hydration like the test's page; its console
 * errors and uncaught exceptions are gathered in `errors`, named by `who`.
 */
export async function browse(browser: Browser, who: string, errors: string[], locale?: string): Promise<Page> {
  const page = await interactive(await (await browser.newContext(locale ? { locale } : {})).newPage());
  page.on("console", (message) => message.type() === "error" && errors.push(`${who}: ${message.text()}`));
  page.on("pageerror", (error) => errors.push(`${who}: ${String(error)}`));
  return page;
}

/** One person in a browser of their own, signed in; its console errors are gathered in `errors`. */
export async function person(browser: Browser, email: string, errors: string[], locale?: string): Promise<Page> {
  const page = await browse(browser, email, errors, locale);
  await signIn(page, email);
  return page;
}

/**
 * Fills and sends the registration form a listing's "Register to bid" opens: the bidder's name and
 * code, every barred-buyer declaration, the terms and the NDA; the page then says how to pay the deposit.
 */
export async function submitRegistration(page: Page, bidder: { name: string; idNumber: string }) {
  await page.getByLabel("Legal name of the bidder").fill(bidder.name);
  await page.getByLabel("Number on the document").fill(bidder.idNumber);
  for (const box of await page.locator('input[name="attestations"], input[name="acceptTerms"], input[name="acceptNda"]').all()) {
    await box.check();
  }
  await page.getByRole("button", { name: "Submit registration" }).click();
  await expect(page).toHaveURL(/\/registrations/);
  await expect(page.getByTestId("deposit-instructions").first()).toContainText(/NPX-D-/);
}

/** The operator records the whole deposit of an applicant as received, with the bank's reference of the transfer. */
export async function recordDepositReceived(operator: Page, applicant: string, bankReference: string) {
  await operator.goto("/operator/registrations");
  const application = operator.getByRole("article").filter({ hasText: applicant });
  await application.getByRole("button", { name: "Record transfer received" }).click();
  const dialog = operator.getByRole("dialog");
  await dialog.getByLabel("The bank's reference of the transfer").fill(bankReference);
  await dialog.getByRole("button", { name: "Record transfer received" }).click();
  await expect(operator.getByRole("status").filter({ hasText: "has arrived in full" })).toBeVisible();
}
