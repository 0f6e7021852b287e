import { randomUUID } from "node:crypto";
import type { Tx } from "../../db/client";
import { outboxRepository } from "../../events/outbox.repository";
import { zaloRepository } from "./zalo.repository";

/**
 * What other modules owe Zalo, written as outbox rows inside their own transaction (STYLE §4:
 * services never call channels). Each is a no-op for a group or commune not linked to Zalo.
 * The `zalo-oa` channel carries them out (zalo-outbound.channel.ts).
 */
export const ZALO_OA_CHANNEL = "zalo-oa";
export const ZALO_INBOUND_CHANNEL = "zalo-inbound";
export const ZALO_BOT_CHANNEL = "zalo-bot";

export type ZaloGroupOp =
  | { op: "accept" | "reject"; zaloUserIds: string[] }
  | { op: "remove"; zaloUserIds: string[] }
  | { op: "lock"; lockSendMsg: boolean }
  | { op: "revert_profile" }
  | { op: "sync_admins" }
  | { op: "invite"; zaloUserIds: string[] };

async function enqueueGroupOp(tx: Tx, groupId: string, op: ZaloGroupOp, key: string, now: Date) {
  const link = await zaloRepository.findGroupLink(tx, groupId);
  if (!link) {
    return false;
  }
  await outboxRepository.enqueue(
    tx,
    {
      event: `zalo.group.${op.op}`,
      channel: ZALO_OA_CHANNEL,
      payload: { groupId, communeId: link.communeId, ...op },
      // Operations are not deduplicated by time: two changes in the same millisecond are two rows.
      idempotencyKey: `zalo:${groupId}:${op.op}:${key}:${randomUUID()}`,
      communeId: link.communeId,
    },
    now,
  );
  return true;
}

export const zaloEffects = {
  /** A join request that came from Zalo was decided in Bình Yên: carry it out on Zalo. */
  async joinDecided(
    tx: Tx,
    request: { id: string; groupId: string; source: string; zaloUserId: string | null },
    approved: boolean,
    now: Date,
  ) {
    if (request.source !== "zalo" || !request.zaloUserId) {
      return false;
    }
    return enqueueGroupOp(
      tx,
      request.groupId,
      { op: approved ? "accept" : "reject", zaloUserIds: [request.zaloUserId] },
      request.id,
      now,
    );
  },

  /** A moderator removed a member: remove their Zalo identities from the Zalo group too. */
  async memberRemoved(tx: Tx, groupId: string, memberId: string, now: Date) {
    const ids = (await zaloRepository.zaloIdsOfMember(tx, memberId))
      .filter((m) => m.groupId === groupId && m.state !== "removed")
      .map((m) => m.zaloUserId);
    if (ids.length === 0) {
      return false;
    }
    return enqueueGroupOp(
      tx,
      groupId,
      { op: "remove", zaloUserIds: ids },
      `${memberId}:${now.getTime()}`,
      now,
    );
  },

  /** Announcement-only mode in Bình Yên = lock_send_msg on Zalo. */
  async postingModeChanged(tx: Tx, groupId: string, mode: string, now: Date) {
    return enqueueGroupOp(
      tx,
      groupId,
      { op: "lock", lockSendMsg: mode === "announcements_only" },
      `${mode}:${now.getTime()}`,
      now,
    );
  },

  /** Leader or deputies changed (assignment, handover): make Zalo's phó nhóm list match. */
  async adminsChanged(tx: Tx, groupId: string, now: Date) {
    return enqueueGroupOp(tx, groupId, { op: "sync_admins" }, String(now.getTime()), now);
  },

  /** The official profile must be put back on Zalo (a member renamed the group). */
  async revertProfile(tx: Tx, groupId: string, key: string, now: Date) {
    return enqueueGroupOp(tx, groupId, { op: "revert_profile" }, key, now);
  },

  async invite(tx: Tx, groupId: string, zaloUserIds: string[], key: string, now: Date) {
    return enqueueGroupOp(tx, groupId, { op: "invite", zaloUserIds }, key, now);
  },

  /** A published announcement is posted into the commune's linked Zalo groups by the worker. */
  async announcementReleased(tx: Tx, a: { id: string; communeId: string }, now: Date) {
    const conn = await zaloRepository.findConnection(tx, a.communeId);
    if (!conn || conn.oaStatus === "disconnected") {
      return false;
    }
    await outboxRepository.enqueue(
      tx,
      {
        event: "announcement.published",
        channel: ZALO_OA_CHANNEL,
        payload: { announcementId: a.id, communeId: a.communeId },
        idempotencyKey: `announcement:${a.id}:${ZALO_OA_CHANNEL}`,
        communeId: a.communeId,
      },
      now,
    );
    return true;
  },

  /** An officer wrote to a reporter whose report came through the OA: send it as a CS message. */
  async officerReplied(
    tx: Tx,
    report: { id: string; communeId: string; channel: string },
    messageId: string,
    now: Date,
  ) {
    if (report.channel !== "zalo") {
      return false;
    }
    await outboxRepository.enqueue(
      tx,
      {
        event: "zalo.reply",
        channel: ZALO_OA_CHANNEL,
        payload: { reportId: report.id, communeId: report.communeId, messageId },
        idempotencyKey: `zalo:reply:${messageId}`,
        communeId: report.communeId,
      },
      now,
    );
    return true;
  },

  /** Alerts go to officers who linked their Zalo to the commune's bot as well. */
  async alertRaised(tx: Tx, communeId: string, alertIds: string[], key: string, now: Date) {
    const conn = await zaloRepository.findConnection(tx, communeId);
    if (conn?.botStatus !== "connected") {
      return false;
    }
    await outboxRepository.enqueue(
      tx,
      {
        event: "alert.raised",
        channel: ZALO_BOT_CHANNEL,
        payload: { alertIds },
        idempotencyKey: `zalo-bot:${key}`.slice(0, 400),
        communeId,
      },
      now,
    );
    return true;
  },
};
