/**
 * Runs a piece of background work again and again, `intervalMs` after each run ends (never two at
 * once in one process), until stopped; stopping waits for the run in progress. The work catches its
 * own failures: a run that throws is logged by the caller's `onError` and the next one follows.
 */
export function repeat(work: () => Promise<void>, intervalMs: number, onError: (error: unknown) => void) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const loop = () => {
    if (stopped) return;
    running = work()
      .catch(onError)
      .then(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(loop, intervalMs);
      });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
