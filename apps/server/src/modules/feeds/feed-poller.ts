import type { FastifyBaseLogger } from "fastify";
import type { Deps } from "../../deps";
import { startIntervalJob } from "../../jobs/interval-job";
import { pollDueFeeds } from "./feeds.service";

/** Polls due feeds every `everyMs`; one poll at a time per process (feeds are claimed with SKIP LOCKED). */
export function startFeedPoller(deps: Deps, log: FastifyBaseLogger, everyMs = 30_000) {
  return startIntervalJob("feed poll", () => pollDueFeeds(deps), log, everyMs);
}
