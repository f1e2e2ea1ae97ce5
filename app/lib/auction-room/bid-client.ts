import {
  clearProxyResponseSchema,
  placeBidResponseSchema,
  setProxyResponseSchema,
  viewerStatusSchema,
  type ClearProxyResponse,
  type PlaceBidResponse,
  type SetProxyResponse,
  type ViewerStatus,
} from "../../../core/contract/bids";
import { errorSchema } from "../../../core/contract/errors";
import type { z } from "zod";

/**
 * The room's HTTP calls: place a bid, set or clear automatic bidding, read one's own standing.
 * Each answer is read through its contract schema (core/contract/bids.ts), so the page works
 * with what the server promised or with a failure, never with a shape it did not expect.
 */

/** A v4 UUID; `crypto.randomUUID` exists only on secure origins (https or localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type Failure = { ok: false; code: string; details: Record<string, unknown> };
export type Outcome<T> = { ok: true; value: T } | Failure;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One JSON call with the session cookie, its answer read through `schema`. A network failure (no
 * answer at all) is retried a few times with the same body, so a bid keeps its idempotency key
 * and is placed at most once. An answer that is not what the contract says is a failure.
 */
async function callApi<T>(schema: z.ZodType<T>, url: string, method: string, body?: unknown): Promise<Outcome<T>> {
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        credentials: "same-origin",
        headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      if (attempt >= 2) return { ok: false, code: "NETWORK", details: {} };
      await sleep(400 * 2 ** attempt);
      continue;
    }
    const json: unknown = await response.json().catch(() => null);
    if (response.ok) {
      const answer = schema.safeParse(json);
      return answer.success ? { ok: true, value: answer.data } : { ok: false, code: "UNEXPECTED_ANSWER", details: {} };
    }
    const refused = errorSchema.safeParse(json);
    return refused.success
      ? { ok: false, code: refused.data.error.code, details: refused.data.error.details }
      : { ok: false, code: `HTTP_${response.status}`, details: {} };
  }
}

/** One listing's calls. */
export function bidClient(listingId: string) {
  const base = `/api/v1/listings/${listingId}`;
  return {
    placeBid: (amount: string, idempotencyKey: string): Promise<Outcome<PlaceBidResponse>> =>
      callApi(placeBidResponseSchema, `${base}/bids`, "POST", { amount, idempotencyKey }),
    setProxy: (maximum: string): Promise<Outcome<SetProxyResponse>> =>
      callApi(setProxyResponseSchema, `${base}/proxy`, "PUT", { maximum }),
    clearProxy: (): Promise<Outcome<ClearProxyResponse>> => callApi(clearProxyResponseSchema, `${base}/proxy`, "DELETE"),
    viewer: (): Promise<Outcome<ViewerStatus>> => callApi(viewerStatusSchema, `${base}/me`, "GET"),
  };
}
