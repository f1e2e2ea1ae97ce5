/**
 * Display helpers. Money arrives as a decimal string of minor units and is formatted exactly
 * (Intl formats decimal strings without going through a float).
 */

export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** "123456789" fen in CNY -> "¥1,234,567.89" (en) or "¥1,234,567.89" (zh-CN). */
export function formatMoney(
  minorUnits: string | bigint,
  currency: string,
  locale: string,
  options: { compact?: boolean } = {},
): string {
  const minor = BigInt(minorUnits);
  const digits = currencyDigits(currency);
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const scale = 10n ** BigInt(digits);
  const major = abs / scale;
  const fraction = (abs % scale).toString().padStart(digits, "0");
  const decimal = `${negative ? "-" : ""}${major}${digits ? `.${fraction}` : ""}`;
  const format = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    ...(options.compact ? { notation: "compact", maximumFractionDigits: 2 } : {}),
  });
  // Intl.NumberFormat v3 accepts exact decimal strings; the cast is for older lib typings.
  return format.format(decimal as unknown as number);
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

export function formatDateTime(iso: string, locale: string, timeZone = "Asia/Shanghai"): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));
}
