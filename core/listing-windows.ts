import type { ListingStatus } from "./enums";

/**
 * When a listing takes registrations and objections (docs/domain.md "Registration, deposits and
 * who may not bid", "Objections"): the services refuse outside these windows, and the pages offer
 * the forms only inside them.
 */

type At = Date | string | null | undefined;
const instant = (at: At) => (at ? new Date(at) : null);

/** Registration is open from the announcement until bidding ends, except while suspended. */
export function registrationOpen(listing: { status: ListingStatus; endsAt: At }, now: Date): boolean {
  const endsAt = instant(listing.endsAt);
  return (listing.status === "announced" || listing.status === "live") && (!endsAt || now < endsAt);
}

/** Objections are filed during the announcement period only. */
export function objectionWindowOpen(listing: { status: ListingStatus }, periodEndsAt: At, now: Date): boolean {
  const endsAt = instant(periodEndsAt);
  return listing.status === "announced" && endsAt !== null && now < endsAt;
}
