import { OaError, ZaloApiError } from "./errors";
import type { EventKey } from "./events";
import {
  chatItem,
  emitGroupMessage,
  emitInfoChanged,
  emitLifecycle,
  groupInfo,
  groupView,
  join,
  maxMembers,
  ownGroup,
  storeGroupMessage,
  totalMembers,
  usersOf,
} from "./gmf-common";
import { alnum, numericId } from "./ids";
import { asBody, type Body, idList, messageText, optBool, optInt, optString, reqString } from "./params";
import { type AssetRecord, GMF_PRODUCTS, type GroupRecord } from "./state";
import { DAY_MS, mayBeInvited, userOf, type WorldCtx } from "./world-context";
import { echoAttachments, parseAttachment } from "./world-oa";

/** GMF API operations (reference/zalo.md §2.8). Each takes the authenticated OA and the parsed body/query. */

type Op = (ctx: WorldCtx, oaId: string, body: Body) => unknown;

function assetView(a: AssetRecord): Body {
  return {
    product_type: a.productType,
    quota_type: a.quotaType,
    asset_id: a.assetId,
    valid_through: a.validThrough,
    auto_renew: a.autoRenew,
    status: a.usedBy === null ? "available" : "used",
    used_id: a.usedBy ?? "",
  };
}

/** An asset this OA may attach now: -201 unknown, -238 used, -241 expired. */
function freeAsset(ctx: WorldCtx, oaId: string, assetId: string): AssetRecord {
  const asset = ctx.state.assets[assetId];
  if (!asset || asset.oaId !== oaId) {
    throw new ZaloApiError(OaError.INVALID_PARAM, "asset_id is invalid");
  }
  if (asset.usedBy !== null) {
    throw new ZaloApiError(OaError.ASSET_USED, "asset_id has been used");
  }
  if (asset.validThrough <= ctx.now()) {
    throw new ZaloApiError(OaError.ASSET_DISABLED, "asset_id is disabled or expired");
  }
  return asset;
}

/** Users that may be added: this OA's users (-201) who follow or interacted within 7 days (-213). */
function invitable(ctx: WorldCtx, oaId: string, ids: string[]): void {
  for (const id of ids) {
    if (!mayBeInvited(ctx, userOf(ctx, oaId, id))) {
      throw new ZaloApiError(OaError.NOT_FOLLOWER, `User ${id} is not a follower of the OA`);
    }
  }
}

function fits(ctx: WorldCtx, group: GroupRecord, adding: number): void {
  if (totalMembers(group) + adding > maxMembers(ctx, group)) {
    throw new ZaloApiError(OaError.OVER_LIMIT, "The group would exceed its member limit");
  }
}

function members(ctx: WorldCtx, oaId: string, body: Body, pick: (g: GroupRecord) => string[]) {
  const group = ownGroup(ctx, oaId, body.group_id);
  const ids = idList(body, "member_user_ids", 1, 100);
  const allowed = pick(group);
  if (!ids.every((id) => allowed.includes(id))) {
    throw new ZaloApiError(OaError.INVALID_PARAM, "member_user_ids is invalid");
  }
  return { group, ids };
}

const page = <T>(items: T[], body: Body, fallback: number) => {
  const offset = optInt(body, "offset", 0, 100_000);
  const count = optInt(body, "count", fallback, 50);
  return { offset, items: items.slice(offset, offset + count) };
};

export const gmfOps: Record<string, Op> = {
  "quota/group": (ctx, oaId, body) => {
    const product = optString(body, "product_type");
    const quotaType = optString(body, "quota_type");
    return Object.values(ctx.state.assets)
      .filter(
        (a) =>
          a.oaId === oaId &&
          (!product || a.productType === product) &&
          (!quotaType || a.quotaType === quotaType),
      )
      .map(assetView);
  },

  "group/creategroupwithoa": (ctx, oaId, body) => {
    const name = reqString(body, "group_name");
    const asset = freeAsset(ctx, oaId, reqString(body, "asset_id"));
    const ids = idList(body, "member_user_ids", 1, 99);
    invitable(ctx, oaId, ids);
    const group: GroupRecord = {
      groupId: numericId(),
      oaId,
      name,
      description: optString(body, "group_description") ?? "",
      avatar: "",
      link: `https://zalo.me/g/${alnum(10).toLowerCase()}`,
      status: "enabled",
      assetId: asset.assetId,
      autoDeleteDate: null,
      members: [],
      admins: [],
      pending: [],
      settings: { lock_send_msg: false, join_appr: true, enable_msg_history: true, enable_link_join: true },
      createdAt: ctx.now(),
    };
    fits(ctx, group, ids.length);
    asset.usedBy = group.groupId;
    group.members = ids;
    ctx.state.groups[group.groupId] = group;
    emitLifecycle(ctx, group, "create_group", oaId, {
      users: usersOf(ctx, ids),
      group_info: { name: group.name, group_description: group.description, avatar: group.avatar },
    });
    const info = groupInfo(ctx, group);
    return {
      group_id: group.groupId,
      group_link: group.link,
      name: group.name,
      avatar: group.avatar,
      group_description: group.description,
      total_member: info.total_member,
      status: group.status,
    };
  },

  "group/getgroup": (ctx, oaId, body) => groupView(ctx, ownGroup(ctx, oaId, body.group_id)),

  "group/updateinfo": (ctx, oaId, body) => {
    const group = ownGroup(ctx, oaId, body.group_id);
    const name = optString(body, "group_name");
    const avatar = optString(body, "group_avatar");
    const description = optString(body, "group_description");
    if (name !== undefined && name.trim() === "") {
      throw new ZaloApiError(OaError.INVALID_PARAM, "group_name is invalid");
    }
    const keys = ["lock_send_msg", "join_appr", "enable_msg_history", "enable_link_join"] as const;
    const settings = keys.map((key) => [key, optBool(body, key)] as const);
    for (const [key, value] of settings) {
      if (value !== undefined) {
        group.settings[key] = value;
      }
    }
    const before = `${group.name}\n${group.description}\n${group.avatar}`;
    group.name = name ?? group.name;
    group.avatar = avatar ?? group.avatar;
    group.description = description ?? group.description;
    if (`${group.name}\n${group.description}\n${group.avatar}` !== before) {
      emitInfoChanged(ctx, group, oaId);
    }
    return groupView(ctx, group);
  },

  "group/updateasset": (ctx, oaId, body) => {
    const group = ownGroup(ctx, oaId, body.group_id);
    const asset = freeAsset(ctx, oaId, reqString(body, "asset_id"));
    if (totalMembers(group) > GMF_PRODUCTS[asset.productType]) {
      throw new ZaloApiError(OaError.OVER_LIMIT, "The group has more members than the asset allows");
    }
    asset.usedBy = group.groupId;
    group.assetId = asset.assetId;
    group.status = "enabled";
    group.autoDeleteDate = null;
    return undefined;
  },

  /** Invitees join directly (the OA is the owner, so no approval); all-or-nothing on -213. */
  "group/invite": (ctx, oaId, body) => {
    const group = ownGroup(ctx, oaId, body.group_id);
    const ids = idList(body, "member_user_ids", 1, 100).filter((id) => !group.members.includes(id));
    invitable(ctx, oaId, ids);
    fits(ctx, group, ids.length);
    join(ctx, group, ids, oaId);
    return undefined;
  },

  "group/listpendinginvite": (ctx, oaId, body) => {
    const group = ownGroup(ctx, oaId, body.group_id);
    const { offset, items } = page(group.pending, body, 5);
    return {
      offset,
      count: items.length,
      total: group.pending.length,
      member_count: totalMembers(group),
      members: usersOf(
        ctx,
        items.map((p) => p.userId),
      ).map((u) => ({ user_id: u.user_id, name: u.display_name })),
    };
  },

  "group/acceptpendinginvite": (ctx, oaId, body) => {
    const { group, ids } = members(ctx, oaId, body, (g) => g.pending.map((p) => p.userId));
    fits(ctx, group, ids.length);
    emitLifecycle(ctx, group, "accept_request_join_group", oaId, { users: usersOf(ctx, ids) });
    join(ctx, group, ids, oaId);
    return undefined;
  },

  "group/rejectpendinginvite": (ctx, oaId, body) => {
    const { group, ids } = members(ctx, oaId, body, (g) => g.pending.map((p) => p.userId));
    group.pending = group.pending.filter((p) => !ids.includes(p.userId));
    emitLifecycle(ctx, group, "reject_request_join_group", oaId, { users: usersOf(ctx, ids) });
    return undefined;
  },

  "group/listmember": (ctx, oaId, body) => {
    const group = ownGroup(ctx, oaId, body.group_id);
    const oa = ctx.state.oas[oaId];
    const all: Body[] = [
      { oa_id: oaId, name: oa?.name ?? "", avatar: "" },
      ...usersOf(ctx, group.members).map((u) => ({ user_id: u.user_id, name: u.display_name, avatar: "" })),
    ];
    const { offset, items } = page(all, body, 5);
    return { offset, count: items.length, total: all.length, member_count: all.length, members: items };
  },

  "group/addadmins": (ctx, oaId, body) => adminChange(ctx, oaId, body, true),
  "group/removeadmins": (ctx, oaId, body) => adminChange(ctx, oaId, body, false),

  "group/removemembers": (ctx, oaId, body) => {
    const { group, ids } = members(ctx, oaId, body, (g) => g.members);
    group.members = group.members.filter((id) => !ids.includes(id));
    group.admins = group.admins.filter((id) => !ids.includes(id));
    emitLifecycle(ctx, group, "user_out_group", oaId, { users: usersOf(ctx, ids) });
    return undefined;
  },

  "group/delete": (ctx, oaId, body) => {
    const group = ownGroup(ctx, oaId, body.group_id);
    group.status = "deleted";
    emitLifecycle(ctx, group, "delete_group", oaId);
    return undefined;
  },

  "group/getgroupsofoa": (ctx, oaId, body) => {
    const groups = Object.values(ctx.state.groups).filter((g) => g.oaId === oaId && g.status !== "deleted");
    const { items } = page(groups, body, 10);
    return { groups: items.map((g) => groupInfo(ctx, g)), total: groups.length };
  },

  "group/listrecentchat": (ctx, oaId, body) => {
    const latest = Object.values(ctx.state.groups)
      .filter((g) => g.oaId === oaId && g.status !== "deleted")
      .map((g) => ctx.state.groupMessages[g.groupId]?.at(-1))
      .filter((m) => m !== undefined)
      .sort((a, b) => b.at - a.at);
    return page(latest, body, 10).items.map((m) => chatItem(ctx, m));
  },

  "group/conversation": (ctx, oaId, body) => {
    const group = ownGroup(ctx, oaId, body.group_id);
    const newestFirst = [...(ctx.state.groupMessages[group.groupId] ?? [])].reverse();
    return page(newestFirst, body, 10).items.map((m) => chatItem(ctx, m));
  },

  "group/message": (ctx, oaId, body) => {
    const group = ownGroup(ctx, oaId, asBody(body.recipient).group_id);
    if (group.status !== "enabled") {
      throw new ZaloApiError(OaError.GROUP_DISABLED, "Group is disabled");
    }
    const message = asBody(body.message);
    const attachment =
      message.attachment === undefined ? null : parseAttachment(ctx, oaId, message.attachment, false);
    const text = messageText(message.text, attachment === null);
    const kind = attachment?.kind === "request_user_info" ? "text" : (attachment?.kind ?? "text");
    const stored = storeGroupMessage(
      ctx,
      group,
      { kind: "oa", id: oaId },
      {
        type: kind,
        text,
        url: attachment?.url ?? null,
        attachmentId: attachment?.attachmentId ?? null,
        fileToken: attachment?.fileToken ?? null,
      },
    );
    const key: EventKey = `oa_send_group_${kind}`;
    emitGroupMessage(ctx, group, key, stored, attachment ? echoAttachments(attachment) : undefined);
    return { message_id: stored.messageId, group_id: group.groupId };
  },
};

function adminChange(ctx: WorldCtx, oaId: string, body: Body, add: boolean): undefined {
  const { group, ids } = members(ctx, oaId, body, (g) => (add ? g.members : g.admins));
  group.admins = add
    ? [...new Set([...group.admins, ...ids])]
    : group.admins.filter((id) => !ids.includes(id));
  emitLifecycle(ctx, group, add ? "add_group_admin" : "remove_group_admin", oaId, {
    users: usersOf(ctx, ids),
  });
  return undefined;
}

/** Seeding: `count` GMF assets of a product type, valid for a year unless told otherwise. */
export function addAssets(
  ctx: WorldCtx,
  oaId: string,
  productType: AssetRecord["productType"],
  count: number,
  validThrough?: Date,
): string[] {
  if (!ctx.state.oas[oaId] || !Object.hasOwn(GMF_PRODUCTS, productType)) {
    throw new Error(`fake Zalo: unknown OA ${oaId} or product ${productType}`);
  }
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const assetId = numericId();
    ctx.state.assets[assetId] = {
      assetId,
      oaId,
      productType,
      quotaType: "purchase_quota",
      validThrough: validThrough?.getTime() ?? ctx.now() + 365 * DAY_MS,
      autoRenew: false,
      usedBy: null,
    };
    ids.push(assetId);
  }
  return ids;
}
