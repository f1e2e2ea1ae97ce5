/**
 * The floor of the capacity benchmark (tests/bench/floor.ts): the least any Node server can do for
 * a bid that is too low. node:http alone, JSON in and out, and per request the one statement such a
 * bid needs (the caller's registration, the listing's price and the bid under the key, as
 * server/sale-modes/auction/bidders.ts reads them), prepared, on postgres.js with the server's pool
 * size. No sign-in, no logging, no checks. Started by the bench with `fork`:
 *   env FLOOR_DATABASE_URL, FLOOR_CONNECTIONS   -> { type: "listening", port }
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import postgres from "postgres";

const sql = postgres(process.env.FLOOR_DATABASE_URL!, { max: Number(process.env.FLOOR_CONNECTIONS ?? 10), onnotice: () => {} });
const path = /^\/api\/v1\/listings\/([0-9a-f-]{36})\/bids$/;

const server = http.createServer((req, res) => {
  const match = req.method === "POST" ? path.exec(req.url ?? "") : null;
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    void (async () => {
      try {
        if (!match) throw new Error("not found");
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
          amount: string;
          idempotencyKey: string;
          bidder: string;
        };
        const [row] = await sql`
          select r.id, r.status, l.status as listing_status, l.starting_price, l.increment, l.current_price, b.seq, b.amount
          from registrations r join listings l on l.id = r.listing_id
          left join bids b on b.registration_id = r.id and b.idempotency_key = ${body.idempotencyKey}
          where r.listing_id = ${match[1]!} and r.bidder_code = ${body.bidder}`;
        const price = BigInt((row?.current_price as string | null) ?? (row?.starting_price as string));
        const minimum = row?.current_price ? price + BigInt(row.increment as string) : price;
        res.writeHead(422, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "BID_TOO_LOW", details: { nextMinimumBid: minimum.toString() } } }));
      } catch (error) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "NOT_FOUND", message: (error as Error).message } }));
      }
    })();
  });
});
server.listen(0, "127.0.0.1", () => process.send?.({ type: "listening", port: (server.address() as AddressInfo).port }));
process.on("disconnect", () => process.exit(0));
