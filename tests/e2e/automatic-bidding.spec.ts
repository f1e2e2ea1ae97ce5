import { bidAndConfirm } from "./bidding";
import { expect, person, test } from "./fixtures";

/**
 * The demo's Foshan steel claim (db/seed/demo-listings.ts): start ¥19,500,000, steps of ¥100,000,
 * Harbour Capital leading at ¥19,800,000, Jade River behind; live for a day. No other test bids on it.
 */
const title = "Secured claim on a Foshan steel-structure contractor";

test("automatic bidding answers for its bidder, whose room then says only that it leads; once its maximum is passed, the room says so and that automatic bidding is off", async ({
  browser,
}) => {
  // Two browsers, three bids and a maximum: ~3x the 12 s measured alone.
  test.setTimeout(60_000);
  const errors: string[] = [];
  const harbour = await person(browser, "investor@harbour.example", errors);
  const { items } = await (await harbour.request.get(`/api/v1/listings?q=${encodeURIComponent(title)}`)).json();
  const id = (items as { id: string; title: string }[]).find((l) => l.title === title)!.id;
  await harbour.goto(`/listings/${id}`);
  await expect(harbour.getByTestId("my-standing")).toHaveText("You are the leading bidder");

  // Harbour sets a maximum of ¥20,100,000.
  const proxy = harbour.getByTestId("proxy");
  await proxy.locator("summary").click();
  await proxy.getByLabel(/^Your maximum in/).fill("20100000");
  await proxy.getByRole("button", { name: "Set maximum" }).click();
  await expect(proxy.locator("summary")).toContainText("Automatic bidding is on, up to CN¥20,100,000.00.");

  // Jade River bids the next minimum: Harbour's automatic bid answers, and Harbour's room says it leads, and nothing else.
  const jade = await person(browser, "investor@jaderiver.example", errors);
  await jade.goto(`/listings/${id}`);
  await bidAndConfirm(jade, "CN¥19,900,000.00");
  await expect(harbour.getByTestId("current-price")).toHaveText("CN¥20,000,000.00");
  await expect(jade.getByTestId("my-standing")).toHaveText("You have been outbid");
  await expect(harbour.getByTestId("my-standing")).toHaveText("You are the leading bidder");
  await expect(harbour.getByTestId("notice-outbid")).toHaveCount(0);

  // Jade River bids past the maximum: Harbour is told its maximum was passed, and automatic bidding is off everywhere it is shown.
  await jade.getByLabel(/^Your bid in/).fill("20200000");
  await bidAndConfirm(jade, "CN¥20,200,000.00", jade.getByRole("button", { name: "Place bid", exact: true }));
  await expect(harbour.getByTestId("my-standing")).toHaveText("You have been outbid");
  await expect(harbour.getByTestId("notice-maximumPassed")).toContainText(
    "Your automatic bidding maximum of CN¥20,100,000.00 has been passed: automatic bidding is off.",
  );
  await expect(proxy.locator("summary")).toContainText("Automatic bidding is off.");
  await expect(harbour.getByText(/Automatic bidding is on|Automatic bidding up to/)).toHaveCount(0);
  expect(errors).toEqual([]);
});
