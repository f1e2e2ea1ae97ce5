import type { Logger } from "../logger";
import type { MailService } from "../notifications/mail";
import { repeat } from "./repeat";

/** Mails new notifications every few seconds, on every node at once (each is claimed by one). */
export function startMailJob({ mail, logger, intervalMs = 3_000 }: { mail: MailService; logger: Logger; intervalMs?: number }) {
  return repeat(
    async () => {
      const done = await mail.deliverDue();
      if (done > 0) logger.info({ done }, "notifications mailed");
    },
    intervalMs,
    (error) => logger.error({ err: error }, "mailing notifications failed; retrying"),
  );
}
