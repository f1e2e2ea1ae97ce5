import { z } from "zod";
import { bidHistoryQuerySchema } from "./schemas";

/**
 * A bid's seq is a PostgreSQL integer: beyond 2^31 - 1 it names no bid, and the database refuses
 * to compare a column with it (a 500). Catching up "after" such a seq is the caller's mistake.
 */
export const SEQ_MAX = 2_147_483_647;

/** The bid log's query (GET /api/v1/listings/:id/bids): `afterSeq` within a seq's range. */
export const bidLogQuerySchema = bidHistoryQuerySchema.extend({
  afterSeq: z.coerce.number().int().min(0).max(SEQ_MAX).default(0),
});

/** A live watcher's catch-up point (socket `watch`): the same range, as JSON sends it. */
export const watchAfterSeqSchema = z.number().int().min(0).max(SEQ_MAX).default(0);
