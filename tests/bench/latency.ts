/**
 * Open-loop bid latency: bid requests sent on a fixed schedule (`rate` a second, whether or not the
 * earlier ones were answered), as a crowd of bidders sends them, never slowed by the server's own
 * answers as a closed loop would be. Each bidder in turn bids the next minimum as last learnt (from
 * a 201 or BID_TOO_LOW's details); a bidder that leads waits its turn. The figure is the latency of
 * the accepted bids (201), from just before the request to its answer.
 */
import { randomUUID } from "node:crypto";
import type { BenchSetup } from "./setup";
import {
  createHttpClient,
  distribution,
  heading,
  line,
  ms,
  now,
  perSecond,
  sleep,
  type Distribution,
  type NplexServer,
} from "./lib";

export interface OpenLoopResult {
  rate: number;
  seconds: number;
  sent: number;
  answered: number;
  accepted: number;
  outcomes: Record<string, number>;
  acceptedLatency: Distribution;
  allLatency: Distribution;
  /** Requests that were due but went out late because the load generator itself fell behind. */
  lateStarts: number;
}

export async function openLoopBids(
  url: string,
  setup: Pick<BenchSetup, "bidders">,
  listingId: string,
  options: { rate: number; seconds: number },
): Promise<OpenLoopResult> {
  const client = createHttpClient(url, 512);
  const listingPath = `/api/v1/listings/${listingId}`;
  const first = await client.request("GET", listingPath);
  if (first.status !== 200) throw new Error(`GET ${listingPath} answered ${first.status}`);
  let next = BigInt(first.body.listing.nextMinimumBid as string);
  let leader: string | null = first.body.listing.leaderBidderCode;
  const outcomes: Record<string, number> = {};
  const accepted: number[] = [];
  const all: number[] = [];
  const inFlight: Promise<void>[] = [];
  const interval = 1000 / options.rate;
  const total = Math.round(options.rate * options.seconds);
  let lateStarts = 0;
  let turn = 0;
  const t0 = now();
  for (let i = 0; i < total; i++) {
    const due = t0 + i * interval;
    const wait = due - now();
    if (wait > 1) await sleep(wait);
    else if (wait < -5) lateStarts += 1;
    let bidder = setup.bidders[turn++ % setup.bidders.length]!;
    if (bidder.bidderCode === leader) bidder = setup.bidders[turn++ % setup.bidders.length]!;
    const amount = next;
    const sentAt = now();
    inFlight.push(
      client
        .request(
          "POST",
          `${listingPath}/bids`,
          { cookie: bidder.cookie, origin: url },
          { amount: amount.toString(), idempotencyKey: randomUUID() },
        )
        .then((response) => {
          const took = now() - sentAt;
          all.push(took);
          const code: string =
            response.status === 201 ? "201 accepted" : `${response.status} ${response.body?.error?.code ?? "?"}`;
          outcomes[code] = (outcomes[code] ?? 0) + 1;
          if (response.status === 201) {
            accepted.push(took);
            const offered = BigInt(response.body.listing.nextMinimumBid as string);
            if (offered > next) {
              next = offered;
              leader = response.body.listing.leaderBidderCode;
            }
          } else if (response.body?.error?.details?.nextMinimumBid) {
            const offered = BigInt(response.body.error.details.nextMinimumBid as string);
            if (offered > next) next = offered;
          }
        })
        .catch((error: unknown) => {
          const code = `error ${(error as Error).message.slice(0, 40)}`;
          outcomes[code] = (outcomes[code] ?? 0) + 1;
        }),
    );
  }
  await Promise.all(inFlight);
  client.close();
  return {
    rate: options.rate,
    seconds: options.seconds,
    sent: total,
    answered: all.length,
    accepted: accepted.length,
    outcomes,
    acceptedLatency: distribution(accepted),
    allLatency: distribution(all),
    lateStarts,
  };
}

export function printOpenLoop(label: string, result: OpenLoopResult) {
  line(
    `${label}: schedule`,
    `${perSecond(result.rate)} for ${result.seconds} s (${result.sent} requests, ${result.lateStarts} sent late)`,
  );
  for (const [code, n] of Object.entries(result.outcomes).sort((a, b) => b[1] - a[1])) line(`  ${code}`, String(n));
  line(
    `${label}: accepted p50 / p99 / max`,
    `${ms(result.acceptedLatency.p50)} / ${ms(result.acceptedLatency.p99)} / ${ms(result.acceptedLatency.max)} (${result.accepted} accepted)`,
  );
  line(`${label}: any answer p50 / p99`, `${ms(result.allLatency.p50)} / ${ms(result.allLatency.p99)}`);
}

export async function benchOpenLoop(server: NplexServer, setup: BenchSetup, options: { rate: number; seconds: number }) {
  heading(`1c. Latency: open loop, ${options.rate} bid requests/s on one listing`);
  const result = await openLoopBids(server.url, setup, setup.listings.hot, options);
  printOpenLoop("open loop", result);
  return result;
}
