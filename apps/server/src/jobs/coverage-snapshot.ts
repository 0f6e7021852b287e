import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../core/clock";
import { vnDate } from "../core/vn-time";
import type { Db } from "../db/client";
import { coverageRepository } from "../modules/coverage/coverage.repository";

/** Writes today's coverage per hamlet at start and every hour, for the trend chart. */
export function startCoverageSnapshots(db: Db, clock: Clock, log: FastifyBaseLogger, everyMs = 3600_000) {
  const run = async () => {
    try {
      await coverageRepository.snapshotAll(db, vnDate(clock.now()));
    } catch (err) {
      log.error({ err }, "coverage snapshot failed");
    }
  };
  let running = run();
  const timer = setInterval(() => {
    running = run();
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
