import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";

const secret = "s".repeat(40);
const sealingKey = "k".repeat(40);
const dataKey = "d".repeat(40);
const publicUrl = "https://nplex.example";

type Env = Record<string, string | undefined>;

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "nplex-config-"));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** loadConfig with its secrets and a private data folder, so no test touches the real `.data/`. */
const load = (env: Env) =>
  loadConfig({ SESSION_SECRET: secret, SEALING_KEY: sealingKey, DATA_KEY: dataKey, DATA_DIR: dataDir, ...env });
const escrow = {
  ESCROW_BANK: "China Merchants Bank, Shanghai Branch",
  ESCROW_ACCOUNT_NAME: "Client Escrow",
  ESCROW_ACCOUNT_NUMBER: "1219 0455 1010 601",
};
const production = { NODE_ENV: "production", PUBLIC_URL: publicUrl, ...escrow };

/** The ConfigError that loading `env` throws. */
function failure(env: Env): ConfigError {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

function expectOneLineNaming(error: ConfigError, variable: string) {
  expect(error.message).toMatch(/^Invalid configuration: /);
  expect(error.message).not.toMatch(/[\r\n]/);
  expect(error.message).toContain(variable);
}

describe("loadConfig: defaults", () => {
  it("runs on the embedded defaults when nothing is set", () => {
    const config = loadConfig({ SESSION_SECRET: secret, SEALING_KEY: sealingKey, DATA_KEY: dataKey });
    expect(config).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      DATA_DIR: ".data",
      LOG_LEVEL: "info",
      SESSION_SECRET: secret,
      SEALING_KEY: sealingKey,
      SEALING_KEYS_RETIRED: [],
      DATA_KEY: dataKey,
      TRUST_PROXY: false,
      warnings: ["ESCROW_* not set: bidders are shown a demo escrow account"],
    });
    // Unset: the server picks 127.0.0.1 for the development server and 0.0.0.0 for the built app.
    expect(config.HOST).toBeUndefined();
    expect(config.PUBLIC_URL).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.STRIPE_SECRET_KEY).toBeUndefined();
  });

  it("treats a variable set to an empty string as not set", () => {
    const config = load({ NODE_ENV: "", PORT: "", DATABASE_URL: "", REDIS_URL: "", STRIPE_SECRET_KEY: "", LOG_LEVEL: "" });
    expect(config).toMatchObject({ NODE_ENV: "development", PORT: 3000, LOG_LEVEL: "info" });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.STRIPE_SECRET_KEY).toBeUndefined();
  });

  it("reads the values it is given", () => {
    const config = load({
      NODE_ENV: "test",
      PORT: "8080",
      HOST: "127.0.0.1",
      DATABASE_URL: "postgresql://nplex@db.internal:5432/nplex",
      REDIS_URL: "rediss://cache.internal:6380",
      STRIPE_SECRET_KEY: "sk_test_51Habc123",
      STRIPE_WEBHOOK_SECRET: "whsec_51Habc",
      LOG_LEVEL: "warn",
    });
    expect(config).toMatchObject({
      NODE_ENV: "test",
      PORT: 8080,
      HOST: "127.0.0.1",
      DATABASE_URL: "postgresql://nplex@db.internal:5432/nplex",
      REDIS_URL: "rediss://cache.internal:6380",
      STRIPE_SECRET_KEY: "sk_test_51Habc123",
      LOG_LEVEL: "warn",
    });
  });
});

describe("loadConfig: PORT", () => {
  for (const port of ["abc", "0", "70000", "3000.5", "-1", "1e3", "0x50", " "]) {
    it(`refuses PORT=${JSON.stringify(port)} in one line naming PORT and the value`, () => {
      const error = failure({ PORT: port });
      expectOneLineNaming(error, "PORT");
      expect(error.message).toContain("between 1 and 65535");
    });
  }

  it("accepts the ends of the range", () => {
    expect(load({ PORT: "1" }).PORT).toBe(1);
    expect(load({ PORT: "65535" }).PORT).toBe(65535);
  });

  it("stays on one line when the bad value itself holds a line break", () => {
    expectOneLineNaming(failure({ PORT: "80\n81" }), "PORT");
  });
});

describe("loadConfig: service URLs and keys", () => {
  it("refuses a DATABASE_URL for another database, naming the schemes it accepts", () => {
    const error = failure({ DATABASE_URL: "mysql://db.example/nplex" });
    expectOneLineNaming(error, "DATABASE_URL");
    expect(error.message).toBe(
      'Invalid configuration: DATABASE_URL must start with postgres:// or postgresql:// (got "mysql://db.example/nplex")',
    );
  });

  it("accepts postgres:// and postgresql:// database URLs", () => {
    expect(load({ DATABASE_URL: "postgres://u@h/db" }).DATABASE_URL).toBe("postgres://u@h/db");
    expect(load({ DATABASE_URL: "postgresql://u@h/db" }).DATABASE_URL).toBe("postgresql://u@h/db");
  });

  it("reports a DATABASE_URL that is not a URL at all once", () => {
    const error = failure({ DATABASE_URL: "not a url" });
    expectOneLineNaming(error, "DATABASE_URL");
    expect(error.message.match(/DATABASE_URL/g)).toHaveLength(1);
  });

  it("never repeats the password of a refused database URL", () => {
    const error = failure({ DATABASE_URL: "mysql://nplex:hunter2-secret@db.example/nplex" });
    expectOneLineNaming(error, "DATABASE_URL");
    expect(error.message).not.toContain("hunter2-secret");
  });

  it("refuses a REDIS_URL that is not redis:// or rediss://", () => {
    const error = failure({ REDIS_URL: "http://cache.example:6379" });
    expectOneLineNaming(error, "REDIS_URL");
    expect(error.message).toContain("redis://");
  });

  it("accepts Stripe secret and restricted keys in test and live mode", () => {
    for (const key of ["sk_test_51Habc", "sk_live_51Habc", "rk_test_51Habc", "rk_live_51Habc"]) {
      expect(load({ STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: "whsec_51Habc" }).STRIPE_SECRET_KEY).toBe(key);
    }
  });

  it("refuses a Stripe key without the webhook's signing secret, which is how payments are reported", () => {
    const error = failure({ STRIPE_SECRET_KEY: "sk_test_51Habc" });
    expect(error.message).toMatch(/^Invalid configuration: STRIPE_SECRET_KEY needs STRIPE_WEBHOOK_SECRET/);
    expect(error.message).not.toContain("sk_test_51Habc");
  });

  it("refuses a Stripe key with nothing after its prefix", () => {
    expectOneLineNaming(failure({ STRIPE_SECRET_KEY: "sk_test_" }), "STRIPE_SECRET_KEY");
  });

  for (const key of ["pk_test_51Habc", "sk_prod_51Habc", "whsec_51Habc", "sk_live_51H abc"]) {
    it(`refuses STRIPE_SECRET_KEY=${JSON.stringify(key)} without repeating it`, () => {
      const error = failure({ STRIPE_SECRET_KEY: key });
      expectOneLineNaming(error, "STRIPE_SECRET_KEY");
      expect(error.message).toContain("sk_test_");
      expect(error.message).not.toContain(key);
    });
  }

  it("takes a Stripe webhook signing secret and refuses anything else without repeating it", () => {
    expect(load({ STRIPE_WEBHOOK_SECRET: "whsec_abc123" }).STRIPE_WEBHOOK_SECRET).toBe("whsec_abc123");
    for (const secret of ["sk_test_51Habc", "whsec-abc123", "whsec_ab c"]) {
      const error = failure({ STRIPE_WEBHOOK_SECRET: secret });
      expectOneLineNaming(error, "STRIPE_WEBHOOK_SECRET");
      expect(error.message).not.toContain(secret);
    }
  });

  it("reports every bad variable at once, still on one line", () => {
    const error = failure({ PORT: "abc", REDIS_URL: "http://cache", LOG_LEVEL: "loud" });
    expectOneLineNaming(error, "PORT");
    expect(error.message).toContain("REDIS_URL");
    expect(error.message).toContain("LOG_LEVEL");
  });

  it("refuses an unknown NODE_ENV", () => {
    expectOneLineNaming(failure({ NODE_ENV: "staging" }), "NODE_ENV");
  });
});

describe("loadConfig: the escrow account", () => {
  it("is required in production, all three parts together", () => {
    const { ESCROW_ACCOUNT_NUMBER: _number, ...withoutNumber } = production;
    expect(failure(withoutNumber).message).toMatch(
      /ESCROW_BANK, ESCROW_ACCOUNT_NAME and ESCROW_ACCOUNT_NUMBER .* required in production/,
    );
    expect(load(production)).toMatchObject({ ESCROW_ACCOUNT_NUMBER: "1219 0455 1010 601" });
  });

  it("elsewhere may be left out, with a warning that bidders see a demo account, but not given in part", () => {
    expect(load({}).warnings.some((w) => w.startsWith("ESCROW_* not set"))).toBe(true);
    expect(failure({ ESCROW_BANK: "A bank" }).message).toContain("go together");
    expectOneLineNaming(failure({ ...escrow, ESCROW_ACCOUNT_NUMBER: "12" }), "ESCROW_ACCOUNT_NUMBER");
  });
});

describe("loadConfig: SESSION_SECRET", () => {
  it("refuses a secret shorter than 32 characters without repeating it", () => {
    const error = failure({ SESSION_SECRET: "too-short-secret" });
    expectOneLineNaming(error, "SESSION_SECRET");
    expect(error.message).not.toContain("too-short-secret");
  });

  it("refuses to start in production without one", () => {
    expect(() => loadConfig({ NODE_ENV: "production", DATA_DIR: dataDir })).toThrow(ConfigError);
    const error = failure({ ...production, SESSION_SECRET: "" });
    expectOneLineNaming(error, "SESSION_SECRET");
    expect(error.message).toContain("production");
  });

  it("uses the given secret in production, with no warning", () => {
    expect(load(production)).toMatchObject({ SESSION_SECRET: secret, warnings: [] });
  });

  it("in development, generates a secret, keeps it in DATA_DIR and warns", () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    const file = path.join(dataDir, "session-secret");
    expect(config.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, "utf8").trim()).toBe(config.SESSION_SECRET);
    const warnings = config.warnings.filter((warning) => warning.includes("SESSION_SECRET"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
  });

  it("keeps the generated secret readable by its owner only", () => {
    loadConfig({ DATA_DIR: dataDir });
    expect(statSync(path.join(dataDir, "session-secret")).mode & 0o077).toBe(0);
  });

  it("returns the same generated secret next time, again with a warning", () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.SESSION_SECRET).toBe(first.SESSION_SECRET);
    expect(second.warnings.filter((warning) => warning.includes("SESSION_SECRET"))).toHaveLength(1);
  });

  it("creates DATA_DIR when it does not exist yet", () => {
    const nested = path.join(dataDir, "a", "b");
    expect(loadConfig({ DATA_DIR: nested }).SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(nested, "session-secret"), "utf8").trim().length).toBeGreaterThanOrEqual(32);
  });

  it("generates a different secret for a different data folder", () => {
    const other = mkdtempSync(path.join(os.tmpdir(), "nplex-config-"));
    try {
      expect(loadConfig({ DATA_DIR: other }).SESSION_SECRET).not.toBe(loadConfig({ DATA_DIR: dataDir }).SESSION_SECRET);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("replaces a kept secret that is empty or too short instead of using it", () => {
    const file = path.join(dataDir, "session-secret");
    for (const content of ["", "\n", "short"]) {
      writeFileSync(file, content);
      const config = loadConfig({ DATA_DIR: dataDir });
      expect(config.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
      expect(readFileSync(file, "utf8").trim()).toBe(config.SESSION_SECRET);
    }
  });
});

describe("loadConfig: SEALING_KEY", () => {
  it("is required in production, where no key is ever generated", () => {
    const error = failure({ ...production, SEALING_KEY: "" });
    expectOneLineNaming(error, "SEALING_KEY");
    expect(error.message).toContain("production");
    expect(existsSync(path.join(dataDir, "sealing-key"))).toBe(false);
  });

  it("refuses a key shorter than 32 characters without repeating it", () => {
    const error = failure({ SEALING_KEY: "short-sealing-key" });
    expectOneLineNaming(error, "SEALING_KEY");
    expect(error.message).not.toContain("short-sealing-key");
  });

  it("must not be the session secret: a leaked cookie secret must open no sealed bid", () => {
    expectOneLineNaming(failure({ SEALING_KEY: secret }), "SEALING_KEY");
  });

  it("in development, is generated once into DATA_DIR, apart from the session secret, owner-readable only", () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    const file = path.join(dataDir, "sealing-key");
    expect(readFileSync(file, "utf8").trim()).toBe(first.SEALING_KEY);
    expect(first.SEALING_KEY).not.toBe(first.SESSION_SECRET);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(first.warnings.some((warning) => warning.includes("SEALING_KEY") && warning.includes(file))).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir }).SEALING_KEY).toBe(first.SEALING_KEY);
  });

  it("reads retired keys, comma-separated, and refuses a short one without repeating it", () => {
    const retired = ["r".repeat(32), "q".repeat(40)];
    expect(load({ SEALING_KEYS_RETIRED: retired.join(" , ") }).SEALING_KEYS_RETIRED).toEqual(retired);
    const error = failure({ SEALING_KEYS_RETIRED: `${"r".repeat(32)},tiny-old-key` });
    expectOneLineNaming(error, "SEALING_KEYS_RETIRED");
    expect(error.message).not.toContain("tiny-old-key");
  });
});

describe("loadConfig: PUBLIC_URL and TRUST_PROXY", () => {
  it("requires PUBLIC_URL in production", () => {
    const error = failure({ NODE_ENV: "production" });
    expectOneLineNaming(error, "PUBLIC_URL");
  });

  it("keeps PUBLIC_URL as an origin", () => {
    expect(load({ PUBLIC_URL: "https://nplex.example/" }).PUBLIC_URL).toBe("https://nplex.example");
    expect(load({ PUBLIC_URL: "http://localhost:8080" }).PUBLIC_URL).toBe("http://localhost:8080");
  });

  for (const value of ["nplex.example", "ftp://nplex.example", "https://nplex.example/app", "https://nplex.example/?a=1"]) {
    it(`refuses PUBLIC_URL=${JSON.stringify(value)}`, () => {
      expectOneLineNaming(failure({ PUBLIC_URL: value }), "PUBLIC_URL");
    });
  }

  it("trusts no proxy unless told, then a hop count or named addresses and subnets", () => {
    expect(load({}).TRUST_PROXY).toBe(false);
    expect(load({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(false);
    expect(load({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(load({ TRUST_PROXY: "loopback, 10.0.0.0/8, fd00::/8, 192.0.2.7" }).TRUST_PROXY).toEqual([
      "loopback",
      "10.0.0.0/8",
      "fd00::/8",
      "192.0.2.7",
    ]);
  });

  // `true` would believe any client's X-Forwarded-For: a rate limit per address would mean nothing.
  for (const value of ["true", "yes", "11", "10.0.0.0/33", "999.1.1.1", "loopback,", "proxy.internal"]) {
    it(`refuses TRUST_PROXY=${JSON.stringify(value)}`, () => {
      expectOneLineNaming(failure({ TRUST_PROXY: value }), "TRUST_PROXY");
    });
  }
});

describe("loadConfig: DATA_KEY", () => {
  it("is required in production, where no key is ever generated", () => {
    const error = failure({ ...production, DATA_KEY: "" });
    expectOneLineNaming(error, "DATA_KEY");
    expect(error.message).toContain("production");
    expect(existsSync(path.join(dataDir, "data-key"))).toBe(false);
  });

  it("refuses a key shorter than 32 characters without repeating it", () => {
    const error = failure({ DATA_KEY: "short-data-key" });
    expectOneLineNaming(error, "DATA_KEY");
    expect(error.message).not.toContain("short-data-key");
  });

  it("must differ from the session secret and the sealing key: one leaked secret opens nothing else", () => {
    expectOneLineNaming(failure({ DATA_KEY: secret }), "DATA_KEY");
    expectOneLineNaming(failure({ DATA_KEY: sealingKey }), "DATA_KEY");
  });

  it("in development, is generated once into DATA_DIR, apart from the other secrets, owner-readable only", () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    const file = path.join(dataDir, "data-key");
    expect(readFileSync(file, "utf8").trim()).toBe(first.DATA_KEY);
    expect(new Set([first.DATA_KEY, first.SEALING_KEY, first.SESSION_SECRET]).size).toBe(3);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(first.warnings.some((warning) => warning.includes("DATA_KEY") && warning.includes(file))).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir }).DATA_KEY).toBe(first.DATA_KEY);
  });
});
