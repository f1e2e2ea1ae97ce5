import { createHash } from "node:crypto";
import { PDFDocument } from "@cantoo/pdf-lib";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { accessEntrySchema, dataRoomSchema, documentSchema, questionSchema } from "../../core/contract/documents";
import { auditLog, documents, listings, notifications, registrations } from "../../db/schema";
import { makeListing, makeOrganisation, makeRegistration, makeUser } from "../../db/seed/factories";
import * as assetRoomRoute from "../../app/routes/api.v1.assets.$id.documents";
import * as listingRoomRoute from "../../app/routes/api.v1.listings.$id.documents._index";
import * as listingDocumentRoute from "../../app/routes/api.v1.listings.$id.documents.$documentId";
import * as accessRoute from "../../app/routes/api.v1.listings.$id.documents.access";
import * as documentRoute from "../../app/routes/api.v1.documents.$id";
import * as loanTapeRoute from "../../app/routes/api.v1.listings.$id.tape";
import * as questionsRoute from "../../app/routes/api.v1.listings.$id.questions";
import * as answerRoute from "../../app/routes/api.v1.questions.$id.answer";
import { anonymous as anonymousPrincipal } from "../../core/identity/access";
import { callApi, callApiRaw } from "../support/api";
import { csvFile, documentForm, htmlFile, pdfFile, pngFile, xlsxFile } from "../support/documents";
import { DAY, addInvestor, principalOf, useLifecycleWorld, yuan } from "../support/lifecycle-world";
import { refusal } from "../support/refusal";
import { line, tape } from "../support/tapes";

const { services: s, world, clock } = useLifecycleWorld();

const uploaded = z.object({ document: documentSchema });
const roomAnswer = z.object({ dataRoom: dataRoomSchema });

async function upload(
  fields: { title: string; tier: string; cover?: boolean },
  data: Uint8Array,
  fileName: string,
  principal = world().staff,
) {
  return callApi(s(), assetRoomRoute.action, {
    principal,
    params: { id: world().asset.id },
    form: documentForm(fields, data, fileName),
    answers: uploaded,
  });
}

/** An announced listing of the bank's: of the world's claim, or of a package. */
const announced = (lot: { packageId: string } | Record<string, never> = {}) =>
  makeListing(s(), {
    sellerOrgId: world().bank.id,
    ...("packageId" in lot ? lot : { assetId: world().asset.id }),
    title: "Unsecured claim on a Jiaxing packaging maker",
    startingPrice: yuan(800_000),
    status: "announced",
    announcedAt: clock().now(),
    startsAt: new Date(clock().now().getTime() + 10 * DAY),
    endsAt: new Date(clock().now().getTime() + 12 * DAY),
  });

/** The world's claim with a loan file (NDA), a valuation workbook (registered) and a cover photo (public), listed and announced. */
async function announcedRoom() {
  const loanFile = await pdfFile("Loan contract HZ-2019-0042");
  const [nda, registered, photo] = [
    await upload({ title: "Loan contract and guarantee", tier: "nda" }, loanFile, "contract.pdf"),
    await upload({ title: "Valuation workbook", tier: "registered" }, await xlsxFile(), "valuation.xlsx"),
    await upload({ title: "Warehouse, front", tier: "public", cover: true }, pngFile(), "front.png"),
  ].map((r) => r.body.document as z.infer<typeof documentSchema>);
  const listing = await announced();
  return { nda: nda!, registered: registered!, photo: photo!, loanFile, listing };
}

const roomOf = async (principal?: Parameters<typeof callApi>[2]["principal"], listingId?: string) =>
  callApi(s(), listingRoomRoute.loader, { principal, params: { id: listingId ?? "" }, answers: roomAnswer });

describe("a data room's documents", () => {
  it("are kept by content with their SHA-256, audited, and refused when they are not what they claim to be", async () => {
    const pdf = await pdfFile();
    const ok = await upload({ title: "Loan file", tier: "nda" }, pdf, "../../etc/loan file.PDF");
    expect(ok.status).toBe(201);
    expect(ok.body.document).toMatchObject({
      tier: "nda",
      contentType: "application/pdf",
      sizeBytes: pdf.length,
      sha256: createHash("sha256").update(pdf).digest("hex"),
      fileName: "loan file.pdf",
      room: "asset",
      roomId: world().asset.id,
    });
    expect((await upload({ title: "Tape extract", tier: "nda" }, csvFile(), "extract.csv")).body.document.contentType).toBe(
      "text/csv",
    );
    const [entry] = await s().db.select().from(auditLog).where(eq(auditLog.action, "document.uploaded"));
    expect(entry).toMatchObject({ entityId: ok.body.document.id, after: { tier: "nda", sha256: ok.body.document.sha256 } });

    const impostors: [Uint8Array, string][] = [
      [htmlFile(), "report.pdf"],
      [new TextEncoder().encode("%PDF-1.7 this is no PDF at all"), "broken.pdf"],
      [Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]), "photo.jpg"],
      [new Uint8Array(0), "empty.csv"],
    ];
    for (const [data, name] of impostors) {
      const refused = await upload({ title: "Something", tier: "public" }, data, name);
      expect(refused.status, name).toBe(422);
      expect(refused.body.error.details.field, name).toBe("file");
    }
    const notCover = await upload({ title: "Workbook", tier: "public", cover: true }, await xlsxFile(), "book.xlsx");
    expect(notCover).toMatchObject({ status: 422, body: { error: { details: { issues: [{ path: "cover" }] } } } });
    const noTier = await upload({ title: "Workbook", tier: "secret" }, await xlsxFile(), "book.xlsx");
    expect(noTier.status).toBe(422);
    expect(await s().db.select().from(documents)).toHaveLength(2);
  });

  it("are written only by the seller's own editors", async () => {
    const other = await makeOrganisation(s(), { name: "Western Rural Bank", kind: "bank" });
    await makeUser(s(), { email: "staff@western.test", organisationId: other.id, roles: ["seller_staff"] });
    const stranger = await principalOf(s(), "staff@western.test");
    expect((await upload({ title: "Loan file", tier: "nda" }, await pdfFile(), "a.pdf", stranger)).status).toBe(404);
    expect((await upload({ title: "Loan file", tier: "nda" }, await pdfFile(), "a.pdf", world().investor1)).status).toBe(403);
    expect((await callApi(s(), assetRoomRoute.loader, { principal: stranger, params: { id: world().asset.id } })).status).toBe(
      404,
    );
  });
});

describe("a listing's data room", () => {
  it("opens tier by tier: anyone the public tier, approved bidders the registered one, the NDA tier only after the NDA", async () => {
    const { nda, registered, photo, listing } = await announcedRoom();
    const ids = (r: { body: { dataRoom: { documents: { id: string }[] } } }) => r.body.dataRoom.documents.map((d) => d.id).sort();

    const anonymous = await roomOf(undefined, listing.id);
    expect(ids(anonymous)).toEqual([photo.id]);
    expect(anonymous.body.dataRoom.locked).toEqual([
      { tier: "registered", count: 1 },
      { tier: "nda", count: 1 },
    ]);
    // A closed tier tells how many documents it holds, nothing of them.
    expect(JSON.stringify(anonymous.body)).not.toContain("Loan contract");
    // The public photo is the lot's cover on its card.
    expect((await s().listings.listPublic({})).items.find((l) => l.id === listing.id)?.coverId).toBe(photo.id);

    await makeRegistration(s(), {
      listingId: listing.id,
      organisationId: world().investors[0]!.id,
      userId: world().investor1.userId,
      bidderCode: "1001",
    });
    expect(ids(await roomOf(world().investor1, listing.id))).toEqual([nda.id, registered.id, photo.id].sort());
    await s().db.update(registrations).set({ ndaAcceptedAt: null }).where(eq(registrations.listingId, listing.id));
    expect(ids(await roomOf(world().investor1, listing.id))).toEqual([registered.id, photo.id].sort());
    await makeRegistration(s(), {
      listingId: listing.id,
      organisationId: world().investors[1]!.id,
      userId: world().investor2.userId,
      bidderCode: "1002",
      status: "pending",
    });
    expect(ids(await roomOf(world().investor2, listing.id))).toEqual([photo.id]);
    expect(ids(await roomOf(world().seller, listing.id))).toEqual([nda.id, registered.id, photo.id].sort());

    // Before its announcement a listing's room is its seller's alone.
    await s().db.update(listings).set({ status: "approved" }).where(eq(listings.id, listing.id));
    expect((await roomOf(undefined, listing.id)).status).toBe(404);
    expect((await roomOf(world().investor2, listing.id)).status).toBe(404);
    expect((await roomOf(world().seller, listing.id)).status).toBe(200);
  });

  it("hands out a document as an attachment, an investor's PDF stamped with its organisation, user and time, and refuses a closed tier", async () => {
    const { nda, photo, loanFile, listing } = await announcedRoom();
    await makeRegistration(s(), {
      listingId: listing.id,
      organisationId: world().investors[0]!.id,
      userId: world().investor1.userId,
      bidderCode: "1001",
    });
    const get = (principal: Parameters<typeof callApi>[2]["principal"], documentId: string) =>
      callApiRaw(s(), listingDocumentRoute.loader, { principal, params: { id: listing.id, documentId } });

    const copy = await get(world().investor1, nda.id);
    expect(copy.status).toBe(200);
    expect(copy.headers.get("Content-Type")).toBe("application/pdf");
    expect(copy.headers.get("Content-Disposition")).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(copy.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(copy.headers.get("Content-Security-Policy")).toBe("sandbox");
    expect(Buffer.from(copy.bytes).equals(Buffer.from(loanFile))).toBe(false);
    const stamped = await PDFDocument.load(copy.bytes);
    expect(stamped.getPageCount()).toBe(2);
    const investorOrg = world().investors[0]!;
    expect(stamped.getSubject()).toContain(world().investor1.email);
    expect(stamped.getKeywords()).toContain(world().investor1.email);
    const [org] = await s().db.query.organisations.findMany({ where: (o, { eq: is }) => is(o.id, investorOrg.id) });
    expect(stamped.getSubject()).toContain(org!.name);
    expect(stamped.getSubject()).toContain(clock().now().toISOString());

    // The seller's own copy is the file as uploaded.
    const own = await callApiRaw(s(), documentRoute.loader, { principal: world().seller, params: { id: nda.id } });
    expect(Buffer.from(own.bytes).equals(Buffer.from(loanFile))).toBe(true);

    // Anyone takes the public photo; nobody unapproved takes the loan file.
    expect((await get(undefined, photo.id)).status).toBe(200);
    const anonymous = await get(undefined, nda.id);
    expect(anonymous).toMatchObject({ status: 403, body: { error: { code: "TIER_NOT_OPEN", details: { tier: "nda" } } } });
    await s().db.update(registrations).set({ ndaAcceptedAt: null }).where(eq(registrations.listingId, listing.id));
    expect((await get(world().investor1, nda.id)).body.error.code).toBe("TIER_NOT_OPEN");
    // A document of another room is not reached through this listing.
    const elsewhere = await s().dataRoom.upload(
      world().staff,
      {
        listingId: (
          await makeListing(s(), {
            sellerOrgId: world().bank.id,
            assetId: world().asset.id,
            title: "Another",
            startingPrice: yuan(1),
          })
        ).id,
      },
      { title: "Other room", tier: "public" },
      { data: pngFile(), fileName: "x.png", contentType: "image/png" },
    );
    expect((await get(world().investor1, elsewhere.id)).status).toBe(404);
    expect((await get(world().investor1, "not-an-id")).status).toBe(404);
  });

  it("logs each opening for the seller: bidder codes until the sale is decided, names after it", async () => {
    const { nda, registered, photo, listing } = await announcedRoom();
    await makeRegistration(s(), {
      listingId: listing.id,
      organisationId: world().investors[0]!.id,
      userId: world().investor1.userId,
      bidderCode: "1001",
    });
    const open = (principal: Parameters<typeof callApi>[2]["principal"], documentId: string) =>
      callApiRaw(s(), listingDocumentRoute.loader, { principal, params: { id: listing.id, documentId } });
    expect((await open(world().investor1, nda.id)).status).toBe(200);
    clock().advance(60_000);
    expect((await open(world().investor1, registered.id)).status).toBe(200);
    expect((await open(undefined, photo.id)).status).toBe(200);
    clock().advance(60_000);
    // A signed-in investor who is no bidder here takes the public photo; an operator reads the loan file.
    expect((await open(world().investor2, photo.id)).status).toBe(200);
    clock().advance(60_000);
    expect((await open(world().operator, nda.id)).status).toBe(200);

    const log = () =>
      callApi(s(), accessRoute.loader, {
        principal: world().seller,
        params: { id: listing.id },
        answers: z.object({ access: z.array(accessEntrySchema) }),
      });
    const before = await log();
    expect(before.body.access).toEqual([
      expect.objectContaining({
        documentId: nda.id,
        bidderCode: null,
        reader: "operator",
        user: expect.stringContaining(world().operator.email),
        watermarked: false,
      }),
      expect.objectContaining({
        documentId: photo.id,
        bidderCode: null,
        organisation: null,
        user: null,
        reader: "visitor",
        action: "download",
      }),
      expect.objectContaining({
        documentId: registered.id,
        bidderCode: "1001",
        organisation: null,
        user: null,
        reader: "bidder",
        watermarked: false,
        action: "download",
      }),
      expect.objectContaining({
        documentId: nda.id,
        bidderCode: "1001",
        organisation: null,
        user: null,
        reader: "bidder",
        watermarked: true,
      }),
    ]);
    for (const investor of [world().investor1, world().investor2]) {
      expect(JSON.stringify(before.body)).not.toContain(investor.email);
    }
    expect((await callApi(s(), accessRoute.loader, { principal: world().investor1, params: { id: listing.id } })).status).toBe(
      404,
    );

    await s().db.update(listings).set({ status: "awarded" }).where(eq(listings.id, listing.id));
    const after = await log();
    expect(after.body.access[1]).toMatchObject({ reader: "visitor", user: expect.stringContaining(world().investor2.email) });
    expect(after.body.access[2]).toMatchObject({ bidderCode: "1001", user: expect.stringContaining(world().investor1.email) });
    const [bidderOrg] = await s().db.query.organisations.findMany({
      where: (o, { eq: is }) => is(o.id, world().investors[0]!.id),
    });
    expect(after.body.access[2].organisation).toBe(bidderOrg!.name);
  });

  it("shows a package's loan files to its NDA bidders, and keeps what a public listing shows until it ends", async () => {
    const pkg = await s().packages.create(world().staff, { title: "One-claim package", assetIds: [world().asset.id] });
    const loanFile = await s().dataRoom.upload(
      world().staff,
      { assetId: world().asset.id },
      { title: "Loan file", tier: "nda" },
      {
        data: await pdfFile(),
        fileName: "loan.pdf",
        contentType: "application/pdf",
      },
    );
    const draftOnly = await s().dataRoom.upload(
      world().staff,
      { assetId: world().asset.id },
      { title: "Old photo", tier: "public" },
      {
        data: pngFile(),
        fileName: "old.png",
        contentType: "image/png",
      },
    );
    const removed = await callApi(s(), documentRoute.action, {
      method: "DELETE",
      principal: world().staff,
      params: { id: draftOnly.id },
    });
    expect(removed).toMatchObject({ status: 200, body: { removed: true } });
    expect(
      await s()
        .db.select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "document.removed"), eq(auditLog.entityId, draftOnly.id))),
    ).toHaveLength(1);

    const listing = await announced({ packageId: pkg.id });
    const third = await addInvestor(s(), "Lion City Capital", "investor3@fund.test");
    const [thirdOrg] = await s().db.query.memberships.findMany({ where: (m, { eq: is }) => is(m.userId, third.userId) });
    await makeRegistration(s(), {
      listingId: listing.id,
      organisationId: thirdOrg!.organisationId,
      userId: third.userId,
      bidderCode: "2001",
    });
    const room = await roomOf(third, listing.id);
    expect(room.body.dataRoom.documents.map((d: { id: string }) => d.id)).toEqual([loanFile.id]);

    const locked = await refusal(s().dataRoom.remove(world().staff, loanFile.id));
    expect(locked).toMatchObject({ code: "DOCUMENT_LOCKED", status: 409 });
  });
});

describe("a package listing's loan tape", () => {
  it("goes to NDA bidders with the parties in full, audited and logged, and reads back through the tape import unchanged", async () => {
    const uploaded = await s().tapes.upload(world().staff, {
      data: tape([line(1), line(2), line(3, { classification: "损失" })]),
      fileName: "tape.csv",
    });
    await s().tapes.settled();
    await s().tapes.apply(world().staff, uploaded.id);
    const pkg = await s().packages.create(world().staff, { title: "Hangzhou textiles", tapeId: uploaded.id });
    const listing = await announced({ packageId: pkg.id });
    await makeRegistration(s(), {
      listingId: listing.id,
      organisationId: world().investors[0]!.id,
      userId: world().investor1.userId,
      bidderCode: "3001",
    });
    const take = (principal: Parameters<typeof callApi>[2]["principal"], query = "format=csv&lang=zh-CN") =>
      callApiRaw(s(), loanTapeRoute.loader, {
        principal,
        path: `/api/v1/listings/${listing.id}/tape?${query}`,
        params: { id: listing.id },
      });

    expect((await roomOf(world().investor1, listing.id)).body.dataRoom.loanTape).toBe(true);
    const csv = await take(world().investor1);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    const text = csv.text.replace(/^\uFEFF/, "");
    expect(text.split("\n")[0]).toContain("借款人名称");
    expect(text).toContain("杭州第2纺织有限公司");
    expect(text).toContain("330109196805121237");
    expect(text.trim().split("\n")).toHaveLength(4);
    const xlsx = await take(world().investor1, "format=xlsx&lang=en");
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(xlsx.bytes.subarray(0, 2)).toString()).toBe("PK");
    expect((await take(world().investor1, "format=pdf")).status).toBe(400);

    // Read back as a tape of the same loans, it changes nothing.
    const again = await s().tapes.upload(world().staff, { data: csv.bytes, fileName: "back.csv" });
    await s().tapes.settled();
    expect(await s().tapes.get(world().staff, again.id)).toMatchObject({ status: "valid", errorCount: 0 });
    expect(await s().tapes.diff(world().staff, again.id)).toMatchObject({ created: 0, changed: [], unchanged: 3 });

    // Without the NDA, or anonymous: no tape.
    for (const principal of [undefined, world().investor2]) {
      const refused = await take(principal);
      expect(refused.status).toBe(403);
      expect(refused.text).not.toContain("杭州第2纺织有限公司");
    }
    const audits = await s().db.select().from(auditLog).where(eq(auditLog.action, "package.tape_taken"));
    expect(audits.map((a) => a.after)).toEqual([
      expect.objectContaining({ loans: 3, format: "csv", as: "registrant" }),
      expect.objectContaining({ loans: 3, format: "xlsx", as: "registrant" }),
    ]);
    const log = await s().dataRoom.accessLog(world().seller, listing.id);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({ documentId: null, bidderCode: "3001", user: null, reader: "bidder" });
  });
});

describe("questions to the seller", () => {
  it("are asked by approved bidders, answered by the seller, and the answer reaches every approved bidder without the asker's name", async () => {
    const listing = await announced();
    await makeRegistration(s(), {
      listingId: listing.id,
      organisationId: world().investors[0]!.id,
      userId: world().investor1.userId,
      bidderCode: "1001",
    });
    await makeRegistration(s(), {
      listingId: listing.id,
      organisationId: world().investors[1]!.id,
      userId: world().investor2.userId,
      bidderCode: "1002",
      status: "pending",
    });
    const third = await addInvestor(s(), "Lion City Capital", "investor3@fund.test");
    const [thirdOrg] = await s().db.query.memberships.findMany({ where: (m, { eq: is }) => is(m.userId, third.userId) });
    await makeRegistration(s(), {
      listingId: listing.id,
      organisationId: thirdOrg!.organisationId,
      userId: third.userId,
      bidderCode: "1003",
    });

    const asked = await callApi(s(), questionsRoute.action, {
      principal: world().investor1,
      params: { id: listing.id },
      body: { question: "Is the guarantor's judgment final, or under appeal?" },
      answers: z.object({ question: questionSchema }),
    });
    expect(asked.status).toBe(201);
    const questionId = asked.body.question.id as string;
    expect(
      (
        await callApi(s(), questionsRoute.action, {
          principal: world().investor2,
          params: { id: listing.id },
          body: { question: "May I ask too?" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await callApi(s(), questionsRoute.action, {
          principal: world().investor1,
          params: { id: listing.id },
          body: { question: "Hm" },
        })
      ).status,
    ).toBe(422);

    expect(await s().questions.list(anonymousPrincipal, listing.id)).toEqual([]);
    expect(await s().questions.list(third, listing.id)).toEqual([]);
    expect(await s().questions.list(world().investor1, listing.id)).toMatchObject([
      { id: questionId, mine: true, bidderCode: null, answer: null },
    ]);
    expect(await s().questions.list(world().seller, listing.id)).toMatchObject([{ id: questionId, bidderCode: "1001" }]);

    const answered = await callApi(s(), answerRoute.action, {
      principal: world().staff,
      params: { id: questionId },
      body: { answer: "Final: the appeal period ran out on 2025-03-01." },
    });
    expect(answered).toMatchObject({ status: 200, body: { answered: true } });
    const seen = await s().questions.list(third, listing.id);
    expect(seen).toMatchObject([
      {
        question: "Is the guarantor's judgment final, or under appeal?",
        answer: "Final: the appeal period ran out on 2025-03-01.",
        mine: false,
        bidderCode: null,
      },
    ]);
    expect(JSON.stringify(seen)).not.toContain("1001");
    const again = await callApi(s(), answerRoute.action, {
      principal: world().staff,
      params: { id: questionId },
      body: { answer: "Changed my mind." },
    });
    expect(again.status).toBe(409);
    expect(
      (
        await callApi(s(), answerRoute.action, {
          principal: world().investor1,
          params: { id: questionId },
          body: { answer: "Mine" },
        })
      ).status,
    ).toBe(403);

    const told = await s().db.select().from(notifications).where(eq(notifications.listingId, listing.id));
    expect(
      told
        .filter((n) => n.kind === "question_answered")
        .map((n) => n.userId)
        .sort(),
    ).toEqual([world().investor1.userId, third.userId].sort());
    expect(told.filter((n) => n.kind === "question_asked").map((n) => n.userId)).toContain(world().staff.userId);

    await s().db.update(listings).set({ status: "ended" }).where(eq(listings.id, listing.id));
    expect(
      (await refusal(s().questions.ask(world().investor1, listing.id, { question: "One more question, please?" }))).code,
    ).toBe("CONFLICT");
  });
});
