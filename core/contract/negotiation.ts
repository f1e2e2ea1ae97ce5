import { z } from "zod";
import { minorUnits } from "../money";

export const offerSchema = z.object({
  amount: minorUnits("the amount in minor units, as a decimal string"),
  expiresAt: z.iso.datetime({ message: "when the offer lapses, as an ISO date and time" }).transform((v) => new Date(v)),
});

/** The API's one verb for the thread: make an offer (or counter-offer), or accept the other side's. */
export const negotiationRequestSchema = z.discriminatedUnion("action", [
  offerSchema.extend({ action: z.literal("offer") }),
  z.object({ action: z.literal("accept") }),
]);
