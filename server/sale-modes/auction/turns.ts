/** A listing's price as a command on this node committed it: what a waiting bid is judged against. */
export interface CommittedPrice {
  status: string;
  startingPrice: bigint;
  increment: bigint;
  currentPrice: bigint | null;
}

interface Line {
  tail: Promise<void>;
  waiting: number;
  committed: CommittedPrice | null;
}

/**
 * A listing's bids on this node take their turns one at a time, in the order they came. The
 * listing's row lock serialises them anyway; waiting here instead of in the database keeps the
 * pool's connections for other work, and a bid whose turn comes after another bid of this node
 * committed is judged first against the price that bid left: on a hot listing, where a crowd bids
 * the same next minimum at once, one wins and the others are answered without a transaction
 * (measured: they were most of a hot listing's transactions). The price only rises, so a bid
 * below a committed price is below the price under the lock. A line and what it knows are
 * forgotten once no bid waits in it.
 */
export function createBidTurns() {
  const lines = new Map<string, Line>();
  return {
    /** Runs `work` once this node's earlier bids on the listing are done; it sees the price the last one committed. */
    async take<T>(listingId: string, work: (committed: CommittedPrice | null) => Promise<T>): Promise<T> {
      let line = lines.get(listingId);
      if (!line) lines.set(listingId, (line = { tail: Promise.resolve(), waiting: 0, committed: null }));
      const mine = line;
      mine.waiting += 1;
      const turn = mine.tail.then(() => work(mine.committed));
      mine.tail = turn.then(
        () => undefined,
        () => undefined,
      );
      try {
        return await turn;
      } finally {
        mine.waiting -= 1;
        if (mine.waiting === 0) lines.delete(listingId);
      }
    },
    /** What a bid's transaction left, once it has committed: the next bids in the line are judged against it. */
    committed(listingId: string, price: CommittedPrice) {
      const line = lines.get(listingId);
      if (line) line.committed = price;
    },
    /** How many listings have bids waiting on this node. */
    get size() {
      return lines.size;
    },
  };
}
