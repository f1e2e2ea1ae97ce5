import { expect, person, test } from "./fixtures";

/**
 * The demo's awarded auction (six excavators, Suzhou): Harbour Capital won it; Jade River and Li
 * Ming lost, and their deposits were released when the server started.
 */
const title = "Six excavators and two cranes, Suzhou depot";

test("after the award the losers see their deposits released; both sides sign the transfer agreement; the winner's balance, once the operator records it, is paid; the hand-over closes the sale", async ({
  browser,
}) => {
  // Four people and some forty steps: 20-24 s alone, more than 45 s late in the full suite, when
  // every page of the grown demo takes 4-6 s to load on two cores.
  test.setTimeout(150_000);
  const errors: string[] = [];

  // A loser, in Chinese: its deposit is released and the platform owes it back.
  const loser = await person(browser, "investor@jaderiver.example", errors, "zh-CN");
  await loser.goto("/registrations");
  const row = loser.getByRole("row").filter({ hasText: "Six excavators" });
  await expect(row.getByTestId("deposit-status")).toHaveAttribute("data-status", "released");
  await expect(row).toContainText("已解冻退还");

  // The winner is told what it owes, by when, and the reference to quote.
  const winner = await person(browser, "investor@harbour.example", errors);
  const { items } = await (await winner.request.get("/api/v1/listings?status=awarded")).json();
  const listing = (items as { id: string; title: string }[]).find((l) => l.title === title)!;
  await winner.goto(`/listings/${listing.id}`);
  const purchase = winner.getByTestId("purchase");
  await expect(purchase).toContainText("You won this lot at CN¥2,260,000.00");
  await expect(purchase.getByTestId("balance-amount")).toHaveText("CN¥2,041,000.00");
  const reference = (await purchase.getByTestId("balance-reference").innerText()).trim();
  expect(reference).toMatch(/^NPX-B-/);
  await expect(purchase.getByTestId("next-step")).toContainText(
    "What to do now: sign the transfer agreement and pay the balance by",
  );

  // The sale confirmation names the buyer, as a PDF.
  const confirmation = await winner.request.get(
    (await purchase.getByRole("link", { name: "Sale confirmation (PDF)" }).getAttribute("href"))!,
  );
  expect(confirmation.headers()["content-type"]).toBe("application/pdf");
  expect((await confirmation.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // The winner reads the transfer agreement, which names both sides and the price, and signs it.
  await purchase.getByRole("link", { name: "Read and sign the transfer agreement" }).click();
  await expect(winner.getByRole("heading", { level: 1 })).toHaveText("Transfer agreement");
  const text = winner.getByTestId("agreement-text");
  await expect(text).toContainText("债权转让协议");
  await expect(text).toContainText("Harbour Capital");
  await expect(text).toContainText("CN¥2,260,000.00");
  const digest = (await winner.getByTestId("agreement-digest").innerText()).trim();
  expect(digest).toMatch(/^[0-9a-f]{64}$/);
  await winner.getByLabel("Your full name").fill("Hannah Lau");
  await winner.getByLabel("I have read the agreement and sign it for my organisation").check();
  await winner.getByRole("button", { name: "Sign the agreement" }).click();
  await expect(winner.getByRole("status")).toContainText("Your signature is recorded.");
  await expect(winner.getByTestId("agreement-standing")).toHaveText("Waiting for the seller to sign.");

  // The seller's admin, in Chinese, learns the buyer from the agreement and signs the same text: the sale is contracted.
  const seller = await person(browser, "seller@eastbank.example", errors, "zh-CN");
  await seller.goto(`/manage/listings/${listing.id}`);
  await seller.getByTestId("closing-card").getByRole("link", { name: "查阅并签署债权转让协议" }).click();
  await expect(seller.getByTestId("agreement-text")).toContainText("受让方 Buyer: ");
  await expect(seller.getByTestId("agreement-digest")).toHaveText(digest);
  await seller.getByLabel("您的全名").fill("陈静");
  await seller.getByLabel("本人已阅读本协议，并代表本机构签署").check();
  await seller.getByRole("button", { name: "签署协议" }).click();
  await expect(seller.getByRole("status")).toContainText("双方均已签署：本次交易已签约。");
  await seller.goto(`/manage/listings/${listing.id}`);
  await expect(seller.getByTestId("closing-card")).toContainText("协议已由双方签署");
  const signedPdf = await seller.request.get(`/listings/${listing.id}/agreement.pdf`);
  expect(signedPdf.headers()["content-disposition"]).toMatch(/^inline; filename="TA-\d{8}-[0-9A-F]{8}-v1\.pdf"$/);

  // The operator sees the balance due and records the bank transfer; the refunds owed to the losers are listed.
  const operator = await person(browser, "operator@nplex.example", errors);
  await operator.goto("/operator/payments");
  await expect(
    operator.getByRole("row").filter({ hasText: "Jade River Investment" }).filter({ hasText: "Six excavators" }),
  ).toContainText("Deposit released");
  const due = operator.getByRole("row").filter({ hasText: reference });
  await expect(due).toContainText("CN¥2,041,000.00");
  await due.getByLabel("Bank reference of the transfer").fill("CMB-20261206-BAL-0001");
  await due.getByRole("button", { name: "Record received" }).click();
  await expect(operator.getByRole("status")).toContainText("The transfer towards the balance is recorded.");
  await expect(operator.getByRole("row").filter({ hasText: reference })).toHaveCount(0);

  await winner.goto(`/listings/${listing.id}`);
  await expect(winner.getByTestId("purchase")).toContainText("The balance was paid in full");
  await expect(winner.getByText("Paid", { exact: true }).first()).toBeVisible();

  // The hand-over: the seller's admin ticks every item delivered, the winner confirms each; the last confirmation closes the sale.
  await seller.goto(`/listings/${listing.id}/handover`);
  const deliver = seller.getByRole("button", { name: /^标记已移交/ });
  const toHandOver = await deliver.count();
  expect(toHandOver).toBeGreaterThanOrEqual(4);
  for (let i = toHandOver; i > 0; i--) {
    await deliver.first().click();
    await expect(deliver).toHaveCount(i - 1);
  }
  await winner.getByRole("link", { name: "The hand-over checklist" }).click();
  const confirm = winner.getByRole("button", { name: /^Confirm received/ });
  await expect(confirm).toHaveCount(toHandOver);
  for (let i = toHandOver; i > 0; i--) {
    await confirm.first().click();
    await expect(confirm).toHaveCount(i - 1);
  }
  await expect(winner.getByTestId("handover-progress")).toHaveText(
    "Every item is received and the balance is paid: the sale is complete.",
  );
  await winner.goto(`/listings/${listing.id}`);
  await expect(winner.getByText("Closed", { exact: true }).first()).toBeVisible();
  await winner.goto("/registrations");
  await expect(winner.getByRole("row").filter({ hasText: "Six excavators" }).getByTestId("deposit-status")).toHaveAttribute(
    "data-status",
    "applied",
  );
  expect(errors).toEqual([]);
});
