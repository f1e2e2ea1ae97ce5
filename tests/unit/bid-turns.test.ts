import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createBidTurns, type CommittedPrice } from "../../server/sale-modes/auction/turns";

const price = (currentPrice: bigint): CommittedPrice => ({
  status: "live",
  startingPrice: 100n,
  increment: 10n,
  currentPrice,
});

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("a listing's bids taking turns on one node", () => {
  it("runs each listing's turns one at a time, in the order they came, whatever each answers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ listing: fc.constantFrom("a", "b", "c"), ticks: fc.nat(3), fails: fc.boolean() }), {
          minLength: 1,
          maxLength: 30,
        }),
        async (bids) => {
          const turns = createBidTurns();
          const running = new Map<string, number>();
          const started: { listing: string; index: number }[] = [];
          const answers = bids.map((bid, index) =>
            turns.take(bid.listing, async () => {
              expect(running.get(bid.listing) ?? 0).toBe(0);
              running.set(bid.listing, 1);
              started.push({ listing: bid.listing, index });
              for (let i = 0; i < bid.ticks; i += 1) await tick();
              running.set(bid.listing, 0);
              if (bid.fails) throw new Error(`bid ${index} refused`);
              return index;
            }),
          );
          const settled = await Promise.allSettled(answers);
          // A refused turn answers its own bid only: the line goes on.
          settled.forEach((s, index) => expect(s.status).toBe(bids[index]!.fails ? "rejected" : "fulfilled"));
          for (const listing of ["a", "b", "c"]) {
            const order = started.filter((s) => s.listing === listing).map((s) => s.index);
            expect(order).toEqual([...order].sort((x, y) => x - y));
          }
          // Nothing is kept once no bid waits.
          expect(turns.size).toBe(0);
        },
      ),
    );
  });

  it("lets different listings' turns run side by side", async () => {
    const turns = createBidTurns();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const a = turns.take("a", () => held);
    let bRan = false;
    await turns.take("b", () => Promise.resolve(void (bRan = true)));
    expect(bRan).toBe(true);
    release();
    await a;
  });

  it("shows a turn the price the previous turn committed, and forgets it once the line is empty", async () => {
    const turns = createBidTurns();
    const seen: (CommittedPrice | null)[] = [];
    const first = turns.take("a", async (committed) => {
      seen.push(committed);
      await tick();
      turns.committed("a", price(120n));
    });
    const second = turns.take("a", (committed) => {
      seen.push(committed);
      turns.committed("a", price(130n));
      return Promise.resolve();
    });
    await Promise.all([first, second]);
    await turns.take("a", (committed) => Promise.resolve(void seen.push(committed)));

    expect(seen).toEqual([null, price(120n), null]);
  });
});
