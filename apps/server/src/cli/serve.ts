import { buildApp } from "../app";
import type { Config } from "../config";
import type { Deps } from "../deps";
import { startCoverageSnapshots } from "../jobs/coverage-snapshot";
import { startOutboxWorker } from "../jobs/outbox-worker";
import { importRepository } from "../modules/households/import.repository";

/** Runs the API, the web app and the outbox worker until SIGINT/SIGTERM, then shuts down in order. */
export async function serve(config: Config, deps: Deps, onListening?: (url: string) => void): Promise<void> {
  const app = await buildApp(deps, {
    logger: { level: config.logLevel, redact: ["req.headers.cookie", "req.headers['x-csrf-token']"] },
  });
  deps.log = app.log;
  // An import "running" for half an hour belonged to a process that stopped (imports take seconds).
  await importRepository.failInterrupted(deps.db, new Date(deps.clock.now().getTime() - 30 * 60_000));
  const worker = startOutboxWorker(deps.db, deps.channels, deps.clock, app.log);
  const snapshots = startCoverageSnapshots(deps.db, deps.clock, app.log);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      return;
    }
    closing = true;
    app.log.info({ signal }, "shutting down");
    await worker.stop();
    await snapshots.stop();
    await app.close();
    await deps.database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : config.port;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  onListening?.(`http://${host}:${port}`);
}
