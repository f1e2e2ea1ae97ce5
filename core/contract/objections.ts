import { z } from "zod";

/** What an objector sends and what an operator decides (docs/domain.md "Objections"). */

export const objectionSchema = z.object({
  reasons: z
    .string()
    .trim()
    .min(20, { message: "Explain the objection in at least 20 characters" })
    .max(8000, { message: "Keep the objection under 8,000 characters" }),
});

/** Supporting files: documents and images, a few of them, none large. */
export const attachmentRules = {
  maxFiles: 5,
  maxBytes: 10 * 1024 * 1024,
  contentTypes: ["application/pdf", "image/png", "image/jpeg", "text/plain"],
} as const;

export const objectionDecisionSchema = z.object({
  decision: z.enum(["uphold", "dismiss"]),
  reason: z.string().trim().min(5, { message: "Give the written reason for the decision" }).max(4000),
});
