import { seedE2eExtras } from "../../db/seed/e2e";
import { isEmpty, loadDemo } from "../../db/seed/demo";
import { openConfiguredDatabase } from "../../server/bootstrap";
import { systemClock } from "../../server/clock";
import { loadConfig } from "../../server/config";
import { createLogger } from "../../server/logger";
import { createServices } from "../../server/services";

/** The end-to-end server's data: the demo, plus the test lots that end within minutes. */
const config = loadConfig();
const database = await openConfiguredDatabase(config);
try {
  if (await isEmpty(database.db)) {
    const logger = createLogger("warn");
    await loadDemo({ database, clock: systemClock, logger });
    await seedE2eExtras(createServices({ database, clock: systemClock, logger }));
  }
} finally {
  await database.close();
}
