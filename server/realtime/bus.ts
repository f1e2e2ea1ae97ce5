import { EventEmitter } from "node:events";

/** What the public may learn as it happens. Bidder codes only: never a name, never a reserve. */
export type PublicAuctionEvent =
  | { type: "bid"; listingId: string; seq: number; amount: string; bidderNo: string; kind: "manual" | "proxy"; placedAt: string; endsAt: string }
  | { type: "extended"; listingId: string; endsAt: string; extensionCount: number }
  | { type: "status"; listingId: string; status: string; reserveMet: boolean; currentPrice: string | null; leaderBidderCode: string | null }
  | {
      type: "closed";
      listingId: string;
      status: string;
      outcome: "sold" | "designated_floor" | "no_bids" | "reserve_not_met";
      bidderNo: string | null;
      price: string | null;
      closedAt: string;
    };

/**
 * Services publish here only after their transaction commits; the realtime layer forwards each
 * event to the listing's room (and, through the Redis adapter, to every node).
 */
export function createEventBus() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(100);
  return {
    publish(events: PublicAuctionEvent[]) {
      for (const event of events) emitter.emit("event", event);
    },
    subscribe(listener: (event: PublicAuctionEvent) => void) {
      emitter.on("event", listener);
      return () => emitter.off("event", listener);
    },
  };
}

export type EventBus = ReturnType<typeof createEventBus>;
