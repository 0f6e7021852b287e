import type { Actor } from "../../core/authz";
import { AppError } from "../../core/errors";
import type { Tx } from "../../db/client";
import type { Deps } from "../../deps";
import { outboxRepository } from "../../events/outbox.repository";
import { recordAudit } from "../audit/audit.service";
import { zaloEffects } from "../zalo/zalo-effects";
import { alertsRepository } from "./alerts.repository";

export const ALERT_PUSH_CHANNEL = "alert-push";

export type AlertKind =
  | "URGENT_REPORT"
  | "URGENT_UNACKNOWLEDGED"
  | "DEADLINE_DUE_SOON"
  | "DEADLINE_OVERDUE"
  | "ZALO_NEEDS_CONSENT"
  | "ZALO_GROUP_DISABLED"
  | "ZALO_REPLY_FAILED"
  | "ZALO_GROUP_CHANGED";

export type AlertInput = {
  userIds: readonly (string | null | undefined)[];
  communeId: string;
  kind: AlertKind;
  reportId: string | null;
  /** Names the case and the hamlet, never the reporter (confidential by default). */
  title: string;
  link: string;
  /** Same key = same alert: a reminder fires once per user. */
  key: string;
};

/**
 * Raises an alert inside the caller's transaction: one row per officer (deduplicated), one
 * outbox row for Web Push, one audit row. Returns the users newly alerted, for the real-time
 * notice the caller sends after commit (`announceAlerts`).
 */
export async function raiseAlert(deps: Deps, tx: Tx, input: AlertInput, now: Date): Promise<string[]> {
  const users = [...new Set(input.userIds.filter((u): u is string => typeof u === "string"))];
  const created = await alertsRepository.insertNew(
    tx,
    users.map((userId) => ({
      id: deps.ids.uuid(),
      userId,
      communeId: input.communeId,
      kind: input.kind,
      reportId: input.reportId,
      title: input.title,
      link: input.link,
      dedupeKey: input.key,
      createdAt: now,
    })),
  );
  if (created.length === 0) {
    return [];
  }
  await outboxRepository.enqueue(
    tx,
    {
      event: "alert.raised",
      channel: ALERT_PUSH_CHANNEL,
      payload: { alertIds: created.map((a) => a.id) },
      idempotencyKey: `alert:${input.key}:${created.map((a) => a.id).join(",")}`.slice(0, 400),
      communeId: input.communeId,
    },
    now,
  );
  await zaloEffects.alertRaised(
    tx,
    input.communeId,
    created.map((a) => a.id),
    `alert:${input.key}:${created.map((a) => a.id).join(",")}`,
    now,
  );
  await recordAudit(tx, now, {
    actorUserId: null,
    action: "alert.raised",
    entityType: input.reportId ? "report" : "commune",
    entityId: input.reportId ?? input.communeId,
    communeId: input.communeId,
    data: { kind: input.kind, users: created.length },
  });
  return created.map((a) => a.userId);
}

/** After commit: open apps of these officers show the alert at once. */
export async function announceAlerts(deps: Deps, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) {
    return;
  }
  try {
    await deps.realtime.publish({ topic: "alert", data: { userIds: [...userIds].slice(0, 100) } });
  } catch (err) {
    deps.log?.warn({ err }, "realtime alert failed");
  }
}

export async function myAlerts(deps: Deps, actor: Actor) {
  const rows = await alertsRepository.listForUser(deps.db, actor.userId, 50);
  return {
    unread: await alertsRepository.unreadCount(deps.db, actor.userId),
    items: rows.map((a) => ({
      id: a.id,
      kind: a.kind,
      title: a.title,
      link: a.link,
      createdAt: a.createdAt.toISOString(),
      readAt: a.readAt?.toISOString() ?? null,
    })),
  };
}

export async function readAlert(deps: Deps, actor: Actor, id: string | null) {
  const n = await alertsRepository.markRead(deps.db, actor.userId, id, deps.clock.now());
  if (id && n === 0) {
    const mine = (await alertsRepository.listForUser(deps.db, actor.userId, 500)).some((a) => a.id === id);
    if (!mine) {
      throw new AppError("NOT_FOUND");
    }
  }
  return { ok: true as const };
}
