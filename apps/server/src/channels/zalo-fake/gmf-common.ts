import { OaError, ZaloApiError } from "./errors";
import type { EventKey, EventMessage } from "./events";
import { hexId } from "./ids";
import { parseMentions } from "./mentions";
import type { Body } from "./params";
import { GMF_PRODUCTS, type GroupMessage, type GroupRecord } from "./state";
import { base, type WorldCtx } from "./world-context";

/** Shared GMF rules (reference/zalo.md §2.8): ownership, ceilings, views, events, messages. */

/** GMF is for verified OAs only. */
export function requireVerified(ctx: WorldCtx, oaId: string): void {
  if (!ctx.state.oas[oaId]?.verified) {
    throw new ZaloApiError(OaError.OA_NOT_VERIFIED, "OA must be verified to use group features");
  }
}

/** A group this OA owns; unknown, deleted and other OAs' groups all answer -403. */
export function ownGroup(ctx: WorldCtx, oaId: string, groupId: unknown): GroupRecord {
  const group = typeof groupId === "string" ? ctx.state.groups[groupId] : undefined;
  if (!group || group.oaId !== oaId || group.status === "deleted") {
    throw new ZaloApiError(OaError.NOT_IN_GROUP, "OA is not in group");
  }
  return group;
}

/** A live group for a simulated person (plain Error: control endpoints answer 400). */
export function liveGroup(ctx: WorldCtx, groupId: string): GroupRecord {
  const group = ctx.state.groups[groupId];
  if (!group || group.status === "deleted") {
    throw new Error(`Nhóm ${groupId} không tồn tại`);
  }
  return group;
}

export function maxMembers(ctx: WorldCtx, group: GroupRecord): number {
  const asset = ctx.state.assets[group.assetId];
  return asset ? GMF_PRODUCTS[asset.productType] : 0;
}

/** Members including the OA, which is always the owner. */
export const totalMembers = (group: GroupRecord): number => group.members.length + 1;

export function groupInfo(ctx: WorldCtx, g: GroupRecord): Body {
  return {
    group_id: g.groupId,
    group_link: g.link,
    name: g.name,
    group_description: g.description,
    avatar: g.avatar,
    status: g.status,
    total_member: totalMembers(g),
    max_member: maxMembers(ctx, g),
    auto_delete_date: g.autoDeleteDate,
  };
}

export function groupView(ctx: WorldCtx, g: GroupRecord): Body {
  const asset = ctx.state.assets[g.assetId];
  return {
    group_info: groupInfo(ctx, g),
    asset_info: {
      asset_type: asset?.productType ?? "",
      asset_id: g.assetId,
      valid_through: asset?.validThrough ?? 0,
      auto_renew: asset?.autoRenew ?? false,
    },
    group_setting: { ...g.settings },
  };
}

export function displayName(ctx: WorldCtx, userId: string): string {
  return ctx.state.users[userId]?.displayName ?? "";
}

export function usersOf(ctx: WorldCtx, ids: string[]): { user_id: string; display_name: string }[] {
  return ids.map((id) => ({ user_id: id, display_name: displayName(ctx, id) }));
}

export function emitLifecycle(
  ctx: WorldCtx,
  group: GroupRecord,
  key: EventKey,
  actorId: string,
  extra: Parameters<WorldCtx["events"]["lifecycle"]>[4] = {},
): void {
  ctx.emit({
    kind: "oa",
    oaId: group.oaId,
    payload: ctx.events.lifecycle(base(ctx, group.oaId), key, group.groupId, actorId, extra),
  });
}

export function emitInfoChanged(ctx: WorldCtx, group: GroupRecord, actorId: string): void {
  emitLifecycle(ctx, group, "update_group_info", actorId, {
    group_info: { name: group.name, group_description: group.description, avatar: group.avatar },
  });
}

/** Adds members (already checked) and emits user_join_group with the given actor. */
export function join(ctx: WorldCtx, group: GroupRecord, ids: string[], actorId: string): void {
  const fresh = ids.filter((id) => !group.members.includes(id));
  if (fresh.length === 0) {
    return;
  }
  group.members.push(...fresh);
  group.pending = group.pending.filter((p) => !fresh.includes(p.userId));
  emitLifecycle(ctx, group, "user_join_group", actorId, { users: usersOf(ctx, fresh) });
}

export function storeGroupMessage(
  ctx: WorldCtx,
  group: GroupRecord,
  from: GroupMessage["from"],
  content: Pick<GroupMessage, "type" | "text" | "url" | "attachmentId" | "fileToken">,
): GroupMessage {
  const message: GroupMessage = {
    messageId: hexId(32),
    groupId: group.groupId,
    from,
    ...content,
    mentions:
      content.text === null
        ? []
        : parseMentions(content.text, group.groupId, (id) => group.members.includes(id)),
    at: ctx.now(),
  };
  const list = ctx.state.groupMessages[group.groupId] ?? [];
  list.push(message);
  ctx.state.groupMessages[group.groupId] = list;
  return message;
}

export function emitGroupMessage(
  ctx: WorldCtx,
  group: GroupRecord,
  key: EventKey,
  message: GroupMessage,
  attachments?: EventMessage["attachments"],
): void {
  const sender =
    message.from.kind === "oa"
      ? { id: group.oaId }
      : { id: message.from.id, userIdByApp: ctx.state.users[message.from.id]?.userIdByApp };
  ctx.emit({
    kind: "oa",
    oaId: group.oaId,
    payload: ctx.events.groupMessage(base(ctx, group.oaId), key, group.groupId, sender, {
      msg_id: message.messageId,
      ...(message.text !== null ? { text: message.text } : {}),
      ...(attachments ? { attachments } : {}),
    }),
  });
}

/** group/conversation and group/listrecentchat item. */
export function chatItem(ctx: WorldCtx, m: GroupMessage): Body {
  const oa = ctx.state.oas[ctx.state.groups[m.groupId]?.oaId ?? ""];
  return {
    src: m.from.kind === "oa" ? 0 : 1,
    time: m.at,
    type: m.type === "image" ? "photo" : m.type,
    message: m.text ?? m.url ?? "",
    message_id: m.messageId,
    from_id: m.from.id,
    from_display_name: m.from.kind === "oa" ? (oa?.name ?? "") : displayName(ctx, m.from.id),
    from_avatar: "",
    group_id: m.groupId,
  };
}
