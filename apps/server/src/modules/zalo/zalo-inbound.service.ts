import { parseBotUpdate } from "../../channels/zalo-bot/bot-update";
import type { Tx } from "../../db/client";
import type { Deps } from "../../deps";
import { outboxRepository } from "../../events/outbox.repository";
import { recordAudit } from "../audit/audit.service";
import { recordExternalPost } from "../moderation/posts.service";
import { orgRepository } from "../org/org.repository";
import { type ZaloGroupRow, zaloRepository } from "./zalo.repository";
import { oaFor, sealFor } from "./zalo-api";
import { ZALO_BOT_CHANNEL, ZALO_OA_CHANNEL, zaloEffects } from "./zalo-effects";
import { linkOfficerByCode } from "./zalo-officers.service";
import { handlePrivateMessage } from "./zalo-private-reports.service";
import { openEventPayload } from "./zalo-webhook.service";

/**
 * Processes one accepted webhook event (the `zalo-inbound` outbox channel). Idempotent: a retried
 * event finds its work done (unique post source ids, intake idempotency keys, pending-request checks).
 * GMF event names differ between sources (reference/zalo.md §2.8): each kind accepts every name seen.
 */
const PRIVATE_MESSAGE = /^user_send_(text|image|link|audio|video|sticker|gif|location|business_card|file)$/;
const GROUP_MESSAGE =
  /^user_send_group_(text|image|link|audio|video|sticker|gif|location|business_card|file)$/;
const JOIN_REQUEST = new Set(["user_request_join_group"]);
const JOINED = new Set(["user_join_group", "accept_request_join_group", "react_request_join_group_accept"]);
const LEFT = new Set(["user_out_group", "user_leave_group", "remove_member_group"]);
const PROFILE_CHANGED = new Set(["update_group_info"]);
const DISSOLVED = new Set(["delete_group", "disperse_group"]);

type Payload = {
  event_name?: string;
  oa_id?: string;
  group_id?: string;
  timestamp?: string;
  sender?: { id?: string; display_name?: string };
  recipient?: { id?: string };
  message?: {
    msg_id?: string;
    text?: string;
    attachments?: { type?: string; payload?: Record<string, unknown> }[];
  };
  group_info?: { name?: string; group_description?: string };
  users?: { user_id?: string; display_name?: string }[];
};

export async function processInboundEvent(deps: Deps, eventId: number): Promise<void> {
  const ev = await zaloRepository.findEvent(deps.db, eventId);
  if (ev?.status !== "pending") {
    return;
  }
  const payload = openEventPayload(deps, ev.communeId, ev.payloadSealed);
  const outcome =
    ev.source === "bot"
      ? await botUpdate(deps, ev.communeId, payload)
      : await oaEvent(deps, ev.communeId, ev.id, payload as Payload);
  await zaloRepository.finishEvent(
    deps.db,
    ev.id,
    outcome.startsWith("ignored") ? "ignored" : "processed",
    outcome,
    deps.clock.now(),
  );
}

async function oaEvent(deps: Deps, communeId: string, eventId: number, p: Payload): Promise<string> {
  const name = p.event_name ?? "";
  const conn = await zaloRepository.findConnection(deps.db, communeId);
  const senderId = p.sender?.id ?? "";
  if (!conn?.oaId || !senderId || senderId === conn.oaId) {
    return "ignored: own or anonymous";
  }
  if (PRIVATE_MESSAGE.test(name) && (p.recipient?.id ?? conn.oaId) === conn.oaId) {
    const text = (p.message?.text ?? "").trim();
    if (await linkOfficerByCode(deps, communeId, "oa", senderId, text)) {
      await csMessage(
        deps,
        communeId,
        senderId,
        "Đã liên kết tài khoản Zalo của đồng chí với Bình Yên.",
        p.message?.msg_id,
        `link:${eventId}`,
      );
      return "officer linked";
    }
    return handlePrivateMessage(deps, communeId, eventId, senderId, p);
  }
  const zaloGroupId = p.group_id ?? p.recipient?.id ?? "";
  const link = zaloGroupId
    ? await zaloRepository.findGroupByZaloId(deps.db, communeId, zaloGroupId)
    : undefined;
  if (!link) {
    return "ignored: group not linked";
  }
  if (GROUP_MESSAGE.test(name)) {
    return groupMessage(deps, link, senderId, p);
  }
  if (JOIN_REQUEST.has(name)) {
    return joinRequest(deps, link, senderId, displayNameOf(p, senderId));
  }
  if (JOINED.has(name) || LEFT.has(name)) {
    const users = p.users?.length ? p.users : [{ user_id: senderId, display_name: p.sender?.display_name }];
    for (const u of users) {
      if (!u.user_id) {
        continue;
      }
      const known = await zaloRepository.findZaloMember(deps.db, link.groupId, u.user_id);
      await zaloRepository.upsertZaloMember(deps.db, {
        groupId: link.groupId,
        zaloUserId: u.user_id,
        memberId: known?.memberId ?? null,
        displayName: u.display_name ?? known?.displayName ?? "",
        state: JOINED.has(name) ? (known?.state === "admin" ? "admin" : "member") : "left",
        updatedAt: deps.clock.now(),
      });
    }
    return JOINED.has(name) ? "joined" : "left";
  }
  if (PROFILE_CHANGED.has(name)) {
    return profileChanged(deps, link, senderId, p);
  }
  if (DISSOLVED.has(name)) {
    await zaloRepository.updateGroupLink(deps.db, link.groupId, {
      status: "deleted",
      lastError: "Nhóm đã bị giải tán trên Zalo.",
    });
    return "group dissolved";
  }
  return `ignored: ${name}`;
}

function displayNameOf(p: Payload, userId: string): string {
  const fromUsers = p.users?.find((u) => u.user_id === userId)?.display_name;
  return (p.sender?.display_name ?? fromUsers ?? "").trim();
}

/** A display name for a Zalo user: what we know, else Zalo's profile, else a neutral label. */
async function nameOf(deps: Deps, communeId: string, groupId: string, userId: string, given: string) {
  if (given) {
    return given;
  }
  const known = await zaloRepository.findZaloMember(deps.db, groupId, userId);
  if (known?.displayName) {
    return known.displayName;
  }
  try {
    const d = await oaFor(deps, communeId).userDetail(userId);
    if (d.displayName) {
      return d.displayName;
    }
  } catch {
    // Not a follower, or Zalo is unreachable: the neutral label will do.
  }
  return "Thành viên Zalo";
}

async function groupMessage(deps: Deps, link: ZaloGroupRow, senderId: string, p: Payload): Promise<string> {
  const msgId = p.message?.msg_id;
  if (!msgId) {
    return "ignored: no message id";
  }
  const known = await zaloRepository.findZaloMember(deps.db, link.groupId, senderId);
  const given = displayNameOf(p, senderId);
  const name =
    known?.displayName && !given
      ? known.displayName
      : await nameOf(deps, link.communeId, link.groupId, senderId, given);
  const at = new Date(Number(p.timestamp) || deps.clock.now().getTime());
  if (!known || known.displayName !== name || (known.state !== "member" && known.state !== "admin")) {
    await zaloRepository.upsertZaloMember(deps.db, {
      groupId: link.groupId,
      zaloUserId: senderId,
      memberId: known?.memberId ?? null,
      displayName: name,
      state: known?.state === "admin" ? "admin" : "member",
      updatedAt: deps.clock.now(),
    });
  }
  const member = known?.memberId ? await zaloRepository.memberUser(deps.db, known.memberId) : undefined;
  const images = (p.message?.attachments ?? []).filter((a) => a.type === "image").length;
  const text = (p.message?.text ?? "").trim();
  const body =
    [images ? `[${images} ảnh gửi trên Zalo]` : "", text].filter(Boolean).join(" ") ||
    "[Tin nhắn Zalo không có chữ]";
  const r = await recordExternalPost(deps, {
    groupId: link.groupId,
    source: "zalo",
    sourceMessageId: `${link.zaloGroupId}:${msgId}`,
    body,
    authorName: name,
    authorUserId: member?.userId ?? null,
    authorMemberId: known?.memberId ?? null,
    at,
  });
  return r ? `post ${r.status}${r.rules.length ? ` (${r.rules.join(",")})` : ""}` : "ignored: duplicate";
}

async function joinRequest(deps: Deps, link: ZaloGroupRow, userId: string, given: string): Promise<string> {
  const known = await zaloRepository.findZaloMember(deps.db, link.groupId, userId);
  if (known && (known.state === "member" || known.state === "admin")) {
    return "ignored: already a member";
  }
  if (await zaloRepository.pendingZaloJoin(deps.db, link.groupId, userId)) {
    return "ignored: already pending";
  }
  const name = await nameOf(deps, link.communeId, link.groupId, userId, given);
  const now = deps.clock.now();
  const id = deps.ids.uuid();
  await deps.db.transaction(async (tx) => {
    await zaloRepository.insertJoinRequest(tx, {
      id,
      groupId: link.groupId,
      communeId: link.communeId,
      name,
      phone: "",
      note: "Xin vào nhóm trên Zalo",
      // Joining on Zalo is not consent to Bình Yên's processing: no purposes until the resident gives them.
      consentVersion: "zalo",
      consentPurposes: [],
      source: "zalo",
      zaloUserId: userId,
      createdAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: null,
      action: "join_request.received",
      entityType: "group",
      entityId: link.groupId,
      communeId: link.communeId,
      data: { requestId: id, source: "zalo" },
    });
  });
  return "join request queued";
}

/**
 * The compensating control of reference/zalo.md §7(d): GMF cannot stop members renaming the
 * group, so a change by anyone but the OA, the leader or the deputies is put back and logged.
 */
async function profileChanged(deps: Deps, link: ZaloGroupRow, senderId: string, p: Payload): Promise<string> {
  const now = deps.clock.now();
  const officer = await zaloRepository.officerByOaUser(deps.db, link.communeId, senderId);
  const officials = officer ? await orgRepository.groupOfficials(deps.db, [link.groupId]) : [];
  const allowed = officer && officials.some((o) => o.userId === officer.userId);
  const newName = p.group_info?.name ?? null;
  if (allowed) {
    await deps.db.transaction(async (tx) => {
      await zaloRepository.updateGroupLink(tx, link.groupId, { name: newName ?? link.name });
      await recordAudit(tx, now, {
        actorUserId: officer.userId,
        action: "zalo.profile_changed",
        entityType: "group",
        entityId: link.groupId,
        communeId: link.communeId,
        data: { name: newName },
      });
    });
    return "profile changed by an officer";
  }
  await deps.db.transaction(async (tx) => {
    await zaloEffects.revertProfile(tx, link.groupId, `${senderId}:${p.timestamp ?? now.getTime()}`, now);
    await recordAudit(tx, now, {
      actorUserId: null,
      action: "zalo.profile_reverted",
      entityType: "group",
      entityId: link.groupId,
      communeId: link.communeId,
      data: { zaloUserId: senderId, attemptedName: newName, officialName: link.name },
    });
  });
  return "profile change reverted";
}

/** A consultation (CS) message to a resident, queued; the text and recipient are sealed in the row. */
export async function csMessage(
  deps: Deps,
  communeId: string,
  zaloUserId: string,
  text: string,
  quoteMessageId: string | undefined,
  key: string,
  tx?: Tx,
): Promise<void> {
  const write = async (t: Tx) =>
    outboxRepository.enqueue(
      t,
      {
        event: "zalo.cs",
        channel: ZALO_OA_CHANNEL,
        payload: {
          communeId,
          toSealed: sealFor(deps, communeId, "cs-to", zaloUserId),
          textSealed: sealFor(deps, communeId, "cs-text", text),
          quoteMessageId: quoteMessageId ?? null,
        },
        idempotencyKey: `zalo:cs:${communeId}:${key}`,
        communeId,
      },
      deps.clock.now(),
    );
  if (tx) {
    await write(tx);
  } else {
    await deps.db.transaction(write);
  }
}

/** A reply from the bot to an officer, queued like every other delivery. */
async function botReply(deps: Deps, communeId: string, chatId: string, text: string, key: string) {
  await deps.db.transaction(async (tx) => {
    await outboxRepository.enqueue(
      tx,
      {
        event: "zalo.bot.reply",
        channel: ZALO_BOT_CHANNEL,
        payload: {
          communeId,
          chatSealed: sealFor(deps, communeId, "bot-chat", chatId),
          textSealed: sealFor(deps, communeId, "bot-text", text),
        },
        idempotencyKey: `zalo-bot:reply:${communeId}:${key}`,
        communeId,
      },
      deps.clock.now(),
    );
  });
}

async function botUpdate(deps: Deps, communeId: string, payload: Record<string, unknown>): Promise<string> {
  const u = parseBotUpdate(payload);
  if (u?.chatType !== "PRIVATE") {
    return "ignored: not a private chat";
  }
  if (await linkOfficerByCode(deps, communeId, "bot", u.chatId, u.text ?? "")) {
    await botReply(
      deps,
      communeId,
      u.chatId,
      "Đã liên kết: đồng chí sẽ nhận cảnh báo của Bình Yên qua Zalo.",
      u.messageId,
    );
    return "officer linked to the bot";
  }
  await botReply(
    deps,
    communeId,
    u.chatId,
    "Bot này chỉ gửi cảnh báo cho cán bộ. Người dân báo tin xin nhắn cho OA Công an xã hoặc dùng trang báo tin của Bình Yên.",
    u.messageId,
  );
  return "ignored: not a link code";
}
