import type { Logger } from "../logger";
import type { Alerts } from "../notifications/alerts";
import { repeat } from "./repeat";

/**
 * Raises the ending and extension alerts every 15 seconds, on every node at once: each listing's
 * alert is claimed by one node, once, so a restart or a second node never sends it twice.
 */
export function startAlertSweep({
  alerts,
  logger,
  intervalMs = 15_000,
}: {
  alerts: Pick<Alerts, "sweep">;
  logger: Logger;
  intervalMs?: number;
}) {
  return repeat(
    async () => {
      const raised = await alerts.sweep();
      if (raised > 0) logger.info({ raised }, "alerts raised");
    },
    intervalMs,
    (error) => logger.error({ err: error }, "raising alerts failed; retrying"),
  );
}
