/**
 * Time on the platform's wall clock: listings are typed, shown and counted (working days) in one
 * time zone, the platform's setting, whatever the reader's or the server's zone. Instants travel
 * as ISO strings by the server's clock (docs/domain.md "Money and time").
 */

/** The platform's zone unless its settings say otherwise: China Standard Time. */
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock fields of an instant in a time zone. */
export function zonedParts(instant: Date | number, timeZone: string): WallClock {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** How far the zone's wall clock is ahead of UTC at this instant, in milliseconds. */
function offsetMs(at: number, timeZone: string): number {
  const z = zonedParts(at, timeZone);
  return Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute, z.second) - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The instant at which the zone's wall clock shows these fields. The offset is taken at the
 * instant itself, so a zone with summer time is read right too.
 */
export function fromZoned(fields: WallClock & { ms?: number }, timeZone: string): Date {
  const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, fields.ms ?? 0);
  const first = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(first, timeZone));
}

/**
 * `from` plus `days` calendar days at the same wall-clock time in the zone; working days skip
 * Saturdays and Sundays. Public holidays are not modelled.
 */
export function addDays(from: Date, days: number, workingDays: boolean, timeZone: string): Date {
  const start = zonedParts(from, timeZone);
  // Calendar arithmetic on the local date, done in UTC where every day has 24 hours.
  const date = new Date(Date.UTC(start.year, start.month - 1, start.day));
  let counted = 0;
  while (counted < days) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (!workingDays || (weekday !== 0 && weekday !== 6)) counted += 1;
  }
  return fromZoned(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: start.hour,
      minute: start.minute,
      second: start.second,
      ms: from.getUTCMilliseconds(),
    },
    timeZone,
  );
}

/** An ISO instant as a `datetime-local` value on the zone's wall clock: "2026-11-20T10:00". */
export function isoToZonedInput(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (!iso) return "";
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return "";
  const p = zonedParts(instant, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** A `datetime-local` value read on the zone's wall clock, as an ISO instant; null when it is not a real date and time. */
export function zonedInputToIso(text: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec((text ?? "").trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const asDate = new Date(Date.UTC(year, month - 1, day));
  if (asDate.getUTCFullYear() !== year || asDate.getUTCMonth() !== month - 1 || asDate.getUTCDate() !== day) return null;
  return fromZoned({ year, month, day, hour, minute, second }, timeZone).toISOString();
}

export interface Remaining {
  totalMs: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function remaining(untilMs: number, nowMs: number): Remaining {
  const totalMs = Math.max(0, untilMs - nowMs);
  const s = Math.floor(totalMs / 1000);
  return {
    totalMs,
    days: Math.floor(s / 86_400),
    hours: Math.floor((s % 86_400) / 3600),
    minutes: Math.floor((s % 3600) / 60),
    seconds: s % 60,
  };
}

type Style = Pick<Intl.DateTimeFormatOptions, "dateStyle" | "timeStyle">;

/** An instant as the zone's wall clock shows it, in the reader's language. */
export function formatInZone(iso: string | Date, locale: string, style: Style, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(locale, { ...style, timeZone }).format(new Date(iso));
}

export const formatDateTime = (iso: string, locale: string, timeZone = DEFAULT_TIME_ZONE) =>
  formatInZone(iso, locale, { dateStyle: "medium", timeStyle: "short" }, timeZone);

/** Times in the auction room, to the second. */
export const formatDateTimeSeconds = (iso: string, locale: string, timeZone = DEFAULT_TIME_ZONE) =>
  formatInZone(iso, locale, { dateStyle: "medium", timeStyle: "medium" }, timeZone);

export const formatTimeOfDay = (iso: string, locale: string, timeZone = DEFAULT_TIME_ZONE) =>
  formatInZone(iso, locale, { timeStyle: "medium" }, timeZone);

/** The same calendar day on the zone's wall clock. */
export function sameDay(a: string | number, b: string | number, timeZone = DEFAULT_TIME_ZONE): boolean {
  const day = new Intl.DateTimeFormat("en-CA", { dateStyle: "short", timeZone });
  return day.format(new Date(a)) === day.format(new Date(b));
}
