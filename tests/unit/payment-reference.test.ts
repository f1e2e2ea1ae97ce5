import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  REFERENCE_ALPHABET,
  REFERENCE_BODY_LENGTH,
  displayReference,
  paymentReference,
  readReference,
} from "../../core/payment-reference";

const draws = fc.array(fc.integer({ min: 0, max: REFERENCE_ALPHABET.length - 1 }), {
  minLength: REFERENCE_BODY_LENGTH,
  maxLength: REFERENCE_BODY_LENGTH,
});
const purpose = fc.constantFrom("deposit" as const, "balance" as const);

describe("payment references", () => {
  it("are read back from the compact form, the display form and a bank's remittance text", () => {
    fc.assert(
      fc.property(purpose, draws, fc.string({ maxLength: 20 }), (p, d, noise) => {
        const reference = paymentReference(p, d);
        expect(reference).toMatch(/^NPX[DB][0-9A-Z]{9}$/);
        for (const text of [
          reference,
          displayReference(reference),
          displayReference(reference).toLowerCase(),
          `${noise.replace(/[a-z0-9]/gi, "")} 保证金 ${displayReference(reference)} 汇款`,
        ]) {
          expect(readReference(text)).toEqual({ found: true, reference, purpose: p });
        }
      }),
    );
  });

  it("reads a letter O as zero and I or L as one, as people mistype them", () => {
    const reference = paymentReference("deposit", [0, 1, 0, 1, 2, 3, 4, 5]);
    const typed = reference.replace(/^NPXD0101/, "npxd-OiOl-");
    expect(readReference(typed)).toMatchObject({ found: true, reference });
  });

  it("refuses any single mistyped symbol and any two neighbours swapped, as a near miss", () => {
    fc.assert(
      fc.property(purpose, draws, fc.nat(), fc.nat(), (p, d, at, by) => {
        const reference = paymentReference(p, d);
        // Positions 4..12: the body and the check symbol.
        const i = 4 + (at % 9);
        const was = REFERENCE_ALPHABET.indexOf(reference[i]!);
        const typo = REFERENCE_ALPHABET[(was + 1 + (by % (REFERENCE_ALPHABET.length - 1))) % REFERENCE_ALPHABET.length]!;
        const mistyped = reference.slice(0, i) + typo + reference.slice(i + 1);
        expect(readReference(mistyped)).toEqual({ found: false, nearMiss: mistyped });
        const j = 4 + (at % 8);
        if (reference[j] !== reference[j + 1]) {
          const swapped = reference.slice(0, j) + reference[j + 1] + reference[j] + reference.slice(j + 2);
          expect(readReference(swapped).found).toBe(false);
        }
      }),
    );
  });

  it("finds nothing in text without a reference, and never a balance's reference as a deposit's", () => {
    expect(readReference("deposit for lot 12, Harbour Capital")).toEqual({ found: false, nearMiss: null });
    const balance = paymentReference("balance", [9, 9, 9, 9, 9, 9, 9, 9]);
    expect(readReference(balance)).toMatchObject({ found: true, purpose: "balance" });
    expect(readReference(`NPXD${balance.slice(4)}`).found).toBe(false);
  });

  it("takes exactly eight draws in range", () => {
    expect(() => paymentReference("deposit", [1, 2, 3])).toThrow(RangeError);
    expect(() => paymentReference("deposit", [0, 0, 0, 0, 0, 0, 0, 31])).toThrow(RangeError);
  });
});
