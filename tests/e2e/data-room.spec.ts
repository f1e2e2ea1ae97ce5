import { PDFDocument } from "@cantoo/pdf-lib";
import type { Download } from "@playwright/test";
import { pdfFile, pngFile } from "../support/documents";
import { browse, expect, person, signIn, test } from "./fixtures";

const seller = "seller@eastbank.example";
const investor = "investor@jaderiver.example";

// The impostor file is refused with a 422, on purpose.
test.use({ expectedErrorStatuses: [422] });

async function bytesOf(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

test("a seller fills a package listing's data room; an NDA bidder takes a watermarked copy, the seller sees it by bidder code, and an anonymous visitor sees the public photo only", async ({
  page,
  browser,
  request,
}) => {
  const { items } = (await (await request.get("/api/v1/listings?kind=package")).json()) as {
    items: { id: string; title: string }[];
  };
  const portfolio = items.find((l) => l.title.includes("SME portfolio"));
  expect(portfolio, "the demo's SME portfolio is listed").toBeDefined();
  const { listing } = (await (await request.get(`/api/v1/listings/${portfolio!.id}`)).json()) as {
    listing: { packageId: string };
  };

  // The seller puts the loan files in the package's room, for NDA bidders.
  await signIn(page, seller);
  await page.goto(`/seller/packages/${listing.packageId}`);
  await page.getByRole("link", { name: "Data room" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Data room: / })).toBeVisible();
  await page.getByLabel("Title").fill("Loan files, SME portfolio");
  await page.getByLabel("Who may open it").selectOption("nda");
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "loan-files.pdf", mimeType: "application/pdf", buffer: Buffer.from(await pdfFile("Loan files", 3)) });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("status")).toHaveText("“Loan files, SME portfolio” is in the data room.");
  const files = page.getByRole("table", { name: "1 document" });
  await expect(files.getByRole("row", { name: /Loan files, SME portfolio/ })).toContainText("NDA accepted");

  // An impostor is refused by its content, whatever its name says.
  await page.getByLabel("Title").fill("Not a photo");
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from("<html><script>alert(1)</script></html>") });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("alert")).toContainText("none of the kinds a data room keeps");

  // And a cover photo in the listing's own room, public.
  await page.goto(`/seller/rooms/listing/${portfolio!.id}`);
  await page.getByLabel("Title").fill("Head office of the largest borrower");
  await page.getByLabel("Who may open it").selectOption("public");
  await page.getByLabel("Show it as the cover photo").check();
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "office.png", mimeType: "image/png", buffer: Buffer.from(pngFile()) });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("status")).toContainText("is in the data room");

  // A bidder who accepted the NDA opens both and takes a copy of the loan files, stamped for it.
  const errors: string[] = [];
  const bidder = await person(browser, investor, errors);
  await bidder.goto(`/listings/${portfolio!.id}`);
  await expect(bidder.getByRole("img", { name: portfolio!.title })).toBeVisible();
  const room = bidder.getByRole("table", { name: "2 documents" });
  await expect(room).toContainText("Head office of the largest borrower");
  const copy = bidder.waitForEvent("download");
  await room.getByRole("link", { name: "Download Loan files, SME portfolio" }).click();
  const stamped = await PDFDocument.load(await bytesOf(await copy));
  expect(stamped.getPageCount()).toBe(3);
  expect(stamped.getSubject()).toContain(investor);
  expect(stamped.getSubject()).toContain("Jade River Investment");

  // And the package's loan tape, its four loans with their borrowers in full.
  const tapeCopy = bidder.waitForEvent("download");
  await bidder.getByRole("link", { name: "Loan tape (CSV)" }).click();
  const lines = (await bytesOf(await tapeCopy))
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  expect(lines).toHaveLength(5);

  // The bidder asks the seller a question.
  await bidder.getByLabel("Your question to the seller").fill("Are the guarantees of the second loan still within their period?");
  await bidder.getByRole("button", { name: "Ask the seller" }).click();
  await expect(bidder.getByText("Your question was sent to the seller.")).toBeVisible();

  // The seller reads who took it: a bidder code, not the bidder's name, while the sale runs.
  await page.reload();
  const log = page.getByRole("table", { name: /openings?, newest first/ });
  await expect(log.getByRole("row", { name: /Loan files, SME portfolio/ })).toContainText(/Bidder \d{4}/);
  await expect(log.getByRole("row", { name: /Loan files, SME portfolio/ })).toContainText("Downloaded (watermarked copy)");
  await expect(log.getByRole("row", { name: /Loan tape/ })).toContainText(/Bidder \d{4}/);
  await expect(log).not.toContainText("Jade River");

  // The seller answers; every approved bidder reads it, without the asker's name.
  await page.getByLabel("Answer (published to every approved bidder)").fill("Yes: both run to 2027.");
  await page.getByRole("button", { name: "Publish the answer" }).click();
  await expect(page.getByText("The answer is published to every approved bidder.")).toBeVisible();
  const other = await person(browser, "investor@harbour.example", errors);
  await other.goto(`/listings/${portfolio!.id}`);
  const answers = other.getByRole("list", { name: "Questions, oldest first" });
  await expect(answers).toContainText("Are the guarantees of the second loan still within their period?");
  await expect(answers).toContainText("Yes: both run to 2027.");
  await expect(answers).not.toContainText("Your question");

  // An anonymous visitor sees the photo and how many more documents the NDA holds; nothing of them.
  const visitor = await browse(browser, "anonymous", errors);
  await visitor.goto(`/listings/${portfolio!.id}`);
  await expect(visitor.getByRole("table", { name: "1 document" })).toContainText("Head office of the largest borrower");
  await expect(visitor.getByText("1 more document for “NDA accepted”.")).toBeVisible();
  await expect(visitor.locator("main")).not.toContainText("Loan files, SME portfolio");
  expect(errors).toEqual([]);
});
