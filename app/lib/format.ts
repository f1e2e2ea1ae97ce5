/** Display helpers for time; money is formatted by core/money. */
export { currencyDigits, formatMoney } from "../../core/money";

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

export function formatDateTime(iso: string, locale: string, timeZone = "Asia/Shanghai"): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));
}
