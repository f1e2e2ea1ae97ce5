import { describe, expect, it } from "vitest";
import { AppError } from "../../server/errors";
import { createRateLimiter } from "../../server/rate-limit";

const policy = { name: "test", points: 3, durationSeconds: 60 };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

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
