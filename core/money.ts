import { z } from "zod";

/**
 * Money is integer minor units (fen for CNY), a bigint in code and a decimal string on the wire;
 * never a float (docs/domain.md "Money and time").
 */

/** Minor units per major unit for the currencies listed (CNY, USD, EUR, HKD all have 2). */
export const MINOR_PER_MAJOR = 100n;

/** The largest amount any bid, maximum or sealed bid may name: 18 digits of minor units. */
export const MONEY_MAX = 999_999_999_999_999_999n;

/**
 * An amount a person or client sends: a whole number of minor units of at most 18 digits, as a
 * decimal string, read as a bigint; `message` says what to enter.
 */
export const minorUnits = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,18}$/, { message })
    .transform(BigInt);

/** A positive amount of a form or request field, named `what` in its messages. */
export const positiveAmount = (what: string) =>
  z
    .string({ message: `Enter the ${what}` })
    .trim()
    .regex(/^\d{1,18}$/, { message: `Enter the ${what} as a whole number of minor units` })
    .transform(BigInt)
    .refine((v) => v > 0n, { message: `The ${what} must be more than zero` });

/** An amount in an answer: integer minor units as a decimal string. */
export const moneyString = z.string().regex(/^\d+$/).describe("integer minor units as a decimal string");

/** A signed amount in an answer (a difference may be negative). */
export const signedMoneyString = z
  .string()
  .regex(/^-?\d+$/)
  .describe("integer minor units as a decimal string");

/**
 * Amounts typed by people (major units: yuan) and amounts on the wire (minor units: fen, as
 * decimal strings). The conversion is string and bigint arithmetic only: a float would turn
 * "7250000.10" into 725000009.99… and a bid is binding.
 */

/**
 * "7,250,000.5" -> "725000050" with two decimals. Accepts spaces and thousands separators,
 * full-width digits and punctuation (a Chinese input method types them) and a leading currency
 * sign; refuses anything else, more decimals than the currency has, and zero unless `zero` allows
 * it (a balance or a fee may be nothing; a price may not).
 */
export function parseMajorAmount(text: string, digits: number, { zero = false } = {}): string | null {
  const cleaned = text
    .normalize("NFKC")
    .trim()
    .replace(/^(CN¥|RMB|CNY|¥|\$|€|£)/i, "")
    .replace(/[\s,_'’]/g, "");
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned) ?? /^()\.(\d+)$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1] || "0";
  let fraction = match[2] ?? "";
  if (fraction.length > digits) {
    // "7250000.500" is fine; "7250000.505" is not a whole number of fen.
    if (/[^0]/.test(fraction.slice(digits))) return null;
    fraction = fraction.slice(0, digits);
  }
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, "0") || "0");
  return minor > 0n || zero ? minor.toString() : null;
}

/** "725000050" -> "7250000.50", "725000000" -> "7250000": what a person would type back. */
export function minorToMajorInput(minor: string, digits: number): string {
  const value = BigInt(minor);
  const scale = 10n ** BigInt(digits);
  const whole = value / scale;
  const fraction = (value % scale).toString().padStart(digits, "0");
  return digits > 0 && /[^0]/.test(fraction) ? `${whole}.${fraction}` : whole.toString();
}

const digitsOf = new Map<string, number>();

/** The minor-unit digits of a currency (2 for CNY, 0 for JPY), as Intl knows them; asked once per currency. */
export function currencyDigits(currency: string): number {
  let digits = digitsOf.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsOf.set(currency, digits);
  }
  return digits;
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
