/**
 * The platform at scale, on PostgreSQL (the data are made with SQL in the bench's database):
 *   3. many listings: 1,000 live auctions, 200 bidders each registered on ten of them (two bidders a
 *      listing), every bidder bidding in a loop; accepted bids/s against the same database's rate of
 *      single-row UPDATEs spread over 1,000 rows, with as many connections as the server's pool;
 *   6. reading: 10,000 listings and 1,000,000 bids; the listing search, the first page of listings,
 *      one listing through the API and its page, each asked 200 times; p95 of the answer time (on
 *      this machine's loopback, an upper bound of the server's own time).
 */
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import type { BenchSetup } from "./setup";
import { createHttpClient, distribution, heading, line, ms, now, perSecond, type Distribution, type NplexServer } from "./lib";

type Sql = ReturnType<typeof postgres>;

/**
 * `count` copies of a listing (new ids and titles), live, ending in 30 days; answers their ids.
 * Each is offered by the same seller, of the same lot: what a listing page and a search read.
 */
export async function copyListings(sql: Sql, templateId: string, count: number, tag: string): Promise<string[]> {
  if (count <= 0) return [];
  // Every column but the generated ones (the title shown where no language applies).
  const [{ columns }] = await sql<[{ columns: string }]>`
    select string_agg(quote_ident(column_name), ', ' order by ordinal_position) as columns
    from information_schema.columns where table_name = 'listings' and is_generated = 'NEVER'`;
  const rows = await sql.unsafe<{ id: string }[]>(
    `insert into listings (${columns})
     select ${columns} from jsonb_populate_recordset(null::listings, (
       select jsonb_agg(to_jsonb(l) || jsonb_build_object(
         'id', gen_random_uuid(),
         'title_en', $2 || ' ' || n || ' ' || (array['Hangzhou','Ningbo','Suzhou','Wuxi','Nanjing'])[1 + n % 5] || ' claim',
         'current_price', null, 'leader_registration_id', null, 'bid_count', 0, 'last_seq', 0, 'lead_at', null,
         'created_at', now() - (n || ' seconds')::interval))
       from listings l, generate_series(1, $3::int) as n where l.id = $1))
     returning id`,
    [templateId, `Benchmark ${tag}`, count],
  );
  return rows.map((r) => r.id);
}

/** Approved registrations of bidders (by code) on listings, each a copy of the bidder's registration on the template listing. */
export async function registerOn(sql: Sql, templateId: string, pairs: { listing: string; code: string }[]) {
  await sql`
    insert into registrations
    select (jsonb_populate_record(null::registrations, to_jsonb(r) || jsonb_build_object('id', gen_random_uuid(), 'listing_id', p.listing))).*
    from jsonb_to_recordset(${sql.json(pairs)}::jsonb) as p(listing uuid, code text)
    join registrations r on r.listing_id = ${templateId} and r.bidder_code = p.code`;
}

/** The many-listings run's spread: bidder i on the ten listings from 5i on (wrapping), so each listing has two bidders. */
async function registerSpread(sql: Sql, templateId: string, listingIds: string[], bidderCodes: string[]) {
  const pairs: { listing: string; code: string }[] = [];
  bidderCodes.forEach((code, i) => {
    for (let k = 0; k < 10; k++) pairs.push({ listing: listingIds[(i * 5 + k) % listingIds.length]!, code });
  });
  await registerOn(sql, templateId, pairs);
  return pairs;
}

export interface ManyListingsResult {
  listings: number;
  bidders: number;
  seconds: number;
  accepted: number;
  acceptedPerSecond: number;
  requests: number;
  outcomes: Record<string, number>;
  acceptedLatency: Distribution;
  baseline: { connections: number; updatesPerSecond: number };
  ratio: number;
}

export async function benchManyListings(
  server: NplexServer,
  setup: BenchSetup,
  databaseUrl: string,
  options: { listings: number; bidders: number; seconds: number; connections: number },
): Promise<ManyListingsResult> {
  heading(`3. Many listings: ${options.listings} live auctions, ${options.bidders} bidders spread over them`);
  const sql = postgres(databaseUrl, { max: options.connections + 1, onnotice: () => {} });
  try {
    const bidders = setup.bidders.slice(0, options.bidders);
    if (bidders.length < options.bidders) throw new Error(`setup made ${bidders.length} bidders, ${options.bidders} wanted`);
    const t = now();
    const listingIds = await copyListings(sql, setup.listings.idle, options.listings, "many");
    const pairs = await registerSpread(
      sql,
      setup.listings.idle,
      listingIds,
      bidders.map((b) => b.bidderCode),
    );
    line("made", `${listingIds.length} listings, ${pairs.length} registrations in ${((now() - t) / 1000).toFixed(1)} s`);

    const client = createHttpClient(server.url, options.bidders * 2);
    const next = new Map<string, bigint>();
    const start = BigInt(
      (await client.request("GET", `/api/v1/listings/${listingIds[0]}`)).body.listing.nextMinimumBid as string,
    );
    const outcomes: Record<string, number> = {};
    const latencies: number[] = [];
    let requests = 0;
    const end = now() + options.seconds * 1000;
    await Promise.all(
      bidders.map(async (bidder, i) => {
        const mine = Array.from({ length: 10 }, (_, k) => listingIds[(i * 5 + k) % listingIds.length]!);
        for (let turn = 0; now() < end; turn++) {
          const listingId = mine[turn % mine.length]!;
          const amount = next.get(listingId) ?? start;
          const sentAt = now();
          const response = await client.request(
            "POST",
            `/api/v1/listings/${listingId}/bids`,
            { cookie: bidder.cookie, origin: server.url },
            { amount: amount.toString(), idempotencyKey: randomUUID() },
          );
          requests += 1;
          const code = response.status === 201 ? "201 accepted" : `${response.status} ${response.body?.error?.code ?? "?"}`;
          outcomes[code] = (outcomes[code] ?? 0) + 1;
          if (response.status === 201) {
            latencies.push(now() - sentAt);
            next.set(listingId, BigInt(response.body.listing.nextMinimumBid as string));
          } else if (response.body?.error?.details?.nextMinimumBid) {
            next.set(listingId, BigInt(response.body.error.details.nextMinimumBid as string));
          }
        }
      }),
    );
    client.close();
    const accepted = outcomes["201 accepted"] ?? 0;
    const acceptedPerSecond = accepted / options.seconds;
    line("accepted bids", `${accepted} (${perSecond(acceptedPerSecond)}), ${requests} requests`);
    for (const [code, n] of Object.entries(outcomes).sort((a, b) => b[1] - a[1])) line(`  ${code}`, String(n));
    const acceptedLatency = distribution(latencies);
    line("201 latency p50 / p99", `${ms(acceptedLatency.p50)} / ${ms(acceptedLatency.p99)}`);

    // The baseline: single-row UPDATEs spread over 1,000 rows, as many connections as the server's pool.
    await sql`create table if not exists bench_rows (id integer primary key, n bigint not null)`;
    await sql`insert into bench_rows select g, 0 from generate_series(1, 1000) g on conflict (id) do update set n = 0`;
    const reserved = await Promise.all(Array.from({ length: options.connections }, () => sql.reserve()));
    let updates = 0;
    const baseEnd = now() + options.seconds * 1000;
    await Promise.all(
      reserved.map(async (connection) => {
        while (now() < baseEnd) {
          await connection.unsafe("UPDATE bench_rows SET n = n + 1 WHERE id = $1", [1 + Math.floor(Math.random() * 1000)], {
            prepare: true,
          });
          updates += 1;
        }
        connection.release();
      }),
    );
    await sql`drop table if exists bench_rows`;
    const updatesPerSecond = updates / options.seconds;
    line(`baseline: UPDATEs over 1,000 rows, ${options.connections} connections`, perSecond(updatesPerSecond));
    const ratio = acceptedPerSecond / updatesPerSecond;
    line("ratio accepted bids/s / UPDATE/s", ratio.toFixed(3));
    return {
      listings: listingIds.length,
      bidders: bidders.length,
      seconds: options.seconds,
      accepted,
      acceptedPerSecond,
      requests,
      outcomes,
      acceptedLatency,
      baseline: { connections: options.connections, updatesPerSecond },
      ratio,
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export interface ReadingResult {
  listings: number;
  bids: number;
  reads: { name: string; latency: Distribution }[];
}

export async function benchReading(
  server: NplexServer,
  setup: BenchSetup,
  databaseUrl: string,
  options: { listings: number; bids: number; requests: number },
): Promise<ReadingResult> {
  heading(`6. Reading at scale: ${options.listings.toLocaleString("en")} listings, ${options.bids.toLocaleString("en")} bids`);
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  try {
    const t = now();
    const [{ n: existing }] = await sql<[{ n: number }]>`select count(*)::int as n from listings`;
    const made = await copyListings(sql, setup.listings.idle, Math.max(0, options.listings - existing), "read");
    // The bids go to a thousand of the new listings, a thousand each, from two bidders taking turns.
    const busy = made.slice(0, Math.max(1, Math.min(1000, Math.floor(options.bids / 1000))));
    const perListing = Math.floor(options.bids / busy.length);
    const codes = setup.bidders.slice(0, 2).map((b) => b.bidderCode);
    const pairs = busy.flatMap((listing) => codes.map((code) => ({ listing, code })));
    await sql`
      insert into registrations
      select (jsonb_populate_record(null::registrations, to_jsonb(r) || jsonb_build_object('id', gen_random_uuid(), 'listing_id', p.listing))).*
      from jsonb_to_recordset(${sql.json(pairs)}::jsonb) as p(listing uuid, code text)
      join registrations r on r.listing_id = ${setup.listings.idle} and r.bidder_code = p.code`;
    await sql`
      insert into bids (listing_id, seq, registration_id, amount, kind, placed_at)
      select r.listing_id, s, r.id, l.starting_price + (s - 1) * l.increment, 'manual', now() - ((${perListing} - s) || ' seconds')::interval
      from listings l
      join generate_series(1, ${perListing}) s on true
      join registrations r on r.listing_id = l.id and r.bidder_code = (${codes}::text[])[1 + s % 2]
      where l.id = any(${busy}::uuid[])`;
    await sql`
      update listings l set last_seq = ${perListing}, bid_count = ${perListing},
        current_price = l.starting_price + (${perListing} - 1) * l.increment,
        leader_registration_id = (select r.id from registrations r where r.listing_id = l.id and r.bidder_code = (${codes}::text[])[1 + ${perListing} % 2])
      where l.id = any(${busy}::uuid[])`;
    await sql`analyze`;
    const [{ listingsNow, bidsNow }] = await sql<[{ listingsNow: number; bidsNow: number }]>`
      select (select count(*)::int from listings) as "listingsNow", (select count(*)::int from bids) as "bidsNow"`;
    line(
      "made",
      `${listingsNow.toLocaleString("en")} listings, ${bidsNow.toLocaleString("en")} bids in ${((now() - t) / 1000).toFixed(0)} s`,
    );

    const client = createHttpClient(server.url, 4);
    const one = busy[Math.floor(busy.length / 2)]!;
    const paths: { name: string; path: string }[] = [
      { name: "search (q=Ningbo)", path: "/api/v1/listings?q=Ningbo" },
      { name: "listings, first page", path: "/api/v1/listings" },
      { name: "listings, page 100", path: "/api/v1/listings?page=100" },
      { name: `a listing with ${perListing} bids (API)`, path: `/api/v1/listings/${one}` },
      { name: "its latest bids (API)", path: `/api/v1/listings/${one}/bids?page=newest&limit=50` },
      { name: "its page (HTML)", path: `/listings/${one}` },
    ];
    const reads: ReadingResult["reads"] = [];
    for (const { name, path } of paths) {
      const times: number[] = [];
      for (let i = 0; i < options.requests + 5; i++) {
        const sentAt = now();
        const response = await client.request("GET", path, {
          accept: path.startsWith("/api/") ? "application/json" : "text/html",
        });
        if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
        if (i >= 5) times.push(now() - sentAt);
      }
      const latency = distribution(times);
      line(`${name}: p50 / p95 / max`, `${ms(latency.p50)} / ${ms(latency.p95)} / ${ms(latency.max)}`);
      reads.push({ name, latency });
    }
    client.close();
    return { listings: listingsNow, bids: bidsNow, reads };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
