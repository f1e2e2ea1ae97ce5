import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { Database } from "../db/client";
import { createSealer, type SealingKeys } from "./sale-modes/tender/sealing";
import { createAuctionService } from "./sale-modes/auction/service";
import { createTenderService } from "./sale-modes/tender/service";
import { createAuditService } from "./audit/service";
import type { Clock } from "./clock";
import { createIdentityService, identityLimits } from "./identity/service";
import { createListingService } from "./listings/read-models/listings";
import { createSellerListingService } from "./listings/read-models/seller";
import { createNegotiationService } from "./sale-modes/negotiation/service";
import { createObjectionService, objectionLimits } from "./listings/objections/service";
import { createRunnerUpService } from "./sale-modes/runner-up/service";
import { createQueueService } from "./listings/read-models/queues";
import { createRegistrationService, registrationLimits } from "./listings/registration/service";
import { createRoundsService } from "./sale-modes/rounds/service";
import { createSettingsService } from "./listings/settings/service";
import { createWorkflowService } from "./listings/review/workflow";
import { createWorkspaceService } from "./listings/read-models/workspace";
import { createNotificationService } from "./notifications/service";
import { createAlerts } from "./notifications/alerts";
import { createLocalFileStore } from "./files/store";
import type { Logger } from "./logger";
import { createRateLimiter } from "./rate-limit";
import { createEventBus } from "./realtime/bus";
import { createVault } from "./privacy/vault";
import { createAssetService } from "./assets/service";
import { createTapeService } from "./assets/tapes/service";
import { createPackageService } from "./assets/packages";
import { createDataRoomService } from "./data-room/service";
import { createQuestionService } from "./data-room/questions";
import type { Config } from "./config";
import { createDepositService } from "./payments/deposits";
import { createStatementService } from "./payments/statements";
import { createSaleService } from "./payments/sales";
import { createStripeWebhooks } from "./payments/stripe-webhooks";
import { createStripeDeposits } from "./payments/stripe-deposits";
import { createMailService, nodemailerTransport, type MailTransport } from "./notifications/mail";
import { createStripeProvider, type StripeConnection } from "./payments/stripe";
import { createAgreementService } from "./closing/agreements";
import { createClosingDocuments } from "./closing/documents";
import { createHandoverService } from "./closing/handover";
import { createClosingQueue } from "./closing/queue";
import { createDisposalReportService } from "./closing/disposal-report";
import { createDebtorNoticeService } from "./closing/debtor-notice";
import { createPaymentProviders, type EscrowAccount } from "./payments/providers";

export interface ServiceDeps {
  database: Database;
  clock: Clock;
  logger: Logger;
  /** A connected node-redis client, when REDIS_URL is set: rate limits are then shared across nodes. */
  redis?: unknown;
  /** The keys sealed tender bids are encrypted under (SEALING_KEY in the server); a random key otherwise. */
  sealingKeys?: SealingKeys;
  /** The key personal data is sealed under (DATA_KEY in the server); a random key otherwise. */
  dataKey?: string;
  /** Where uploaded files are kept (DATA_DIR/files in the server); a temporary folder otherwise. */
  filesDir?: string;
  /** Bids (and proxy changes) one bidder may make per 10 seconds on one listing. */
  bidsPerTenSeconds?: number;
  /** The platform's escrow account for bank transfers (ESCROW_* in the server); a demo account otherwise. */
  escrow?: EscrowAccount;
  /** The Stripe webhook endpoint's signing secret (STRIPE_WEBHOOK_SECRET); without it the endpoint answers 404. */
  stripeWebhookSecret?: string;
  /** Stripe's API (STRIPE_SECRET_KEY, or a test double); without it every deposit is a bank transfer. */
  stripe?: StripeConnection;
  /** Where e-mail goes (SMTP_URL in the server); without it mail is kept in the outbox operators read. */
  mailTransport?: MailTransport;
  /** The site's public origin, which links in e-mail point to. */
  publicOrigin?: string;
}

/** The composition root of the domain: built once per process, handed to Remix and sockets. */
export function createServices({
  database,
  clock,
  logger,
  redis,
  filesDir,
  sealingKeys = { current: randomBytes(32).toString("hex") },
  dataKey = randomBytes(32).toString("hex"),
  bidsPerTenSeconds = 20,
  escrow,
  stripeWebhookSecret,
  stripe,
  mailTransport,
  publicOrigin = "http://localhost:3000",
}: ServiceDeps) {
  const db = database.db;
  const vault = createVault(dataKey);
  const audit = createAuditService({ db, clock });
  const notifications = createNotificationService({ db, clock });
  const identity = createIdentityService({ db, clock, audit, limits: identityLimits(redis), notifications });
  const listings = createListingService({ db, clock });
  const bus = createEventBus();
  const bidLimiter = createRateLimiter({ name: "bids", points: bidsPerTenSeconds, durationSeconds: 10 }, redis);
  const alerts = createAlerts({ db, clock });
  const auction = createAuctionService({ db, clock, audit, bus, bidLimiter, alerts });
  const workflow = createWorkflowService({ db, clock, audit, bus, notifications });
  const assets = createAssetService({ db, clock, audit, vault });
  const files = createLocalFileStore(filesDir);
  const providers = createPaymentProviders(escrow, Boolean(stripe));
  const deposits = createDepositService({ db, clock, audit, notifications, providers });
  const stripeDeposits = stripe
    ? createStripeDeposits({ db, clock, audit, deposits, stripe: createStripeProvider(stripe), logger })
    : undefined;
  const sales = createSaleService({ db, clock, audit, notifications, providers, deposits });
  const agreements = createAgreementService({ db, clock, audit, notifications });
  const registrations = createRegistrationService({
    db,
    clock,
    audit,
    notifications,
    limits: registrationLimits(redis),
    vault,
    deposits,
  });
  const workspace = createWorkspaceService({ db, clock, registrations });
  const closingDocuments = createClosingDocuments({ db, clock, agreements });
  const debtorNotices = createDebtorNoticeService({ db, clock, audit, vault, notifications });
  return {
    database,
    db,
    clock,
    logger,
    audit,
    identity,
    listings,
    assets,
    // A large tape's rows are checked by worker threads, one per core (at most four).
    tapes: createTapeService({
      db,
      clock,
      audit,
      vault,
      files,
      logger,
      rowWorkers: { dataKey, threads: Math.min(4, availableParallelism()) },
    }),
    packages: createPackageService({ db, clock, audit }),
    dataRoom: createDataRoomService({ db, clock, audit, files, vault }),
    questions: createQuestionService({ db, clock, audit, notifications }),
    sellerListings: createSellerListingService({ db }),
    bus,
    auction,
    notifications,
    alerts,
    workflow,
    registrations,
    deposits,
    sales,
    agreements,
    stripeWebhooks: createStripeWebhooks({ db, clock, webhookSecret: stripeWebhookSecret }),
    /** Deposits through Stripe, where it is configured. */
    stripeDeposits,
    closingDocuments,
    mail: createMailService({
      db,
      clock,
      origin: publicOrigin,
      transport: mailTransport,
      logger,
      documents: {
        principalOf: (userId) => identity.principalOfUser(userId),
        confirmationPdf: (principal, listingId) => closingDocuments.confirmationPdf(principal, listingId),
        agreementPdf: (principal, listingId) => closingDocuments.agreementPdf(principal, listingId),
        noticePdf: (listingId) => debtorNotices.publishedPdf(listingId),
      },
    }),
    handover: createHandoverService({ db, clock, audit, notifications }),
    closingQueue: createClosingQueue({ db, clock }),
    debtorNotices,
    statements: createStatementService({ db, clock, audit, vault, deposits, sales }),
    workspace,
    disposalReports: createDisposalReportService({ db, clock, workspace }),
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
    runnerUp: createRunnerUpService({ db, clock, audit, bus, notifications, deposits, sales }),
    objections: createObjectionService({
      db,
      clock,
      audit,
      notifications,
      workflow,
      files,
      limits: objectionLimits(redis),
    }),
  };
}

export type Services = ReturnType<typeof createServices>;

/** The keys the services take from the configuration: the same wherever services are built over one database. */
export function keysOf(config: Pick<Config, "SEALING_KEY" | "SEALING_KEYS_RETIRED" | "SESSION_SECRET" | "DATA_KEY">) {
  return {
    sealingKeys: { current: config.SEALING_KEY, retired: config.SEALING_KEYS_RETIRED, legacySecret: config.SESSION_SECRET },
    dataKey: config.DATA_KEY,
  };
}

/** Where the configured server keeps uploaded files: the seed writes the demo's there too. */
export function filesOf(config: Pick<Config, "DATA_DIR">) {
  return { filesDir: path.join(config.DATA_DIR, "files") };
}

/** The escrow account the configured server shows bidders (none configured, the demo one), and Stripe where it is configured. */
export function paymentsOf(
  config: Pick<
    Config,
    "ESCROW_BANK" | "ESCROW_ACCOUNT_NAME" | "ESCROW_ACCOUNT_NUMBER" | "STRIPE_WEBHOOK_SECRET" | "STRIPE_SECRET_KEY"
  >,
) {
  const { ESCROW_BANK: bank, ESCROW_ACCOUNT_NAME: accountName, ESCROW_ACCOUNT_NUMBER: accountNumber } = config;
  return {
    ...(bank && accountName && accountNumber ? { escrow: { bank, accountName, accountNumber } } : {}),
    ...(config.STRIPE_WEBHOOK_SECRET ? { stripeWebhookSecret: config.STRIPE_WEBHOOK_SECRET } : {}),
    ...(config.STRIPE_SECRET_KEY ? { stripe: { secretKey: config.STRIPE_SECRET_KEY } } : {}),
  };
}

/** Where the configured server's e-mail goes: the SMTP server, when one is set. */
export function mailOf(config: Pick<Config, "SMTP_URL" | "MAIL_FROM">) {
  return config.SMTP_URL ? { mailTransport: nodemailerTransport(config.SMTP_URL, config.MAIL_FROM) } : {};
}
