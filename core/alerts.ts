import type { NotificationKind } from "./enums";

/**
 * Alerts that reach bidders outside the auction room (docs/domain.md "Alerts"): being outbid, an
 * auction ending in an hour and in ten minutes, and an auction extended by a late bid. Each user
 * chooses, alert by alert, whether it shows in the app and whether it is e-mailed.
 */
export const alertKinds = ["outbid", "ending", "extended"] as const;
export type AlertKind = (typeof alertKinds)[number];

export interface AlertChoice {
  inApp: boolean;
  email: boolean;
}

/**
 * What a user takes before choosing: everything in the app; e-mail for being outbid and for an
 * ending auction, not for each extension (a contested finish can extend many times).
 */
export const alertDefaults: Record<AlertKind, AlertChoice> = {
  outbid: { inApp: true, email: true },
  ending: { inApp: true, email: true },
  extended: { inApp: true, email: false },
};

export const alertNotificationKind: Record<AlertKind, NotificationKind> = {
  outbid: "outbid",
  ending: "auction_ending",
  extended: "auction_extended",
};

/** How long before the end the ending alerts go, in minutes, the nearest last. */
export const endingAlertMinutes = [60, 10] as const;
export type EndingAlertMinutes = (typeof endingAlertMinutes)[number];

const MINUTE = 60_000;

/**
 * The ending alert a live auction is due at `now`: the nearest threshold it has passed. An auction
 * first seen with five minutes left gets the ten-minute alert only (the hour's would be stale).
 */
export function endingAlertDue(endsAt: Date, now: Date): EndingAlertMinutes | null {
  const left = endsAt.getTime() - now.getTime();
  if (left <= 0) return null;
  let due: EndingAlertMinutes | null = null;
  for (const minutes of endingAlertMinutes) if (left <= minutes * MINUTE) due = minutes;
  return due;
}

/** Who a command outbid: the bidder that led before it and leads no longer. */
export function outbidRegistration(leaderBefore: string | null, leaderAfter: string | null): string | null {
  return leaderBefore !== null && leaderBefore !== leaderAfter ? leaderBefore : null;
}

/** The alerts' identities: each is raised once per reader. */
export const alertKeys = {
  outbid: (listingId: string, seq: number) => `outbid:${listingId}:${seq}`,
  ending: (listingId: string, minutes: EndingAlertMinutes) => `ending:${minutes}:${listingId}`,
  extended: (listingId: string, extensionCount: number) => `extended:${extensionCount}:${listingId}`,
};
