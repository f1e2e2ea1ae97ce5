/**
 * The reference a payer quotes on a bank transfer so that the platform can tell whose money it is
 * (docs/domain.md "Payments"): one per registration's deposit and one per sale's balance, issued by
 * the platform, never chosen by the payer. `NPX` + the purpose's letter + eight symbols + a check
 * symbol, shown in groups (`NPX-D-4K7Q-9M2T-X`), read back from whatever a bank's statement makes
 * of it: case, spaces, hyphens and other text around it do not matter, and Crockford's look-alikes
 * (O for 0, I and L for 1) are read as the digit. Any one mistyped symbol, or two neighbours swapped,
 * fails the check, so a typo never credits someone else's deposit.
 */

/** 31 symbols: digits and capitals without I, L, O, U (Crockford) and without V, so that 31 is prime. */
export const REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTWXYZ";
const BASE = REFERENCE_ALPHABET.length;
export const REFERENCE_BODY_LENGTH = 8;

export const paymentPurposeLetters = { deposit: "D", balance: "B" } as const;
export type PaymentPurpose = keyof typeof paymentPurposeLetters;

const purposeOfLetter = (letter: string): PaymentPurpose | null =>
  letter === "D" ? "deposit" : letter === "B" ? "balance" : null;

/** Weighted sum mod 31 over the purpose letter and the body; weights 1..9 are distinct and non-zero mod 31. */
function checkSymbol(purposeLetter: string, body: string): string {
  const symbols = purposeLetter + body;
  let sum = 0;
  for (let i = 0; i < symbols.length; i++) sum += (i + 1) * REFERENCE_ALPHABET.indexOf(symbols[i]!);
  return REFERENCE_ALPHABET[sum % BASE]!;
}

/**
 * A new reference from eight draws in [0, 31) (the server draws them with a cryptographic source).
 * Returned compact (`NPXD4K7Q9M2TX`): the form stored, compared and matched.
 */
export function paymentReference(purpose: PaymentPurpose, draws: readonly number[]): string {
  if (draws.length !== REFERENCE_BODY_LENGTH || draws.some((d) => !Number.isInteger(d) || d < 0 || d >= BASE)) {
    throw new RangeError(`a payment reference takes ${REFERENCE_BODY_LENGTH} draws in [0, ${BASE})`);
  }
  const letter = paymentPurposeLetters[purpose];
  const body = draws.map((d) => REFERENCE_ALPHABET[d]).join("");
  return `NPX${letter}${body}${checkSymbol(letter, body)}`;
}

/** The reference as people read it: `NPX-D-4K7Q-9M2T-X`. */
export function displayReference(compact: string): string {
  const body = compact.slice(4, 12);
  return `${compact.slice(0, 3)}-${compact[3]}-${body.slice(0, 4)}-${body.slice(4)}-${compact[12]}`;
}

const lookAlikes: Record<string, string> = { O: "0", I: "1", L: "1" };

/** Upper case, look-alikes read as digits, everything but letters and digits dropped. */
function normalised(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, "")
    .replace(/[OIL]/g, (c) => lookAlikes[c]!);
}

export type ReadReference =
  | { found: true; reference: string; purpose: PaymentPurpose }
  /** Something shaped like a reference whose check symbol does not fit: a typo, shown to the operator. */
  | { found: false; nearMiss: string | null };

/**
 * Finds the platform's reference in a payer's free text (a statement's remittance line, a payer's
 * own note). The first that passes its check wins; a reference-shaped string that fails it is
 * reported as a near miss and credits nothing.
 */
export function readReference(text: string): ReadReference {
  const compact = normalised(text);
  const pattern = /NPX([DB])([0-9A-Z]{8})([0-9A-Z])/g;
  let nearMiss: string | null = null;
  for (const match of compact.matchAll(pattern)) {
    const [whole, letter = "", body = "", check = ""] = match;
    const valid = [...body].every((c) => REFERENCE_ALPHABET.includes(c)) && checkSymbol(letter, body) === check;
    const purpose = purposeOfLetter(letter);
    if (valid && purpose) return { found: true, reference: whole, purpose };
    nearMiss ??= whole;
  }
  return { found: false, nearMiss };
}
