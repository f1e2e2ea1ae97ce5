import { z } from "zod";
import { auctionOutcomes } from "../enums";
import { moneyString } from "../money";
import { publicBidSchema, watchAfterSeqSchema } from "./bids";
import { listingDetailSchema } from "./listings";

/**
 * The live room's socket.io contract: what a browser asks (`watch`, `unwatch`, `time`) and each
 * event the server sends to a listing's room. Public by design: bidder codes only, never a name
 * or a reserve price. Both ends take their types from here.
 */

const listingId = z.uuid();

/** `watch`: join a listing's room and catch up on every bid after `afterSeq`. */
export const watchRequestSchema = z.object({ listingId, afterSeq: watchAfterSeqSchema });
export type WatchAnswer = { ok: true; lastSeq: number } | { ok?: undefined; error: { code: string; message: string } };

/**
 * An accepted bid, with the end it left the listing at (an anti-sniping extension moves it; null before a
 * fixed-price sale's first taker sets one). The last bid of a command says whether the reserve is now met;
 * its price and leader are the bid's own, so no status event follows it.
 */
export const bidEventSchema = publicBidSchema.extend({
  listingId,
  endsAt: z.iso.datetime().nullable(),
  reserveMet: z.boolean().optional(),
});

/** The end moved later: a bid in the last minutes, or a fixed-price sale's first taker. */
export const extendedEventSchema = z.object({ listingId, endsAt: z.iso.datetime(), extensionCount: z.number().int().min(0) });

/** The listing's status changed (opened, suspended, resumed, ended), with its price at that moment. */
export const statusEventSchema = z.object({
  listingId,
  status: z.string(),
  reserveMet: z.boolean(),
  currentPrice: moneyString.nullable(),
  leaderBidderCode: z.string().nullable(),
});

/** The auction closed: its outcome, the winner's bidder code and the price. */
export const closedEventSchema = z.object({
  listingId,
  status: z.string(),
  outcome: z.enum(auctionOutcomes),
  bidderNo: z.string().nullable(),
  price: moneyString.nullable(),
  closedAt: z.iso.datetime(),
});

/** How many watch the listing, across every node. */
export const watchersEventSchema = z.object({ listingId, count: z.number().int().min(0) });

/** The server's clock, on connecting and in answer to `time`. */
export const timeEventSchema = z.object({ serverTime: z.iso.datetime() });

/** The listing as it stands when a watch begins, with the server's clock. */
export const stateEventSchema = z.object({ listing: listingDetailSchema, serverTime: z.iso.datetime() });

export type BidEvent = z.infer<typeof bidEventSchema>;
export type ExtendedEvent = z.infer<typeof extendedEventSchema>;
export type StatusEvent = z.infer<typeof statusEventSchema>;
export type ClosedEvent = z.infer<typeof closedEventSchema>;
export type WatchersEvent = z.infer<typeof watchersEventSchema>;
export type TimeEvent = z.infer<typeof timeEventSchema>;
export type StateEvent = z.infer<typeof stateEventSchema>;

/** The events a listing's room receives, by name (socket.io's server-to-client map). */
export interface RoomEvents {
  bid: (event: BidEvent) => void;
  extended: (event: ExtendedEvent) => void;
  status: (event: StatusEvent) => void;
  closed: (event: ClosedEvent) => void;
  watchers: (event: WatchersEvent) => void;
  time: (event: TimeEvent) => void;
  state: (event: StateEvent) => void;
}

/** What a browser may ask of the server (socket.io's client-to-server map); the server checks every payload. */
export interface RoomRequests {
  watch: (request: z.input<typeof watchRequestSchema>, ack: (answer: WatchAnswer) => void) => void;
  unwatch: (request: { listingId: string }, ack: (answer: WatchAnswer | { ok: true }) => void) => void;
  time: (ack: (event: TimeEvent) => void) => void;
}

/** What the event bus publishes after a commit: each room event that concerns an auction, tagged with its name. */
export type PublicAuctionEvent =
  | ({ type: "bid" } & BidEvent)
  | ({ type: "extended" } & ExtendedEvent)
  | ({ type: "status" } & StatusEvent)
  | ({ type: "closed" } & ClosedEvent);
