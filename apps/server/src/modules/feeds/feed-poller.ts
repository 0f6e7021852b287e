import type { FastifyBaseLogger } from "fastify";
import type { Deps } from "../../deps";
import { pollDueFeeds } from "./feeds.service";

/** Polls due feeds every `everyMs`; one poll at a time per process. */
export function startFeedPoller(deps: Deps, log: FastifyBaseLogger, everyMs = 30_000) {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const run = async () => {
    if (busy) {
      return;
    }
    busy = true;
    try {
      await pollDueFeeds(deps);
    } catch (err) {
      log.error({ err }, "feed poll failed");
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => {
    running = run();
  }, everyMs);
  timer.unref();
  running = run();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
