import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { inject } from "vitest";
import { buildApp } from "../app";
import { loadConfig } from "../config";
import { type Clock, systemClock } from "../core/clock";
import { type Database, openPglite, openPostgres } from "../db/client";
import { createDeps, type Deps } from "../deps";
import { sessionRepository } from "../modules/auth/auth.repository";
import { sha256 } from "../modules/auth/auth.service";

/** Cheap argon2 for tests only; production uses the library defaults in password.ts. */
export const TEST_PASSWORD_COST = { memoryCost: 1024, timeCost: 1 };

export async function openTestDatabase(): Promise<Database> {
  const pgUrl = inject("pgUrl");
  if (pgUrl) {
    return openPostgres(pgUrl, 4);
  }
  const template = inject("pgliteTemplate");
  return openPglite({ loadDataDir: new Blob([readFileSync(template)]) });
}

export type TestContext = {
  deps: Deps;
  app: FastifyInstance;
  routes: { method: string; url: string }[];
  close(): Promise<void>;
};

export async function createTestContext(
  opts: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestContext> {
  const database = await openTestDatabase();
  const config = loadConfig({
    NODE_ENV: "test",
    BINHYEN_DATA_DIR: "/nonexistent",
    LOG_LEVEL: "silent",
    // Zalo is never reached from a test: a closed local port unless the test starts the fake world.
    BINHYEN_ZALO_OA_API_URL: "http://127.0.0.1:9",
    BINHYEN_ZALO_OAUTH_URL: "http://127.0.0.1:9",
    BINHYEN_ZALO_BOT_API_URL: "http://127.0.0.1:9",
    ...opts.env,
  });
  const deps = createDeps({
    config,
    database,
    secretKey: randomBytes(32).toString("base64"),
    version: "test",
    clock: opts.clock ?? systemClock,
    passwordCost: TEST_PASSWORD_COST,
  });
  const routes: { method: string; url: string }[] = [];
  const app = await buildApp(deps, { onRoute: (r) => routes.push(r) });
  await app.ready();
  return {
    deps,
    app,
    routes,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export type Session = { cookie: string; csrf: string };

/** Signs in through the real endpoint and returns the cookie and CSRF token. */
export async function login(
  app: FastifyInstance,
  phone: string,
  password: string,
  totp?: string,
): Promise<Session> {
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { phone, password, ...(totp ? { totp } : {}) },
  });
  if (res.statusCode !== 200) {
    throw new Error(`login ${phone} failed: ${res.statusCode} ${res.body}`);
  }
  const cookie = res.cookies.find((c) => c.name === "by_session");
  if (!cookie) {
    throw new Error("no session cookie");
  }
  return { cookie: `by_session=${cookie.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

/** A session row made directly (fast), for tests about authorisation rather than sign-in. */
export async function sessionFor(deps: Deps, userId: string): Promise<Session> {
  const token = deps.ids.token(32);
  const csrf = deps.ids.token(24);
  const now = deps.clock.now();
  await sessionRepository.insert(deps.db, {
    id: sha256(token),
    userId,
    csrfToken: csrf,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 3600_000),
    ip: "127.0.0.1",
    userAgent: "test",
  });
  return { cookie: `by_session=${token}`, csrf };
}

export function call(
  app: FastifyInstance,
  session: Session | undefined,
  opts: InjectOptions,
): Promise<LightMyRequestResponse> {
  return app.inject({
    ...opts,
    headers: {
      ...(opts.headers ?? {}),
      ...(session ? { cookie: session.cookie, "x-csrf-token": session.csrf } : {}),
    },
  });
}

export { actorOf } from "./harness-actor";
