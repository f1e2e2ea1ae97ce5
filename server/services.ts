import { randomBytes } from "node:crypto";
import type { Database } from "../db/client";
import { createSealer, type SealingKeys } from "./auction/sealing";
import { createAuctionService } from "./auction/service";
import { createTenderService } from "./auction/tender-service";
import { createAuditService } from "./audit/service";
import type { Clock } from "./clock";
import { createIdentityService, identityLimits } from "./identity/service";
import { createListingService } from "./listings/service";
import { createSellerListingService } from "./listings/seller";
import { createNegotiationService } from "./listings/negotiation";
import { createObjectionService, objectionLimits } from "./listings/objections";
import { createRunnerUpService } from "./listings/runner-up";
import { createQueueService } from "./listings/queues";
import { createRegistrationService, registrationLimits } from "./listings/registrations";
import { createRoundsService } from "./listings/rounds-service";
import { createSettingsService } from "./listings/settings";
import { createWorkflowService } from "./listings/workflow";
import { createWorkspaceService } from "./listings/workspace";
import { createNotificationService } from "./notifications/service";
import { createLocalFileStore } from "./files/store";
import type { Logger } from "./logger";
import { createRateLimiter } from "./rate-limit";
import { createEventBus } from "./realtime/bus";

export interface ServiceDeps {
  database: Database;
  clock: Clock;
  logger: Logger;
  /** A connected node-redis client, when REDIS_URL is set: rate limits are then shared across nodes. */
  redis?: unknown;
  /** The keys sealed tender bids are encrypted under (SEALING_KEY in the server); a random key otherwise. */
  sealingKeys?: SealingKeys;
  /** Where uploaded files are kept (DATA_DIR/files in the server); a temporary folder otherwise. */
  filesDir?: string;
  /** Bids (and proxy changes) one bidder may make per 10 seconds on one listing. */
  bidsPerTenSeconds?: number;
}

/** The composition root of the domain: built once per process, handed to Remix and sockets. */
export function createServices({
  database,
  clock,
  logger,
  redis,
  filesDir,
  sealingKeys = { current: randomBytes(32).toString("hex") },
  bidsPerTenSeconds = 20,
}: ServiceDeps) {
  const db = database.db;
  const audit = createAuditService({ clock });
  const notifications = createNotificationService({ db, clock });
  const identity = createIdentityService({ db, clock, audit, limits: identityLimits(redis), notifications });
  const listings = createListingService({ db, clock });
  const bus = createEventBus();
  const bidLimiter = createRateLimiter({ name: "bids", points: bidsPerTenSeconds, durationSeconds: 10 }, redis);
  const auction = createAuctionService({ db, clock, audit, bus, bidLimiter });
  const workflow = createWorkflowService({ db, clock, audit, bus, notifications });
  const registrations = createRegistrationService({ db, clock, audit, notifications, limits: registrationLimits(redis) });
  return {
    database,
    db,
    clock,
    logger,
    audit,
    identity,
    listings,
    sellerListings: createSellerListingService({ db }),
    bus,
    auction,
    notifications,
    workflow,
    registrations,
    workspace: createWorkspaceService({ db, clock, registrations }),
    settings: createSettingsService({ db, clock, audit }),
    rounds: createRoundsService({ db, clock, audit, notifications }),
    queues: createQueueService({ db, clock }),
    tender: createTenderService({
      db,
      clock,
      audit,
      bus,
      sealer: createSealer(sealingKeys),
      bidLimiter,
      registrationOf: auction.registrationOf,
      notifications,
    }),
    negotiation: createNegotiationService({ db, clock, audit, bus, notifications }),
    runnerUp: createRunnerUpService({ db, clock, audit, bus, notifications }),
    objections: createObjectionService({
      db,
      clock,
      audit,
      notifications,
      workflow,
      files: createLocalFileStore(filesDir),
      limits: objectionLimits(redis),
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
