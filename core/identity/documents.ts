/**
 * Identity documents and legal names as a bank checks them when it takes on a client. A PRC
 * resident ID number (GB 11643) and a unified social credit code (GB 32100) carry a check
 * character, so any single mistyped character is caught; other documents are checked by their
 * published format. Pure: the registration service and the registration form share it.
 */
import { z } from "zod";

export const documentKinds = [
  "resident_id",
  "credit_code",
  "passport",
  "hk_macau_permit",
  "taiwan_permit",
  "foreign_registration",
] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** Why a number is refused: the form shows a message for each. */
export type DocumentIssue = "required" | "format" | "region" | "birth_date" | "check_character";

export type DocumentCheck = { ok: true; number: string } | { ok: false; issue: DocumentIssue };

/** Room for the longest number any kind allows, with the spaces people type between groups. */
export const documentNumberMaxLength = 48;

// GB 11643-1999: weights 2^(17-i) mod 11; the remainder of the weighted sum picks the check character.
const residentIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const residentIdCheckCharacters = "10X98765432";
/** Provinces (GB/T 2260), Taiwan, Hong Kong and Macau (81, 82 and 83 on their residents' residence permits) and 91 on foreigners' permanent residence cards. */
const provinceCodes = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71,
  81, 82, 83, 91,
]);

/** The 18th character of a resident ID number whose first 17 are `first17` (digits). */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * residentIdWeights[i]!;
  return residentIdCheckCharacters[sum % 11]!;
}

// GB 32100-2015: 31 characters (no I, O, S, V or Z), weights 3^(i-1) mod 31, check = 31 - sum mod 31.
export const creditCodeCharacters = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const creditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** The registering authority in the first character: 1-9 by ministry, A the military, N agriculture, Y others. */
export const creditCodeAuthorities = "123456789ANY";

/** The 18th character of a unified social credit code whose first 17 are `first17` (code characters). */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += creditCodeCharacters.indexOf(first17[i]!) * creditCodeWeights[i]!;
  return creditCodeCharacters[(31 - (sum % 31)) % 31]!;
}

/** Full-width forms folded and letters in capitals; spaces dropped, or for a foreign number kept single. */
export function normaliseDocumentNumber(kind: DocumentKind, raw: string): string {
  const folded = raw.normalize("NFKC").toUpperCase().trim();
  return kind === "foreign_registration" ? folded.replace(/ +/g, " ") : folded.replace(/ +/g, "");
}

function plausibleBirthDate(yyyymmdd: string, today: Date): boolean {
  const [year, month, day] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number) as [
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1900 && date.getTime() <= today.getTime();
}

/** The published formats of the documents without a check character. */
const formats: Record<Exclude<DocumentKind, "resident_id" | "credit_code">, RegExp> = {
  // ICAO 9303: the document number of the machine-readable zone, up to 9 letters and digits.
  passport: /^(?=.*\d)[A-Z0-9]{6,9}$/,
  // 港澳居民来往内地通行证: H (Hong Kong) or M (Macau) and 8 digits; 10 on permits issued before 2013.
  hk_macau_permit: /^[HM]\d{8}(\d{2})?$/,
  // 台湾居民来往大陆通行证: 8 digits; 10 on permits issued before 2015.
  taiwan_permit: /^\d{8}(\d{2})?$/,
  // A company registry's number abroad: letters and digits, with spaces, dots, hyphens or slashes between them.
  foreign_registration: /^(?=.*\d)[A-Z0-9](?:[A-Z0-9 ./-]{2,38})[A-Z0-9]$/,
};

/** Checks a document number of the given kind; a passing number comes back normalised, as it is to be stored. */
export function checkDocument(kind: DocumentKind, raw: string, today: Date = new Date()): DocumentCheck {
  const number = normaliseDocumentNumber(kind, raw);
  if (number === "") return { ok: false, issue: "required" };
  if (kind === "resident_id") {
    if (!/^\d{17}[\dX]$/.test(number)) return { ok: false, issue: "format" };
    if (!provinceCodes.has(Number(number.slice(0, 2)))) return { ok: false, issue: "region" };
    if (!plausibleBirthDate(number.slice(6, 14), today)) return { ok: false, issue: "birth_date" };
    if (residentIdCheckCharacter(number) !== number[17]) return { ok: false, issue: "check_character" };
    return { ok: true, number };
  }
  if (kind === "credit_code") {
    const shape = new RegExp(`^[${creditCodeAuthorities}][1-9]\\d{6}[${creditCodeCharacters}]{10}$`);
    if (!shape.test(number)) return { ok: false, issue: "format" };
    if (creditCodeCheckCharacter(number) !== number[17]) return { ok: false, issue: "check_character" };
    return { ok: true, number };
  }
  return formats[kind].test(number) ? { ok: true, number } : { ok: false, issue: "format" };
}

/** What a document's rule says, in English, for the API's answer; the form shows its own translation. */
export const documentRules: Record<DocumentKind, string> = {
  resident_id:
    "A resident ID number has 18 characters: 17 digits, of which the 7th to 14th are a date of birth, and a check digit or X.",
  credit_code:
    "A unified social credit code has 18 characters: digits and capital letters other than I, O, S, V and Z, the last a check character.",
  passport: "A passport number has 6 to 9 letters and digits, as in the passport's machine-readable zone.",
  hk_macau_permit: "A Mainland Travel Permit for Hong Kong and Macau Residents has H or M and 8 digits (10 on older permits).",
  taiwan_permit: "A Mainland Travel Permit for Taiwan Residents has 8 digits (10 on older permits).",
  foreign_registration:
    "A foreign registration number has 4 to 40 letters and digits, with spaces, dots, hyphens or slashes between them.",
};

export const documentIssueMessages: Record<Exclude<DocumentIssue, "format">, string> = {
  required: "Enter the document's number.",
  region: "The first two digits of a resident ID number are a province's code: check the number.",
  birth_date: "The 7th to 14th digits of a resident ID number are a real date of birth: check the number.",
  check_character: "The last character does not match the others: check the number for a mistyped character.",
};

/** The English message for a refused number. */
export function documentMessage(kind: DocumentKind, issue: DocumentIssue): string {
  return issue === "format" ? documentRules[kind] : documentIssueMessages[issue];
}

/** A legal name's bounds, in characters as a reader counts them. */
export const legalNameLength = { min: 2, max: 120 } as const;

export type NameIssue = "length" | "characters";
export type NameCheck = { ok: true; name: string } | { ok: false; issue: NameIssue };

// Letters of any script with their marks, digits (company names carry them: "3M China Ltd."), single
// spaces and the punctuation of registered names: . , ' ’ - ( ) （ ） & / and the middle dots of transliterations.
const nameCharacters = /^[\p{L}\p{M}\p{Nd} .,'’\-‐()（）&/·・]+$/u;

/** Checks a person's or an organisation's legal name; a passing name comes back trimmed, with single spaces. */
export function checkLegalName(raw: string): NameCheck {
  const name = raw
    .normalize("NFC")
    .replace(/[ \u00a0\u3000]+/g, " ")
    .trim();
  const length = [...name].length;
  if (length < legalNameLength.min || length > legalNameLength.max) return { ok: false, issue: "length" };
  if (!nameCharacters.test(name) || !/\p{L}/u.test(name)) return { ok: false, issue: "characters" };
  return { ok: true, name };
}

export const nameMessages: Record<NameIssue, string> = {
  length: `Enter the full legal name, ${legalNameLength.min} to ${legalNameLength.max} characters.`,
  characters: "A legal name has letters (of any script), digits, spaces and the punctuation . , ' - ( ) & / · only.",
};

/** A legal name as the API takes it: checked, and kept trimmed with single spaces. */
export const legalNameSchema = z
  .string({ message: nameMessages.length })
  .superRefine((raw, ctx) => {
    const checked = checkLegalName(raw);
    if (!checked.ok) ctx.addIssue({ code: "custom", message: nameMessages[checked.issue], params: { rule: checked.issue } });
  })
  .overwrite((raw) => {
    const checked = checkLegalName(raw);
    return checked.ok ? checked.name : raw;
  });
