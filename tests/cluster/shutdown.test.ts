import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bids } from "../../db/schema";
import {
  clusterDatabase,
  demoBidders,
  demoListing,
  postBid,
  startTwoNodes,
  stopCluster,
  signIn,
  sleep,
  until,
  type ClusterDatabase,
  type ServerNode,
} from "../support/cluster";

let cluster: ClusterDatabase;
let a: ServerNode;
let b: ServerNode;

beforeAll(async () => {
  cluster = await clusterDatabase();
  ({ a, b } = await startTwoNodes(cluster));
});
afterAll(() => stopCluster(cluster, a, b));

describe("a node stopped with SIGTERM during live bidding", () => {
  it("answers every bid it accepted before it exits, and exits cleanly", async () => {
    const listing = await demoListing(cluster, "Guaranteed claim on a Ningbo logistics company");
    const bidders = await demoBidders(cluster, listing.id);
    const sessions = await Promise.all(bidders.map((bidder) => signIn(a, bidder.email)));
    const answered: string[] = [];
    const cutOff: { key: string; error: string }[] = [];
    let nextMinimum = listing.startingPrice;
    let bidding = true;
    let aRefuses = false;
    const loop = async (first: number) => {
      for (let turn = first; bidding; turn += 4) {
        const node = a.ready && !aRefuses ? a : b;
        const key = randomUUID();
        try {
          const answer = await postBid(node, sessions[turn % sessions.length]!, listing.id, nextMinimum, key);
          answered.push(key);
          const next = answer.body.listing?.nextMinimumBid ?? answer.body.error?.details.nextMinimumBid;
          if (next !== undefined && BigInt(next) > nextMinimum) nextMinimum = BigInt(next);
        } catch (error) {
          cutOff.push({ key, error: String((error as Error).cause ?? error) });
          if (node === a) aRefuses = true;
        }
      }
    };
    const loops = [0, 1, 2, 3].map(loop);
    await until("bidding to be under way", () => answered.length >= 20, 20_000);
    const code = await a.stop();
    await sleep(300);
    bidding = false;
    await Promise.all(loops);

    expect(code).toBe(0);
    // A request the node was serving when told to stop is answered; only a connection it no longer
    // accepted may fail, and such a request never reached the bid service.
    const committed = cutOff.length
      ? await cluster.db
          .select({ key: bids.idempotencyKey })
          .from(bids)
          .where(
            inArray(
              bids.idempotencyKey,
              cutOff.map((c) => c.key),
            ),
          )
      : [];
    const causes = new Map<string, number>();
    for (const { error } of cutOff) causes.set(error, (causes.get(error) ?? 0) + 1);
    console.info(
      `SIGTERM during bidding: ${answered.length} answered, ${cutOff.length} not (${[...causes].map(([error, n]) => `${n} x ${error}`).join("; ")})`,
    );
    expect(committed).toEqual([]);
    expect(a.errors()).toEqual([]);
  });
});
