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

interface RoomWords {
  /** The demo listing the run uses: each language its own, so that neither sees the other's files. */
  listing: string;
  loans: number;
  dataRoom: string;
  heading: RegExp;
  title: string;
  tier: string;
  file: string;
  upload: string;
  kept: (title: string) => string;
  nda: string;
  notAKind: string;
  cover: string;
  documents: (count: number) => string;
  download: (title: string) => string;
  tapeCsv: string;
  askLabel: string;
  ask: string;
  asked: string;
  log: RegExp;
  bidderCode: RegExp;
  watermarked: string;
  tapeRow: RegExp;
  answerLabel: string;
  publish: string;
  published: string;
  questions: string;
  locked: (count: number) => string;
  question: string;
  answer: string;
  /** How the asker's own question is marked, which nobody else sees. */
  mine: string;
}

const words: Record<"en" | "zh-CN", RoomWords> = {
  en: {
    listing: "SME portfolio (4 claims)",
    loans: 4,
    dataRoom: "Data room",
    heading: /^Data room: /,
    title: "Title",
    tier: "Who may open it",
    file: "File",
    upload: "Upload",
    kept: (title) => `“${title}” is in the data room.`,
    nda: "NDA accepted",
    notAKind: "none of the kinds a data room keeps",
    cover: "Show it as the cover photo",
    documents: (n) => (n === 1 ? "1 document" : `${n} documents`),
    download: (title) => `Download ${title}`,
    tapeCsv: "Loan tape (CSV)",
    askLabel: "Your question to the seller",
    ask: "Ask the seller",
    asked: "Your question was sent to the seller.",
    log: /openings?, newest first/,
    bidderCode: /Bidder \d{4}/,
    watermarked: "Downloaded (watermarked copy)",
    tapeRow: /Loan tape/,
    answerLabel: "Answer (published to every approved bidder)",
    publish: "Publish the answer",
    published: "The answer is published to every approved bidder.",
    questions: "Questions, oldest first",
    locked: (n) => `${n} more document${n === 1 ? "" : "s"} for “NDA accepted”.`,
    question: "Are the guarantees of the second loan still within their period?",
    answer: "Yes: both run to 2027.",
    mine: "Your question",
  },
  "zh-CN": {
    listing: "200 loans",
    loans: 200,
    dataRoom: "资料室",
    heading: /^资料室: /,
    title: "标题",
    tier: "可查阅范围",
    file: "文件",
    upload: "上传",
    kept: (title) => `“${title}”已放入资料室。`,
    nda: "已签署保密协议",
    notAKind: "不属于其中任何一种",
    cover: "设为封面照片",
    documents: (n) => `${n} 个文件`,
    download: (title) => `下载 ${title}`,
    tapeCsv: "贷款清单（CSV）",
    askLabel: "您向转让方提出的问题",
    ask: "向转让方提问",
    asked: "您的问题已发送给转让方",
    log: /条查阅记录，最新的在前/,
    bidderCode: /竞买号 \d{4}/,
    watermarked: "下载（带水印副本）",
    tapeRow: /贷款清单/,
    answerLabel: "答复（将向所有获准竞买人公布）",
    publish: "公布答复",
    published: "答复已向所有获准竞买人公布。",
    questions: "问题（按时间先后）",
    locked: (n) => `另有 ${n} 个文件仅限“已签署保密协议”查阅。`,
    question: "第二笔贷款的保证期间是否仍然有效？",
    answer: "是的，两笔保证均至 2027 年。",
    mine: "您的提问",
  },
};

interface RoomAnswer {
  dataRoom: { documents: { title: string }[]; locked: { tier: string; count: number }[] };
}

for (const [language, w] of Object.entries(words)) {
  test.describe(`in ${language}`, () => {
    test.use({ locale: language });
    // Four people in four browsers through a dozen pages: 25 s in English, 47 s in Chinese (a
    // 200-loan package) on two busy cores; the default 45 s is too tight for the second.
    test.setTimeout(90_000);

    test("a seller fills a package listing's data room; an NDA bidder takes the loan tape and a watermarked copy, the seller sees it by bidder code, and an anonymous visitor sees the aggregates and the public documents only", async ({
      page,
      browser,
      request,
    }) => {
      const { items } = (await (await request.get("/api/v1/listings?kind=package&status=live")).json()) as {
        items: { id: string; title: string; titleZh: string | null }[];
      };
      const portfolio = items.find((l) => l.title.includes(w.listing));
      expect(portfolio, `the demo's "${w.listing}" is listed`).toBeDefined();
      const id = portfolio!.id;
      const { listing } = (await (await request.get(`/api/v1/listings/${id}`)).json()) as { listing: { packageId: string } };
      // What the public sees of its room before this test adds to it.
      const before = ((await (await request.get(`/api/v1/listings/${id}/documents`)).json()) as RoomAnswer).dataRoom;
      const ndaBefore = before.locked.find((l) => l.tier === "nda")?.count ?? 0;
      const loanFiles = `Loan files ${language}`;
      const photoTitle = `Head office of the largest borrower ${language}`;

      // The seller puts the loan files in the package's room, for NDA bidders.
      await signIn(page, seller);
      await page.goto(`/seller/packages/${listing.packageId}`);
      await page.getByRole("link", { name: w.dataRoom }).click();
      await expect(page.getByRole("heading", { level: 1, name: w.heading })).toBeVisible();
      await page.getByLabel(w.title, { exact: true }).fill(loanFiles);
      await page.getByLabel(w.tier).selectOption("nda");
      await page.getByLabel(w.file, { exact: true }).setInputFiles({
        name: "loan-files.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from(await pdfFile("Loan files", 3)),
      });
      await page.getByRole("button", { name: w.upload, exact: true }).click();
      await expect(page.getByRole("status")).toHaveText(w.kept(loanFiles));
      await expect(page.getByRole("row", { name: new RegExp(loanFiles) })).toContainText(w.nda);

      // An impostor is refused by its content, whatever its name says.
      await page.getByLabel(w.title, { exact: true }).fill("Not a photo");
      await page.getByLabel(w.file, { exact: true }).setInputFiles({
        name: "photo.png",
        mimeType: "image/png",
        buffer: Buffer.from("<html><script>alert(1)</script></html>"),
      });
      await page.getByRole("button", { name: w.upload, exact: true }).click();
      await expect(page.getByRole("alert")).toContainText(w.notAKind);

      // And a cover photo in the listing's own room, public.
      await page.goto(`/seller/rooms/listing/${id}`);
      await page.getByLabel(w.title, { exact: true }).fill(photoTitle);
      await page.getByLabel(w.tier).selectOption("public");
      await page.getByLabel(w.cover).check();
      await page
        .getByLabel(w.file, { exact: true })
        .setInputFiles({ name: "office.png", mimeType: "image/png", buffer: Buffer.from(pngFile()) });
      await page.getByRole("button", { name: w.upload, exact: true }).click();
      await expect(page.getByRole("status")).toHaveText(w.kept(photoTitle));

      // A bidder who accepted the NDA opens both and takes a copy of the loan files, stamped for it.
      const errors: string[] = [];
      const bidder = await person(browser, investor, errors, language);
      await bidder.goto(`/listings/${id}`);
      await expect(bidder.getByRole("img", { name: language === "en" ? portfolio!.title : portfolio!.titleZh! })).toBeVisible();
      const room = bidder.getByRole("table", {
        name: w.documents(
          before.documents.length + ndaBefore + 2 + (before.locked.find((l) => l.tier === "registered")?.count ?? 0),
        ),
      });
      await expect(room).toContainText(photoTitle);
      const copy = bidder.waitForEvent("download");
      await room.getByRole("link", { name: w.download(loanFiles) }).click();
      const stamped = await PDFDocument.load(await bytesOf(await copy));
      expect(stamped.getPageCount()).toBe(3);
      expect(stamped.getSubject()).toContain(investor);
      expect(stamped.getSubject()).toContain("Jade River Investment");

      // And the package's loan tape, its loans with their borrowers in full.
      const tapeCopy = bidder.waitForEvent("download");
      await bidder.getByRole("link", { name: w.tapeCsv }).click();
      const lines = (await bytesOf(await tapeCopy))
        .toString("utf8")
        .replace(/^\uFEFF/, "")
        .trim()
        .split(/\r?\n/);
      expect(lines).toHaveLength(w.loans + 1);

      // The bidder asks the seller a question.
      await bidder.getByLabel(w.askLabel).fill(w.question);
      await bidder.getByRole("button", { name: w.ask }).click();
      await expect(bidder.getByText(w.asked)).toBeVisible();

      // The seller reads who took it: a bidder code, not the bidder's name, while the sale runs.
      await page.reload();
      const log = page.getByRole("table", { name: w.log });
      await expect(log.getByRole("row", { name: new RegExp(loanFiles) })).toContainText(w.bidderCode);
      await expect(log.getByRole("row", { name: new RegExp(loanFiles) })).toContainText(w.watermarked);
      await expect(log.getByRole("row", { name: w.tapeRow }).first()).toContainText(w.bidderCode);
      await expect(log).not.toContainText("Jade River");

      // The seller answers; every approved bidder reads it, without the asker's name.
      await page.getByLabel(w.answerLabel).fill(w.answer);
      await page.getByRole("button", { name: w.publish }).click();
      await expect(page.getByText(w.published)).toBeVisible();
      const other = await person(browser, "investor@harbour.example", errors, language);
      await other.goto(`/listings/${id}`);
      const answers = other.getByRole("list", { name: w.questions });
      await expect(answers).toContainText(w.question);
      await expect(answers).toContainText(w.answer);
      await expect(answers).not.toContainText(w.mine);

      // An anonymous visitor sees the aggregates, the photo and how many more documents the NDA holds; nothing of them.
      const visitor = await browse(browser, "anonymous", errors, language);
      await visitor.goto(`/listings/${id}`);
      await expect(visitor.getByTestId("total-count")).toHaveText(String(w.loans));
      await expect(visitor.getByRole("table", { name: w.documents(before.documents.length + 1) })).toContainText(photoTitle);
      await expect(visitor.getByText(w.locked(ndaBefore + 1))).toBeVisible();
      await expect(visitor.locator("main")).not.toContainText(loanFiles);
      expect(errors).toEqual([]);
    });
  });
}
