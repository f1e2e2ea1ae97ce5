import type { AuditService } from "../audit/service";
import type { Logger } from "../logger";
import { repeat } from "./repeat";

/**
 * Records the audit chains' heads on the platform chain every minute, on every node at once (each
 * head is recorded by one): after that, a chain cut short or rewritten is found by `audit verify`
 * even if its head was moved back with it.
 */
export function startAuditCheckpoints({
  audit,
  logger,
  intervalMs = 60_000,
}: {
  audit: AuditService;
  logger: Logger;
  intervalMs?: number;
}) {
  return repeat(
    async () => {
      // Every head that grew, a thousand to a checkpoint.
      while ((await audit.checkpoint(1000)) === 1000);
    },
    intervalMs,
    (error) => logger.error({ err: error }, "recording the audit chains' heads failed; retrying"),
  );
}
