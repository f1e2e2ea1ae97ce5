import type { Page } from "@playwright/test";
import { bidAndConfirm } from "./bidding";
import { expect, person, signIn, recordDepositReceived, submitRegistration, test } from "./fixtures";

const title = "Unsecured claim on a Jiaxing packaging maker";

/** Opens the action's confirmation, fills its reason or note if given, and confirms. */
async function confirmAction(page: Page, action: string, note?: string) {
  await page.getByRole("button", { name: action, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  if (note) await dialog.getByRole("textbox").fill(note);
  await dialog.getByRole("button", { name: action, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test("a listing from draft to a bid: drafted, approved twice, announced, registered, and bid on once the period is over", async ({
  page,
  browser,
  baseURL,
}) => {
  // Measured 31.3-39.2 s, the longer under load: ~3x.
  test.setTimeout(120_000);
  const errors: string[] = [];

  // The seller drafts a listing of a demo asset; the defaults pass the trade's rules.
  await signIn(page, "seller@eastbank.example");
  await page.goto("/seller/listings");
  await page.getByRole("link", { name: "New listing" }).click();
  // The bank's 200 imported loans fill the first pages: the seller finds the lot by name.
  await page.getByRole("searchbox", { name: "Find a lot" }).fill("Jiaxing packaging");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("table", { name: "1 lot found" })).toBeVisible();
  await page
    .getByRole("row", { name: new RegExp(title) })
    .getByRole("link", { name: "Draft a listing" })
    .click();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/manage\/listings\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await confirmAction(page, "Submit for review");
  await expect(page.getByText("Submitted for review. Your approvers have been told.")).toBeVisible();

  // Two approvers of the bank approve; the seller may not approve its own listing.
  for (const email of ["approver@eastbank.example", "approver2@eastbank.example"]) {
    const approver = await person(browser, email, errors);
    await approver.goto("/review");
    await approver.getByRole("link", { name: title, exact: true }).click();
    await confirmAction(approver, "Approve", `Checked by ${email}`);
    await expect(approver.getByText("Your approval is recorded.")).toBeVisible();
    await approver.context().close();
  }

  // The operator checks the disclosure and publishes the announcement.
  const operator = await person(browser, "operator@nplex.example", errors);
  await operator.goto(`/manage/listings/${id}`);
  await confirmAction(operator, "Check disclosure");
  await operator.goto("/operator/announcements");
  await operator
    .getByRole("row", { name: new RegExp(title) })
    .getByRole("button", { name: /Publish announcement/ })
    .click();
  await operator.getByRole("dialog").getByRole("button", { name: "Publish announcement", exact: true }).click();
  await expect(operator.getByText(`“${title}” is announced.`, { exact: false })).toBeVisible();

  // The public sees the announcement; an investor registers to bid.
  const investor = await person(browser, "investor@harbour.example", errors);
  await investor.goto("/announcements");
  await investor
    .getByRole("link", { name: new RegExp(title) })
    .first()
    .click();
  await expect(investor.getByText("Who may not bid")).toBeVisible();
  await investor.goto(`/listings/${id}`);
  await investor.getByRole("link", { name: "Register to bid" }).first().click();
  await submitRegistration(investor, {
    name: "Harbour Capital Partners Ltd.",
    idNumber: "91310000MA1FL0XX7Y",
  });
  await expect(investor.getByRole("row", { name: new RegExp(title) })).toContainText("Awaiting approval");

  // The operator records the deposit received and approves: a bidder code is issued.
  await recordDepositReceived(operator, "Harbour Capital Partners Ltd.", "HSBC-TT-20261122-0042");
  await operator
    .getByRole("article")
    .filter({ hasText: "Harbour Capital Partners Ltd." })
    .getByRole("button", { name: "Approve" })
    .click();
  await operator.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
  const code = (await operator.getByTestId("bidder-code").innerText()).trim();
  expect(code).toMatch(/^\d{4}$/);

  // Days pass: the announcement period ends and bidding opens on its own.
  const listing = (await (await page.request.get(`/api/v1/listings/${id}`)).json()).listing;
  const now = Date.parse((await (await page.request.get("/api/v1/time")).json()).serverTime);
  const moved = await page.request.post(`${baseURL}/__test/clock`, {
    data: { advanceMs: Date.parse(listing.startsAt) - now + 2000 },
  });
  expect(moved.ok()).toBe(true);
  // The opening job runs every 250 ms: 0.2 s measured; 10 s is ample.
  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/listings/${id}`)).json()).listing.status, { timeout: 10_000 })
    .toBe("live");

  // The investor bids at the start.
  await investor.goto(`/listings/${id}`);
  await expect(investor.getByTestId("my-code")).toHaveText(code);
  const amount = await investor.getByTestId("next-minimum").innerText();
  await bidAndConfirm(investor, amount);
  await expect(investor.getByTestId("my-standing")).toHaveText("You are the leading bidder");
  await expect(investor.getByTestId("leader-code")).toHaveText(`${code} (you)`);

  // The timeline tells the public the listing's story.
  const timeline = (await (await page.request.get(`/api/v1/listings/${id}/timeline`)).json()).timeline;
  expect(timeline.map((e: { action: string }) => e.action)).toEqual(["listing.publish", "listing.open"]);
  expect(errors, "console errors in the other people's pages").toEqual([]);
});
