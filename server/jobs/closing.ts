import type { AuctionService } from "../auction/service";
import type { Logger } from "../logger";

/**
 * Closes auctions on time: polls often enough to close each within a second of its end, and
 * runs once at start-up for whatever ended while no server ran. Safe on every node at once.
 */
export function startClosingJob({ auction, logger, intervalMs = 250 }: { auction: AuctionService; logger: Logger; intervalMs?: number }) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const tick = async () => {
    try {
      const closed = await auction.closeDue();
      if (closed > 0) logger.info({ closed }, "auctions closed");
    } catch (error) {
      logger.error({ err: error }, "closing auctions failed; retrying");
    }
  };
  const loop = () => {
    if (stopped) return;
    running = tick().finally(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(loop, intervalMs);
    });
  };
  loop();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
