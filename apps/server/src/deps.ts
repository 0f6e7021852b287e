import type { FastifyBaseLogger } from "fastify";
import { ChannelRegistry } from "./channels/channel";
import type { Config } from "./config";
import { type Clock, systemClock } from "./core/clock";
import { type Ids, systemIds } from "./core/ids";
import { SecretBox } from "./core/secret-box";
import type { Database, Db } from "./db/client";
import { createMemoryBus, type RealtimeBus } from "./realtime/bus";
import { SseHub } from "./realtime/sse-hub";

/** Everything services need, built once in main.ts (or by a test) and passed down. */
export type Deps = {
  config: Config;
  db: Db;
  database: Database;
  clock: Clock;
  ids: Ids;
  box: SecretBox;
  channels: ChannelRegistry;
  /** Change notices between API processes (LISTEN/NOTIFY on PostgreSQL, in-process on PGlite). */
  realtime: RealtimeBus;
  /** This process's connected web clients (server-sent events). */
  sse: SseHub;
  version: string;
  log?: FastifyBaseLogger;
  /** Argon2 cost; tests lower it (never in production). */
  passwordCost?: { memoryCost: number; timeCost: number };
};

export function createDeps(opts: {
  config: Config;
  database: Database;
  secretKey: string;
  version: string;
  clock?: Clock;
  ids?: Ids;
  passwordCost?: { memoryCost: number; timeCost: number };
}): Deps {
  return {
    config: opts.config,
    db: opts.database.db,
    database: opts.database,
    clock: opts.clock ?? systemClock,
    ids: opts.ids ?? systemIds,
    box: new SecretBox(opts.secretKey),
    channels: new ChannelRegistry(),
    realtime: createMemoryBus(),
    sse: new SseHub(),
    version: opts.version,
    ...(opts.passwordCost ? { passwordCost: opts.passwordCost } : {}),
  };
}
