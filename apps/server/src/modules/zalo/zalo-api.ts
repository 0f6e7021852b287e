import { createBotClient } from "../../channels/zalo-bot/bot-client";
import { createOaClient } from "../../channels/zalo-oa/oa-client";
import { ZaloApiError } from "../../channels/zalo-oa/zalo-errors";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import { alertsRepository } from "../alerts/alerts.repository";
import { announceAlerts, raiseAlert } from "../alerts/alerts.service";
import { recordAudit } from "../audit/audit.service";
import { type ZaloConnectionRow, zaloRepository } from "./zalo.repository";

/**
 * The Zalo clients of this process, built once per Deps from config (tests and the demo point
 * them at the local fake Zalo world).
 */
type Clients = { oa: ReturnType<typeof createOaClient>; bot: ReturnType<typeof createBotClient> };
const clientsOf = new WeakMap<Deps, Clients>();

export function zaloClients(deps: Deps): Clients {
  let c = clientsOf.get(deps);
  if (!c) {
    const z = deps.config.zalo;
    c = {
      oa: createOaClient({ apiUrl: z.oaApiUrl, oauthUrl: z.oauthUrl, ratePerSecond: z.ratePerSecond }),
      bot: createBotClient({ apiUrl: z.botApiUrl, ratePerSecond: z.ratePerSecond }),
    };
    clientsOf.set(deps, c);
  }
  return c;
}

/**
 * Each Zalo call needs the token; reading and opening the row every time would double the I/O of
 * a delivery. A token is reused for at most a minute (and never into its refresh margin), so
 * another process's rotation or a disconnection is seen within that minute.
 */
const TOKEN_REUSE_MS = 60_000;
const tokenCaches = new WeakMap<Deps, Map<string, { token: string; until: number }>>();
function tokenCache(deps: Deps) {
  let m = tokenCaches.get(deps);
  if (!m) {
    m = new Map();
    tokenCaches.set(deps, m);
  }
  return m;
}
function remember(deps: Deps, communeId: string, token: string, expiresAt: Date | null): string {
  const now = deps.clock.now().getTime();
  const margin = expiresAt ? expiresAt.getTime() - REFRESH_AHEAD_MS : now;
  tokenCache(deps).set(communeId, { token, until: Math.min(now + TOKEN_REUSE_MS, margin) });
  return token;
}
/** A disconnection or a refused refresh: this process stops using the token at once. */
export function forgetToken(deps: Deps, communeId: string): void {
  tokenCache(deps).delete(communeId);
}

/** Refresh when less than this is left of the 25 h access token (≈ 20 h into its life). */
const REFRESH_AHEAD_MS = 5 * 3600_000;
const LEASE_MS = 30_000;
const inFlight = new Map<string, Promise<string>>();

const aad = (communeId: string, what: string) => `zalo:${communeId}:${what}`;
export const sealFor = (deps: Deps, communeId: string, what: string, plain: string) =>
  deps.box.seal(plain, aad(communeId, what));
export const openFor = (deps: Deps, communeId: string, what: string, sealed: string) =>
  deps.box.open(sealed, aad(communeId, what));

function notConnected(): AppError {
  return new AppError("CHANNEL_UNAVAILABLE", "Xã chưa kết nối Zalo OA.", { reason: "NOT_CONNECTED" });
}

/**
 * A valid access token for the commune's OA. Refreshes single-flight: one promise per commune in
 * this process, and a lease row across processes. The rotated refresh token is written (over the
 * version read) before the new access token is used; a refresh Zalo refuses marks the connection
 * "needs consent" and alerts the chief.
 */
export async function accessToken(deps: Deps, communeId: string, force = false): Promise<string> {
  const cached = tokenCache(deps).get(communeId);
  if (!force && cached && cached.until > deps.clock.now().getTime()) {
    return cached.token;
  }
  const conn = await zaloRepository.findConnection(deps.db, communeId);
  if (!conn?.accessTokenSealed || conn.oaStatus === "disconnected") {
    throw notConnected();
  }
  if (conn.oaStatus === "needs_consent") {
    throw new AppError(
      "CHANNEL_UNAVAILABLE",
      "Cần cấp quyền lại cho OA (mã làm mới đã hết hạn hoặc bị thu hồi).",
      {
        reason: "NEEDS_CONSENT",
      },
    );
  }
  const now = deps.clock.now().getTime();
  const fresh = conn.accessExpiresAt && conn.accessExpiresAt.getTime() - now > REFRESH_AHEAD_MS;
  if (fresh) {
    const stored = openFor(deps, communeId, "access", conn.accessTokenSealed);
    // Zalo refused the token this process had reused, but another process (or a new consent) has
    // stored a newer one since: use that rather than rotating again.
    if (!force || (cached && cached.token !== stored)) {
      return remember(deps, communeId, stored, conn.accessExpiresAt);
    }
  }
  const running = inFlight.get(communeId);
  if (running) {
    return running;
  }
  const p = refreshNow(deps, conn).finally(() => inFlight.delete(communeId));
  inFlight.set(communeId, p);
  return p;
}

async function refreshNow(deps: Deps, read: ZaloConnectionRow, waited = 0): Promise<string> {
  const communeId = read.communeId;
  const now = deps.clock.now();
  const leased = await zaloRepository.takeRefreshLease(
    deps.db,
    communeId,
    now,
    new Date(now.getTime() + LEASE_MS),
  );
  if (!leased) {
    // Another process is refreshing: wait for its new token (bounded), then use it.
    if (waited > 20) {
      throw new AppError("CHANNEL_UNAVAILABLE", "Đang làm mới mã truy cập Zalo, thử lại sau.");
    }
    await new Promise((r) => setTimeout(r, 250));
    const again = await zaloRepository.findConnection(deps.db, communeId);
    if (again && again.tokenVersion !== read.tokenVersion && again.accessTokenSealed) {
      return openFor(deps, communeId, "access", again.accessTokenSealed);
    }
    return refreshNow(deps, again ?? read, waited + 1);
  }
  if (!leased.refreshTokenSealed || !leased.appSecretSealed || !leased.appId) {
    throw notConnected();
  }
  if (leased.tokenVersion !== read.tokenVersion && leased.accessTokenSealed) {
    // Someone refreshed between our read and our lease.
    await zaloRepository.updateConnection(deps.db, communeId, { refreshLeaseUntil: null });
    return openFor(deps, communeId, "access", leased.accessTokenSealed);
  }
  try {
    const pair = await zaloClients(deps).oa.refreshToken({
      appId: leased.appId,
      appSecret: openFor(deps, communeId, "app-secret", leased.appSecretSealed),
      refreshToken: openFor(deps, communeId, "refresh", leased.refreshTokenSealed),
    });
    const at = deps.clock.now();
    const stored = await zaloRepository.storeTokens(deps.db, communeId, leased.tokenVersion, {
      accessTokenSealed: sealFor(deps, communeId, "access", pair.accessToken),
      refreshTokenSealed: sealFor(deps, communeId, "refresh", pair.refreshToken),
      accessExpiresAt: new Date(at.getTime() + pair.expiresInSec * 1000),
      refreshExpiresAt: new Date(at.getTime() + 90 * 86400_000),
      lastRefreshAt: at,
      oaLastError: null,
      updatedAt: at,
    });
    if (!stored) {
      throw new AppError("CONFLICT", "Mã truy cập Zalo vừa được làm mới ở nơi khác.");
    }
    return remember(deps, communeId, pair.accessToken, new Date(at.getTime() + pair.expiresInSec * 1000));
  } catch (err) {
    await zaloRepository.updateConnection(deps.db, communeId, { refreshLeaseUntil: null });
    if (err instanceof ZaloApiError && err.kind !== "retry") {
      await markNeedsConsent(deps, communeId, err.message);
    }
    throw err;
  }
}

/** Zalo refused the refresh token: a person must consent again; the chief is alerted once. */
export async function markNeedsConsent(deps: Deps, communeId: string, reason: string): Promise<void> {
  forgetToken(deps, communeId);
  const now = deps.clock.now();
  let alerted: string[] = [];
  await deps.db.transaction(async (tx) => {
    await zaloRepository.updateConnection(tx, communeId, {
      oaStatus: "needs_consent",
      oaLastError: reason.slice(0, 300),
      oaLastErrorAt: now,
      updatedAt: now,
    });
    const management = await alertsRepository.management(tx, communeId);
    alerted = await raiseAlert(
      deps,
      tx,
      {
        userIds: management.filter((m) => m.role === "COMMUNE_CHIEF").map((m) => m.user_id),
        communeId,
        kind: "ZALO_NEEDS_CONSENT",
        reportId: null,
        title: "Kết nối Zalo OA cần cấp quyền lại: Zalo không chấp nhận mã làm mới.",
        link: `/communes/${communeId}/zalo`,
        key: `zalo-consent:${communeId}:${now.toISOString().slice(0, 10)}`,
      },
      now,
    );
    await recordAudit(tx, now, {
      actorUserId: null,
      action: "zalo.needs_consent",
      entityType: "commune",
      entityId: communeId,
      communeId,
      data: {},
    });
  });
  await announceAlerts(deps, alerted);
}

/** The OA API for one commune: token from the manager, refreshed once on -216/-220. */
export function oaFor(deps: Deps, communeId: string) {
  return zaloClients(deps).oa.forOa((force) => accessToken(deps, communeId, force), communeId);
}
