import path from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "node:http";
import { loadDemo, isEmpty, demoAccounts } from "../db/seed/demo";
import { openConfiguredDatabase } from "./bootstrap";
import { createTestClock, systemClock } from "./clock";
import { ConfigError, loadConfig } from "./config";
import { createHttpApp } from "./http/app";
import { siteOrigins } from "./http/security";
import { createLogger } from "./logger";
import { startClosingJob } from "./jobs/closing";
import { startStripeJob } from "./jobs/stripe";
import { startMailJob } from "./jobs/mail";
import { startAuditCheckpoints } from "./jobs/audit";
import { attachRealtime } from "./realtime";
import { connectRedis } from "./realtime/redis";
import { createServices, filesOf, keysOf, mailOf, paymentsOf } from "./services";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // The bundled server (build/main.js) serves the built app; run from source, it builds on demand.
  const bundled = path.basename(fileURLToPath(import.meta.url)) === "main.js";
  // The built app runs its libraries as production does whatever its own stage (the demo's and the
  // tests' servers run in development and test): React's development build renders each page much
  // more slowly. Each library reads this when it loads, React with the first page, after this line.
  if (bundled) process.env.NODE_ENV = "production";
  const testClock = config.NPLEX_TEST_CLOCK ? createTestClock() : undefined;
  const clock = testClock ?? systemClock;
  const logger = createLogger(config.LOG_LEVEL);
  for (const warning of config.warnings) logger.warn(warning);

  const database = await openConfiguredDatabase(config);
  logger.info({ engine: database.engine }, "database ready");

  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
  if (redis) logger.info("redis connected");

  const origins = siteOrigins(config.PUBLIC_URL, config.PORT);
  const services = createServices({
    database,
    clock,
    logger,
    redis: redis?.client,
    ...filesOf(config),
    ...keysOf(config),
    bidsPerTenSeconds: config.BID_RATE_LIMIT,
    ...paymentsOf(config),
    ...mailOf(config),
    publicOrigin: origins.canonical,
  });
  if (database.engine === "pglite" && (await isEmpty(database.db))) {
    logger.info("empty embedded database: loading demo data");
    await loadDemo({ database, clock, logger, ...filesOf(config), ...keysOf(config) });
  }

  const httpServer = createServer();
  if (config.NODE_ENV === "production" && !bundled) {
    console.error("NODE_ENV=production runs the built app only: npm run build, then npm run start:prod");
    process.exit(1);
  }
  const vite = bundled
    ? undefined
    : await import("vite").then(({ createServer: createViteServer }) =>
        createViteServer({ server: { middlewareMode: true, hmr: { server: httpServer } }, appType: "custom" }),
      );
  // The built app runs as production does; development (`npm run dev`) serves the source through Vite.
  const production = bundled;
  const app = createHttpApp({
    services,
    sessionSecret: config.SESSION_SECRET,
    production,
    origins,
    trustProxy: config.TRUST_PROXY,
    secure: config.NODE_ENV === "production" || origins.canonical.startsWith("https:"),
    vite,
    testClock,
  });
  // Requests being served, so that a shutdown answers them all before it closes connections.
  let inFlight = 0;
  let stopping = false;
  httpServer.on("request", (req, res) => {
    inFlight += 1;
    res.once("close", () => (inFlight -= 1));
    if (stopping) res.setHeader("Connection", "close");
    app(req, res);
  });
  const io = attachRealtime(httpServer, { clock, logger, redis, services });
  // Tapes whose reading a restart or a crash stopped, here or on another server, are read again.
  const resumeTapes = () =>
    services.tapes.resume().catch((error: unknown) => logger.error({ err: error }, "taking up stopped tape readings failed"));
  void resumeTapes();
  const tapeSweep = setInterval(() => void resumeTapes(), 60_000);
  tapeSweep.unref();
  const closing = startClosingJob({
    auction: services.auction,
    workflow: services.workflow,
    tender: services.tender,
    runnerUp: services.runnerUp,
    deposits: services.deposits,
    sales: services.sales,
    logger,
  });
  const mailJob = startMailJob({ mail: services.mail, logger });
  const auditJob = startAuditCheckpoints({ audit: services.audit, logger });
  const stripeJob = services.stripeDeposits ? startStripeJob({ stripeDeposits: services.stripeDeposits, logger }) : undefined;

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    // The development server answers this machine only unless HOST says otherwise.
    httpServer.listen(config.PORT, config.HOST ?? (bundled ? "0.0.0.0" : "127.0.0.1"), resolve);
  });
  const url = origins.canonical;
  logger.info(
    { url, host: (httpServer.address() as { address: string }).address, engine: database.engine, production },
    "nplex is listening",
  );
  if (database.engine === "pglite") {
    console.log(`\n  nplex is running at ${url}\n\n  Demo accounts (password for all: ${demoAccounts.password}):`);
    for (const account of demoAccounts.users) console.log(`    ${account.role.padEnd(10)} ${account.email}`);
    console.log("");
  }

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    // Take no new work: no new connections or closing runs; websockets are sent away (their
    // clients reconnect, to another node behind the balancer, and catch up with afterSeq).
    httpServer.close();
    clearInterval(tapeSweep);
    await closing.stop();
    await stripeJob?.stop();
    await mailJob.stop();
    await auditJob.stop();
    await io.close();
    // Then answer every request already being served before cutting connections: a bid that
    // commits must reach its bidder (cut off, it would look lost though it counts).
    const drainUntil = Date.now() + 10_000;
    while (inFlight > 0 && Date.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 20));
    httpServer.closeAllConnections();
    await vite?.close();
    await redis?.close();
    await database.close();
    logger.info("stopped");
    process.exit(0);
  };
  // Vite's own servers (ours and Remix's child compiler in development) exit the process on
  // SIGTERM before the database is drained: this process owns its shutdown.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? `nplex could not start: ${error.message}` : error);
  process.exit(1);
});
