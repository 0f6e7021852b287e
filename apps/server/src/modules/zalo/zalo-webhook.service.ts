import { createHash } from "node:crypto";
import { parseBotUpdate, verifyBotSecret } from "../../channels/zalo-bot/bot-update";
import { verifyOaSignature } from "../../channels/zalo-oa/oa-signature";
import { AppError } from "../../core/errors";
import { nfc } from "../../core/text";
import type { Deps } from "../../deps";
import { outboxRepository } from "../../events/outbox.repository";
import { type ZaloConnectionRow, zaloRepository } from "./zalo.repository";
import { openFor } from "./zalo-api";
import { ZALO_INBOUND_CHANNEL } from "./zalo-effects";

/**
 * Webhooks from Zalo, as a chain of named steps (STYLE §7): verify → parse → persist (with the
 * outbox row that will process it) → 200. Nothing is processed inline, so Zalo gets its answer
 * well within its 2 s; an event accepted is in the database before the 200; a retried event
 * (same message id) is acknowledged and dropped.
 */

/** Events older than this (by their own timestamp) are replays, not retries (Zalo retries for hours). */
const MAX_AGE_MS = 24 * 3600_000;
const MAX_SKEW_MS = 10 * 60_000;

const forged = (why: string) =>
  new AppError("UNAUTHENTICATED", "Chữ ký webhook Zalo không hợp lệ.", { reason: "BAD_SIGNATURE", why });

type OaEnvelope = {
  app_id?: string;
  oa_id?: string;
  event_name?: string;
  timestamp?: string | number;
  sender?: { id?: string };
  recipient?: { id?: string };
  message?: { msg_id?: string };
};

/** Deep NFC of every string (requirement 36: every inbound string is NFC before storage). */
function nfcDeep(v: unknown): unknown {
  if (typeof v === "string") {
    return nfc(v);
  }
  if (Array.isArray(v)) {
    return v.map(nfcDeep);
  }
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, nfcDeep(x)]));
  }
  return v;
}

async function connectionOf(deps: Deps, body: OaEnvelope): Promise<ZaloConnectionRow | undefined> {
  for (const id of [body.oa_id, body.recipient?.id, body.sender?.id]) {
    if (typeof id === "string" && id) {
      const c = await zaloRepository.findConnectionByOa(deps.db, id);
      if (c) {
        return c;
      }
    }
  }
  if (typeof body.app_id === "string" && body.app_id) {
    const byApp = (await zaloRepository.findConnectionsByApp(deps.db, body.app_id)).filter((c) => c.oaId);
    if (byApp.length === 1) {
      return byApp[0];
    }
  }
  return undefined;
}

export async function receiveOaWebhook(
  deps: Deps,
  rawBody: string,
  signature: string | undefined,
): Promise<{ accepted: boolean }> {
  let body: OaEnvelope;
  try {
    body = JSON.parse(rawBody) as OaEnvelope;
  } catch {
    throw new AppError("VALIDATION_FAILED", "Nội dung webhook không phải JSON.");
  }
  if (!body || typeof body !== "object" || typeof body.event_name !== "string") {
    throw new AppError("VALIDATION_FAILED", "Thiếu event_name.");
  }
  // verify
  const conn = await connectionOf(deps, body);
  if (!conn?.oaId || !conn.appId) {
    throw forged("unknown OA");
  }
  const timestamp = String(body.timestamp ?? "");
  const verdict = verifyOaSignature(
    signature,
    rawBody,
    timestamp,
    {
      appId: conn.appId,
      oaId: conn.oaId,
      appSecret: conn.appSecretSealed
        ? openFor(deps, conn.communeId, "app-secret", conn.appSecretSealed)
        : undefined,
      oaSecret: conn.oaSecretSealed
        ? openFor(deps, conn.communeId, "oa-secret", conn.oaSecretSealed)
        : undefined,
    },
    conn.signatureMode,
  );
  if (!verdict.ok) {
    throw forged("signature");
  }
  const at = Number(timestamp);
  const now = deps.clock.now();
  if (!Number.isFinite(at) || now.getTime() - at > MAX_AGE_MS || at - now.getTime() > MAX_SKEW_MS) {
    throw forged("timestamp");
  }
  if (conn.signatureSeen !== verdict.variant) {
    // Which of the documented variants Zalo really uses (reference/zalo.md §8 question 1).
    deps.log?.info({ communeId: conn.communeId, variant: verdict.variant }, "zalo webhook signature variant");
    await zaloRepository.updateConnection(deps.db, conn.communeId, { signatureSeen: verdict.variant });
  }
  // parse + persist
  const msgId = body.message?.msg_id;
  const dedupeKey = msgId
    ? `${conn.oaId}:${body.event_name}:${msgId}`
    : `${conn.oaId}:${createHash("sha256").update(rawBody).digest("base64url")}`;
  const accepted = await persist(
    deps,
    conn.communeId,
    "oa",
    body.event_name,
    dedupeKey,
    nfcDeep(body),
    new Date(at),
  );
  return { accepted };
}

export async function receiveBotWebhook(
  deps: Deps,
  rawBody: string,
  secretHeader: string | undefined,
): Promise<{ accepted: boolean }> {
  if (!secretHeader) {
    throw forged("no secret");
  }
  const conn = await zaloRepository.findConnectionByBotSecretKey(
    deps.db,
    deps.box.mac("zalo-bot-secret", secretHeader, 43),
  );
  if (
    !conn?.botSecretSealed ||
    !verifyBotSecret(secretHeader, openFor(deps, conn.communeId, "bot-secret", conn.botSecretSealed))
  ) {
    throw forged("secret");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    throw new AppError("VALIDATION_FAILED", "Nội dung webhook không phải JSON.");
  }
  const update = parseBotUpdate(parsed);
  if (!update) {
    return { accepted: false };
  }
  const accepted = await persist(
    deps,
    conn.communeId,
    "bot",
    update.eventName,
    `${conn.communeId}:${update.messageId}`,
    nfcDeep(parsed),
    update.date,
  );
  return { accepted };
}

async function persist(
  deps: Deps,
  communeId: string,
  source: "oa" | "bot",
  eventName: string,
  dedupeKey: string,
  payload: unknown,
  eventAt: Date,
): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const id = await zaloRepository.insertEvent(tx, {
      communeId,
      source,
      eventName,
      dedupeKey,
      // Sealed: a resident's private report arrives in these payloads.
      payloadSealed: deps.box.seal(JSON.stringify(payload), `zalo-event:${communeId}`),
      eventAt,
      receivedAt: now,
    });
    if (id === undefined) {
      return false;
    }
    await outboxRepository.enqueue(
      tx,
      {
        event: "zalo.event_received",
        channel: ZALO_INBOUND_CHANNEL,
        payload: { eventId: id },
        idempotencyKey: `zalo-event:${id}`,
        communeId,
      },
      now,
    );
    return true;
  });
}

export function openEventPayload(deps: Deps, communeId: string, sealed: string): Record<string, unknown> {
  return JSON.parse(deps.box.open(sealed, `zalo-event:${communeId}`)) as Record<string, unknown>;
}
