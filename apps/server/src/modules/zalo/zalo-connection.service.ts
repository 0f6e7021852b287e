import { randomBytes } from "node:crypto";
import type {
  TZaloAsset,
  TZaloConnectBotRequest,
  TZaloConnectOaRequest,
  TZaloOaStatus,
  TZaloStatus,
} from "@binhyen/contracts";
import { pkceChallenge } from "../../channels/zalo-oa/oa-oauth";
import type { GmfAsset } from "../../channels/zalo-oa/oa-types";
import { ZaloApiError, zaloErrorMessage } from "../../channels/zalo-oa/zalo-errors";
import { type Actor, enforce } from "../../core/authz";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { orgRepository } from "../org/org.repository";
import { type ZaloCommuneRef, zaloPolicy } from "./zalo.policy";
import { type ZaloConnectionRow, zaloRepository } from "./zalo.repository";
import { forgetToken, oaFor, openFor, sealFor, zaloClients } from "./zalo-api";

export const OAUTH_CALLBACK_PATH = "/api/zalo/oauth/callback";
export const OA_WEBHOOK_PATH = "/api/webhooks/zalo/oa";
export const BOT_WEBHOOK_PATH = "/api/webhooks/zalo/bot";

export async function communeRef(deps: Deps, communeId: string): Promise<ZaloCommuneRef> {
  const c = await orgRepository.findCommune(deps.db, communeId);
  if (!c) {
    throw new AppError("NOT_FOUND");
  }
  return { communeId, provinceId: c.commune.provinceId };
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** A GMF package as Bình Yên shows it (status page and inventory). */
export function presentAsset(a: GmfAsset): TZaloAsset {
  return {
    assetId: a.assetId,
    productType: a.productType ?? "?",
    status: a.status ?? "available",
    validThrough: a.validThrough?.toISOString() ?? null,
    usedBy: a.usedId ?? null,
  };
}

/** A Zalo failure as the officer should read it (Vietnamese), never with a token in it. */
export function zaloFailure(err: unknown): AppError {
  if (err instanceof AppError) {
    return err;
  }
  if (err instanceof ZaloApiError) {
    return new AppError("CHANNEL_UNAVAILABLE", zaloErrorMessage(err.code, err.api), {
      reason: "ZALO_ERROR",
      zaloCode: err.code,
    });
  }
  return new AppError("CHANNEL_UNAVAILABLE", "Không liên lạc được với Zalo. Vui lòng thử lại sau.", {
    reason: "ZALO_ERROR",
  });
}

function assetsSummary(info: Record<string, unknown> | null | undefined) {
  const assets = Array.isArray(info?.assets)
    ? (info.assets as { productType?: string; status?: string }[])
    : [];
  const by = new Map<string, { available: number; used: number }>();
  for (const a of assets) {
    const k = a.productType ?? "?";
    const e = by.get(k) ?? { available: 0, used: 0 };
    if (a.status === "used") {
      e.used++;
    } else {
      e.available++;
    }
    by.set(k, e);
  }
  return [...by.entries()].map(([productType, v]) => ({ productType, ...v }));
}

export async function zaloStatus(deps: Deps, actor: Actor, communeId: string): Promise<TZaloStatus> {
  const ref = await communeRef(deps, communeId);
  enforce(zaloPolicy.visible(actor, ref), zaloPolicy.readConnection(actor, ref));
  return presentStatus(deps, communeId);
}

async function presentStatus(deps: Deps, communeId: string): Promise<TZaloStatus> {
  const c = await zaloRepository.findConnection(deps.db, communeId);
  const links = await zaloRepository.listGroupLinks(deps.db, communeId);
  const since = new Date(deps.clock.now().getTime() - 86400_000);
  const [events, queue, hamlets, botLinks] = [
    await zaloRepository.eventStats(deps.db, communeId, since),
    await zaloRepository.queueStats(deps.db, communeId),
    await zaloRepository.countHamlets(deps.db, communeId),
    await zaloRepository.countBotLinks(deps.db, communeId),
  ];
  const info = c?.oaInfo ?? null;
  const base = deps.config.publicUrl;
  return {
    communeId,
    oa: {
      status: (c?.oaStatus ?? "disconnected") as TZaloOaStatus,
      appId: c?.appId ?? null,
      oaId: c?.oaId ?? null,
      oaName: c?.oaName ?? null,
      verified: typeof info?.verified === "boolean" ? info.verified : null,
      packageName: typeof info?.packageName === "string" ? info.packageName : null,
      packageValidThrough: typeof info?.packageValidThrough === "string" ? info.packageValidThrough : null,
      accessExpiresAt: iso(c?.accessExpiresAt),
      refreshExpiresAt: iso(c?.refreshExpiresAt),
      lastRefreshAt: iso(c?.lastRefreshAt),
      lastError: c?.oaLastError ?? null,
      lastErrorAt: iso(c?.oaLastErrorAt),
      checkedAt: iso(c?.checkedAt),
      signature: {
        secret: c?.signatureMode.secret ?? "auto",
        firstTerm: c?.signatureMode.firstTerm ?? "auto",
        seen: c?.signatureSeen ?? null,
      },
      assets: assetsSummary(info),
    },
    bot: {
      status: (c?.botStatus ?? "none") as "none" | "connected" | "failed",
      name: c?.botName ?? null,
      lastError: c?.botLastError ?? null,
      linkedOfficers: botLinks,
    },
    webhooks: {
      oa: `${base}${OA_WEBHOOK_PATH}`,
      bot: `${base}${BOT_WEBHOOK_PATH}`,
      oauthCallback: `${base}${OAUTH_CALLBACK_PATH}`,
    },
    groups: {
      linked: links.length,
      disabled: links.filter((l) => l.link.status !== "enabled").length,
      hamlets,
    },
    events: {
      last24h: events.total,
      failed24h: events.failed,
      lastAt: events.lastAt ? new Date(events.lastAt).toISOString() : null,
    },
    queue,
  };
}

async function requireChief(deps: Deps, actor: Actor, communeId: string) {
  const ref = await communeRef(deps, communeId);
  enforce(zaloPolicy.visible(actor, ref), zaloPolicy.connect(actor, ref));
  return ref;
}

/**
 * Step 1 of OAuth v4: stores the app credentials (sealed) and a single-use state and PKCE
 * verifier, and returns Zalo's consent link for the OA admin to open.
 */
export async function connectOa(
  deps: Deps,
  actor: Actor,
  communeId: string,
  input: TZaloConnectOaRequest,
  requestId: string,
): Promise<{ consentUrl: string }> {
  await requireChief(deps, actor, communeId);
  const now = deps.clock.now();
  const state = randomBytes(24).toString("base64url");
  const verifier = randomBytes(48).toString("base64url");
  const existing = await zaloRepository.findConnection(deps.db, communeId);
  await deps.db.transaction(async (tx) => {
    await zaloRepository.upsertConnection(tx, {
      communeId,
      appId: input.appId,
      appSecretSealed: sealFor(deps, communeId, "app-secret", input.appSecret),
      oaSecretSealed: input.oaSecret
        ? sealFor(deps, communeId, "oa-secret", input.oaSecret)
        : (existing?.oaSecretSealed ?? null),
      signatureMode: {
        secret: input.signature?.secret ?? "auto",
        firstTerm: input.signature?.firstTerm ?? "auto",
      },
      oaStatus:
        existing && existing.oaStatus !== "disconnected" && existing.oaStatus !== "pending_consent"
          ? existing.oaStatus
          : "pending_consent",
      oauthStateHash: deps.box.mac("zalo-oauth-state", state, 43),
      pkceVerifierSealed: sealFor(deps, communeId, "pkce", verifier),
      connectedByUserId: actor.userId,
      updatedAt: now,
    });
    // Never the secrets: which app, and who started it.
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "zalo.oa_consent_started",
      entityType: "commune",
      entityId: communeId,
      communeId,
      data: { appId: input.appId, signature: input.signature ?? null },
      requestId,
    });
  });
  const consentUrl = zaloClients(deps).oa.consentUrl({
    appId: input.appId,
    redirectUri: `${deps.config.publicUrl}${OAUTH_CALLBACK_PATH}`,
    codeChallenge: pkceChallenge(verifier),
    state,
  });
  return { consentUrl };
}

/**
 * Step 2: Zalo sends the OA admin's browser back with a code. The state (single use) names the
 * commune; the code is exchanged for the token pair, stored sealed. Returns where to send the
 * browser. No session is needed (Zalo's redirect is cross-site; the state is the proof).
 */
export async function oauthCallback(
  deps: Deps,
  query: { code?: string; oa_id?: string; state?: string; error?: string },
): Promise<{ communeId: string | null; ok: boolean; reason?: string }> {
  if (!query.state) {
    return { communeId: null, ok: false, reason: "state" };
  }
  const conn = await zaloRepository.findConnectionByStateHash(
    deps.db,
    deps.box.mac("zalo-oauth-state", query.state, 43),
  );
  if (!conn?.appId || !conn.appSecretSealed || !conn.pkceVerifierSealed) {
    return { communeId: null, ok: false, reason: "state" };
  }
  const communeId = conn.communeId;
  forgetToken(deps, communeId);
  // Single use: the state is gone whatever happens next.
  await zaloRepository.updateConnection(deps.db, communeId, { oauthStateHash: null });
  if (!query.code || !query.oa_id || !/^[0-9]{1,25}$/.test(query.oa_id)) {
    return { communeId, ok: false, reason: query.error ?? "denied" };
  }
  const other = await zaloRepository.findConnectionByOa(deps.db, query.oa_id);
  if (other && other.communeId !== communeId) {
    return { communeId, ok: false, reason: "oa_in_use" };
  }
  const now = deps.clock.now();
  try {
    const pair = await zaloClients(deps).oa.exchangeCode({
      appId: conn.appId,
      appSecret: openFor(deps, communeId, "app-secret", conn.appSecretSealed),
      code: query.code,
      codeVerifier: openFor(deps, communeId, "pkce", conn.pkceVerifierSealed),
    });
    await deps.db.transaction(async (tx) => {
      await zaloRepository.updateConnection(tx, communeId, {
        oaId: query.oa_id,
        oaStatus: "connected",
        accessTokenSealed: sealFor(deps, communeId, "access", pair.accessToken),
        refreshTokenSealed: sealFor(deps, communeId, "refresh", pair.refreshToken),
        accessExpiresAt: new Date(now.getTime() + pair.expiresInSec * 1000),
        refreshExpiresAt: new Date(now.getTime() + 90 * 86400_000),
        tokenVersion: conn.tokenVersion + 1,
        lastRefreshAt: now,
        pkceVerifierSealed: null,
        oaLastError: null,
        connectedAt: now,
        updatedAt: now,
      });
      await recordAudit(tx, now, {
        actorUserId: conn.connectedByUserId,
        action: "zalo.oa_connected",
        entityType: "commune",
        entityId: communeId,
        communeId,
        data: { appId: conn.appId, oaId: query.oa_id },
      });
    });
  } catch (err) {
    const message = zaloFailure(err).message;
    await zaloRepository.updateConnection(deps.db, communeId, {
      oaLastError: message,
      oaLastErrorAt: now,
      updatedAt: now,
    });
    return { communeId, ok: false, reason: "exchange" };
  }
  await refreshInfo(deps, communeId).catch(() => undefined);
  return { communeId, ok: true };
}

/** Reads the OA's profile/package and GMF assets from Zalo into the connection row. */
async function refreshInfo(deps: Deps, communeId: string) {
  const api = oaFor(deps, communeId);
  const now = deps.clock.now();
  try {
    const oa = await api.getOa();
    const assets = await api.groupQuota({});
    await zaloRepository.updateConnection(deps.db, communeId, {
      oaName: oa.name ?? null,
      oaInfo: {
        verified: oa.isVerified ?? null,
        packageName: oa.packageName ?? null,
        packageValidThrough: oa.packageValidThrough?.toISOString() ?? null,
        followers: oa.numFollower ?? null,
        assets: assets.map(presentAsset),
      },
      checkedAt: now,
      oaLastError: null,
      updatedAt: now,
    });
  } catch (err) {
    await zaloRepository.updateConnection(deps.db, communeId, {
      oaLastError: zaloFailure(err).message,
      oaLastErrorAt: now,
      checkedAt: now,
      updatedAt: now,
    });
    throw err;
  }
}

/** "Kiểm tra kết nối": calls Zalo now; the status shows the outcome either way. */
export async function checkConnection(deps: Deps, actor: Actor, communeId: string): Promise<TZaloStatus> {
  const ref = await communeRef(deps, communeId);
  enforce(zaloPolicy.visible(actor, ref), zaloPolicy.readConnection(actor, ref));
  const c = await zaloRepository.findConnection(deps.db, communeId);
  if (c?.oaStatus === "connected") {
    await refreshInfo(deps, communeId).catch(() => undefined);
  }
  if (c && c.botStatus !== "none" && c.botTokenSealed) {
    try {
      const me = await zaloClients(deps).bot.getMe(openFor(deps, communeId, "bot-token", c.botTokenSealed));
      await zaloRepository.updateConnection(deps.db, communeId, {
        botName: me.accountName ?? c.botName,
        botStatus: "connected",
        botLastError: null,
      });
    } catch (err) {
      await zaloRepository.updateConnection(deps.db, communeId, {
        botStatus: "failed",
        botLastError: zaloFailure(err).message,
      });
    }
  }
  return presentStatus(deps, communeId);
}

export async function disconnectOa(deps: Deps, actor: Actor, communeId: string, requestId: string) {
  await requireChief(deps, actor, communeId);
  forgetToken(deps, communeId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await zaloRepository.updateConnection(tx, communeId, {
      oaStatus: "disconnected",
      accessTokenSealed: null,
      refreshTokenSealed: null,
      accessExpiresAt: null,
      refreshExpiresAt: null,
      oauthStateHash: null,
      pkceVerifierSealed: null,
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "zalo.oa_disconnected",
      entityType: "commune",
      entityId: communeId,
      communeId,
      requestId,
    });
  });
  return presentStatus(deps, communeId);
}

/** Registers the bot's webhook with a fresh secret and stores the token sealed. */
export async function connectBot(
  deps: Deps,
  actor: Actor,
  communeId: string,
  input: TZaloConnectBotRequest,
  requestId: string,
): Promise<TZaloStatus> {
  await requireChief(deps, actor, communeId);
  const bot = zaloClients(deps).bot;
  const secret = randomBytes(32).toString("base64url");
  let name: string | null = null;
  try {
    const me = await bot.getMe(input.token);
    name = me.accountName ?? null;
    await bot.setWebhook(input.token, `${deps.config.publicUrl}${BOT_WEBHOOK_PATH}`, secret);
  } catch (err) {
    throw zaloFailure(err);
  }
  const now = deps.clock.now();
  const existing = await zaloRepository.findConnection(deps.db, communeId);
  await deps.db.transaction(async (tx) => {
    const patch = {
      botStatus: "connected",
      botTokenSealed: sealFor(deps, communeId, "bot-token", input.token),
      botSecretSealed: sealFor(deps, communeId, "bot-secret", secret),
      botSecretKey: deps.box.mac("zalo-bot-secret", secret, 43),
      botName: name,
      botLastError: null,
      updatedAt: now,
    };
    if (existing) {
      await zaloRepository.updateConnection(tx, communeId, patch);
    } else {
      await zaloRepository.upsertConnection(tx, { communeId, ...patch });
    }
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "zalo.bot_connected",
      entityType: "commune",
      entityId: communeId,
      communeId,
      data: { botId: input.token.split(":")[0] },
      requestId,
    });
  });
  return presentStatus(deps, communeId);
}

export async function disconnectBot(deps: Deps, actor: Actor, communeId: string, requestId: string) {
  await requireChief(deps, actor, communeId);
  const c = await zaloRepository.findConnection(deps.db, communeId);
  if (c?.botTokenSealed) {
    await zaloClients(deps)
      .bot.deleteWebhook(openFor(deps, communeId, "bot-token", c.botTokenSealed))
      .catch(() => undefined);
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await zaloRepository.updateConnection(tx, communeId, {
      botStatus: "none",
      botTokenSealed: null,
      botSecretSealed: null,
      botSecretKey: null,
      botName: null,
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "zalo.bot_disconnected",
      entityType: "commune",
      entityId: communeId,
      communeId,
      requestId,
    });
  });
  return presentStatus(deps, communeId);
}

export type { ZaloConnectionRow };
