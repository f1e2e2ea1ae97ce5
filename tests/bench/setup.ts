/**
 * Seeds the benchmark's database (run as `node --import tsx tests/bench/setup.ts` with the
 * server's environment, before the server starts): one seller, three live auctions ending in 30
 * days ("hot" for bidding, "fanout" for broadcast latency, "idle" for memory), and BENCH_BIDDERS
 * investor organisations, each with one user, an approved registration on every listing, a signed
 * session cookie and an API token. Writes what the bench needs as JSON to BENCH_SETUP_OUT.
 */
import { writeFileSync } from "node:fs";
import { makeAsset, makeListing, makeOrganisation, makeRegistration, makeUser, seedActor } from "../../db/seed/factories";
import { openConfiguredDatabase } from "../../server/bootstrap";
import { systemClock } from "../../server/clock";
import { loadConfig } from "../../server/config";
import { createSessionCookie } from "../../server/http/session-cookie";
import { createLogger } from "../../server/logger";
import { createServices, keysOf } from "../../server/services";

export interface BenchSetup {
  listings: { hot: string; fanout: string; idle: string };
  bidders: { email: string; bidderCode: string; cookie: string; token: string }[];
  /** A seller's staff member's API token, for the tape import. */
  tapeSeller: { token: string };
}

const out = process.env.BENCH_SETUP_OUT;
const count = Number(process.env.BENCH_BIDDERS ?? 32);
if (!out) throw new Error("BENCH_SETUP_OUT is not set");
if (!Number.isInteger(count) || count < 2 || count > 999) throw new Error("BENCH_BIDDERS must be a whole number from 2 to 999");

const config = loadConfig();
const database = await openConfiguredDatabase(config);
try {
  const services = createServices({
    database,
    clock: systemClock,
    logger: createLogger("warn"),
    bidsPerTenSeconds: config.BID_RATE_LIMIT,
    ...keysOf(config),
  });
  const now = Date.now();
  const HOUR = 3_600_000;
  const password = "bench-password-0123456789";

  const seller = await makeOrganisation(services, { name: "Bench Seller Bank", kind: "bank", region: "Shanghai" });
  const listingFor = async (name: string) => {
    const asset = await makeAsset(services, {
      sellerOrgId: seller.id,
      kind: "claim",
      title: `Benchmark claim (${name})`,
      region: "Shanghai",
      principal: 1_000_000_00n,
      appraisedValue: 1_200_000_00n,
    });
    const listing = await makeListing(services, {
      sellerOrgId: seller.id,
      assetId: asset.id,
      title: `Benchmark auction (${name})`,
      mode: "auction",
      startingPrice: 1_000_000_00n,
      increment: 1_000_00n,
      status: "live",
      announcedAt: new Date(now - 10 * 24 * HOUR),
      startsAt: new Date(now - HOUR),
      endsAt: new Date(now + 30 * 24 * HOUR),
    });
    return listing.id;
  };
  const listings = { hot: await listingFor("hot"), fanout: await listingFor("fanout"), idle: await listingFor("idle") };

  const cookie = createSessionCookie(config.SESSION_SECRET, config.NODE_ENV === "production");
  const bidders = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const n = String(i + 1).padStart(3, "0");
      const email = `bidder-${n}@bench.example`;
      const bidderCode = `B${n}`;
      const org = await makeOrganisation(services, { name: `Bench Investor ${n}`, kind: "fund", region: "Shanghai" });
      const user = await makeUser(services, { email, password, organisationId: org.id, roles: ["investor"] });
      for (const listingId of Object.values(listings)) {
        await makeRegistration(services, { listingId, organisationId: org.id, userId: user.id, bidderCode, status: "approved" });
      }
      const session = await services.identity.signIn({ email, password }, { ip: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}` });
      const serialized = await cookie.serialize(session.token);
      const api = await services.identity.createApiToken(seedActor, { email, name: "benchmark" });
      return { email, bidderCode, cookie: serialized.split(";")[0]!, token: api.token };
    }),
  );
  const staffEmail = "staff@bench-seller.example";
  await makeUser(services, { email: staffEmail, password, organisationId: seller.id, roles: ["seller_staff"] });
  const tapeSeller = {
    token: (await services.identity.createApiToken(seedActor, { email: staffEmail, name: "benchmark tapes" })).token,
  };
  writeFileSync(out, JSON.stringify({ listings, bidders, tapeSeller } satisfies BenchSetup));
} finally {
  await database.close();
}
