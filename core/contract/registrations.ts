import { z } from "zod";
import {
  checkDocument,
  documentKinds,
  documentMessage,
  documentNumberMaxLength,
  legalNameSchema,
  normaliseDocumentNumber,
} from "../identity/documents";
import { minorUnits } from "../money";
import { barredCategories } from "../screening";

/** What an investor sends to register for a listing, and what an operator decides. */

/** A whole number as JSON sends it or as a form's text: never `true`, a fraction or an empty field read as one. */
const wholeNumber = (min: number, max: number) =>
  z
    .union(
      [
        z.number(),
        z
          .string()
          .trim()
          .regex(/^\d{1,9}$/)
          .transform(Number),
      ],
      { message: `Enter a whole number from ${min}` },
    )
    .pipe(z.number().int().min(min).max(max));

/** An application to bid: who, the attestations, the accepted terms. */
export const applySchema = z
  .object({
    organisationId: z.uuid().optional(),
    applicantName: legalNameSchema,
    applicantIdType: z.enum(documentKinds, { message: "Choose the kind of document the number is on" }),
    applicantIdNumber: z
      .string()
      .max(documentNumberMaxLength, { message: "Enter the document's number" })
      .describe("Checked by the rule of its applicantIdType: a resident ID number or credit code by its check character"),
    attestations: z.array(z.enum(barredCategories)).refine((list) => barredCategories.every((c) => list.includes(c)), {
      message: "Confirm each statement: a barred buyer may not register",
    }),
    termsVersion: wholeNumber(1, 1_000_000),
    acceptTerms: z.literal(true, { message: "Accept the terms of sale" }),
    acceptNda: z.literal(true, { message: "Accept the non-disclosure agreement" }),
    /** The bidder's own bank's reference, if it has paid already: a help to the operator. The platform issues the reference to quote. */
    depositReference: z.preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
      z
        .string()
        .trim()
        .min(4, { message: "Enter your bank's transfer reference (4 to 64 characters), or leave it empty" })
        .max(64, { message: "Enter your bank's transfer reference (4 to 64 characters), or leave it empty" })
        .optional(),
    ),
    rightOfFirstRefusal: z.object({ rank: wholeNumber(1, 20), proof: z.string().trim().min(10).max(2000) }).nullish(),
    /** Designated purchase: the floor the designated investor commits to, in minor units (the listing's start). */
    designatedFloor: minorUnits("Enter the floor as a whole number of minor units").nullish(),
  })
  // The number is checked by the rule of its kind, and kept as the document prints it.
  .superRefine((input, ctx) => {
    if (!documentKinds.includes(input.applicantIdType) || typeof input.applicantIdNumber !== "string") return;
    const checked = checkDocument(input.applicantIdType, input.applicantIdNumber);
    if (!checked.ok) {
      ctx.addIssue({
        code: "custom",
        path: ["applicantIdNumber"],
        message: documentMessage(input.applicantIdType, checked.issue),
        params: { rule: checked.issue },
      });
    }
  })
  .transform((input) => ({
    ...input,
    applicantIdNumber: normaliseDocumentNumber(input.applicantIdType, input.applicantIdNumber),
  }));

export const decideSchema = z.object({
  decision: z.enum(["approve", "reject"]),
  reason: z.string().trim().max(2000).default(""),
  rightOfFirstRefusalRank: wholeNumber(1, 20).nullish(),
});
