import { z } from "zod";

/** Every refusal the API answers with: a stable code, a sentence, and the figures it names. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe("Stable machine-readable code, e.g. BID_TOO_LOW"),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});

export type ErrorAnswer = z.infer<typeof errorSchema>;
