import { eq } from "drizzle-orm";
import type { UserPrincipal } from "../../core/identity/access";
import type { Clock } from "../../server/clock";
import type { Services } from "../../server/services";
import { listings } from "../schema";

/**
 * The demo's past, lived through the services a seller and an operator use: each listing drafted,
 * submitted, approved, its disclosure checked and its announcement published at a time in the
 * past, then bidding opened, bids placed and auctions closed as the clock passes each moment.
 */

const DAY = 86_400_000;

/** The clock the demo's services read: the present, or a moment of the past the seed is living through. */
export interface SeedClock extends Clock {
  /** Sets the time the services read; null goes back to the present. */
  at(time: Date | null): void;
}

export function seedClock(present: Clock): SeedClock {
  let fixed: Date | null = null;
  return {
    now: () => (fixed ? new Date(fixed.getTime()) : present.now()),
    at(time) {
      fixed = time;
    },
  };
}

/** Who takes a listing through its review: the seller's author and approvers, and an operator. */
export interface Reviewers {
  author: UserPrincipal;
  approvers: UserPrincipal[];
  operator: UserPrincipal;
}

async function statusOf(services: Services, id: string) {
  const [row] = await services.db.select({ status: listings.status }).from(listings).where(eq(listings.id, id));
  return row!.status;
}

/**
 * Drafts a listing three days before `publishAt`, submits it, has the seller's approvers approve it
 * until the review is complete, the operator check its disclosure and, at `publishAt`, publish its
 * announcement. `beforeSubmit` does what the mode needs first (a designated investor's commitment).
 * With `publishAt` null the listing stays a draft.
 */
export async function throughReview(
  services: Services,
  clock: SeedClock,
  people: Reviewers,
  terms: Record<string, unknown>,
  { publishAt, beforeSubmit }: { publishAt: Date | null; beforeSubmit?: (id: string) => Promise<void> },
): Promise<string> {
  const draftedAt = publishAt ? new Date(publishAt.getTime() - 3 * DAY) : null;
  clock.at(draftedAt);
  const { id } = await services.workflow.createDraft(people.author, terms);
  if (!publishAt) return id;
  await beforeSubmit?.(id);
  clock.at(new Date(publishAt.getTime() - 2 * DAY));
  await services.workflow.submit(people.author, id);
  for (const approver of people.approvers) {
    if ((await statusOf(services, id)) !== "in_review") break;
    await services.workflow.approve(approver, id, { reason: "Reviewed by the credit committee." });
  }
  clock.at(new Date(publishAt.getTime() - DAY));
  await services.workflow.checkDisclosure(people.operator, id);
  clock.at(publishAt);
  await services.workflow.publish(people.operator, id);
  return id;
}

/** Something that happens at a moment of the demo's past (a bid, an offer, a next round), and what it sets in train. */
export interface Moment {
  at: Date;
  run?: () => Promise<Moment[] | void>;
}

/**
 * Lives through the moments in time order, the system's own work done at each as the closing job
 * would have done it (bidding opened, auctions closed, tenders opened), then brings the clock back to
 * the present and does what is due by then. A moment may add later ones; moments still ahead of
 * the present are left to the present's own closing job.
 */
export async function liveThrough(services: Services, clock: SeedClock, moments: Moment[]) {
  const due = async () => {
    await services.workflow.openDue(500);
    await services.auction.closeDue(500);
    await services.tender.openDue(500);
  };
  clock.at(null);
  const present = clock.now().getTime();
  // What lies ahead happens when the present gets there, as the closing job sees to.
  const queue = moments.filter((m) => m.at.getTime() <= present);
  while (queue.length) {
    queue.sort((a, b) => a.at.getTime() - b.at.getTime());
    const moment = queue.shift()!;
    if (moment.at.getTime() > present) continue;
    clock.at(moment.at);
    await due();
    queue.push(...((await moment.run?.()) ?? []));
  }
  clock.at(null);
  await due();
}

/** The listing as it stands after its review: its times, which the announcement may have moved. */
export async function timesOf(services: Services, id: string) {
  const [row] = await services.db
    .select({ startsAt: listings.startsAt, endsAt: listings.endsAt })
    .from(listings)
    .where(eq(listings.id, id));
  return { startsAt: row!.startsAt!, endsAt: row!.endsAt! };
}
