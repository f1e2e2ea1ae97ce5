import { demoParties } from "../../db/seed/demo";
import { expect, person, test } from "./fixtures";

/**
 * The demo's claims sold in the last weeks: the Ningbo plastics claim is paid, its debtors not yet
 * notified; the Hangzhou garments claim is closed, its notice published and its files handed over.
 */
const idOf = async (request: { get: (url: string) => Promise<{ json: () => Promise<unknown> }> }, title: string) => {
  const { items } = (await (await request.get("/api/v1/listings?pageSize=100")).json()) as {
    items: { id: string; title: string }[];
  };
  return items.find((l) => l.title === title)!.id;
};

test("the seller's admin publishes the notice to the debtors of a paid claim: public, naming the borrower company, masking the guarantor", async ({
  browser,
  page,
}) => {
  const errors: string[] = [];
  const seller = await person(browser, "seller@eastbank.example", errors, "zh-CN");
  const id = await idOf(seller.request, "Unsecured claim on a Ningbo plastics maker");
  await seller.goto(`/manage/listings/${id}`);
  await expect(seller.getByTestId("closing-card")).toContainText("协议已签署，余款已付清");
  await seller.getByTestId("closing-card").getByRole("link", { name: "债权转让通知暨催收公告" }).click();
  await seller.getByRole("button", { name: "发布债权转让通知暨催收公告" }).click();
  await expect(seller.getByRole("status")).toContainText("公告已发布。");
  const letters = await seller.request.get(`/listings/${id}/debtor-letters.pdf`);
  expect(letters.headers()["content-type"]).toBe("application/pdf");

  // Anyone may read it: the borrower company named, the guarantor (a natural person) masked.
  await page.goto(`/listings/${id}`);
  await page.getByTestId("debtor-notice-link").getByRole("link", { name: "Notice to the debtors" }).click();
  const text = page.getByTestId("notice-text");
  await expect(text).toContainText("Borrower: Ningbo Beilun Huatai Plastics Co., Ltd.");
  await expect(text).toContainText("Guarantors: 王**");
  const [, guarantor] = demoParties.plastics;
  expect(await page.content()).not.toContain(guarantor!.name);
  expect(await page.content()).not.toContain(guarantor!.idNumber);
  expect((await page.request.get(`/listings/${id}/debtor-notice.pdf`)).headers()["content-type"]).toBe("application/pdf");
  // The letters naming each debtor in full are not the public's.
  expect((await page.request.get(`/listings/${id}/debtor-letters.pdf`, { maxRedirects: 0 })).status()).toBe(302);
  expect(errors).toEqual([]);
});

test("a closed sale shows its status, its notice and its completed hand-over to the buyer", async ({ browser }) => {
  const errors: string[] = [];
  const buyer = await person(browser, "liming@investor.example", errors);
  const id = await idOf(buyer.request, "Guaranteed claim on a Hangzhou garment exporter");
  await buyer.goto(`/listings/${id}`);
  await expect(buyer.getByText("Closed", { exact: true }).first()).toBeVisible();
  await expect(buyer.getByTestId("purchase")).toContainText("The balance was paid in full");
  await expect(buyer.getByTestId("next-step")).toHaveText("The sale is complete: the claim and its files are yours.");
  await buyer.getByRole("link", { name: "The hand-over checklist" }).click();
  await expect(buyer.getByTestId("handover-progress")).toHaveText(
    "Every item is received and the balance is paid: the sale is complete.",
  );
  await buyer.goto(`/listings/${id}/agreement`);
  await expect(buyer.getByTestId("agreement-standing")).toHaveText("Both sides have signed.");
  expect(errors).toEqual([]);
});

test("the seller reads a closed sale's disposal report and its recovery across its sales", async ({ browser }) => {
  const errors: string[] = [];
  const seller = await person(browser, "seller@eastbank.example", errors);
  const id = await idOf(seller.request, "Guaranteed claim on a Hangzhou garment exporter");
  await seller.goto(`/manage/listings/${id}`);
  await seller.getByTestId("closing-card").getByRole("link", { name: "Disposal report" }).click();
  // ¥1,200,000 for ¥2,900,000 of principal and ¥236,000 of interest.
  await expect(seller.getByTestId("recovery-rate")).toHaveText("38.26%");
  await expect(seller.getByTestId("price-chart")).toBeVisible();
  await expect(seller.getByRole("table", { name: "Every bid, in order" }).getByRole("row")).toHaveCount(4);
  const csv = await seller.request.get(`/listings/${id}/report.csv`);
  expect(await csv.text()).toContain("recovery_rate,38.26%");
  expect((await seller.request.get(`/listings/${id}/report.pdf`)).headers()["content-type"]).toBe("application/pdf");

  await seller.goto("/seller/listings");
  await seller.getByRole("link", { name: "Recovery across your sales" }).click();
  await expect(seller.getByRole("row").filter({ hasText: "Guaranteed claim on a Hangzhou garment exporter" })).toContainText(
    "38.26%",
  );
  await expect(seller.getByTestId("overall-recovery")).toContainText("Overall recovery (CNY):");
  expect(errors).toEqual([]);
});

test("the operator follows every sale still closing: signatures, balance, hand-over and notice", async ({ browser }) => {
  const errors: string[] = [];
  const operator = await person(browser, "operator@nplex.example", errors);
  await operator.goto("/operator/payments");
  await operator.getByRole("link", { name: "Closing" }).click();
  await expect(operator.getByRole("heading", { level: 1 })).toHaveText("Closing");
  const contracted = operator.getByRole("row").filter({ hasText: "Secured claim on a Wuxi textile-machinery maker" });
  await expect(contracted).toContainText("2 of 2 signed");
  await expect(contracted).toContainText("Harbour Capital");
  const paid = operator.getByRole("row").filter({ hasText: "Unsecured claim on a Ningbo plastics maker" });
  await expect(paid).toContainText("Paid");
  // A closed sale has left the queue.
  await expect(operator.getByRole("row").filter({ hasText: "Hangzhou garment exporter" })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("without an SMTP server the operator reads the platform's mail in its outbox, the winner's with its sale confirmation", async ({
  browser,
}) => {
  const errors: string[] = [];
  const operator = await person(browser, "operator@nplex.example", errors);
  await operator.goto("/operator/closing");
  await operator.getByRole("link", { name: "Mail" }).click();
  await expect(operator.getByRole("heading", { level: 1 })).toHaveText("Mail");
  // The demo's notifications are mailed within seconds of the start: kept here, each to its reader.
  const won = operator.getByTestId("mail").filter({ hasText: "You won" }).first();
  await expect(won).toContainText("Kept (no SMTP)", { timeout: 30_000 });
  await expect(won).toContainText("Attached: sale confirmation (PDF)");
  await expect(won).toContainText("nplex ·");
  expect(errors).toEqual([]);
});
