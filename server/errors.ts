import { z } from "zod";

/**
 * A failure the caller can act on, with a stable code (the error shape of docs/architecture.md "The public API").
 * The HTTP layer maps codes to status; the UI maps codes to translated text.
 */
export const errorStatus = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 422,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  RATE_LIMITED: 429,
  // The edge (server/http/limits.ts): a body too large to read, or of a kind a route does not take.
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // Bidding (server/sale-modes/auction/rules.ts rejections and the bid service's own checks).
  NOT_REGISTERED: 403,
  REGISTRATION_PENDING: 403,
  LISTING_NOT_LIVE: 409,
  BIDDING_NOT_STARTED: 409,
  LISTING_ENDED: 409,
  ALREADY_LEADING: 409,
  NOT_DUE: 409,
  BID_TOO_LOW: 422,
  BID_NOT_ON_INCREMENT: 422,
  BID_ABOVE_CAP: 422,
  IDEMPOTENCY_KEY_REUSED: 409,
  PROXY_TOO_LOW: 422,
  NO_PROXY: 404,
  SEALED_TENDER: 409,
  NOT_SHORTLISTED: 403,
  // The listing lifecycle (server/listings/rules/lifecycle.ts and the services around it).
  INVALID_TRANSITION: 409,
  REASON_REQUIRED: 422,
  OWN_LISTING: 403,
  ALREADY_APPROVED: 409,
  APPROVER_ROLE_REQUIRED: 403,
  ANNOUNCEMENT_PERIOD_RUNNING: 409,
  BIDDING_NOT_ENDED: 409,
  LISTING_HAS_BIDS: 409,
  NO_WINNER: 409,
  INVALID_TERMS: 422,
  LOT_IN_USE: 409,
  // A seller's assets (server/assets/service.ts).
  ASSET_LOCKED: 409,
  ASSET_ARCHIVED: 409,
  LOAN_ID_TAKEN: 409,
  TAPE_INVALID: 409,
  // Data rooms (server/data-room/service.ts).
  DOCUMENT_LOCKED: 409,
  TIER_NOT_OPEN: 403,
  // Registration to bid and objections.
  BARRED_BUYER: 403,
  REGISTRATION_CLOSED: 409,
  ALREADY_REGISTERED: 409,
  TERMS_CHANGED: 409,
  DEPOSIT_NOT_CONFIRMED: 409,
  DEFAULTED_ON_LOT: 403,
  // Payments (server/payments/).
  CURRENCY_MISMATCH: 422,
  NO_DEPOSIT: 409,
  STATEMENT_INVALID: 422,
  // Closing (server/closing/).
  AGREEMENT_CHANGED: 409,
  ALREADY_SIGNED: 409,
  NOT_DELIVERED: 409,
  NO_CLAIMS: 409,
  ALREADY_DECIDED: 409,
  OBJECTION_PERIOD_OVER: 409,
  ID_NUMBER_MATCH: 409,
  INSIDER_OBJECTION: 403,
  // Designated purchase (指定收购并处置).
  DESIGNATED_NOT_COMMITTED: 409,
  DESIGNATED_NOT_APPROVED: 409,
  FLOOR_NOT_START: 422,
  FLOOR_COMMITTED: 409,
  COMMITMENT_BINDS: 409,
  // Negotiated transfer (协议转让).
  NEGOTIATED_TRANSFER: 409,
  NOT_COUNTERPARTY: 403,
  // Deposits through Stripe (server/payments/stripe-deposits.ts).
  NOT_BY_CARD: 409,
  CARD_HOLD_TOO_SHORT: 409,
  NOT_YOUR_TURN: 409,
  NO_OPEN_OFFER: 409,
  OFFER_EXPIRED: 409,
  BAD_EXPIRY: 422,
  BAD_AMOUNT: 422,
  ALREADY_AGREED: 409,
  // Re-listing rounds and the fixed-price sale (server/sale-modes/rounds/rules.ts and rounds-service.ts).
  NOT_FAILED: 409,
  RELIST_TOO_LATE: 409,
  START_CUT_TOO_DEEP: 422,
  START_RAISED: 422,
  FIXED_PRICE_DUE: 409,
  FIXED_PRICE_NOT_DUE: 409,
  ALREADY_RELISTED: 409,
  NO_FURTHER_ROUND: 409,
} as const;

export type ErrorCode = keyof typeof errorStatus;

const brand = Symbol.for("nplex.AppError");

export class AppError extends Error {
  readonly [brand] = true;

  /**
   * Recognises an AppError by brand, not by class: the Remix bundle and the server each load
   * their own copy of this module, so `instanceof` fails across that boundary.
   */
  static is(error: unknown): error is AppError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[brand] === true;
  }

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return errorStatus[this.code];
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

/** A unique-index violation, whether raised by postgres.js or PGlite, bare or wrapped by drizzle. */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    if ((current as { code?: unknown }).code === "23505") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * A problem only the server can see (a stored record says so), reported as the request's schema
 * reports its own: a ZodError with one issue at `field`, which the API answers as 422.
 */
export function invalidField(field: string, message: string): Error {
  return new z.ZodRealError([{ code: "custom", path: field.split("."), message, input: undefined }]);
}

/** zod's errors, recognised the same way whichever copy of zod threw them. */
export function isZodError(error: unknown): error is { name: "ZodError"; issues: { path: PropertyKey[]; message: string }[] } {
  return error instanceof Error && error.name === "ZodError" && Array.isArray((error as { issues?: unknown }).issues);
}

/** A known failure as the public API answers it (docs/architecture.md "The public API"); null for anything else (a 500). */
export function apiErrorAnswer(
  error: unknown,
): { status: number; body: ReturnType<AppError["toJSON"]>; headers: Record<string, string> } | null {
  const known = AppError.is(error)
    ? error
    : isZodError(error)
      ? new AppError("VALIDATION_FAILED", "The request is not valid.", zodDetails(error))
      : null;
  if (!known) return null;
  return { status: known.status, body: known.toJSON(), headers: answerHeaders(known.details) };
}

/** An error answer's headers: never cached, and when to try again if the details say. */
export function answerHeaders(details: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (typeof details.retryAfterSeconds === "number") headers["Retry-After"] = String(details.retryAfterSeconds);
  return headers;
}

/** A validation failure's issues, by field path. */
export function zodDetails(error: { issues: { path: PropertyKey[]; message: string }[] }) {
  return { issues: error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) };
}

export const internalErrorAnswer = () => ({
  status: 500,
  body: { error: { code: "INTERNAL", message: "Something went wrong on our side.", details: {} } },
  headers: { "Cache-Control": "no-store" },
});

/** The JSON API's gate: 401 without credentials, 403 without the permission. */
export function requireApiPrincipal<P extends { kind: string }>(
  principal: P,
  allowed: (user: Extract<P, { kind: "user" }>) => boolean,
): Extract<P, { kind: "user" }> {
  if (principal.kind !== "user")
    throw new AppError("UNAUTHENTICATED", "Sign in or send an API token as `Authorization: Bearer <token>`.");
  if (!allowed(principal as Extract<P, { kind: "user" }>)) throw new AppError("FORBIDDEN", "Your roles do not allow this.");
  return principal as Extract<P, { kind: "user" }>;
}
