import { randomBytes } from "node:crypto";
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
  HOST: z.preprocess(emptyAsUndefined, z.string().default("0.0.0.0")),
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
  SESSION_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, { message: "must be at least 32 characters" }).optional()),
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

export type Config = z.infer<typeof configSchema> & { SESSION_SECRET: string };

export class ConfigError extends Error {}

/** Values never repeated in an error message: it ends up in logs and terminals. */
const secretKeys = new Set(["SESSION_SECRET", "STRIPE_SECRET_KEY"]);

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
  let secret = config.SESSION_SECRET;
  if (!secret) {
    if (config.NODE_ENV === "production") {
      throw new ConfigError("Invalid configuration: SESSION_SECRET is required in production (at least 32 characters)");
    }
    secret = devSessionSecret(config.DATA_DIR);
    warnings.push(`SESSION_SECRET not set: using a development secret kept in ${path.join(config.DATA_DIR, "session-secret")}`);
  }
  return { ...config, SESSION_SECRET: secret, warnings };
}

function devSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  if (existsSync(file)) {
    const kept = readFileSync(file, "utf8").trim();
    // An empty or truncated file (a crash mid-write) must not become a guessable secret.
    if (kept.length >= 32) return kept;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
