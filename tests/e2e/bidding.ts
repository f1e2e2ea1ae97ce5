import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/**
 * Places a bid the way a bidder does without quick bidding: the button (the next minimum's, a
 * step's, or the typed amount's) opens a confirmation naming the amount, which the bidder accepts.
 */
export async function bidAndConfirm(page: Page, amount: string, button = page.getByRole("button", { name: `Bid ${amount}` })) {
  await button.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(amount);
  await dialog.getByRole("button", { name: `Place my bid of ${amount}` }).click();
  await expect(dialog).toBeHidden();
}
