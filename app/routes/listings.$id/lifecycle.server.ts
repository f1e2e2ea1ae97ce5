import type { AppLoadContext } from "@remix-run/node";
import { can } from "../../../core/identity/access";
import type { ListingDetail } from "../../../core/contract/listings";
import { objectionWindowOpen, registrationOpen } from "../../../core/listing-windows";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Around the auction room: whether the viewer watches the listing, where its registration stands,
 * the announcement and its objection window, the public objection outcomes and the public timeline.
 */
export async function listingLifecycle(context: AppLoadContext, listing: ListingDetail) {
  const { principal } = context;
  const { listings, notifications, registrations, objections, workspace, clock } = context.services;
  const investor = can(principal, "investor.register");
  const [announcement, watching, mine, outcomes, timeline] = await Promise.all([
    listings.announcementOf(listing.id),
    notifications.isWatching(principal, listing.id),
    investor ? registrations.mine(principal) : Promise.resolve([]),
    objections.outcomes(listing.id),
    workspace.timeline(listing.id, "public"),
  ]);
  const now = clock.now();
  const registration = mine.find((r) => r.listingId === listing.id) ?? null;
  const periodEndsAt = listing.announcementEndsAt ?? announcement?.endsAt ?? null;
  const suspended =
    listing.status === "suspended" ? [...timeline].reverse().find((e) => e.action === "listing.suspend") : undefined;
  return {
    signedIn: principal.kind === "user",
    investor,
    watching,
    registration: registration
      ? { status: registration.status, bidderCode: registration.bidderCode, decisionReason: registration.decisionReason }
      : null,
    registrationOpen: registrationOpen(listing, now),
    hasAnnouncement: announcement !== null,
    periodEndsAt,
    periodOver: periodEndsAt !== null && now >= new Date(periodEndsAt),
    objectionOpen: objectionWindowOpen(listing, periodEndsAt, now),
    suspension: listing.status === "suspended" ? { reason: suspended?.reason ?? null } : null,
    outcomes: outcomes.map((o) => ({
      id: o.id,
      status: o.status,
      filedAt: o.filedAt.toISOString(),
      decidedAt: iso(o.decidedAt),
      decisionReason: o.decisionReason,
    })),
    timeline,
  };
}

export type ListingLifecycle = Awaited<ReturnType<typeof listingLifecycle>>;
