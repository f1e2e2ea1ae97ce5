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

/** The refusal every limit answers with: the seconds to wait travel in `details` (and become `Retry-After`). */
export function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError("RATE_LIMITED", `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });
}

/** Rate-limiter-flexible's own store: shared across nodes when a Redis client is given; per process otherwise. */
function store(options: { keyPrefix: string; points: number; duration: number }, redis?: unknown): RateLimiterAbstract {
  return redis ? new RateLimiterRedis({ ...options, storeClient: redis, useRedisPackage: true }) : new RateLimiterMemory(options);
}

const secondsOf = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export function createRateLimiter(policy: RateLimitPolicy, redis?: unknown): RateLimiter {
  const limiter = store({ keyPrefix: `rl:${policy.name}`, points: policy.points, duration: policy.durationSeconds }, redis);
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        throw rateLimited(secondsOf(error.msBeforeNext));
      }
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

/**
 * Growing waits after failures: the first `freeFailures` of a burst cost nothing; from then on each
 * failure makes the next attempt wait, twice as long as the one before, never more than `maxDelaySeconds`.
 */
export interface BackoffPolicy {
  name: string;
  freeFailures: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  /** A burst's failures are forgotten this long after its first one (or at a reset). */
  windowSeconds: number;
}

/** The wait a key must keep after its `failures`-th failure of a burst. */
export function backoffDelaySeconds(policy: BackoffPolicy, failures: number): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 40);
  return Math.min(policy.maxDelaySeconds, policy.firstDelaySeconds * 2 ** doublings);
}

export interface BackoffState {
  /** Failures counted in the current burst. */
  failures: number;
  /** Seconds before the next attempt may be made; 0 when it may be made now. */
  waitSeconds: number;
}

/** One attempt on a key, counted as a failure until it proves otherwise. */
export interface BackoffTurn {
  /** Failures the key had counted before this attempt. */
  readonly failuresBefore: number;
  /** The attempt failed: it stays counted, and the key's next attempt waits what its failures now earn. */
  fail(): Promise<BackoffState>;
  /** The attempt succeeded: the key's burst is over. */
  succeed(): Promise<void>;
  /** The attempt is not held against the key after all (another limit refused it, or a success must not end the burst). */
  cancel(): Promise<void>;
}

export interface Backoff {
  /**
   * Starts an attempt on a key. Past its free failures a key takes turns: the attempt is refused
   * (RATE_LIMITED, with the seconds to wait) while the wait after the last failure runs or while
   * another attempt on the key is under way. With `wait: false` the attempt is counted but never made to wait.
   */
  attempt(key: string, options?: { wait?: boolean }): Promise<BackoffTurn>;
}

/** Longest an attempt holds a key's turn, should its node stop before answering. */
const TURN_HOLD_SECONDS = 10;

/** Shared across nodes when a Redis client is given; per process otherwise. */
export function createBackoff(policy: BackoffPolicy, redis?: unknown): Backoff {
  const failures = store(
    { keyPrefix: `rl:${policy.name}:failures`, points: Number.MAX_SAFE_INTEGER, duration: policy.windowSeconds },
    redis,
  );
  // A key's turn: taken (one point) by an attempt under way, or blocked for the wait a failure earned.
  const turns = store({ keyPrefix: `rl:${policy.name}:turn`, points: 1, duration: TURN_HOLD_SECONDS }, redis);

  return {
    async attempt(key, { wait = true } = {}) {
      // Counted before the password is checked, so attempts sent at once cannot all pass as the first.
      const failuresBefore = (await failures.penalty(key)).consumedPoints - 1;
      let holding = false;
      if (wait && failuresBefore >= policy.freeFailures) {
        try {
          await turns.consume(key);
          holding = true;
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          await failures.reward(key);
          throw rateLimited(secondsOf(error.msBeforeNext));
        }
      }
      return {
        failuresBefore,
        async fail() {
          // Attempts that failed meanwhile count too: the wait never shortens one they set.
          const counted = Math.max(failuresBefore + 1, (await failures.get(key))?.consumedPoints ?? 0);
          const delay = backoffDelaySeconds(policy, counted);
          if (delay > 0) await turns.block(key, delay);
          else if (holding) await turns.delete(key);
          return { failures: counted, waitSeconds: delay };
        },
        async succeed() {
          await Promise.all([failures.delete(key), turns.delete(key)]);
        },
        async cancel() {
          await Promise.all([failures.reward(key), holding ? turns.delete(key) : undefined]);
        },
      };
    },
  };
}
