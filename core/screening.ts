
/**
 * Barred buyers (docs/domain.md "Registration, deposits and who may not bid"): each applicant attests it falls into none of these, and is
 * matched automatically against the lot's borrowers and guarantors and the seller's staff.
 */
/** What screening found: the operator sees it before deciding; an application with an ID-number match may only be rejected. */
export interface ScreeningMatch {
  against: "borrower" | "guarantor" | "seller_staff" | "platform_staff";
  by: "id_number" | "name" | "membership";
}

export const barredCategories = [
  "borrower_or_guarantor",
  "seller_or_platform_staff",
  "deal_professional",
  "official",
  "close_relative",
  "dishonest_debtor",
  "aml_listed",
] as const;
export type BarredCategory = (typeof barredCategories)[number];

/** Full-width forms folded, case and spacing and punctuation ignored: "Zhang San", "张 三", "ＺＨＡＮＧ-SAN". */
export function normaliseName(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, "");
}

/** ID and credit-code numbers compared on their letters and digits only, upper case: "11010119900307 663x". */
export function normaliseIdNumber(idNumber: string): string {
  return idNumber
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, "");
}

export interface ScreeningInput {
  applicant: { name: string; idNumber: string };
  /** The lot's borrowers and guarantors: their ID numbers only as digests, never opened to compare. */
  parties: readonly { role: "borrower" | "guarantor"; name: string; idNumberDigest: string | null }[];
  /** The digest the parties' numbers are kept under (a keyed hash of the normalised number); null for a number with no letters or digits. */
  idDigest: (idNumber: string) => string | null;
  /** Seller staff by display name, for a name match. */
  sellerStaffNames: readonly string[];
  /** The applicant's user or organisation shares membership with the seller or the platform. */
  memberOfSeller: boolean;
  memberOfPlatform: boolean;
}

export interface ScreeningResult {
  matches: ScreeningMatch[];
  /**
   * Shared membership with the seller or the platform: refused at once. It follows from the
   * applicant's own memberships whatever it types, so the refusal says nothing of borrowers or guarantors.
   */
  refusedAtOnce: boolean;
  /**
   * An ID number shared with a borrower or guarantor bars the applicant as surely, but only the
   * operator is told (who may only reject): answering it would confirm a guessed ID number.
   */
  rejectOnly: boolean;
}

/** Whether screening matched an ID number: such a registration may be rejected, never approved. */
export const matchedByIdNumber = (matches: readonly ScreeningMatch[]) => matches.some((m) => m.by === "id_number");

export function screenApplicant(input: ScreeningInput): ScreeningResult {
  const matches: ScreeningMatch[] = [];
  const name = normaliseName(input.applicant.name);
  const idDigest = input.idDigest(input.applicant.idNumber);
  for (const party of input.parties) {
    if (idDigest && party.idNumberDigest === idDigest) matches.push({ against: party.role, by: "id_number" });
    else if (name && normaliseName(party.name) === name) matches.push({ against: party.role, by: "name" });
  }
  if (input.memberOfSeller) matches.push({ against: "seller_staff", by: "membership" });
  else if (name && input.sellerStaffNames.some((staff) => normaliseName(staff) === name)) {
    matches.push({ against: "seller_staff", by: "name" });
  }
  if (input.memberOfPlatform) matches.push({ against: "platform_staff", by: "membership" });
  const unique = matches.filter((m, i) => matches.findIndex((other) => other.against === m.against && other.by === m.by) === i);
  return { matches: unique, refusedAtOnce: unique.some((m) => m.by === "membership"), rejectOnly: matchedByIdNumber(unique) };
}
