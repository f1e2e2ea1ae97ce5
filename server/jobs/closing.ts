import type { AuctionService } from "../sale-modes/auction/service";
import type { WorkflowService } from "../listings/review/workflow";
import type { TenderService } from "../sale-modes/tender/service";
import type { RunnerUpService } from "../sale-modes/runner-up/service";
import type { Logger } from "../logger";
import type { DepositService } from "../payments/deposits";
import type { SaleService } from "../payments/sales";

/**
 * Opens bidding when an announcement period is over and its start has come, and closes auctions
 * on time: polls often enough to close each within a second of its end, and
 * runs once at start-up for whatever ended while no server ran. Safe on every node at once.
 */
export function startClosingJob({
  auction,
  workflow,
  tender,
  runnerUp,
  deposits,
  sales,
  logger,
  intervalMs = 250,
  batchSize = 50,
}: {
  auction: AuctionService;
  workflow?: WorkflowService;
  tender?: TenderService;
  /** Fails awards whose runner-up did not accept in time. */
  runnerUp?: RunnerUpService;
  /** Releases the deposits of registrations that did not win, once their listing has closed. */
  deposits?: DepositService;
  /** Opens the sale of each award (the balance and its due date) and reminds buyers before it is due. */
  sales?: SaleService;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<boolean> | undefined;
  let stopped = false;

  /** True when a whole batch was closed: more may be due, so the next run starts at once. */
  const tick = async () => {
    try {
      const opened = workflow ? await workflow.openDue(batchSize) : 0;
      if (opened > 0) logger.info({ opened }, "bidding opened");
      const closed = await auction.closeDue(batchSize);
      const tenders = tender ? await tender.openDue(batchSize) : 0;
      if (tenders > 0) logger.info({ tenders }, "tenders opened");
      if (closed > 0) logger.info({ closed }, "auctions closed");
      const lapsed = runnerUp ? await runnerUp.lapseDue(batchSize) : 0;
      if (lapsed > 0) logger.info({ lapsed }, "runner-up offers lapsed");
      const released = deposits ? await deposits.releaseDue(batchSize) : 0;
      if (released > 0) logger.info({ released }, "deposits released");
      const sold = sales ? await sales.openDue(batchSize) : 0;
      if (sold > 0) logger.info({ sold }, "sales opened");
      const reminded = sales ? await sales.remindDue() : 0;
      if (reminded > 0) logger.info({ reminded }, "balance reminders sent");
      return closed >= batchSize || opened >= batchSize || released >= batchSize || sold >= batchSize;
    } catch (error) {
      logger.error({ err: error }, "closing auctions failed; retrying");
      return false;
    }
  };
  const loop = () => {
    if (stopped) return;
    running = tick();
    void running.then((more) => {
      running = undefined;
      if (!stopped) timer = setTimeout(loop, more ? 0 : intervalMs);
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
