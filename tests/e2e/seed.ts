import { e2eDemo, seedE2eExtras } from "../../db/seed/e2e";
import { isEmpty, loadDemo } from "../../db/seed/demo";
import { openConfiguredDatabase } from "../../server/bootstrap";
import { systemClock } from "../../server/clock";
import { connectRedis } from "../../server/realtime/redis";
import { loadConfig } from "../../server/config";
import { createLogger } from "../../server/logger";
import { createServices, filesOf, keysOf } from "../../server/services";

/** The end-to-end server's data: the demo, plus the test lots that end within minutes. */
const config = loadConfig();

// Its limits start fresh too: a shared Redis keeps counts from earlier runs within their windows
// (an hour of failed sign-ins from this address), which would refuse this run's sign-ins.
if (config.REDIS_URL) {
  const redis = await connectRedis(config.REDIS_URL);
  try {
    const client = redis.client as {
      scanIterator(options: { MATCH: string; COUNT: number }): AsyncIterable<string[]>;
      del(keys: string[]): Promise<number>;
    };
    for await (const keys of client.scanIterator({ MATCH: "rl:*", COUNT: 500 })) if (keys.length > 0) await client.del(keys);
  } finally {
    await redis.close();
  }
}
const database = await openConfiguredDatabase(config);
try {
  if (await isEmpty(database.db)) {
    const logger = createLogger("warn");
    await loadDemo(
      { database, clock: systemClock, logger, ...filesOf(config), ...keysOf(config) },
      { endingAuctionInMs: e2eDemo.endingAuction.endsAfterMs },
    );
    await seedE2eExtras(createServices({ database, clock: systemClock, logger, ...filesOf(config), ...keysOf(config) }));
  }
} finally {
  await database.close();
}
