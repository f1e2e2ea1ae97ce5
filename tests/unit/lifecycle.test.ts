import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listingStatuses, type ListingStatus, type Role } from "../../core/enums";
import {
  lifecycleActions,
  lifecycleRoles,
  reviewComplete,
  transition,
  type LifecycleAction,
  type LifecycleActor,
  type LifecycleFacts,
  type LifecycleRole,
  type ReviewState,
} from "../../server/listings/rules/lifecycle";

/*
 * The lifecycle as the trade describes it, written out by hand (not read from `lifecycleRules`):
 * who may take each action, from which statuses, and where it leads.
 */
const statuses = [
  "draft",
  "in_review",
  "approved",
  "announced",
  "live",
  "ended",
  "awarded",
  "contracted",
  "paid",
  "closed",
  "failed",
  "suspended",
  "withdrawn",
] as const satisfies readonly ListingStatus[];

const actions = [
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
] as const satisfies readonly LifecycleAction[];

const roles = [
  "seller_admin",
  "seller_staff",
  "approver",
  "valuer",
  "investor",
  "operator",
  "system",
] as const satisfies readonly LifecycleRole[];

/** "review" stays in review until the review is complete; "where it was" is the status it was suspended from. */
type SpecTarget = ListingStatus | "review" | "where it was";

const spec: Record<LifecycleAction, { from: readonly ListingStatus[]; to: SpecTarget; who: readonly LifecycleRole[] }> = {
  edit: { from: ["draft"], to: "draft", who: ["seller_admin", "seller_staff"] },
  submit: { from: ["draft"], to: "in_review", who: ["seller_admin", "seller_staff"] },
  approve: { from: ["in_review"], to: "review", who: ["approver", "seller_admin"] },
  check_disclosure: { from: ["in_review"], to: "review", who: ["operator"] },
  return: { from: ["in_review"], to: "draft", who: ["approver", "seller_admin", "operator"] },
  publish: { from: ["approved"], to: "announced", who: ["operator"] },
  open: { from: ["announced"], to: "live", who: ["system"] },
  close: { from: ["live"], to: "ended", who: ["system"] },
  award: { from: ["ended"], to: "awarded", who: ["system"] },
  award_at_floor: { from: ["announced"], to: "awarded", who: ["system"] },
  // Negotiated transfer: the seller's admin or the counterparty accepts the other's standing offer.
  agree: { from: ["live"], to: "awarded", who: ["seller_admin", "investor"] },
  // Signed but unpaid is a default too; once paid, the buyer cannot default.
  fail_award: { from: ["awarded", "contracted"], to: "failed", who: ["operator", "system"] },
  fail: { from: ["ended"], to: "failed", who: ["system"] },
  contract: { from: ["awarded"], to: "contracted", who: ["system"] },
  settle: { from: ["contracted"], to: "paid", who: ["system"] },
  complete: { from: ["paid"], to: "closed", who: ["system"] },
  suspend: { from: ["announced", "live"], to: "suspended", who: ["operator"] },
  resume: { from: ["suspended"], to: "where it was", who: ["operator"] },
  withdraw: {
    from: ["draft", "in_review", "approved", "announced", "live", "suspended"],
    to: "withdrawn",
    who: ["seller_admin", "operator"],
  },
};

const reasonRequired: readonly LifecycleAction[] = ["return", "suspend", "resume", "withdraw", "fail_award"];
const terminal: readonly ListingStatus[] = ["withdrawn", "closed", "failed"];

const now = new Date("2026-11-20T02:00:00Z");
const hoursFrom = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
const reason = "The valuation report is out of date";

const review = (overrides: Partial<ReviewState> = {}): ReviewState => ({
  required: { role: "approver", count: 1 },
  approvals: [],
  disclosureChecked: false,
  ...overrides,
});

const facts = (overrides: Partial<LifecycleFacts> = {}): LifecycleFacts => ({
  status: "draft",
  suspendedFrom: null,
  bidCount: 0,
  createdBy: "drafter",
  announcementEndsAt: hoursFrom(-48),
  startsAt: hoursFrom(-24),
  endsAt: hoursFrom(-1),
  review: review(),
  ...overrides,
});

const actor = (userId: string | null, ...actorRoles: LifecycleRole[]): LifecycleActor => ({
  userId,
  roles: new Set(actorRoles),
});

/**
 * Facts under which every guard of `action` passes for an actor in `role`: the review needs one
 * more approval (in the actor's role) or the disclosure check to complete, times have passed.
 */
function readyFacts(status: ListingStatus, action: LifecycleAction, role: LifecycleRole): LifecycleFacts {
  const approvingRole: Role = role === "seller_admin" ? "seller_admin" : "approver";
  const ready =
    action === "check_disclosure"
      ? review({
          required: { role: "approver", count: 2 },
          approvals: [
            { userId: "approver-1", role: "approver" },
            { userId: "approver-2", role: "approver" },
          ],
          disclosureChecked: false,
        })
      : review({
          required: { role: approvingRole, count: 2 },
          approvals: [{ userId: "approver-1", role: approvingRole }],
          disclosureChecked: true,
        });
  return facts({ status, suspendedFrom: status === "suspended" ? "live" : null, review: ready });
}

const readyContext = (action: LifecycleAction) => ({ now, reason, hasWinner: action === "award" || action === "award_at_floor" });

type Expected = { ok: true; to: ListingStatus } | { ok: false; code: "FORBIDDEN" | "INVALID_TRANSITION" };

function expectedFor(status: ListingStatus, action: LifecycleAction, role: LifecycleRole): Expected {
  const rule = spec[action];
  if (!rule.who.includes(role)) return { ok: false, code: "FORBIDDEN" };
  if (!rule.from.includes(status)) return { ok: false, code: "INVALID_TRANSITION" };
  const to = rule.to === "review" ? "approved" : rule.to === "where it was" ? "live" : rule.to;
  return { ok: true, to };
}

const combinations = statuses.flatMap((status) =>
  actions.flatMap((action) =>
    roles.map((role) => {
      const expected = expectedFor(status, action, role);
      return { status, action, role, expected, outcome: expected.ok ? `ok -> ${expected.to}` : expected.code };
    }),
  ),
);

describe("the lifecycle's vocabulary", () => {
  it("knows the 11 listing statuses of the schema", () => {
    expect([...listingStatuses].sort()).toEqual([...statuses].sort());
  });

  it("knows the 14 actions", () => {
    expect([...lifecycleActions].sort()).toEqual([...actions].sort());
  });

  it("knows the 7 roles, the system among them", () => {
    expect([...lifecycleRoles].sort()).toEqual([...roles].sort());
  });

  it("covers every status x action x role combination", () => {
    expect(combinations).toHaveLength(13 * 19 * 7);
  });
});

describe("transition: every status x action x role", () => {
  it.each(combinations)("$action by $role on a $status listing: $outcome", ({ status, action, role, expected }) => {
    const result = transition(readyFacts(status, action, role), action, actor("actor-1", role), readyContext(action));
    if (expected.ok) {
      expect(result).toEqual({ ok: true, to: expected.to, role });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe(expected.code);
    }
  });
});

describe("transition: who may act is checked before the status", () => {
  it("refuses an investor on a closed listing as forbidden, without naming the status", () => {
    const result = transition(facts({ status: "closed" }), "complete", actor("investor-1", "investor"), { now });
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    if (!result.ok) expect(result.details?.status).toBeUndefined();
  });

  it("lets an actor with several roles act in the one the action needs", () => {
    const result = transition(facts({ status: "approved" }), "publish", actor("op-1", "investor", "operator"), { now });
    expect(result).toEqual({ ok: true, to: "announced", role: "operator" });
  });

  it("names the status when the status is what forbids the action", () => {
    const result = transition(facts({ status: "live" }), "edit", actor("staff-1", "seller_staff"), { now });
    expect(result).toMatchObject({ ok: false, code: "INVALID_TRANSITION", details: { action: "edit", status: "live" } });
  });
});

describe("transition: approval", () => {
  const inReview = (r: Partial<ReviewState> = {}, createdBy = "drafter") =>
    facts({ status: "in_review", createdBy, review: review(r) });

  it("lets nobody approve a listing they drafted", () => {
    const result = transition(inReview({}, "approver-1"), "approve", actor("approver-1", "approver"), { now });
    expect(result).toMatchObject({ ok: false, code: "OWN_LISTING" });
  });

  it("lets no seller admin approve a listing they drafted either", () => {
    const result = transition(
      inReview({ required: { role: "seller_admin", count: 1 } }, "admin-1"),
      "approve",
      actor("admin-1", "seller_admin"),
      { now },
    );
    expect(result).toMatchObject({ ok: false, code: "OWN_LISTING" });
  });

  it("refuses a second approval by the same person in the same round", () => {
    const result = transition(
      inReview({ required: { role: "approver", count: 2 }, approvals: [{ userId: "approver-1", role: "approver" }] }),
      "approve",
      actor("approver-1", "approver"),
      { now },
    );
    expect(result).toMatchObject({ ok: false, code: "ALREADY_APPROVED" });
  });

  it("requires the seller_admin role when the listing's tier asks for it, and an approver alone is not enough", () => {
    const result = transition(
      inReview({ required: { role: "seller_admin", count: 1 }, disclosureChecked: true }),
      "approve",
      actor("approver-1", "approver"),
      { now },
    );
    expect(result).toMatchObject({ ok: false, code: "APPROVER_ROLE_REQUIRED", details: { role: "seller_admin" } });
  });

  it("requires the approver role when the tier asks for it, and a seller admin alone is not enough", () => {
    const result = transition(
      inReview({ required: { role: "approver", count: 1 }, disclosureChecked: true }),
      "approve",
      actor("admin-1", "seller_admin"),
      { now },
    );
    expect(result).toMatchObject({ ok: false, code: "APPROVER_ROLE_REQUIRED", details: { role: "approver" } });
  });

  it("counts the approval in the tier's role when the actor holds several", () => {
    const result = transition(
      inReview({ required: { role: "seller_admin", count: 1 }, disclosureChecked: true }),
      "approve",
      actor("admin-1", "approver", "seller_admin"),
      { now },
    );
    expect(result).toEqual({ ok: true, to: "approved", role: "seller_admin" });
  });

  it("stays in review until enough distinct people have approved", () => {
    const required = { role: "approver" as const, count: 3 };
    const first = transition(inReview({ required, disclosureChecked: true }), "approve", actor("a1", "approver"), { now });
    expect(first).toEqual({ ok: true, to: "in_review", role: "approver" });
    const second = transition(
      inReview({ required, disclosureChecked: true, approvals: [{ userId: "a1", role: "approver" }] }),
      "approve",
      actor("a2", "approver"),
      { now },
    );
    expect(second).toEqual({ ok: true, to: "in_review", role: "approver" });
    const third = transition(
      inReview({
        required,
        disclosureChecked: true,
        approvals: [
          { userId: "a1", role: "approver" },
          { userId: "a2", role: "approver" },
        ],
      }),
      "approve",
      actor("a3", "approver"),
      { now },
    );
    expect(third).toEqual({ ok: true, to: "approved", role: "approver" });
  });

  it("stays in review after the last approval until the operator has checked the disclosure", () => {
    const result = transition(
      inReview({ required: { role: "approver", count: 1 }, disclosureChecked: false }),
      "approve",
      actor("a1", "approver"),
      { now },
    );
    expect(result).toEqual({ ok: true, to: "in_review", role: "approver" });
  });

  it("completes the review with the disclosure check when the approvals are already in", () => {
    const result = transition(
      inReview({ required: { role: "approver", count: 1 }, approvals: [{ userId: "a1", role: "approver" }] }),
      "check_disclosure",
      actor("op-1", "operator"),
      { now },
    );
    expect(result).toEqual({ ok: true, to: "approved", role: "operator" });
  });

  it("stays in review after the disclosure check while approvals are missing", () => {
    const result = transition(
      inReview({ required: { role: "approver", count: 2 }, approvals: [{ userId: "a1", role: "approver" }] }),
      "check_disclosure",
      actor("op-1", "operator"),
      { now },
    );
    expect(result).toEqual({ ok: true, to: "in_review", role: "operator" });
  });

  it("completes the review whichever comes first, approvals or the disclosure check", () => {
    const required = { role: "approver" as const, count: 1 };
    // Disclosure first, then the approval.
    const checked = transition(inReview({ required }), "check_disclosure", actor("op-1", "operator"), { now });
    expect(checked).toMatchObject({ ok: true, to: "in_review" });
    const approved = transition(inReview({ required, disclosureChecked: true }), "approve", actor("a1", "approver"), {
      now,
    });
    expect(approved).toMatchObject({ ok: true, to: "approved" });
    // The approval first, then the disclosure.
    const approvedFirst = transition(inReview({ required }), "approve", actor("a1", "approver"), { now });
    expect(approvedFirst).toMatchObject({ ok: true, to: "in_review" });
    const checkedLast = transition(
      inReview({ required, approvals: [{ userId: "a1", role: "approver" }] }),
      "check_disclosure",
      actor("op-1", "operator"),
      { now },
    );
    expect(checkedLast).toMatchObject({ ok: true, to: "approved" });
  });

  it("does not count approvals given in a role the tier does not require", () => {
    const result = transition(
      inReview({
        required: { role: "seller_admin", count: 2 },
        approvals: [{ userId: "a1", role: "approver" }],
        disclosureChecked: true,
      }),
      "approve",
      actor("admin-1", "seller_admin"),
      { now },
    );
    expect(result).toEqual({ ok: true, to: "in_review", role: "seller_admin" });
  });
});

describe("reviewComplete", () => {
  it("is complete with enough distinct approvals in the required role and the disclosure checked", () => {
    expect(
      reviewComplete(
        review({
          required: { role: "approver", count: 2 },
          approvals: [
            { userId: "a1", role: "approver" },
            { userId: "a2", role: "approver" },
          ],
          disclosureChecked: true,
        }),
      ),
    ).toBe(true);
  });

  it("is not complete without the disclosure check, however many approvals", () => {
    expect(
      reviewComplete(
        review({
          required: { role: "approver", count: 1 },
          approvals: [
            { userId: "a1", role: "approver" },
            { userId: "a2", role: "approver" },
          ],
        }),
      ),
    ).toBe(false);
  });

  it("counts the same person once", () => {
    expect(
      reviewComplete(
        review({
          required: { role: "approver", count: 2 },
          approvals: [
            { userId: "a1", role: "approver" },
            { userId: "a1", role: "approver" },
          ],
          disclosureChecked: true,
        }),
      ),
    ).toBe(false);
  });

  it("ignores approvals in another role", () => {
    expect(
      reviewComplete(
        review({
          required: { role: "seller_admin", count: 1 },
          approvals: [{ userId: "a1", role: "approver" }],
          disclosureChecked: true,
        }),
      ),
    ).toBe(false);
  });

  it("counts an extra approval or the disclosure check not yet recorded", () => {
    const pending = review({ required: { role: "approver", count: 1 }, approvals: [], disclosureChecked: true });
    expect(reviewComplete(pending)).toBe(false);
    expect(reviewComplete(pending, { userId: "a1", role: "approver" })).toBe(true);
    const unchecked = review({ required: { role: "approver", count: 1 }, approvals: [{ userId: "a1", role: "approver" }] });
    expect(reviewComplete(unchecked)).toBe(false);
    expect(reviewComplete(unchecked, "disclosure")).toBe(true);
  });

  it("is complete exactly when the distinct approvers in the required role reach the count and the disclosure is checked (property)", () => {
    const approval = fc.record({
      userId: fc.constantFrom("a1", "a2", "a3", "a4"),
      role: fc.constantFrom<Role>("approver", "seller_admin"),
    });
    fc.assert(
      fc.property(
        fc.array(approval, { maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom<Role>("approver", "seller_admin"),
        fc.boolean(),
        (approvals, count, role, disclosureChecked) => {
          const distinct = new Set(approvals.filter((a) => a.role === role).map((a) => a.userId)).size;
          expect(reviewComplete({ required: { role, count }, approvals, disclosureChecked })).toBe(
            disclosureChecked && distinct >= count,
          );
        },
      ),
    );
  });
});

describe("transition: reasons", () => {
  const cases: { action: LifecycleAction; status: ListingStatus; role: LifecycleRole }[] = [
    { action: "return", status: "in_review", role: "approver" },
    { action: "suspend", status: "live", role: "operator" },
    { action: "resume", status: "suspended", role: "operator" },
    { action: "withdraw", status: "draft", role: "seller_admin" },
    { action: "fail_award", status: "awarded", role: "operator" },
  ];

  it("asks a reason for exactly return, suspend, resume, withdraw and failing an award", () => {
    expect([...reasonRequired].sort()).toEqual(cases.map((c) => c.action).sort());
  });

  for (const { action, status, role } of cases) {
    for (const blank of [undefined, null, "", "   ", "\n\t "]) {
      it(`refuses to ${action} a ${status} listing with the reason ${JSON.stringify(blank)}`, () => {
        const result = transition(
          facts({ status, suspendedFrom: status === "suspended" ? "live" : null }),
          action,
          actor("actor-1", role),
          { now, reason: blank },
        );
        expect(result).toMatchObject({ ok: false, code: "REASON_REQUIRED" });
      });
    }

    it(`lets a ${role} ${action} a ${status} listing with a reason`, () => {
      const result = transition(
        facts({ status, suspendedFrom: status === "suspended" ? "live" : null }),
        action,
        actor("actor-1", role),
        { now, reason: "  Objection upheld  " },
      );
      expect(result.ok).toBe(true);
    });
  }

  it("asks no reason to publish", () => {
    const result = transition(facts({ status: "approved" }), "publish", actor("op-1", "operator"), { now });
    expect(result).toEqual({ ok: true, to: "announced", role: "operator" });
  });
});

describe("transition: opening bidding", () => {
  const system = actor(null, "system");

  it("does not open during the announcement period", () => {
    const result = transition(
      facts({ status: "announced", announcementEndsAt: hoursFrom(1), startsAt: hoursFrom(-1) }),
      "open",
      system,
      { now },
    );
    expect(result).toMatchObject({ ok: false, code: "ANNOUNCEMENT_PERIOD_RUNNING" });
  });

  it("does not open a listing whose announcement period was never set", () => {
    const result = transition(facts({ status: "announced", announcementEndsAt: null }), "open", system, { now });
    expect(result).toMatchObject({ ok: false, code: "ANNOUNCEMENT_PERIOD_RUNNING" });
  });

  it("does not open one millisecond before the announcement period ends", () => {
    const result = transition(
      facts({ status: "announced", announcementEndsAt: new Date(now.getTime() + 1), startsAt: null }),
      "open",
      system,
      { now },
    );
    expect(result).toMatchObject({ ok: false, code: "ANNOUNCEMENT_PERIOD_RUNNING" });
  });

  it("opens the moment the announcement period ends", () => {
    const result = transition(facts({ status: "announced", announcementEndsAt: now, startsAt: now }), "open", system, { now });
    expect(result).toEqual({ ok: true, to: "live", role: "system" });
  });

  it("does not open before the scheduled start, even after the announcement period", () => {
    const result = transition(
      facts({ status: "announced", announcementEndsAt: hoursFrom(-1), startsAt: hoursFrom(2) }),
      "open",
      system,
      { now },
    );
    expect(result).toMatchObject({
      ok: false,
      code: "BIDDING_NOT_STARTED",
      details: { startsAt: hoursFrom(2).toISOString() },
    });
  });
});

describe("transition: closing, awarding, failing", () => {
  const system = actor(null, "system");

  it("does not close before the end of bidding", () => {
    const result = transition(facts({ status: "live", endsAt: hoursFrom(1) }), "close", system, { now });
    expect(result).toMatchObject({ ok: false, code: "BIDDING_NOT_ENDED" });
  });

  it("does not close a listing with no end", () => {
    const result = transition(facts({ status: "live", endsAt: null }), "close", system, { now });
    expect(result).toMatchObject({ ok: false, code: "BIDDING_NOT_ENDED" });
  });

  it("closes at the end of bidding", () => {
    const result = transition(facts({ status: "live", endsAt: now }), "close", system, { now });
    expect(result).toEqual({ ok: true, to: "ended", role: "system" });
  });

  it("does not award an ended listing without a winner", () => {
    for (const hasWinner of [false, undefined]) {
      const result = transition(facts({ status: "ended" }), "award", system, { now, hasWinner });
      expect(result).toMatchObject({ ok: false, code: "NO_WINNER" });
    }
  });

  it("awards a designated purchase at its floor only once the announcement period is over and the investor is there", () => {
    const announced = facts({ status: "announced", announcementEndsAt: now });
    expect(transition(announced, "award_at_floor", system, { now, hasWinner: true })).toEqual({
      ok: true,
      to: "awarded",
      role: "system",
    });
    const running = facts({ status: "announced", announcementEndsAt: hoursFrom(1) });
    expect(transition(running, "award_at_floor", system, { now, hasWinner: true })).toMatchObject({
      ok: false,
      code: "ANNOUNCEMENT_PERIOD_RUNNING",
    });
    expect(transition(announced, "award_at_floor", system, { now, hasWinner: false })).toMatchObject({
      ok: false,
      code: "NO_WINNER",
    });
  });

  it("does not fail an ended listing that has a winner", () => {
    const result = transition(facts({ status: "ended" }), "fail", system, { now, hasWinner: true });
    expect(result.ok).toBe(false);
  });

  it("fails an ended listing without a winner", () => {
    const result = transition(facts({ status: "ended" }), "fail", system, { now, hasWinner: false });
    expect(result).toEqual({ ok: true, to: "failed", role: "system" });
  });
});

describe("transition: suspending, resuming, withdrawing", () => {
  const operator = actor("op-1", "operator");

  for (const from of ["live", "announced"] as const) {
    it(`resumes a listing suspended while ${from} to ${from}`, () => {
      const result = transition(facts({ status: "suspended", suspendedFrom: from }), "resume", operator, {
        now,
        reason: "Objection dismissed",
      });
      expect(result).toEqual({ ok: true, to: from, role: "operator" });
    });
  }

  it("refuses to withdraw a listing with a valid bid", () => {
    for (const status of ["live", "suspended"] as const) {
      const result = transition(facts({ status, suspendedFrom: "live", bidCount: 1 }), "withdraw", operator, {
        now,
        reason: "Borrower repaid",
      });
      expect(result).toMatchObject({ ok: false, code: "LISTING_HAS_BIDS" });
    }
  });

  it("lets the seller admin withdraw a live listing nobody has bid on", () => {
    const result = transition(facts({ status: "live", bidCount: 0 }), "withdraw", actor("admin-1", "seller_admin"), {
      now,
      reason: "Borrower repaid",
    });
    expect(result).toEqual({ ok: true, to: "withdrawn", role: "seller_admin" });
  });
});

describe("transition: any sequence of actions (property)", () => {
  const allowedTargets = (action: LifecycleAction, suspendedFrom: ListingStatus | null): ListingStatus[] => {
    const to = spec[action].to;
    if (to === "review") return ["in_review", "approved"];
    if (to === "where it was") return suspendedFrom ? [suspendedFrom] : ["announced", "live"];
    return [to];
  };

  // Withdrawing ends a walk and returning restarts it, so both are drawn rarely enough for walks to reach the close.
  const action = fc.oneof(
    { arbitrary: fc.constantFrom(...actions.filter((a) => a !== "withdraw" && a !== "return")), weight: 100 },
    { arbitrary: fc.constantFrom("withdraw" as const, "return" as const), weight: 2 },
  );

  const step = fc.record({
    action,
    role: fc.constantFrom(...roles),
    // Most steps pick a role the action allows, so walks get past the first statuses.
    allowedRole: fc.nat(),
    useAllowedRole: fc.nat(9).map((n) => n < 8),
    userId: fc.constantFrom("drafter", "u1", "u2", "u3"),
    hasWinner: fc.boolean(),
    bidCount: fc.nat(2),
    timesPassed: fc.boolean(),
    approvals: fc.subarray(["u1", "u2", "u3"]),
    required: fc.integer({ min: 1, max: 3 }),
    disclosureChecked: fc.boolean(),
  });

  it("follows only edges of the lifecycle, and withdrawn, closed and failed are terminal", () => {
    const reached = new Set<ListingStatus>(["draft"]);
    fc.assert(
      fc.property(fc.array(step, { minLength: 60, maxLength: 150 }), (steps) => {
        let status: ListingStatus = "draft";
        let suspendedFrom: ListingStatus | null = null;
        for (const s of steps) {
          const who = spec[s.action].who;
          const role = s.useAllowedRole ? who[s.allowedRole % who.length]! : s.role;
          const result = transition(
            facts({
              status,
              suspendedFrom,
              bidCount: s.bidCount,
              announcementEndsAt: hoursFrom(s.timesPassed ? -48 : 48),
              startsAt: hoursFrom(s.timesPassed ? -24 : 72),
              endsAt: hoursFrom(s.timesPassed ? -1 : 96),
              review: review({
                required: { role: "approver", count: s.required },
                approvals: s.approvals.map((userId) => ({ userId, role: "approver" as const })),
                disclosureChecked: s.disclosureChecked,
              }),
            }),
            s.action,
            actor(s.userId, role),
            { now, reason, hasWinner: s.hasWinner },
          );
          if (terminal.includes(status)) expect(result.ok).toBe(false);
          if (!result.ok) continue;
          expect(spec[s.action].who).toContain(role);
          expect(spec[s.action].from).toContain(status);
          expect(allowedTargets(s.action, suspendedFrom)).toContain(result.to);
          suspendedFrom = result.to === "suspended" ? status : result.to === status ? suspendedFrom : null;
          status = result.to;
          reached.add(status);
        }
      }),
      { numRuns: 400 },
    );
    // The walks above are only meaningful if they reach every status, the terminal ones included.
    expect([...reached].sort()).toEqual([...statuses].sort());
  });
});
