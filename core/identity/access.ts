import type { Role } from "../enums";

export interface MembershipView {
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  organisationStatus: "pending" | "approved" | "rejected" | "suspended";
  role: Role;
}

export type Principal =
  | { kind: "anonymous" }
  | {
      kind: "user";
      userId: string;
      email: string;
      displayName: string;
      memberships: MembershipView[];
      /** How this request proved who it is. */
      via: "session" | "token";
      sessionId?: string;
    };

export type UserPrincipal = Extract<Principal, { kind: "user" }>;

export const anonymous: Principal = { kind: "anonymous" };

/**
 * Who may do what: one table, read by every loader, action and API route.
 * A role counts only in an organisation an operator has approved.
 */
export const permissions = {
  "listing.browse": "anyone",
  "account.manage": "signed_in",
  "organisation.review": ["operator"],
  "user.create_operator": ["operator"],
  "audit.read": ["operator"],
  "seller.listings.read": ["seller_admin", "seller_staff", "approver", "valuer"],
  "investor.bid": ["investor"],
  "listing.draft": ["seller_admin", "seller_staff"],
  "asset.manage": ["seller_admin", "seller_staff"],
  "listing.review": ["approver", "seller_admin", "operator"],
  "listing.operate": ["operator"],
  "payments.operate": ["operator"],
  "investor.register": ["investor"],
} as const satisfies Record<string, "anyone" | "signed_in" | readonly Role[]>;

export type Permission = keyof typeof permissions;

/** Memberships whose role counts: in an approved organisation, and operators only in the platform's. */
function countingMemberships(principal: Principal): MembershipView[] {
  if (principal.kind !== "user") return [];
  return principal.memberships
    .filter((m) => m.organisationStatus === "approved")
    .filter((m) => m.role !== "operator" || m.organisationKind === "platform");
}

export function activeRoles(principal: Principal, organisationId?: string): Set<Role> {
  return new Set(
    countingMemberships(principal)
      .filter((m) => organisationId === undefined || m.organisationId === organisationId)
      .map((m) => m.role),
  );
}

/** `organisationId` narrows an org-bound permission to roles held in that organisation. */
export function can(principal: Principal, permission: Permission, organisationId?: string): boolean {
  const rule = permissions[permission];
  if (rule === "anyone") return true;
  if (principal.kind !== "user") return false;
  if (rule === "signed_in") return true;
  const roles = activeRoles(principal, organisationId);
  return rule.some((r) => roles.has(r));
}

/** Organisations in which the principal holds one of the roles, approved ones only. */
export function organisationsWith(principal: Principal, wanted: readonly Role[]): string[] {
  const ids = countingMemberships(principal)
    .filter((m) => wanted.includes(m.role))
    .map((m) => m.organisationId);
  return [...new Set(ids)];
}

/** True while every organisation of the user still awaits an operator's approval. */
export function awaitingVerification(principal: Principal): boolean {
  return (
    principal.kind === "user" &&
    principal.memberships.length > 0 &&
    principal.memberships.every((m) => m.organisationStatus === "pending")
  );
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
