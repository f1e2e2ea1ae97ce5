import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../../server/errors";
import { backoffDelaySeconds, createBackoff, createRateLimiter, type Backoff, type BackoffTurn } from "../../server/rate-limit";
import { refusal } from "../support/refusal";

const policy = { name: "test", points: 3, durationSeconds: 60 };

describe("createRateLimiter (in memory)", () => {
  it("allows the budget of attempts, then refuses with RATE_LIMITED and the seconds to wait", async () => {
    const limiter = createRateLimiter(policy);
    for (let i = 0; i < 3; i += 1) await limiter.consume("203.0.113.7|a@b.example");

    const error = await refusal(limiter.consume("203.0.113.7|a@b.example"));

    expect(error.code).toBe("RATE_LIMITED");
    expect(error.status).toBe(429);
    expect(error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.details.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(error.message).toContain(String(error.details.retryAfterSeconds));
  });

  it("counts each key on its own", async () => {
    const limiter = createRateLimiter(policy);
    for (let i = 0; i < 3; i += 1) await limiter.consume("one");

    await expect(limiter.consume("two")).resolves.toBeUndefined();
  });

  it("gives a key its whole budget back when reset", async () => {
    const limiter = createRateLimiter(policy);
    for (let i = 0; i < 3; i += 1) await limiter.consume("one");
    await limiter.reset("one");

    for (let i = 0; i < 3; i += 1) await limiter.consume("one");
    expect((await refusal(limiter.consume("one"))).code).toBe("RATE_LIMITED");
  });

  it("keeps the budgets of two limiters apart", async () => {
    const first = createRateLimiter(policy);
    const second = createRateLimiter({ ...policy, name: "other" });
    for (let i = 0; i < 3; i += 1) await first.consume("one");

    await expect(second.consume("one")).resolves.toBeUndefined();
  });
});

describe("growing waits after failures (backoff)", () => {
  const backoff = { name: "test-backoff", freeFailures: 3, firstDelaySeconds: 5, maxDelaySeconds: 60, windowSeconds: 3600 };

  afterEach(() => vi.useRealTimers());
  const later = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

  it("costs nothing for the free failures, then doubles the wait with each failure up to the most", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 100, 10_000].map((n) => backoffDelaySeconds(backoff, n))).toEqual([
      0, 0, 0, 5, 10, 20, 40, 60, 60, 60,
    ]);
  });

  it("never asks for a wait shorter than the one before, nor longer than the most", () => {
    fc.assert(
      fc.property(
        fc.record({
          freeFailures: fc.integer({ min: 0, max: 20 }),
          firstDelaySeconds: fc.integer({ min: 1, max: 60 }),
          maxDelaySeconds: fc.integer({ min: 60, max: 3600 }),
        }),
        fc.nat(1_000_000),
        (policy, failures) => {
          const full = { ...backoff, ...policy };
          expect(backoffDelaySeconds(full, failures + 1)).toBeGreaterThanOrEqual(backoffDelaySeconds(full, failures));
          expect(backoffDelaySeconds(full, failures)).toBeLessThanOrEqual(full.maxDelaySeconds);
        },
      ),
    );
  });

  /** An attempt that fails; the RATE_LIMITED refusal if it may not be made. */
  async function failOnce(limiter: Backoff, key: string, options?: { wait?: boolean }) {
    const turn = await limiter.attempt(key, options).catch((e: unknown) => e);
    if (turn instanceof AppError) return turn;
    return (turn as BackoffTurn).fail();
  }

  it("lets a key try at once until its free failures are spent, then makes it wait the time it earned", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const limiter = createBackoff(backoff);
    for (let i = 1; i <= 2; i += 1) expect(await failOnce(limiter, "k")).toEqual({ failures: i, waitSeconds: 0 });
    expect(await failOnce(limiter, "k")).toEqual({ failures: 3, waitSeconds: 5 });

    const refused = await failOnce(limiter, "k");
    expect(refused).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 5 } });
    later(3);
    expect(await failOnce(limiter, "k")).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 2 } });
    later(2);
    expect(await failOnce(limiter, "k")).toEqual({ failures: 4, waitSeconds: 10 });
    later(9);
    expect(await failOnce(limiter, "k")).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 1 } });
    later(1);
    expect(await failOnce(limiter, "k")).toEqual({ failures: 5, waitSeconds: 20 });

    expect(await failOnce(limiter, "other")).toEqual({ failures: 1, waitSeconds: 0 });
  });

  it("does not count a refused attempt, nor one cancelled", async () => {
    const limiter = createBackoff(backoff);
    for (let i = 0; i < 3; i += 1) await failOnce(limiter, "k");
    for (let i = 0; i < 5; i += 1) await failOnce(limiter, "k");
    await (await limiter.attempt("k", { wait: false })).cancel();

    expect((await limiter.attempt("k", { wait: false })).failuresBefore).toBe(3);
  });

  it("past the free failures, lets one attempt at a time through however many are sent at once", async () => {
    const limiter = createBackoff({ ...backoff, firstDelaySeconds: 1 });
    for (let i = 0; i < 3; i += 1) await (await limiter.attempt("k")).cancel();
    for (let i = 0; i < 3; i += 1) await failOnce(limiter, "k", { wait: false });
    vi.useFakeTimers({ toFake: ["Date"] });
    later(1);

    const sent = await Promise.allSettled(Array.from({ length: 20 }, () => limiter.attempt("k")));

    expect(sent.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    expect(sent.filter((s) => s.status === "rejected").map((s) => s.reason.code)).toEqual(Array(19).fill("RATE_LIMITED"));
  });

  it("makes no attempt wait when asked not to, and still counts its failure", async () => {
    const limiter = createBackoff(backoff);
    for (let i = 0; i < 3; i += 1) await failOnce(limiter, "k");

    expect(await failOnce(limiter, "k", { wait: false })).toEqual({ failures: 4, waitSeconds: 10 });
    expect(await failOnce(limiter, "k")).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 10 } });
  });

  it("ends a burst at a success, or when its window is over", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const limiter = createBackoff(backoff);
    for (let i = 0; i < 4; i += 1) await failOnce(limiter, "k", { wait: false });
    await (await limiter.attempt("k", { wait: false })).succeed();
    expect(await failOnce(limiter, "k")).toEqual({ failures: 1, waitSeconds: 0 });

    for (let i = 0; i < 4; i += 1) await failOnce(limiter, "k", { wait: false });
    later(3600);
    expect(await failOnce(limiter, "k")).toEqual({ failures: 1, waitSeconds: 0 });
  });
});
