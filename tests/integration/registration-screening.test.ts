import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { assets, auditLog, memberships, registrations } from "../../db/schema";
import { makeAsset, makeListing } from "../../db/seed/factories";
import * as applyRoute from "../../app/routes/api.v1.listings.$id.registrations";
import { callApi } from "../support/api";
import {
  addInvestor,
  application,
  DAY,
  principalOf,
  announcedListing as announced,
  useLifecycleWorld,
  worldIds,
  yuan,
} from "../support/lifecycle-world";
import { rejection, refusal } from "../support/refusal";
import { openApplicant } from "../../server/privacy/personal-data";

const { clock, services: s, world, vault } = useLifecycleWorld();

const announcedListing = () => announced(s(), world(), clock().now());

const applyOverHttp = (listingId: string, principal = world().investor1, body: unknown = application(1)) =>
  callApi(s(), applyRoute.action, { params: { id: listingId }, body, principal });

/** The registration as stored, with the applicant's name and number opened from their sealed columns. */
const registrationRow = async (id: string) => {
  const row = (await s().db.select().from(registrations).where(eq(registrations.id, id)))[0]!;
  const applicant = openApplicant(vault(), row);
  return { ...row, applicantName: applicant.name, applicantIdNumber: applicant.idNumber };
};

describe("an application whose ID number matches a borrower or guarantor", () => {
  it("is answered exactly as any pending application: the same status and the same body", async () => {
    const id = await announcedListing();
    const guess = await applyOverHttp(
      id,
      world().investor1,
      application(1, { applicantName: "Someone Else", applicantIdType: "resident_id", applicantIdNumber: worldIds.guarantor }),
    );
    const honest = await applyOverHttp(
      id,
      world().investor2,
      application(1, { applicantName: "Jade River Investment", applicantIdNumber: worldIds.jadeRiver }),
    );
    expect(guess.status).toBe(201);
    expect(honest.status).toBe(201);
    // Both told how to pay their deposit, and nothing else.
    const pending = {
      registration: {
        id: expect.any(String),
        status: "pending",
        deposit: expect.objectContaining({
          status: "pending",
          amount: "8000000",
          currency: "CNY",
          reference: expect.any(String),
        }),
      },
    };
    expect(guess.body).toEqual(pending);
    expect(honest.body).toEqual(pending);
    expect(Object.keys((guess.body as typeof pending).registration.deposit as object).sort()).toEqual(
      Object.keys((honest.body as typeof pending).registration.deposit as object).sort(),
    );
    // The applicant's own view shows nothing more than pending either.
    const [mine] = await s().registrations.mine(world().investor1);
    expect(mine).toMatchObject({ status: "pending", decisionReason: null });
    expect(JSON.stringify(mine, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))).not.toMatch(
      /guarantor|id_number|screening/,
    );
  });

  it("is shown to the operator with the match, recorded in the audit log, and may only be rejected (ID_NUMBER_MATCH)", async () => {
    const id = await announcedListing();
    // Spaces and a lower case as typed: still the guarantor's number.
    const typed = `${worldIds.borrower.slice(0, 8)} ${worldIds.borrower.slice(8).toLowerCase()}`;
    const { id: registrationId } = await s().registrations.apply(
      world().investor1,
      id,
      application(1, { applicantIdNumber: typed }),
    );

    const [queued] = await s().registrations.queue(world().operator);
    expect(queued).toMatchObject({ id: registrationId, screening: [{ against: "borrower", by: "id_number" }] });
    const [applied] = await s().db.select().from(auditLog).where(eq(auditLog.action, "registration.applied"));
    expect(applied!.after).toMatchObject({ registrationId, screening: [{ against: "borrower", by: "id_number" }] });
    expect(JSON.stringify(applied)).not.toContain(worldIds.borrower);

    await s().registrations.confirmDeposit(world().operator, registrationId);
    const approving = await refusal(
      s().registrations.decide(world().operator, registrationId, { decision: "approve", reason: "Looks fine to me." }),
    );
    expect(approving).toMatchObject({ code: "ID_NUMBER_MATCH", status: 409 });
    expect((await registrationRow(registrationId)).status).toBe("pending");
    const rejected = await s().registrations.decide(world().operator, registrationId, {
      decision: "reject",
      reason: "Not eligible to bid on this listing.",
    });
    expect(rejected.status).toBe("rejected");
  });

  it("still refuses a member of the seller at once, for its membership alone, naming no borrower or guarantor", async () => {
    const id = await announcedListing();
    // Harbour's investor also works for the bank, and types the borrower's code.
    await s()
      .db.insert(memberships)
      .values({ userId: world().investor1.userId, organisationId: world().bank.id, role: "valuer" });
    const insider = await principalOf(s(), "investor1@fund.test");
    const error = await refusal(s().registrations.apply(insider, id, application(1, { applicantIdNumber: worldIds.borrower })));
    expect(error).toMatchObject({ code: "BARRED_BUYER", status: 403, details: { against: "seller_staff", by: "membership" } });
    expect(error.message).toBe("You may not bid on this listing: your organisation shares members with the seller.");
    expect(await s().db.select().from(registrations)).toEqual([]);
  });
});

describe("how often an organisation may apply", () => {
  it("allows three applications a day on one listing, withdrawing in between, then refuses (RATE_LIMITED) without touching others", async () => {
    const id = await announcedListing();
    for (let round = 0; round < 3; round += 1) {
      const { id: registrationId } = await s().registrations.apply(world().investor1, id, application(1));
      await s().registrations.withdraw(world().investor1, registrationId);
    }
    const limited = await applyOverHttp(id);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: expect.any(Number) } });
    expect(limited.body.error.details.retryAfterSeconds).toBeGreaterThan(23 * 3600);
    // Another organisation applies as usual.
    const other = await applyOverHttp(id, world().investor2, application(1, { applicantIdNumber: worldIds.jadeRiver }));
    expect(other.status).toBe(201);
  });

  it("allows one account twenty applications an hour across listings, then refuses (RATE_LIMITED)", async () => {
    const now = clock().now().getTime();
    const open: string[] = [];
    for (let i = 0; i < 21; i += 1) {
      const asset = await makeAsset(s(), {
        sellerOrgId: world().bank.id,
        kind: "claim",
        title: `Claim ${i}`,
        region: "Zhejiang",
        principal: yuan(1_000_000),
        appraisedValue: yuan(900_000),
      });
      const listing = await makeListing(s(), {
        sellerOrgId: world().bank.id,
        assetId: asset.id,
        title: `Claim ${i}`,
        startingPrice: yuan(800_000),
        status: "announced",
        announcedAt: new Date(now - DAY),
        startsAt: new Date(now + 5 * DAY),
        endsAt: new Date(now + 7 * DAY),
      });
      open.push(listing.id);
    }
    expect(await s().db.select().from(assets)).toHaveLength(22);
    for (const id of open.slice(0, 20)) await s().registrations.apply(world().investor1, id, application(1));
    const limited = await refusal(s().registrations.apply(world().investor1, open[20]!, application(1)));
    expect(limited).toMatchObject({ code: "RATE_LIMITED", status: 429 });
    const stored = await s()
      .db.select()
      .from(registrations)
      .where(and(eq(registrations.userId, world().investor1.userId), eq(registrations.listingId, open[20]!)));
    expect(stored).toEqual([]);
  });
});

describe("what an application must hold", () => {
  it("refuses a 3,000-character legal name and markup for an ID number, field by field with the rule broken, and stores nothing", async () => {
    const id = await announcedListing();
    const answer = await applyOverHttp(
      id,
      world().investor1,
      application(1, { applicantName: "A".repeat(3000), applicantIdNumber: "<script>alert(1)</script>" }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe("VALIDATION_FAILED");
    expect(answer.body.error.details.issues).toEqual(
      expect.arrayContaining([
        { path: "applicantName", message: "Enter the full legal name, 2 to 120 characters." },
        {
          path: "applicantIdNumber",
          message:
            "A unified social credit code has 18 characters: digits and capital letters other than I, O, S, V and Z, the last a check character.",
        },
      ]),
    );
    expect(await s().db.select().from(registrations)).toEqual([]);
  });

  it("refuses an ID number with a mistyped character, and a name of markup", async () => {
    const id = await announcedListing();
    const mistyped = `${worldIds.person.slice(0, 17)}${worldIds.person.endsWith("1") ? "2" : "1"}`;
    const error = await rejection(
      s().registrations.apply(
        world().investor1,
        id,
        application(1, { applicantName: "<b>Li Ming</b>", applicantIdType: "resident_id", applicantIdNumber: mistyped }),
      ),
    );
    const issues = (error as Error & { issues: { path: string[]; message: string }[] }).issues;
    expect(issues.map((i) => [i.path.join("."), i.message])).toEqual(
      expect.arrayContaining([
        ["applicantName", "A legal name has letters (of any script), digits, spaces and the punctuation . , ' - ( ) & / · only."],
        ["applicantIdNumber", "The last character does not match the others: check the number for a mistyped character."],
      ]),
    );
  });

  it("keeps the name and number as the document prints them: single spaces, capitals, no spaces inside the number", async () => {
    const id = await announcedListing();
    const { id: registrationId } = await s().registrations.apply(
      world().investor1,
      id,
      application(1, {
        applicantName: "  Li   Ming ",
        applicantIdType: "resident_id",
        applicantIdNumber: "110105 19491231 002x",
      }),
    );
    expect(await registrationRow(registrationId)).toMatchObject({
      applicantName: "Li Ming",
      applicantIdNumber: "11010519491231002X",
    });
  });

  it("accepts a foreign registration number by its format, kept in capitals", async () => {
    const id = await announcedListing();
    const investor3 = await addInvestor(s(), "Lion City Capital", "investor3@fund.test");
    const answer = await applyOverHttp(
      id,
      investor3,
      application(1, {
        applicantName: "Lion City Capital Pte. Ltd.",
        applicantIdType: "foreign_registration",
        applicantIdNumber: "201912345k",
      }),
    );
    expect(answer.status).toBe(201);
    expect((await registrationRow(answer.body.registration.id)).applicantIdNumber).toBe("201912345K");
  });

  it("reads a terms version only as a whole number: true is no version (VALIDATION_FAILED)", async () => {
    const id = await announcedListing();
    for (const termsVersion of [true, "1.0", "", 1.5]) {
      const answer = await applyOverHttp(id, world().investor1, application(1, { termsVersion }));
      expect(answer.status, JSON.stringify(termsVersion)).toBe(422);
      expect(answer.body.error.details.issues).toEqual([expect.objectContaining({ path: "termsVersion" })]);
    }
    // As JSON sends it, or as a form's text.
    expect((await applyOverHttp(id, world().investor1, application(1, { termsVersion: "1" }))).status).toBe(201);
  });

  it("reads a right-of-first-refusal rank only as a whole number", async () => {
    const id = await announcedListing();
    const claim = { rank: true, proof: "Pledge agreement no. 2023-118, registered 3 March 2023." };
    const answer = await applyOverHttp(id, world().investor1, application(1, { rightOfFirstRefusal: claim }));
    expect(answer.status).toBe(422);
    expect(answer.body.error.details.issues).toEqual([expect.objectContaining({ path: "rightOfFirstRefusal.rank" })]);
  });
});
