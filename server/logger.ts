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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: "[redacted]" }, base: { service: "nplex" } }, destination);
}
