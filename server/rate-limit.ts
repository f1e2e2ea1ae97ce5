import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "./errors";

export interface RateLimitPolicy {
  name: string;
  points: number;
  durationSeconds: number;
}

export interface RateLimiter {
  /** Counts one attempt; throws RATE_LIMITED (429) with the seconds to wait once the budget is spent. */
  consume(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

/** Shared across nodes when a Redis client is given; per process otherwise. */
export function createRateLimiter(policy: RateLimitPolicy, redis?: unknown): RateLimiter {
  const options = { keyPrefix: `rl:${policy.name}`, points: policy.points, duration: policy.durationSeconds };
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({ ...options, storeClient: redis, useRedisPackage: true })
    : new RateLimiterMemory(options);
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new AppError("RATE_LIMITED", `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, {
          retryAfterSeconds,
        });
      }
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}
