import { z } from "zod";
import { auctionOutcomes, listingModes, listingStatuses } from "../enums";
import { moneyString, positiveAmount } from "../money";

/**
 * What a seller sends to put a failed listing up again, and what the public learns of a lot's
 * rounds. Money is integer minor units in a decimal string; times are ISO instants.
 */

const instant = (what: string) => z.coerce.date({ message: `Enter when ${what}` });

/**
 * The next round of a failed listing: an auction at a start within the allowed cut, or, after the
 * second failed round, the fixed-price sale, whose price and end follow from the failed rounds
 * (the increment, deposit and start default to the last round's and the earliest sensible time).
 */
export const nextRoundRequestSchema = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("auction"),
    startingPrice: positiveAmount("starting price"),
    increment: positiveAmount("increment"),
    deposit: positiveAmount("deposit"),
    startsAt: instant("bidding starts"),
    endsAt: instant("bidding ends"),
  }),
  z.object({
    mode: z.literal("fixed_price"),
    increment: positiveAmount("increment").optional(),
    deposit: positiveAmount("deposit").optional(),
    startsAt: instant("the offer opens").optional(),
  }),
]);
export type NextRoundRequest = z.infer<typeof nextRoundRequestSchema>;

export const nextRoundResponseSchema = z.object({
  listing: z.object({
    id: z.uuid(),
    round: z.number().int(),
    mode: z.enum(listingModes),
    status: z.enum(listingStatuses),
    previousListingId: z.uuid(),
    startingPrice: moneyString,
    increment: moneyString,
    deposit: moneyString,
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
  }),
});

const roundRefSchema = z.object({
  id: z.uuid(),
  round: z.number().int(),
  mode: z.enum(listingModes),
  status: z.enum(listingStatuses),
});

/** A lot's rounds as the public sees them: earlier rounds oldest first, and the next one once announced. */
export const roundHistorySchema = z.object({
  listingId: z.uuid(),
  round: z.number().int(),
  mode: z.enum(listingModes),
  /** Fixed-price sale: how long others may bid higher once the first taker has committed. */
  firstBidWindowSeconds: z.number().int().nullable(),
  earlier: z.array(
    roundRefSchema.extend({
      startingPrice: moneyString,
      currency: z.string().length(3),
      outcome: z.enum(auctionOutcomes).nullable(),
      closedAt: z.iso.datetime().nullable(),
    }),
  ),
  /** The round that follows this one: public once announced; before that only that one is coming. */
  nextRound: z
    .object({
      announced: z.boolean(),
      round: z.number().int(),
      id: z.uuid().nullable(),
      mode: z.enum(listingModes).nullable(),
    })
    .nullable(),
});
export type RoundHistory = z.infer<typeof roundHistorySchema>;

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** The last round's deposit carried to a new start at the same share, kept within 5%-20% of it. */
export function depositFor(start: bigint, previous: { startingPrice: bigint; deposit: bigint }): bigint {
  const scaled = previous.startingPrice > 0n ? ceilDiv(previous.deposit * start, previous.startingPrice) : start / 10n;
  const low = ceilDiv(start * 5n, 100n);
  const high = (start * 20n) / 100n;
  return scaled < low ? low : scaled > high ? high : scaled;
}

/** The last round's increment, unless it is now more than 10% of the start. */
export function incrementFor(start: bigint, previous: { increment: bigint }): bigint {
  const max = start / 10n;
  if (previous.increment <= max) return previous.increment;
  return max > 0n ? max : 1n;
}
