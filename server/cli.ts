import { randomBytes } from "node:crypto";
import { realpathSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { asc, eq } from "drizzle-orm";
import pino from "pino";
import { ZodError } from "zod";
import type { Database } from "../db/client";
import { organisations, type Organisation } from "../db/schema";
import { organisationKinds, organisationStatuses, roles } from "../core/enums";
import { openConfiguredDatabase } from "./bootstrap";
import { systemClock } from "./clock";
import { ConfigError, loadConfig } from "./config";
import { AppError } from "./errors";
import { registerSettingsCommands } from "./cli-settings";
import { emailSchema } from "../core/contract/identity";
import { cliActor } from "./identity/accounts";
import { createLogger } from "./logger";
import { createServices, filesOf, keysOf, paymentsOf, type Services } from "./services";

/**
 * The operator's command line: `npm run cli -- <command>`. Scripts depend on two contracts:
 * `token create` prints the token alone on the last line of stdout, and `audit verify`
 * exits 0 only when the chain is intact.
 */

export interface CliIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Services to use instead of opening the configured database; the caller keeps and closes them. */
  services?: Services;
  /** The environment `loadConfig` reads; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
}

const DAY_MS = 86_400_000;
const PLATFORM_ORGANISATION = "nplex Operations";
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs one command line (without `node` and the script) and returns the exit code; never calls process.exit. */
export async function runCli(argv: readonly string[], io: Partial<CliIO> = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const say = (line = "") => stdout.write(`${line}\n`);
  const connection = lazyServices(io.services, io.env ?? process.env);
  let exitCode = 0;

  const program = new Command("npm run cli --")
    .description("Administer nplex: organisations, users, memberships, API tokens and the audit log.")
    .exitOverride()
    .configureOutput({ writeOut: (text) => stdout.write(text), writeErr: (text) => stderr.write(text) })
    .showSuggestionAfterError()
    .addHelpText(
      "after",
      `
Uses PostgreSQL when DATABASE_URL is set, otherwise the embedded database under DATA_DIR (.data).

Examples:
  npm run cli -- operator create --email ops@example.com --name "Ops Lead"
  npm run cli -- org create --name "Eastern Commercial Bank" --kind bank
  npm run cli -- org approve "Eastern Commercial Bank" --reason "licence checked"
  npm run cli -- user create --email li@ecb.example --name "Li Wei"
  npm run cli -- membership add --email li@ecb.example --org "Eastern Commercial Bank" --role seller_admin
  npm run cli -- token create --email li@ecb.example --name "loan-tape upload" --expires-days 90
  npm run cli -- settings approval-tiers --org "Eastern Commercial Bank" --tier 0:1:approver --tier 10000000:2:approver
  npm run cli -- audit verify`,
    );

  const org = program.command("org").description("Create, review and list organisations.");

  org
    .command("create")
    .description("Create an organisation (pending review unless --approved). Prints its id on the last line.")
    .requiredOption("--name <name>", "the organisation's legal name")
    .addOption(new Option("--kind <kind>", "what kind of organisation it is").choices(organisationKinds).makeOptionMandatory())
    .option("--region <region>", "province or city, shown to counterparties")
    .option("--approved", "approve it at once instead of leaving it for review", false)
    .action(async (options: { name: string; kind: string; region?: string; approved: boolean }) => {
      const services = await connection.open();
      const created = await services.identity.createOrganisation(cliActor, options);
      say(`Created organisation "${created.name}" (${created.kind}, ${created.status}).`);
      say(created.id);
    });

  for (const decision of ["approved", "rejected"] as const) {
    const verb = decision === "approved" ? "approve" : "reject";
    org
      .command(verb)
      .description(`${verb === "approve" ? "Approve" : "Reject"} an organisation awaiting review; recorded in the audit log.`)
      .argument("<organisation>", "the organisation's id, or its exact name")
      .option("--reason <text>", "why, kept in the audit log")
      .action(async (organisation: string, options: { reason?: string }) => {
        const services = await connection.open();
        const target = await findOrganisation(services, organisation);
        const decided = await services.identity.decideOrganisation(cliActor, target.id, decision, options.reason);
        say(`Organisation "${decided.name}" is now ${decided.status}.`);
        say(decided.id);
      });
  }

  org
    .command("list")
    .description("List organisations, oldest first.")
    .addOption(new Option("--status <status>", "only those with this status").choices(organisationStatuses))
    .action(async (options: { status?: Organisation["status"] }) => {
      const services = await connection.open();
      const rows = await services.identity.listOrganisations({ status: options.status });
      if (rows.length === 0) {
        say(options.status ? `No ${options.status} organisations.` : "No organisations.");
        return;
      }
      say(
        table([
          ["ID", "NAME", "KIND", "STATUS", "REGION", "CREATED"],
          ...rows.map((o) => [o.id, o.name, o.kind, o.status, o.region ?? "-", o.createdAt.toISOString().slice(0, 10)]),
        ]),
      );
    });

  const user = program.command("user").description("Create user accounts.");

  user
    .command("create")
    .description("Create a user account. Prints its id on the last line.")
    .requiredOption("--email <email>", "sign-in email, unique")
    .requiredOption("--name <name>", "display name")
    .option("--password <password>", "at least 10 characters; omit it to generate a strong one, shown once")
    .action(async (options: { email: string; name: string; password?: string }) => {
      const services = await connection.open();
      const password = options.password ?? generatedPassword();
      const created = await services.identity.createUser(cliActor, {
        email: options.email,
        displayName: options.name,
        password,
      });
      if (!options.password) say(`Generated password for ${created.email} (shown once): ${password}`);
      say(`Created user ${created.email}.`);
      say(created.id);
    });

  program
    .command("membership")
    .description("Give users roles in organisations.")
    .command("add")
    .description("Give a user a role in an organisation (operator only in the platform organisation).")
    .requiredOption("--email <email>", "the user's email")
    .requiredOption("--org <organisation>", "the organisation's id, or its exact name")
    .addOption(new Option("--role <role>", "the role to give").choices(roles).makeOptionMandatory())
    .action(async (options: { email: string; org: string; role: string }) => {
      const services = await connection.open();
      const member = await findUser(services, options.email);
      const target = await findOrganisation(services, options.org);
      const membership = await services.identity.addMembership(cliActor, {
        userId: member.id,
        organisationId: target.id,
        role: options.role,
      });
      say(`${member.email} is now ${membership.role} in "${target.name}".`);
      say(membership.id);
    });

  program
    .command("operator")
    .description("Create platform operators.")
    .command("create")
    .description(
      `Create a user who operates the platform, in the platform organisation (created as "${PLATFORM_ORGANISATION}" if there is none). Prints the user id on the last line.`,
    )
    .requiredOption("--email <email>", "sign-in email, unique")
    .requiredOption("--name <name>", "display name")
    .option("--password <password>", "at least 10 characters; omit it to generate a strong one, shown once")
    .action(async (options: { email: string; name: string; password?: string }) => {
      const services = await connection.open();
      // Checked before the user is written, so a refusal leaves nothing behind.
      let platform = await approvedPlatformOrganisation(services);
      const password = options.password ?? generatedPassword();
      const created = await services.identity.createUser(cliActor, {
        email: options.email,
        displayName: options.name,
        password,
      });
      platform ??= await services.identity.createOrganisation(cliActor, {
        name: PLATFORM_ORGANISATION,
        kind: "platform",
        approved: true,
      });
      await services.identity.addMembership(cliActor, { userId: created.id, organisationId: platform.id, role: "operator" });
      if (!options.password) say(`Generated password for ${created.email} (shown once): ${password}`);
      say(`Created operator ${created.email} in "${platform.name}".`);
      say(created.id);
    });

  program
    .command("token")
    .description("Issue API tokens.")
    .command("create")
    .description("Issue an API token for a user. Prints the token, shown once, alone on the last line.")
    .requiredOption("--email <email>", "the user the token acts as")
    .option("--name <label>", "what the token is for, shown in the user's token list")
    .option("--expires-days <n>", "expire after this many days (default: never)", wholeDays)
    .action(async (options: { email: string; name?: string; expiresDays?: number }) => {
      const services = await connection.open();
      const owner = await findUser(services, options.email);
      const expiresAt = options.expiresDays ? new Date(services.clock.now().getTime() + options.expiresDays * DAY_MS) : undefined;
      const issued = await services.identity.createApiToken(cliActor, { email: owner.email, name: options.name, expiresAt });
      const expiry = expiresAt ? `expires ${expiresAt.toISOString()}` : "never expires";
      say(`Token "${issued.name}" for ${owner.email}, ${expiry} (shown once):`);
      say(issued.token);
    });

  program
    .command("audit")
    .description("Check the audit log.")
    .command("verify")
    .description("Check every link of the audit log's hash chains. Exits 0 only when they are intact, 1 when broken.")
    .action(async () => {
      const services = await connection.open();
      const check = await services.audit.verify(services.db);
      if (check.ok) {
        say(`Audit log intact: ${check.checked} entries checked in ${check.chains} chain${check.chains === 1 ? "" : "s"}.`);
      } else {
        say(`Audit chain ${check.chain} broken at entry #${check.brokenAt} (${check.problem}).`);
        exitCode = 1;
      }
    });

  registerSettingsCommands(program, { open: () => connection.open(), say, findOrganisation });

  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    // Commander has already printed its own message (or the help) before throwing.
    if (error instanceof CommanderError) return error.exitCode;
    const expected = expectedFailure(error);
    stderr.write(expected ? `error: ${expected}\n` : `error: ${describeUnexpected(error)}\n`);
    return 1;
  } finally {
    await connection.close();
  }
}

/** Opens the configured database on first use, so `--help` and usage errors never touch it. */
function lazyServices(injected: Services | undefined, env: NodeJS.ProcessEnv) {
  let database: Database | undefined;
  let services = injected;
  return {
    async open(): Promise<Services> {
      if (services) return services;
      const config = loadConfig(env);
      database = await openConfiguredDatabase(config);
      // Log lines go to stderr: stdout carries results that scripts read (the token on the last line).
      const logger = createLogger("warn", pino.destination({ fd: 2, sync: true }));
      services = createServices({
        database,
        clock: systemClock,
        logger,
        ...filesOf(config),
        ...keysOf(config),
        ...paymentsOf(config),
      });
      return services;
    },
    async close() {
      await database?.close();
      database = undefined;
    },
  };
}

/** An id, or an exact name that only one organisation has. */
async function findOrganisation(services: Services, idOrName: string): Promise<Organisation> {
  const byId = uuidPattern.test(idOrName);
  const matches = await services.db
    .select()
    .from(organisations)
    .where(byId ? eq(organisations.id, idOrName) : eq(organisations.name, idOrName))
    .orderBy(asc(organisations.createdAt));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new AppError("NOT_FOUND", byId ? `No organisation with id ${idOrName}.` : `No organisation named "${idOrName}".`);
  }
  throw new AppError(
    "CONFLICT",
    `${matches.length} organisations are named "${idOrName}"; use the id instead: ${matches.map((o) => o.id).join(", ")}.`,
  );
}

async function findUser(services: Services, rawEmail: string) {
  const email = emailSchema.parse(rawEmail);
  const found = await services.identity.findUserByEmail(email);
  if (!found) throw new AppError("NOT_FOUND", `No user with email ${email}.`);
  return found;
}

/** The oldest approved platform organisation, or none if there is no platform organisation yet. */
async function approvedPlatformOrganisation(services: Services): Promise<Organisation | undefined> {
  const platforms = await services.db
    .select()
    .from(organisations)
    .where(eq(organisations.kind, "platform"))
    .orderBy(asc(organisations.createdAt));
  const approved = platforms.find((o) => o.status === "approved");
  if (approved || platforms.length === 0) return approved;
  const [first] = platforms;
  throw new AppError(
    "CONFLICT",
    `The platform organisation "${first!.name}" is ${first!.status}; approve it first (org approve ${first!.id}).`,
  );
}

/** 144 random bits: well past any guessing budget the sign-in rate limit allows. */
function generatedPassword(): string {
  return randomBytes(18).toString("base64url");
}

function wholeDays(value: string): number {
  const days = Number(value);
  if (!/^\d+$/.test(value) || days < 1 || days > 3650) {
    throw new InvalidArgumentError("Use a whole number of days from 1 to 3650.");
  }
  return days;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** Service fields named as the options a CLI user typed. */
const optionForField: Record<string, string> = {
  email: "--email",
  password: "--password",
  displayName: "--name",
  name: "--name",
  kind: "--kind",
  region: "--region",
  role: "--role",
  organisationId: "--org",
  userId: "--email",
};

/** The one-line message for a failure the user can fix; undefined for a bug. */
function expectedFailure(error: unknown): string | undefined {
  if (error instanceof ZodError) {
    return error.issues
      .map((issue) => {
        const field = issue.path.map(String).join(".");
        const option = optionForField[field] ?? field;
        return option ? `${option}: ${issue.message}` : issue.message;
      })
      .join("; ");
  }
  if (error instanceof AppError || error instanceof ConfigError) return error.message;
  if (error instanceof Error && /is not a whole amount$/.test(error.message)) return error.message;
  if (error instanceof Error && /in use by process \d+/.test(error.message)) return error.message;
  for (const cause of causes(error)) {
    const code = (cause as { code?: unknown }).code;
    if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT" || code === "EAI_AGAIN") {
      return `cannot reach the database (${code}); check DATABASE_URL.`;
    }
    // PostgreSQL refusing the connection: bad password or role (class 28), no such database (3D000).
    if (typeof code === "string" && (code.startsWith("28") || code === "3D000") && cause instanceof Error) {
      return `cannot open the database: ${cause.message}; check DATABASE_URL.`;
    }
  }
  return undefined;
}

/** Drizzle wraps driver errors in `cause`; the useful code sits further down. */
function* causes(error: unknown): Generator<unknown> {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

function describeUnexpected(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function invokedAsProgram(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(path.resolve(script))).href;
  } catch {
    return false;
  }
}

if (invokedAsProgram()) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
