import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeListing } from "../../db/seed/factories";
import { application, DAY, useLifecycleWorld, yuan } from "../support/lifecycle-world";
import { refusal } from "../support/refusal";
import { header } from "../support/tapes";

const { services: s, world, clock } = useLifecycleWorld();

/** A person who borrowed, and one who guaranteed, as a bank's tape names them. */
const borrower = { name: "林秀英", id: "33010619850307122X" };
const guarantor = { name: "周建国", id: "330109196805121237" };
const secrets = [borrower.name, borrower.id, guarantor.name, guarantor.id];

const row = (loanId: string, borrowerId = borrower.id) =>
  [
    loanId,
    borrower.name,
    borrowerId,
    '"1,250,000.00"',
    "80000",
    "可疑",
    "保证",
    "浙江 · 杭州",
    guarantor.name,
    guarantor.id,
  ].join(",");

describe("personal data in an imported tape", () => {
  it("is never stored in clear, never reaches the public, and still bars the borrower from bidding", async () => {
    // One good loan, and one whose borrower ID is mistyped: its problem is listed with the value masked.
    const upload = await s().tapes.upload(world().staff, {
      data: new TextEncoder().encode([header, row("PV-1"), row("PV-2", "330106198503071227")].join("\n")),
      fileName: "people.csv",
    });
    await s().tapes.settled();
    const read = await s().tapes.get(world().staff, upload.id);
    expect(read).toMatchObject({ status: "invalid", validRows: 1, errorCount: 1 });
    expect(JSON.stringify(read)).not.toContain("330106198503071227");
    await s().tapes.apply(world().staff, upload.id, { validOnly: true });
    const pkg = await s().packages.create(world().staff, { title: "People's loans", tapeId: upload.id });

    // Every table that took part: the book, the staging, the problems, the audit trail.
    for (const table of ["asset_parties", "assets", "tape_rows", "tape_errors", "audit_log", "tapes"]) {
      // PGlite answers { rows }, postgres.js the rows themselves.
      type Dump = { rows: { text: string }[] } | { text: string }[];
      const dump = (await s().db.execute(
        sql.raw(`select coalesce(string_agg(t::text, ' '), '') as text from ${table} t`),
      )) as Dump;
      const text = ("rows" in dump ? dump.rows : dump)[0]!.text;
      for (const secret of [...secrets, "330106198503071227"])
        expect(text, `${table} holds ${secret} in clear`).not.toContain(secret);
    }

    const listing = await makeListing(s(), {
      sellerOrgId: world().bank.id,
      packageId: pkg.id,
      title: "People's loans",
      startingPrice: yuan(600_000),
      status: "announced",
      announcedAt: clock().now(),
      startsAt: new Date(clock().now().getTime() + 10 * DAY),
      endsAt: new Date(clock().now().getTime() + 12 * DAY),
    });
    const publicViews = JSON.stringify([
      await s().listings.getPublic(listing.id),
      await s().packages.publicStratification(pkg.id),
      await s().listings.listPublic({}),
    ]);
    for (const secret of secrets) expect(publicViews).not.toContain(secret);

    // The borrower's own ID number, given to register, is caught by the screen.
    const { id: registrationId } = await s().registrations.apply(
      world().investor1,
      listing.id,
      application(1, {
        applicantName: "Harbour Capital Partners Ltd.",
        applicantIdType: "resident_id",
        applicantIdNumber: borrower.id,
      }),
    );
    await s().registrations.confirmDeposit(world().operator, registrationId);
    const approving = await refusal(
      s().registrations.decide(world().operator, registrationId, { decision: "approve", reason: "Looks fine to me." }),
    );
    expect(approving).toMatchObject({ code: "ID_NUMBER_MATCH", status: 409 });
  });
});
