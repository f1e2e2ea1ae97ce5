/** The one source of "now". Everything that needs the time asks an injected clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock the test suite may move forward, so that announcement periods and auction ends pass in
 * seconds. Only a server started with NPLEX_TEST_CLOCK=1 outside production has one.
 */
export function createTestClock(): Clock & { advance(ms: number): Date } {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(ms: number) {
      offsetMs += Math.max(0, ms);
      return new Date(Date.now() + offsetMs);
    },
  };
}
