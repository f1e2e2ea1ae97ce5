import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { organisationKinds, organisationStatuses, roles, type OrganisationKind, type Role } from "../../core/enums";
import {
  activeRoles,
  anonymous,
  awaitingVerification,
  can,
  organisationsWith,
  permissions,
  type MembershipView,
  type Permission,
  type Principal,
} from "../../core/identity/access";

type OrganisationStatus = MembershipView["organisationStatus"];

const allPermissions = Object.keys(permissions) as Permission[];

const membership = (overrides: Partial<MembershipView> = {}): MembershipView => ({
  organisationId: "00000000-0000-4000-8000-000000000001",
  organisationName: "Eastern Commercial Bank",
  organisationKind: "bank",
  organisationStatus: "approved",
  role: "seller_admin",
  ...overrides,
});

const user = (...memberships: MembershipView[]): Principal => ({
  kind: "user",
  userId: "00000000-0000-4000-8000-0000000000aa",
  email: "li.wei@ecb.example",
  displayName: "Li Wei",
  memberships,
  via: "session",
});

/** The organisation a role normally lives in: operators in the platform's, investors in a fund. */
const homeKind = (role: Role): OrganisationKind => (role === "operator" ? "platform" : role === "investor" ? "fund" : "bank");

describe("can: the permission table", () => {
  it("names the permissions the app relies on", () => {
    expect(allPermissions.sort()).toEqual(
      [
        "account.manage",
        "asset.manage",
        "audit.read",
        "investor.bid",
        "investor.register",
        "listing.browse",
        "listing.draft",
        "listing.operate",
        "payments.operate",
        "listing.review",
        "organisation.review",
        "seller.listings.read",
        "user.create_operator",
      ].sort(),
    );
  });

  it("lets an anonymous visitor browse listings and nothing else", () => {
    for (const permission of allPermissions) {
      expect(can(anonymous, permission), permission).toBe(permission === "listing.browse");
    }
  });

  it("lets a signed-in user with no organisation browse and manage the account, nothing else", () => {
    for (const permission of allPermissions) {
      expect(can(user(), permission), permission).toBe(permission === "listing.browse" || permission === "account.manage");
    }
  });

  // Every permission × every role × every organisation status, in the role's usual kind of organisation.
  for (const permission of allPermissions) {
    for (const role of roles) {
      for (const status of organisationStatuses) {
        const rule = permissions[permission];
        const expected =
          rule === "anyone" || rule === "signed_in" || (status === "approved" && (rule as readonly Role[]).includes(role));
        it(`${expected ? "allows" : "refuses"} ${permission} to a ${role} of a ${status} ${homeKind(role)} organisation`, () => {
          const principal = user(membership({ role, organisationStatus: status, organisationKind: homeKind(role) }));
          expect(can(principal, permission)).toBe(expected);
        });
      }
    }
  }

  it("lets investors bid, and no other role", () => {
    for (const role of roles) {
      expect(can(user(membership({ role, organisationKind: homeKind(role) })), "investor.bid"), role).toBe(role === "investor");
    }
  });

  it("keeps organisation review, operator creation and the audit log to operators", () => {
    for (const permission of ["organisation.review", "user.create_operator", "audit.read"] as const) {
      for (const role of roles) {
        expect(can(user(membership({ role, organisationKind: homeKind(role) })), permission), `${permission} ${role}`).toBe(
          role === "operator",
        );
      }
    }
  });

  it("lets seller admins and staff draft listings and record assets; approvers, seller admins and operators review; operators run the queues", () => {
    const holders = (permission: "listing.draft" | "asset.manage" | "listing.review" | "listing.operate" | "investor.register") =>
      roles.filter((role) => can(user(membership({ role, organisationKind: homeKind(role) })), permission)).sort();
    expect(holders("listing.draft")).toEqual(["seller_admin", "seller_staff"]);
    expect(holders("asset.manage")).toEqual(["seller_admin", "seller_staff"]);
    expect(holders("listing.review")).toEqual(["approver", "operator", "seller_admin"]);
    expect(holders("listing.operate")).toEqual(["operator"]);
    expect(holders("investor.register")).toEqual(["investor"]);
  });

  it("shows a seller's listings to its admins, staff, approvers and valuers, never to investors or operators", () => {
    const allowed = roles.filter((role) =>
      can(user(membership({ role, organisationKind: homeKind(role) })), "seller.listings.read"),
    );
    expect(allowed.sort()).toEqual(["approver", "seller_admin", "seller_staff", "valuer"]);
  });
});

describe("can: operators", () => {
  it("counts the operator role only in an approved platform organisation", () => {
    for (const kind of organisationKinds) {
      for (const status of organisationStatuses) {
        const principal = user(membership({ role: "operator", organisationKind: kind, organisationStatus: status }));
        expect(can(principal, "organisation.review"), `${kind}/${status}`).toBe(kind === "platform" && status === "approved");
      }
    }
  });

  it("does not let an operator role in a bank unlock anything, even beside other approved roles", () => {
    const principal = user(
      membership({ role: "operator", organisationKind: "bank" }),
      membership({ role: "seller_admin", organisationKind: "bank" }),
    );
    expect(can(principal, "audit.read")).toBe(false);
    expect(can(principal, "seller.listings.read")).toBe(true);
    expect(activeRoles(principal)).toEqual(new Set(["seller_admin"]));
    expect(organisationsWith(principal, ["operator"])).toEqual([]);
  });
});

describe("can: narrowed to one organisation", () => {
  const fund = "00000000-0000-4000-8000-00000000f00d";
  const bank = "00000000-0000-4000-8000-00000000ba4c";
  const pendingFund = "00000000-0000-4000-8000-00000000aaaa";
  const principal = user(
    membership({ organisationId: fund, organisationKind: "fund", role: "investor" }),
    membership({ organisationId: bank, organisationKind: "bank", role: "seller_staff" }),
    membership({ organisationId: pendingFund, organisationKind: "fund", role: "investor", organisationStatus: "pending" }),
  );

  it("allows a role only in the organisation that holds it", () => {
    expect(can(principal, "investor.bid", fund)).toBe(true);
    expect(can(principal, "investor.bid", bank)).toBe(false);
    expect(can(principal, "seller.listings.read", bank)).toBe(true);
    expect(can(principal, "seller.listings.read", fund)).toBe(false);
  });

  it("refuses a role held in an organisation still pending, even though the user may bid elsewhere", () => {
    expect(can(principal, "investor.bid")).toBe(true);
    expect(can(principal, "investor.bid", pendingFund)).toBe(false);
  });

  it("refuses every role-bound permission in an organisation the user does not belong to", () => {
    const stranger = "00000000-0000-4000-8000-000000000bad";
    for (const permission of allPermissions) {
      const rule = permissions[permission];
      expect(can(principal, permission, stranger), permission).toBe(rule === "anyone" || rule === "signed_in");
    }
  });

  it("lists the approved organisations in which the user holds a wanted role", () => {
    expect(organisationsWith(principal, ["investor"])).toEqual([fund]);
    expect(organisationsWith(principal, ["seller_admin", "seller_staff"])).toEqual([bank]);
    expect(organisationsWith(anonymous, ["investor"])).toEqual([]);
  });
});

describe("can: properties", () => {
  const arbitraryMembership = fc.record({
    organisationId: fc.constantFrom("org-a", "org-b", "org-c"),
    organisationName: fc.constant("Some organisation"),
    organisationKind: fc.constantFrom(...organisationKinds),
    organisationStatus: fc.constantFrom(...organisationStatuses),
    role: fc.constantFrom(...roles),
  }) satisfies fc.Arbitrary<MembershipView>;
  const arbitraryPrincipal = fc.array(arbitraryMembership, { maxLength: 6 }).map((ms) => user(...ms));

  it("grants a user exactly what one of the user's memberships grants on its own", () => {
    fc.assert(
      fc.property(arbitraryPrincipal, fc.constantFrom(...allPermissions), (principal, permission) => {
        if (principal.kind !== "user") return;
        const alone = principal.memberships.some((m) => can(user(m), permission));
        const rule = permissions[permission];
        expect(can(principal, permission)).toBe(alone || rule === "anyone" || rule === "signed_in");
      }),
    );
  });

  it("never grants more within one organisation than overall", () => {
    fc.assert(
      fc.property(
        arbitraryPrincipal,
        fc.constantFrom(...allPermissions),
        fc.constantFrom("org-a", "org-b", "org-c", "org-z"),
        (principal, permission, organisationId) => {
          if (can(principal, permission, organisationId)) expect(can(principal, permission)).toBe(true);
        },
      ),
    );
  });

  it("never lets a role in an organisation that is not approved count", () => {
    fc.assert(
      fc.property(arbitraryPrincipal, (principal) => {
        if (principal.kind !== "user") return;
        const approvedOnly = user(...principal.memberships.filter((m) => m.organisationStatus === "approved"));
        for (const permission of allPermissions) expect(can(principal, permission)).toBe(can(approvedOnly, permission));
      }),
    );
  });
});

describe("awaitingVerification", () => {
  const withStatuses = (...statuses: OrganisationStatus[]) =>
    user(
      ...statuses.map((organisationStatus, i) =>
        membership({ organisationStatus, organisationId: `org-${i}`, role: "investor" }),
      ),
    );

  it("is true while the user's only organisation awaits approval", () => {
    expect(awaitingVerification(withStatuses("pending"))).toBe(true);
  });

  it("is true while every one of several organisations awaits approval", () => {
    expect(awaitingVerification(withStatuses("pending", "pending"))).toBe(true);
  });

  it("is false once any organisation of the user is approved", () => {
    expect(awaitingVerification(withStatuses("pending", "approved"))).toBe(false);
    expect(awaitingVerification(withStatuses("approved"))).toBe(false);
  });

  it("is false for a rejected or suspended organisation: there is nothing left to wait for", () => {
    expect(awaitingVerification(withStatuses("rejected"))).toBe(false);
    expect(awaitingVerification(withStatuses("suspended"))).toBe(false);
  });

  it("is false for an anonymous visitor and for a user without organisations", () => {
    expect(awaitingVerification(anonymous)).toBe(false);
    expect(awaitingVerification(user())).toBe(false);
  });
});
