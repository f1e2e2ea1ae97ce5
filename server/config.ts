import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const urlOf = (protocols: string[]) =>
  z.url({ message: `must be a URL starting with ${protocols.join(" or ")}` }).refine(
    (value) => protocols.some((p) => value.startsWith(`${p}://`)),
    { message: `must start with ${protocols.map((p) => `${p}://`).join(" or ")}` },
  );

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ message: "must be a whole number between 1 and 65535" })
      .int({ message: "must be a whole number between 1 and 65535" })
      .min(1, { message: "must be a whole number between 1 and 65535" })
      .max(65535, { message: "must be a whole number between 1 and 65535" })
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
  SESSION_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, { message: "must be at least 32 characters" }).optional(),
  ),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
});

export type Config = z.infer<typeof configSchema> & { SESSION_SECRET: string };

export class ConfigError extends Error {}

/** Reads the environment once at start. Throws ConfigError with one readable line per bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config & { warnings: string[] } {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = issue.path.join(".");
      const shown = key in env ? ` (got "${String(env[key]).slice(0, 60)}")` : "";
      return `${key} ${issue.message}${shown}`;
    });
    throw new ConfigError(`Invalid configuration: ${lines.join("; ")}`);
  }
  const config = parsed.data;
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
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
