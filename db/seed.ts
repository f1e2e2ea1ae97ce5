import { openConfiguredDatabase } from "../server/bootstrap";
import { systemClock } from "../server/clock";
import { ConfigError, loadConfig } from "../server/config";
import { createLogger } from "../server/logger";
import { filesOf, keysOf } from "../server/services";
import { demoAccounts, isEmpty, loadDemo } from "./seed/demo";

/** `npm run seed`: loads the demo marketplace into an empty database. */
try {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    if (!(await isEmpty(database.db))) {
      console.log("The database already holds data: nothing was seeded.");
    } else {
      await loadDemo({ database, clock: systemClock, logger: createLogger("warn"), ...filesOf(config), ...keysOf(config) });
      console.log(`Demo data loaded. Password for every demo account: ${demoAccounts.password}`);
      for (const account of demoAccounts.users) console.log(`  ${account.role.padEnd(10)} ${account.email}`);
    }
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Seeding failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
