import { join, resolve } from "node:path";
import { buildApp } from "../app";
import { type FakeZalo, startFakeZalo } from "../channels/zalo-fake/fake-zalo";
import type { Config } from "../config";
import type { Deps } from "../deps";
import { startCoverageSnapshots } from "../jobs/coverage-snapshot";
import { startOutboxWorker } from "../jobs/outbox-worker";
import { startCaseReminders } from "../modules/alerts/case-reminders";
import { startFeedPoller } from "../modules/feeds/feed-poller";
import { importRepository } from "../modules/households/import.repository";
import { startZaloMaintenance } from "../modules/zalo/zalo-maintenance";
import { createPostgresBus } from "../realtime/bus";
import { seedDemoZalo } from "../seed/demo-zalo";

/** Runs the API, the web app and the outbox worker until SIGINT/SIGTERM, then shuts down in order. */
export async function serve(
  config: Config,
  deps: Deps,
  onListening?: (url: string, extra: { fakeZaloUrl: string | null }) => void,
): Promise<void> {
  // Several API processes share one PostgreSQL: announcements reach every process's clients
  // through LISTEN/NOTIFY. PGlite is one process: the in-memory bus is enough.
  if (deps.database.kind === "postgres" && deps.database.url) {
    deps.realtime = await createPostgresBus(deps.database.url, {
      log: { warn: (obj, msg) => deps.log?.warn(obj, msg) },
    });
  }
  // Demo (or BINHYEN_ZALO_FAKE): the local fake Zalo world on loopback, its state beside the data.
  let fakeZalo: FakeZalo | undefined;
  if (config.zalo.fake) {
    const stateFile = join(resolve(config.dataDir), "fake-zalo.json");
    let port = config.zalo.fake.port;
    fakeZalo = await startFakeZalo({ port, stateFile }).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== "EADDRINUSE") {
        throw err;
      }
      // Another program holds the port: any free one will do (the demo prints where it is).
      port = 0;
      return startFakeZalo({ port, stateFile });
    });
    if (port === 0) {
      // A free port chosen now: point this process's Zalo clients at it.
      deps.config = Object.freeze({
        ...deps.config,
        zalo: Object.freeze({
          ...deps.config.zalo,
          oaApiUrl: fakeZalo.url,
          oauthUrl: fakeZalo.url,
          botApiUrl: fakeZalo.url,
        }),
      });
    }
  }
  const app = await buildApp(deps, {
    logger: { level: config.logLevel, redact: ["req.headers.cookie", "req.headers['x-csrf-token']"] },
  });
  deps.log = app.log;
  // An import "running" for half an hour belonged to a process that stopped (imports take seconds).
  await importRepository.failInterrupted(deps.db, new Date(deps.clock.now().getTime() - 30 * 60_000));
  const worker = startOutboxWorker(deps.db, deps.channels, deps.clock, app.log);
  const snapshots = startCoverageSnapshots(deps.db, deps.clock, app.log);
  const feedPoller = startFeedPoller(deps, app.log);
  const reminders = startCaseReminders(deps, app.log);
  const zaloMaintenance = startZaloMaintenance(deps, app.log);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      return;
    }
    closing = true;
    app.log.info({ signal }, "shutting down");
    await worker.stop();
    await feedPoller.stop();
    await reminders.stop();
    await zaloMaintenance.stop();
    await fakeZalo?.close();
    await deps.realtime.close();
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
  if (deps.config.publicUrl.endsWith(":0")) {
    // PORT=0 (tests, a second demo): the address residents and Zalo reach is the port chosen now.
    deps.config = Object.freeze({
      ...deps.config,
      publicUrl: deps.config.publicUrl.replace(/:0$/, `:${port}`),
    });
  }
  if (fakeZalo) {
    fakeZalo.setOaWebhookUrl(`http://127.0.0.1:${port}/api/webhooks/zalo/oa`);
    if (config.demo) {
      await seedDemoZalo(deps, fakeZalo).catch((err) => app.log.warn({ err }, "demo Zalo seed failed"));
    }
  }
  onListening?.(`http://${host}:${port}`, { fakeZaloUrl: fakeZalo?.url ?? null });
}
