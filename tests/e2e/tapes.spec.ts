import { generateLoanTape, tapeCsv, tapeXlsx } from "../../db/seed/loan-tape";
import { expect, signIn, test } from "./fixtures";

const seller = "seller@eastbank.example";

/** A 200-loan tape of this run's own loan ids, and the same with three bad cells. */
function tapes() {
  const prefix = `E2E${Date.now().toString(36).toUpperCase()}`;
  const good = generateLoanTape({ count: 200, seed: 12, prefix });
  const bad = { headers: good.headers, rows: good.rows.map((row) => [...row]) };
  bad.rows[10]![8] = "12.345"; // principal with three decimals: file row 12
  bad.rows[50]![13] = "很差"; // no classification: file row 52
  bad.rows[120]![11] = "2024-02-30"; // no such day: file row 122
  return { good, bad };
}

test("a seller downloads the template, uploads a tape with three bad rows, sees them by row and column, uploads the fixed tape and applies it", async ({
  page,
}) => {
  const { good, bad } = tapes();
  await signIn(page, seller);
  await page.goto("/seller/tapes");
  await expect(page.getByRole("heading", { level: 1, name: "Loan tapes" })).toBeVisible();
  const template = page.waitForEvent("download");
  await page.getByRole("link", { name: "XLSX (Chinese)" }).click();
  expect((await template).suggestedFilename()).toBe("nplex-loan-tape-template-zh-CN.xlsx");

  await page.getByRole("link", { name: "Upload a tape" }).click();
  await page
    .getByLabel("Tape file")
    .setInputFiles({ name: "eastbank-bad.csv", mimeType: "text/csv", buffer: Buffer.from(tapeCsv(bad)) });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "eastbank-bad.csv" })).toBeVisible();
  await expect(page.getByText("Has problems")).toBeVisible({ timeout: 20_000 });

  const problems = page.getByRole("table", { name: /problems? shown/ });
  const cells = async () =>
    (await problems.getByRole("row").all())
      .slice(1)
      .map(async (row) => (await row.getByRole("cell").allInnerTexts()).slice(0, 3).map((c) => c.trim()));
  // On narrow screens a cell carries its column's name; the wide table shows the value alone.
  const seen = await Promise.all(await cells());
  expect(seen.map((row) => row.map((c) => c.split("\n").pop()))).toEqual([
    ["12", "本金余额", "12.345"],
    ["52", "五级分类", "很差"],
    ["122", "放款日", "2024-02-30"],
  ]);
  await page.getByLabel("Column", { exact: true }).selectOption("五级分类");
  await expect(problems.getByRole("row")).toHaveCount(2);
  await expect(page.getByTestId("diff-created")).toHaveText("197");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download every problem (CSV)" }).click();
  const csv = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of csv) chunks.push(chunk as Buffer);
  const lines = Buffer.concat(chunks)
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  expect(lines).toHaveLength(4);
  expect(lines[1]).toMatch(/^12,本金余额,12\.345,/);

  await page.goto("/seller/tapes/new");
  await page
    .getByLabel("Tape file")
    .setInputFiles({ name: "eastbank.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from(await tapeXlsx(good)) });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByText("Ready to apply")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("No problems: every row passed.")).toBeVisible();
  await expect(page.getByTestId("diff-created")).toHaveText("200");
  await page.getByRole("button", { name: "Add or update 200 loans in your book" }).click();
  await expect(page.getByRole("status").filter({ hasText: "200 new, 0 updated, 0 unchanged" })).toBeVisible();
  await expect(page.getByText("Applied", { exact: true })).toBeVisible();

  // The loans as one package, stratified: totals, a chart and a table per dimension, the export.
  await page.getByLabel("Package title").fill(`East Bank Zhejiang portfolio ${good.rows[0]![0]}`);
  await page.getByRole("button", { name: "Build the package" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /East Bank Zhejiang portfolio/ })).toBeVisible();
  await expect(page.getByTestId("total-count")).toHaveText("200");
  await expect(page.getByTestId("chart-classification").locator("svg.recharts-surface")).toBeVisible();
  const classification = page.getByRole("table", { name: "Share of principal by Five-level classification" });
  const countShares = await classification.getByRole("row").evaluateAll((rows) =>
    rows.slice(1).map((row) => Number((row.querySelectorAll("td")[1]?.textContent ?? "").replace(/\D/g, ""))),
  );
  expect(countShares.reduce((a, b) => a + b, 0)).toBe(200);
  const exported = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export (XLSX)" }).click();
  expect((await exported).suggestedFilename()).toMatch(/^stratification-.+\.xlsx$/);
  await page.getByRole("link", { name: "Draft a listing of this package" }).click();
  await expect(page).toHaveURL(/\/manage\/listings\/new\?lot=package/);
});

test.describe("in Chinese", () => {
  // The refusal answers 422, which the browser logs as a failed resource.
  test.use({ locale: "zh-CN", expectedErrorStatuses: [422] });

  test("a file that is no tape is refused on the upload page, in Chinese, and nothing is kept", async ({ page }) => {
    await signIn(page, seller);
    await page.goto("/seller/tapes/new");
    await expect(page.getByRole("heading", { level: 1, name: "上传贷款清单" })).toBeVisible();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    await page.getByLabel("清单文件").setInputFiles({ name: "loans.csv", mimeType: "text/csv", buffer: png });
    await page.getByRole("button", { name: "上传并校验" }).click();
    await expect(page.getByTestId("form-refusal")).toContainText("文件既不是 CSV 也不是 XLSX 表格");
    await page.goto("/seller/tapes");
    await expect(page.getByRole("link", { name: "loans.csv" })).toHaveCount(0);
  });
});
