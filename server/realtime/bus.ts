import type { PublicAuctionEvent } from "../../core/contract/room";

/**
 * Services publish here only after their transaction commits; the realtime layer forwards each
 * event to the listing's room (and, through the Redis adapter, to every node).
 */
export function createEventBus(options: { onListenerError?: (error: unknown) => void } = {}) {
  const listeners = new Set<(event: PublicAuctionEvent) => void>();
  const reportError = options.onListenerError ?? ((error: unknown) => console.error("an event listener failed", error));
  return {
    /**
     * Delivers to every listener. Publishing happens after a commit, so a failing listener is
     * reported, never thrown: a committed bid must not look failed to its bidder.
     */
    publish(events: PublicAuctionEvent[]) {
      for (const event of events) {
        for (const listener of listeners) {
          try {
            listener(event);
          } catch (error) {
            reportError(error);
          }
        }
      }
    },
    subscribe(listener: (event: PublicAuctionEvent) => void) {
      // Wrapped, so that one function subscribed twice gets two deliveries and two unsubscribes.
      const entry = (event: PublicAuctionEvent) => listener(event);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
  };
}

export type EventBus = ReturnType<typeof createEventBus>;
