import { generateLoanTape, tapeCsv, tapeXlsx } from "../../db/seed/loan-tape";
import { pdfFile, pngFile } from "../support/documents";
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

/** What the seller reads, in each language, on the way from a tape to a drafted listing. */
const words = {
  en: {
    tapes: "Loan tapes",
    template: "XLSX (Chinese)",
    upload: "Upload a tape",
    file: "Tape file",
    check: "Upload and check",
    invalid: "Has problems",
    problems: /problems? shown/,
    column: "Column",
    downloadProblems: "Download every problem (CSV)",
    valid: "Ready to apply",
    none: "No problems: every row passed.",
    apply: "Add or update 200 loans in your book",
    appliedCounts: "200 new, 0 updated, 0 unchanged",
    applied: "Applied",
    packageTitle: "Package title",
    build: "Build the package",
    classification: "Share of principal by Five-level classification",
    exportXlsx: "Export (XLSX)",
    dataRoom: "Data room",
    docTitle: "Title",
    tier: "Who may open it",
    docFile: "File",
    cover: "Show it as the cover photo",
    uploadDoc: "Upload",
    kept: "is in the data room",
    draft: "Draft a listing of this package",
    saveDraft: "Save draft",
  },
  "zh-CN": {
    tapes: "贷款清单",
    template: "XLSX（中文）",
    upload: "上传清单",
    file: "清单文件",
    check: "上传并校验",
    invalid: "有问题",
    problems: /显示 \d+ 个问题/,
    column: "列",
    downloadProblems: "下载全部问题（CSV）",
    valid: "可导入",
    none: "没有问题：每一行都通过了校验。",
    apply: "将 200 笔贷款新增或更新到资产簿",
    appliedCounts: "新增 200，更新 0，未变 0",
    applied: "已导入",
    packageTitle: "资产包名称",
    build: "组成资产包",
    classification: "按五级分类的本金占比",
    exportXlsx: "导出（XLSX）",
    dataRoom: "资料室",
    docTitle: "标题",
    tier: "可查阅范围",
    docFile: "文件",
    cover: "设为封面照片",
    uploadDoc: "上传",
    kept: "已放入资料室",
    draft: "以此资产包起草挂牌",
    saveDraft: "保存草稿",
  },
} as const;

for (const [language, w] of Object.entries(words)) {
  test.describe(`in ${language}`, () => {
    test.use({ locale: language });
    // Two uploads of 200 loans, an application, a package and a dozen pages: 13-15 s on its own,
    // 44-48 s late in a full run on two busy cores; the default 45 s is too tight.
    test.setTimeout(120_000);

    test("a seller downloads the template, uploads a tape with three bad rows, sees them by row and column, uploads the fixed tape, applies it, builds a package, fills its data room and drafts a listing of it", async ({
      page,
    }) => {
      const { good, bad } = tapes();
      await signIn(page, seller);
      await page.goto("/seller/tapes");
      await expect(page.getByRole("heading", { level: 1, name: w.tapes })).toBeVisible();
      const template = page.waitForEvent("download");
      await page.getByRole("link", { name: w.template }).click();
      expect((await template).suggestedFilename()).toBe("nplex-loan-tape-template-zh-CN.xlsx");

      await page.getByRole("link", { name: w.upload }).click();
      await page
        .getByLabel(w.file)
        .setInputFiles({ name: "eastbank-bad.csv", mimeType: "text/csv", buffer: Buffer.from(tapeCsv(bad)) });
      await page.getByRole("button", { name: w.check }).click();
      await expect(page.getByRole("heading", { level: 1, name: "eastbank-bad.csv" })).toBeVisible();
      await expect(page.getByText(w.invalid, { exact: true })).toBeVisible({ timeout: 20_000 });

      const problems = page.getByRole("table", { name: w.problems });
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
      await page.getByLabel(w.column, { exact: true }).selectOption("五级分类");
      await expect(problems.getByRole("row")).toHaveCount(2);
      await expect(page.getByTestId("diff-created")).toHaveText("197");

      const download = page.waitForEvent("download");
      await page.getByRole("link", { name: w.downloadProblems }).click();
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
      await page.getByLabel(w.file).setInputFiles({
        name: "eastbank.xlsx",
        mimeType: "application/octet-stream",
        buffer: Buffer.from(await tapeXlsx(good)),
      });
      await page.getByRole("button", { name: w.check }).click();
      await expect(page.getByText(w.valid, { exact: true })).toBeVisible({ timeout: 20_000 });
      await expect(page.getByText(w.none)).toBeVisible();
      await expect(page.getByTestId("diff-created")).toHaveText("200");
      await page.getByRole("button", { name: w.apply }).click();
      await expect(page.getByRole("status").filter({ hasText: w.appliedCounts })).toBeVisible();
      await expect(page.getByText(w.applied, { exact: true })).toBeVisible();

      // The loans as one package, stratified: totals, a chart and a table per dimension, the export.
      const packageTitle = `East Bank Zhejiang portfolio ${good.rows[0]![0]}`;
      await page.getByLabel(w.packageTitle).fill(packageTitle);
      await page.getByRole("button", { name: w.build }).click();
      await expect(page.getByRole("heading", { level: 1, name: packageTitle })).toBeVisible();
      await expect(page.getByTestId("total-count")).toHaveText("200");
      await expect(page.getByTestId("chart-classification").locator("svg.recharts-surface")).toBeVisible();
      const classification = page.getByRole("table", { name: w.classification });
      const countShares = await classification
        .getByRole("row")
        .evaluateAll((rows) =>
          rows.slice(1).map((row) => Number((row.querySelectorAll("td")[1]?.textContent ?? "").replace(/\D/g, ""))),
        );
      expect(countShares.reduce((a, b) => a + b, 0)).toBe(200);
      const exported = page.waitForEvent("download");
      await page.getByRole("link", { name: w.exportXlsx }).click();
      expect((await exported).suggestedFilename()).toMatch(/^stratification-.+\.xlsx$/);
      const packageUrl = page.url();

      // Its data room: the loan files for NDA bidders, a cover photo for everyone.
      await page.getByRole("link", { name: w.dataRoom }).click();
      await page.getByLabel(w.docTitle, { exact: true }).fill("Loan files");
      await page.getByLabel(w.tier).selectOption("nda");
      await page.getByLabel(w.docFile, { exact: true }).setInputFiles({
        name: "loan-files.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from(await pdfFile("Loan files", 2)),
      });
      await page.getByRole("button", { name: w.uploadDoc, exact: true }).click();
      await expect(page.getByRole("status")).toContainText(w.kept);
      await page.getByLabel(w.docTitle, { exact: true }).fill("Cover");
      await page.getByLabel(w.tier).selectOption("public");
      await page.getByLabel(w.cover).check();
      await page
        .getByLabel(w.docFile, { exact: true })
        .setInputFiles({ name: "cover.png", mimeType: "image/png", buffer: Buffer.from(pngFile()) });
      await page.getByRole("button", { name: w.uploadDoc, exact: true }).click();
      await expect(page.getByRole("status")).toContainText(w.kept);
      await expect(page.getByRole("table", { name: /2/ })).toContainText("loan-files.pdf");

      // And a listing of it, drafted from the package's own page.
      await page.goto(packageUrl);
      await page.getByRole("link", { name: w.draft }).click();
      await expect(page).toHaveURL(/\/manage\/listings\/new\?lot=package/);
      await page.getByRole("button", { name: w.saveDraft }).click();
      await expect(page).toHaveURL(/\/manage\/listings\/[0-9a-f-]{36}$/);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(packageTitle);
    });
  });
}

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
