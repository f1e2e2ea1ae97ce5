import type { ListingStatus, Role } from "../../../core/enums";

/**
 * The listing lifecycle as a pure state machine: which action moves a listing from which status
 * to which, who may take it, and the guards the trade imposes. Services load the facts, ask
 * `transition`, and persist what it answers; nothing here reads a clock or a database.
 */
export const lifecycleActions = [
  "edit",
  "submit",
  "approve",
  "check_disclosure",
  "return",
  "publish",
  "open",
  "close",
  "award",
  "award_at_floor",
  "agree",
  "fail_award",
  "fail",
  "contract",
  "settle",
  "complete",
  "suspend",
  "resume",
  "withdraw",
] as const;
export type LifecycleAction = (typeof lifecycleActions)[number];

/** Roles as the machine sees them: seller roles count only in the listing's own organisation. */
export type LifecycleRole = Role | "system";
export const lifecycleRoles: readonly LifecycleRole[] = [
  "seller_admin",
  "seller_staff",
  "approver",
  "valuer",
  "investor",
  "operator",
  "system",
];

interface Rule {
  from: readonly ListingStatus[];
  /** Where it goes; `approve` and `check_disclosure` stay in review until the review is complete. */
  to: ListingStatus | "review_outcome" | "suspended_from";
  who: readonly LifecycleRole[];
  reasonRequired?: boolean;
}

const beforeTheClose: ListingStatus[] = ["draft", "in_review", "approved", "announced", "live", "suspended"];

export const lifecycleRules: Record<LifecycleAction, Rule> = {
  edit: { from: ["draft"], to: "draft", who: ["seller_admin", "seller_staff"] },
  submit: { from: ["draft"], to: "in_review", who: ["seller_admin", "seller_staff"] },
  approve: { from: ["in_review"], to: "review_outcome", who: ["approver", "seller_admin"] },
  check_disclosure: { from: ["in_review"], to: "review_outcome", who: ["operator"] },
  return: { from: ["in_review"], to: "draft", who: ["approver", "seller_admin", "operator"], reasonRequired: true },
  publish: { from: ["approved"], to: "announced", who: ["operator"] },
  open: { from: ["announced"], to: "live", who: ["system"] },
  close: { from: ["live"], to: "ended", who: ["system"] },
  award: { from: ["ended"], to: "awarded", who: ["system"] },
  // Designated purchase: still the only bidder once registration closed, it buys at its floor without a live round.
  award_at_floor: { from: ["announced"], to: "awarded", who: ["system"] },
  // Negotiated transfer: the seller's admin or the counterparty accepts the other's standing offer.
  agree: { from: ["live"], to: "awarded", who: ["seller_admin", "investor"] },
  // The winner defaulted and nobody (or no runner-up in time) takes the lot: it may be re-listed.
  // A buyer who signed but did not pay defaults too (docs/domain.md "Closing").
  fail_award: { from: ["awarded", "contracted"], to: "failed", who: ["operator", "system"], reasonRequired: true },
  fail: { from: ["ended"], to: "failed", who: ["system"] },
  // The transfer agreement signed by both sides, then the balance in: the closing records each.
  contract: { from: ["awarded"], to: "contracted", who: ["system"] },
  settle: { from: ["contracted"], to: "paid", who: ["system"] },
  // The files handed over: the buyer's confirmation of the checklist's last item closes the sale.
  complete: { from: ["paid"], to: "closed", who: ["system"] },
  suspend: { from: ["announced", "live"], to: "suspended", who: ["operator"], reasonRequired: true },
  resume: { from: ["suspended"], to: "suspended_from", who: ["operator"], reasonRequired: true },
  withdraw: { from: beforeTheClose, to: "withdrawn", who: ["seller_admin", "operator"], reasonRequired: true },
};

/** Where a review stands: the approvals of this round and what the listing's value requires. */
export interface ReviewState {
  required: { role: Role; count: number };
  /** This round's approvals, by whom and in which role. */
  approvals: readonly { userId: string; role: Role }[];
  disclosureChecked: boolean;
}

export interface LifecycleFacts {
  status: ListingStatus;
  suspendedFrom: ListingStatus | null;
  bidCount: number;
  createdBy: string | null;
  announcementEndsAt: Date | null;
  startsAt: Date | null;
  endsAt: Date | null;
  review: ReviewState;
}

export interface LifecycleActor {
  userId: string | null;
  roles: ReadonlySet<LifecycleRole>;
}

export type LifecycleCode =
  | "FORBIDDEN"
  | "INVALID_TRANSITION"
  | "REASON_REQUIRED"
  | "OWN_LISTING"
  | "ALREADY_APPROVED"
  | "APPROVER_ROLE_REQUIRED"
  | "ANNOUNCEMENT_PERIOD_RUNNING"
  | "BIDDING_NOT_STARTED"
  | "BIDDING_NOT_ENDED"
  | "LISTING_HAS_BIDS"
  | "NO_WINNER";

export type Transition =
  | { ok: true; to: ListingStatus; role: LifecycleRole }
  | { ok: false; code: LifecycleCode; message: string; details?: Record<string, string> };

const refuse = (code: LifecycleCode, message: string, details?: Record<string, string>): Transition => ({
  ok: false,
  code,
  message,
  ...(details ? { details } : {}),
});

/** Whether the review is complete once `extra` is counted: enough approvals in the required role and the operator's check. */
export function reviewComplete(review: ReviewState, extra?: { userId: string; role: Role } | "disclosure"): boolean {
  const approvals = extra && extra !== "disclosure" ? [...review.approvals, extra] : review.approvals;
  const counted = new Set(approvals.filter((a) => a.role === review.required.role).map((a) => a.userId));
  const checked = review.disclosureChecked || extra === "disclosure";
  return counted.size >= review.required.count && checked;
}

/**
 * Decides one action. Who may act is checked first (a refusal says nothing about the listing's
 * state), then whether the status allows it, then the trade's guards.
 */
export function transition(
  facts: LifecycleFacts,
  action: LifecycleAction,
  actor: LifecycleActor,
  context: { now: Date; reason?: string | null; hasWinner?: boolean },
): Transition {
  const rule = lifecycleRules[action];
  const role = rule.who.find((r) => actor.roles.has(r));
  if (!role) return refuse("FORBIDDEN", "You may not do this to this listing.", { action });
  if (!rule.from.includes(facts.status)) {
    return refuse("INVALID_TRANSITION", `A listing that is ${facts.status} cannot be ${action}ed.`, {
      action,
      status: facts.status,
    });
  }
  if (rule.reasonRequired && !context.reason?.trim()) {
    return refuse("REASON_REQUIRED", "Give a reason: it is recorded and shown on the listing's timeline.");
  }
  const now = context.now;
  switch (action) {
    case "approve": {
      if (actor.userId !== null && actor.userId === facts.createdBy) {
        return refuse("OWN_LISTING", "Nobody may approve a listing they drafted.");
      }
      if (facts.review.approvals.some((a) => a.userId === actor.userId)) {
        return refuse("ALREADY_APPROVED", "You have already approved this listing in this round.");
      }
      const required = facts.review.required.role;
      if (!actor.roles.has(required)) {
        return refuse("APPROVER_ROLE_REQUIRED", `This listing's value needs approval by the ${required} role.`, {
          role: required,
        });
      }
      const done = reviewComplete(facts.review, { userId: actor.userId ?? "", role: required });
      return { ok: true, to: done ? "approved" : "in_review", role: required };
    }
    case "check_disclosure":
      return { ok: true, to: reviewComplete(facts.review, "disclosure") ? "approved" : "in_review", role };
    case "open":
      if (!facts.announcementEndsAt || now < facts.announcementEndsAt) {
        return refuse("ANNOUNCEMENT_PERIOD_RUNNING", "Bidding cannot open before the announcement period ends.", {
          announcementEndsAt: facts.announcementEndsAt?.toISOString() ?? "",
        });
      }
      if (facts.startsAt && now < facts.startsAt) {
        return refuse("BIDDING_NOT_STARTED", "Bidding opens at its scheduled start.", {
          startsAt: facts.startsAt.toISOString(),
        });
      }
      return { ok: true, to: "live", role };
    case "award_at_floor":
      if (!facts.announcementEndsAt || now < facts.announcementEndsAt) {
        return refuse("ANNOUNCEMENT_PERIOD_RUNNING", "Registration is open until the announcement period ends.", {
          announcementEndsAt: facts.announcementEndsAt?.toISOString() ?? "",
        });
      }
      if (!context.hasWinner) return refuse("NO_WINNER", "There is no designated investor to award.");
      return { ok: true, to: "awarded", role };
    case "close":
      if (!facts.endsAt || now < facts.endsAt) return refuse("BIDDING_NOT_ENDED", "Bidding has not ended yet.");
      return { ok: true, to: "ended", role };
    case "award":
      if (!context.hasWinner) return refuse("NO_WINNER", "There is no winning bid to award.");
      return { ok: true, to: "awarded", role };
    case "fail":
      if (context.hasWinner) return refuse("INVALID_TRANSITION", "A listing with a winning bid is awarded, not failed.");
      return { ok: true, to: "failed", role };
    case "withdraw":
      // Western users' first complaint: no cancelling once bids exist (docs/domain.md "Review and approval").
      if (facts.bidCount > 0) return refuse("LISTING_HAS_BIDS", "A listing with a valid bid cannot be withdrawn.");
      return { ok: true, to: "withdrawn", role };
    case "resume":
      return { ok: true, to: facts.suspendedFrom ?? "announced", role };
    default:
      return { ok: true, to: rule.to as ListingStatus, role };
  }
}
