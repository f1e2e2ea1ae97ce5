import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const urlOf = (protocols: string[]) =>
  z
    .string()
    .refine((value) => protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(" or ")}`,
      abort: true,
    })
    .pipe(z.url({ message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(" or ")}` }));

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const trustProxyMessage = "must be false, a number of proxy hops (1 to 10), or comma-separated addresses or subnets";
/** Express's `trust proxy`: never `true`, which would believe any client's X-Forwarded-For. */
const trustProxySchema = z.string().transform((value, ctx): false | number | string[] => {
  if (value === "false" || value === "0") return false;
  if (/^\d{1,2}$/.test(value) && Number(value) >= 1 && Number(value) <= 10) return Number(value);
  const entries = value.split(",").map((entry) => entry.trim());
  const named = new Set(["loopback", "linklocal", "uniquelocal"]);
  const valid = entries.every((entry) => {
    if (named.has(entry)) return true;
    const [address, bits, ...rest] = entry.split("/");
    if (rest.length > 0 || !address || !isIP(address)) return false;
    if (bits === undefined) return true;
    const max = isIP(address) === 4 ? 32 : 128;
    return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
  });
  if (!valid) {
    ctx.addIssue({ code: "custom", message: trustProxyMessage });
    return z.NEVER;
  }
  return entries;
});

const portMessage = "must be a whole number between 1 and 65535";

export const configSchema = z.object({
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(["development", "production", "test"]).default("development")),
  PORT: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^\d{1,5}$/, { message: portMessage })
      .transform(Number)
      .pipe(z.number().int().min(1, { message: portMessage }).max(65535, { message: portMessage }))
      .default(3000),
  ),
  /** Unset: 127.0.0.1 for the development server, 0.0.0.0 for the built app (server/main.ts). */
  HOST: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** The origin users reach the site at: forms are accepted only from it, links and redirects use it. */
  PUBLIC_URL: z.preprocess(
    emptyAsUndefined,
    urlOf(["http", "https"])
      .refine((value) => new URL(value).pathname === "/" && !new URL(value).search && !new URL(value).hash, {
        message: "must be an origin such as https://nplex.example (no path)",
      })
      .transform((value) => new URL(value).origin)
      .optional(),
  ),
  /** Which proxies' X-Forwarded-For/-Proto to believe: off, a hop count, or addresses and subnets. */
  TRUST_PROXY: z.preprocess(emptyAsUndefined, trustProxySchema.default(false)),
  DATABASE_URL: z.preprocess(emptyAsUndefined, urlOf(["postgres", "postgresql"]).optional()),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data")),
  REDIS_URL: z.preprocess(emptyAsUndefined, urlOf(["redis", "rediss"]).optional()),
  STRIPE_SECRET_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, { message: "must look like sk_test_… or sk_live_…" })
      .optional(),
  ),
  /** The signing secret of the Stripe webhook endpoint (POST /api/v1/webhooks/stripe); without it the endpoint answers 404. */
  STRIPE_WEBHOOK_SECRET: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^whsec_[A-Za-z0-9]+$/, { message: "must look like whsec_…" })
      .optional(),
  ),
  /** Where e-mail goes (`smtp://user:pass@host:587` or `smtps://…`); unset, mail is kept in an outbox operators read in the app. */
  SMTP_URL: z.preprocess(emptyAsUndefined, urlOf(["smtp", "smtps"]).optional()),
  /** The sender of the platform's e-mail. */
  MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().trim().min(3).max(200).default("nplex <no-reply@nplex.invalid>")),
  /** The platform's escrow account that deposits and balances are paid into by bank transfer; required in production. */
  ESCROW_BANK: z.preprocess(emptyAsUndefined, z.string().trim().min(2).max(200).optional()),
  ESCROW_ACCOUNT_NAME: z.preprocess(emptyAsUndefined, z.string().trim().min(2).max(200).optional()),
  ESCROW_ACCOUNT_NUMBER: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z][0-9A-Za-z -]{4,40}$/, { message: "must be an account number or IBAN (letters, digits, spaces)" })
      .optional(),
  ),
  SESSION_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, { message: "must be at least 32 characters" }).optional()),
  /** Seals tender bids until their opening; a key of its own, so a leaked session secret opens nothing. */
  SEALING_KEY: z.preprocess(emptyAsUndefined, z.string().min(32, { message: "must be at least 32 characters" }).optional()),
  /** Seals borrowers' and guarantors' names and every ID number at rest; a key of its own. */
  DATA_KEY: z.preprocess(emptyAsUndefined, z.string().min(32, { message: "must be at least 32 characters" }).optional()),
  /** Earlier sealing keys, comma-separated: they still open the bids they sealed, and seal nothing new. */
  SEALING_KEYS_RETIRED: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((value) => value.split(",").map((key) => key.trim()))
      .pipe(z.array(z.string().min(32, { message: "must list keys of at least 32 characters, comma-separated" })))
      .default([]),
  ),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  BID_RATE_LIMIT: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ message: "must be a whole number of bids per 10 seconds (1 to 100000)" })
      .int({ message: "must be a whole number of bids per 10 seconds (1 to 100000)" })
      .min(1, { message: "must be a whole number of bids per 10 seconds (1 to 100000)" })
      .max(100_000, { message: "must be a whole number of bids per 10 seconds (1 to 100000)" })
      .default(20),
  ),
  /** Tests only: lets the test suite move the server's clock forward (refused in production). */
  NPLEX_TEST_CLOCK: z.preprocess(
    emptyAsUndefined,
    z
      .enum(["0", "1"])
      .default("0")
      .transform((v) => v === "1"),
  ),
});

export type Config = z.infer<typeof configSchema> & { SESSION_SECRET: string; SEALING_KEY: string; DATA_KEY: string };

export class ConfigError extends Error {}

/** Values never repeated in an error message: it ends up in logs and terminals. */
const secretKeys = new Set([
  "SESSION_SECRET",
  "SEALING_KEY",
  "SEALING_KEYS_RETIRED",
  "DATA_KEY",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
]);

/** The bad value as the message shows it: quoted on one line, a URL's password and a secret never shown. */
function shownValue(key: string, value: string): string {
  if (secretKeys.has(key)) return "";
  let shown = value;
  try {
    const url = new URL(value);
    if (url.password) {
      url.password = "***";
      shown = url.toString();
    }
  } catch {
    // Not a URL: shown as given.
  }
  return ` (got ${JSON.stringify(shown.slice(0, 60))})`;
}

/** Reads the environment once at start. Throws ConfigError with one line naming every bad value. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config & { warnings: string[] } {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const byKey = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".");
      if (byKey.has(key)) continue;
      const value = env[key];
      byKey.set(key, `${key} ${issue.message}${value === undefined ? "" : shownValue(key, value)}`);
    }
    throw new ConfigError(`Invalid configuration: ${[...byKey.values()].join("; ")}`);
  }
  const config = parsed.data;
  if (config.NPLEX_TEST_CLOCK && config.NODE_ENV === "production") {
    throw new ConfigError("Invalid configuration: NPLEX_TEST_CLOCK is for tests and is refused in production");
  }
  const warnings: string[] = [];
  const production = config.NODE_ENV === "production";
  if (production && !config.PUBLIC_URL) {
    throw new ConfigError("Invalid configuration: PUBLIC_URL is required in production (the origin users reach the site at)");
  }
  const secret = config.SESSION_SECRET ?? developmentSecret("SESSION_SECRET", "session-secret");
  const sealingKey = config.SEALING_KEY ?? developmentSecret("SEALING_KEY", "sealing-key");
  if (sealingKey === secret) {
    throw new ConfigError("Invalid configuration: SEALING_KEY must differ from SESSION_SECRET");
  }
  const dataKey = config.DATA_KEY ?? developmentSecret("DATA_KEY", "data-key");
  if (dataKey === secret || dataKey === sealingKey) {
    throw new ConfigError("Invalid configuration: DATA_KEY must differ from SESSION_SECRET and SEALING_KEY");
  }
  const escrowGiven = [config.ESCROW_BANK, config.ESCROW_ACCOUNT_NAME, config.ESCROW_ACCOUNT_NUMBER].filter(Boolean).length;
  if ((production && escrowGiven < 3) || (escrowGiven > 0 && escrowGiven < 3)) {
    throw new ConfigError(
      "Invalid configuration: ESCROW_BANK, ESCROW_ACCOUNT_NAME and ESCROW_ACCOUNT_NUMBER go together" +
        (production ? " and are required in production (the account bidders pay deposits into)" : ""),
    );
  }
  if (escrowGiven === 0) warnings.push("ESCROW_* not set: bidders are shown a demo escrow account");
  // Stripe tells what happened to a payment through the webhook: without it nothing would move a deposit.
  if (config.STRIPE_SECRET_KEY && !config.STRIPE_WEBHOOK_SECRET) {
    throw new ConfigError("Invalid configuration: STRIPE_SECRET_KEY needs STRIPE_WEBHOOK_SECRET (the webhook reports payments)");
  }
  return { ...config, SESSION_SECRET: secret, SEALING_KEY: sealingKey, DATA_KEY: dataKey, warnings };

  /** Production requires the secret; elsewhere one is generated once under DATA_DIR, with a warning. */
  function developmentSecret(variable: string, fileName: string): string {
    if (production) {
      throw new ConfigError(`Invalid configuration: ${variable} is required in production (at least 32 characters)`);
    }
    warnings.push(`${variable} not set: using a development secret kept in ${path.join(config.DATA_DIR, fileName)}`);
    return keptSecret(config.DATA_DIR, fileName);
  }
}

function keptSecret(dataDir: string, fileName: string): string {
  const file = path.join(dataDir, fileName);
  if (existsSync(file)) {
    const kept = readFileSync(file, "utf8").trim();
    // An empty or truncated file (a crash mid-write) must not become a guessable secret.
    if (kept.length >= 32) return kept;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
