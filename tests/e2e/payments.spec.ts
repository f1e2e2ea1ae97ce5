import { expect, person, test } from "./fixtures";

/**
 * The demo's awarded auction (six excavators, Suzhou): Harbour Capital won it; Jade River and Li
 * Ming lost, and their deposits were released when the server started.
 */
const title = "Six excavators and two cranes, Suzhou depot";

test("after the award the losers see their deposits released, and the winner's balance, once the operator records it, is paid", async ({
  browser,
}) => {
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

  await winner.reload();
  await expect(winner.getByTestId("purchase")).toContainText("The balance was paid in full");
  await winner.goto("/registrations");
  await expect(winner.getByRole("row").filter({ hasText: "Six excavators" }).getByTestId("deposit-status")).toHaveAttribute(
    "data-status",
    "applied",
  );
  expect(errors).toEqual([]);
});
