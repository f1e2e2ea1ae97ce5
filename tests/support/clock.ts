import type { Clock } from "../../server/clock";

/** A clock tests move by hand; production code only ever sees `systemClock`. */
export function manualClock(start = new Date("2026-11-20T08:00:00.000Z")) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    set(date: Date) {
      now = date.getTime();
    },
  } satisfies Clock & Record<string, unknown>;
}
