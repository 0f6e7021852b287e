import type { FastifyBaseLogger } from "fastify";

/**
 * Runs `run` now and every `everyMs`, one pass at a time (a slow pass is never overlapped), logging
 * failures; `stop()` waits for the pass in flight. The timer does not keep the process alive.
 */
export function startIntervalJob(
  name: string,
  run: () => Promise<unknown>,
  log: FastifyBaseLogger,
  everyMs: number,
) {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const pass = async () => {
    if (busy) {
      return;
    }
    busy = true;
    try {
      await run();
    } catch (err) {
      log.error({ err }, `${name} failed`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => {
    running = pass();
  }, everyMs);
  timer.unref();
  running = pass();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
