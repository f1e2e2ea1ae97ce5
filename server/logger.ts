import pino, { type Logger } from "pino";

export type { Logger };

/** Secrets and personal data never reach a log line. */
export const redactedPaths = [
  "password",
  "*.password",
  "passwordHash",
  "*.passwordHash",
  "token",
  "*.token",
  "idNumber",
  "*.idNumber",
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
];

/** What identifies a failure without repeating the data it failed on (PostgreSQL's and the drivers' names). */
const identifyingFields = {
  code: ["code"],
  constraint: ["constraint", "constraint_name"],
  table: ["table", "table_name"],
  column: ["column", "column_name"],
  routine: ["routine"],
  severity: ["severity"],
} as const;

const MAX_CAUSES = 5;

/**
 * The `err` of every log line: the error's class, its code (a SQLSTATE for the database), the
 * constraint, table and routine, and its stack frames. Never the bound parameters, nor a value the
 * database quotes back: a failed query's message carries every parameter ("params: ..."), and a
 * driver's message, detail and stack text carry values (names, ID numbers, objection text).
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (typeof error !== "object" || error === null) return { type: typeof error };
  // pino-http hands its error serializer pino's own rendering, which keeps the original as `raw`.
  const raw = (error as { raw?: unknown }).raw;
  if (!(error instanceof Error) && typeof raw === "object" && raw !== null) return serializeError(raw, depth);
  const fields = error as Record<string, unknown>;
  const type = (error instanceof Error && error.constructor?.name) || (typeof fields.name === "string" ? fields.name : "Object");
  const out: Record<string, unknown> = { type };
  const message = typeof fields.message === "string" ? safeMessage(fields.message, isDatabaseError(fields)) : undefined;
  if (message) out.message = message;
  for (const [key, names] of Object.entries(identifyingFields)) {
    const value = names.map((name) => fields[name]).find((v) => typeof v === "string" || typeof v === "number");
    if (value !== undefined) out[key] = value;
  }
  if (typeof fields.status === "number") out.status = fields.status;
  if (typeof fields.stack === "string") {
    const frames = fields.stack.split("\n").filter((line) => /^\s+at /.test(line));
    if (frames.length) out.stack = frames.join("\n");
  }
  if (fields.cause !== undefined && depth < MAX_CAUSES) out.cause = serializeError(fields.cause, depth + 1);
  return out;
}

/** A driver's error (a SQLSTATE code, or a statement it ran) or drizzle's wrapper around one. */
function isDatabaseError(fields: Record<string, unknown>): boolean {
  return (
    (typeof fields.code === "string" && /^[0-9A-Z]{5}$/.test(fields.code)) ||
    "query" in fields ||
    "params" in fields ||
    "parameters" in fields
  );
}

/**
 * drizzle's "Failed query: <sql>\nparams: <values>" keeps its statement (placeholders only); a
 * database's own message keeps its words but not what it quotes (`value "2147483648" is out of
 * range`, `invalid input syntax for type uuid: "..."`).
 */
function safeMessage(message: string, database: boolean): string {
  const withoutParams = message.replace(/\n?params:[\s\S]*$/, "");
  if (!database || withoutParams.startsWith("Failed query:")) return withoutParams;
  return withoutParams.replace(/"(?:[^"\\]|\\.)*"/g, '"[redacted]"').replace(/\([^()]*\)=\([^()]*\)/g, "(...)=(...)");
}

/**
 * The access log: the method and the path, and only the names of the query's keys (a search's
 * `q=` is whatever a person typed: a borrower's name, an ID number).
 */
export function serializeRequest(req: { method?: string; url?: string }): Record<string, unknown> {
  const [path = "", query] = (req.url ?? "").split(/\?(.*)/s);
  const keys = query ? [...new Set([...new URLSearchParams(query).keys()])] : [];
  return { method: req.method, path, ...(keys.length ? { queryKeys: keys } : {}) };
}

export const logSerializers = {
  err: serializeError,
  req: serializeRequest,
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
};

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactedPaths, censor: "[redacted]" },
      base: { service: "nplex" },
      serializers: { err: serializeError, error: serializeError },
    },
    destination,
  );
}
