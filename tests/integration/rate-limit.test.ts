import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackoff, createRateLimiter } from "../../server/rate-limit";
import { connectRedis } from "../../server/realtime/redis";

type Redis = Awaited<ReturnType<typeof connectRedis>>;
let redis: Redis | undefined;

beforeAll(async () => {
  if (process.env.REDIS_URL) redis = await connectRedis(process.env.REDIS_URL);
});
afterAll(async () => redis?.close());

// The same limits per process (embedded) and shared across nodes (Redis, when REDIS_URL is set).
describe.each([
  ["in memory", () => undefined],
  ["in Redis when configured, otherwise in memory", () => redis?.client],
])("rate limits %s", (_name, store) => {
  it("allows the budget, then refuses with RATE_LIMITED and the seconds to wait", async () => {
    const limiter = createRateLimiter({ name: `t${Math.random()}`, points: 3, durationSeconds: 60 }, store());
    for (let i = 0; i < 3; i += 1) await limiter.consume("key");
    const refusal = await limiter.consume("key").catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: "RATE_LIMITED", status: 429 });
    expect((refusal as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds).toBeGreaterThan(0);
    expect((refusal as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("counts each key apart, and a reset restores the budget", async () => {
    const limiter = createRateLimiter({ name: `t${Math.random()}`, points: 1, durationSeconds: 60 }, store());
    await limiter.consume("a");
    await limiter.consume("b");
    await expect(limiter.consume("a")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await limiter.reset("a");
    await expect(limiter.consume("a")).resolves.toBeUndefined();
  });

  it("makes a key wait after its free failures, and lets one of many attempts sent at once through", async () => {
    const policy = { name: `b${Math.random()}`, freeFailures: 2, firstDelaySeconds: 30, maxDelaySeconds: 60, windowSeconds: 600 };
    const backoff = createBackoff(policy, store());
    for (let i = 0; i < 2; i += 1) await (await backoff.attempt("key")).fail();

    const refusal = await backoff.attempt("key").catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 30 } });
    expect(await (await backoff.attempt("key", { wait: false })).fail()).toEqual({ failures: 3, waitSeconds: 60 });

    // No wait at all past the free failures: attempts still go one at a time.
    const other = createBackoff({ ...policy, name: `b${Math.random()}`, firstDelaySeconds: 0 }, store());
    for (let i = 0; i < 2; i += 1) await (await other.attempt("key")).fail();
    const sent = await Promise.allSettled(Array.from({ length: 8 }, () => other.attempt("key")));
    expect(sent.filter((s) => s.status === "fulfilled")).toHaveLength(1);
  });
});
