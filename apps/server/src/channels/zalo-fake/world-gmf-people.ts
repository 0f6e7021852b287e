import {
  emitGroupMessage,
  emitInfoChanged,
  emitLifecycle,
  join,
  liveGroup,
  maxMembers,
  storeGroupMessage,
  totalMembers,
  usersOf,
} from "./gmf-common";
import { messageText } from "./params";
import type { GroupRecord } from "./state";
import { DAY_MS, type WorldCtx } from "./world-context";

/**
 * Simulated people acting in GMF groups, and time passing for a group. Rule breaks throw plain
 * Errors with a Vietnamese message (the control page shows it).
 */

function member(group: GroupRecord, userId: string): void {
  if (!group.members.includes(userId)) {
    throw new Error(`Người dùng ${userId} không phải thành viên nhóm`);
  }
}

function mayPost(group: GroupRecord, userId: string): void {
  member(group, userId);
  if (group.status !== "enabled") {
    throw new Error("Nhóm đã bị khóa (hết hạn gói)");
  }
  if (group.settings.lock_send_msg && !group.admins.includes(userId)) {
    throw new Error("Nhóm đang chỉ cho trưởng/phó nhóm gửi tin");
  }
}

export function memberPosts(
  ctx: WorldCtx,
  groupId: string,
  userId: string,
  content: { text: string } | { imageUrl: string; caption?: string },
): { messageId: string } {
  const group = liveGroup(ctx, groupId);
  mayPost(group, userId);
  const isImage = "imageUrl" in content;
  const text = isImage ? (content.caption ?? null) : messageText(content.text, true);
  const stored = storeGroupMessage(
    ctx,
    group,
    { kind: "user", id: userId },
    {
      type: isImage ? "image" : "text",
      text,
      url: isImage ? content.imageUrl : null,
      attachmentId: null,
      fileToken: null,
    },
  );
  emitGroupMessage(
    ctx,
    group,
    isImage ? "user_send_group_image" : "user_send_group_text",
    stored,
    isImage
      ? [{ type: "image", payload: { url: content.imageUrl, thumbnail: content.imageUrl } }]
      : undefined,
  );
  return { messageId: stored.messageId };
}

/** Whether ordinary members may rename a GMF group is unverified; the fake lets them. */
export function memberRenamesGroup(ctx: WorldCtx, groupId: string, userId: string, name: string): void {
  const group = liveGroup(ctx, groupId);
  member(group, userId);
  if (name.trim() === "") {
    throw new Error("Tên nhóm không được để trống");
  }
  group.name = name;
  emitInfoChanged(ctx, group, userId);
}

/** Joining by link: pending when join_appr is on, a direct join otherwise. */
export function userRequestsJoin(ctx: WorldCtx, groupId: string, userId: string): "pending" | "joined" {
  const group = liveGroup(ctx, groupId);
  const user = ctx.state.users[userId];
  if (!user || user.oaId !== group.oaId) {
    throw new Error(`Người dùng ${userId} không thuộc OA của nhóm`);
  }
  if (group.members.includes(userId)) {
    throw new Error("Người dùng đã ở trong nhóm");
  }
  if (!group.settings.enable_link_join) {
    throw new Error("Nhóm không cho tham gia bằng link");
  }
  if (group.settings.join_appr) {
    if (!group.pending.some((p) => p.userId === userId)) {
      group.pending.push({ userId, at: ctx.now() });
    }
    emitLifecycle(ctx, group, "user_request_join_group", userId, { users: usersOf(ctx, [userId]) });
    return "pending";
  }
  if (totalMembers(group) >= maxMembers(ctx, group)) {
    throw new Error("Nhóm đã đầy");
  }
  join(ctx, group, [userId], userId);
  return "joined";
}

export function memberLeaves(ctx: WorldCtx, groupId: string, userId: string): void {
  const group = liveGroup(ctx, groupId);
  member(group, userId);
  group.members = group.members.filter((id) => id !== userId);
  group.admins = group.admins.filter((id) => id !== userId);
  emitLifecycle(ctx, group, "user_out_group", userId, { users: usersOf(ctx, [userId]) });
}

/** The group's asset runs out: status disabled (sends get -237), dissolved in 45 days. */
export function expireGroup(ctx: WorldCtx, groupId: string): void {
  const group = liveGroup(ctx, groupId);
  const asset = ctx.state.assets[group.assetId];
  if (asset) {
    asset.validThrough = Math.min(asset.validThrough, ctx.now());
  }
  group.status = "disabled";
  group.autoDeleteDate = ctx.now() + 45 * DAY_MS;
}
