import { asRecord, isRecord, type JsonRecord, toArray, toBool, toDate, toNum, toStr } from "./zalo-json";

/**
 * Typed, camelCase results of the OA OpenAPI and their normalisers. Zalo's field names and types
 * vary between endpoints and doc copies (numbers vs numeric strings, epoch ms vs "DD/MM/YYYY",
 * `group_name` vs `name`), so every reader is lenient: unknown or missing values become null
 * rather than throwing. Ids are always strings (see zalo-json.ts).
 */

export type OaInfo = {
  oaId: string;
  name: string;
  description: string | null;
  avatar: string | null;
  isVerified: boolean | null;
  oaType: number | null;
  numFollower: number | null;
  packageName: string | null;
  packageValidThrough: Date | null;
};

export type MessageQuota = {
  lastInteraction: Date | null;
  csReply: { remain: number | null; total: number | null } | null;
  promotion: {
    dailyRemain: number | null;
    dailyTotal: number | null;
    monthlyRemain: number | null;
    monthlyTotal: number | null;
  } | null;
};

export type OaUserDetail = {
  userId: string;
  userIdByApp: string | null;
  userExternalId: string | null;
  displayName: string;
  userAlias: string | null;
  isSensitive: boolean | null;
  isFollower: boolean | null;
  lastInteraction: Date | null;
  avatar: string | null;
  tagNames: string[];
  notes: string[];
  sharedInfo: {
    name: string | null;
    phone: string | null;
    address: string | null;
    city: string | null;
    district: string | null;
  } | null;
};

export type OaUserPage = { total: number; count: number; offset: number; userIds: string[] };

export type SendQuota = {
  quotaType: string | null;
  remain: number | null;
  total: number | null;
  expiredDate: Date | null;
};

export type CsSendResult = { messageId: string; userId: string | null; quota: SendQuota | null };

export type GmfProductType = "gmf10" | "gmf50" | "gmf100" | "gmf1000";

export type GmfAsset = {
  productType: string | null;
  quotaType: string | null;
  assetId: string;
  validThrough: Date | null;
  autoRenew: boolean | null;
  status: string | null;
  usedId: string | null;
};

export type ZaloGroup = {
  groupId: string;
  groupLink: string | null;
  name: string;
  description: string | null;
  avatar: string | null;
  /** "enabled" | "disabled" as documented; kept as sent. */
  status: string | null;
  totalMember: number | null;
  maxMember: number | null;
  autoDeleteDate: Date | null;
  asset: {
    assetType: string | null;
    assetId: string | null;
    validThrough: Date | null;
    autoRenew: boolean | null;
  };
  settings: {
    lockSendMsg: boolean | null;
    joinAppr: boolean | null;
    enableMsgHistory: boolean | null;
    enableLinkJoin: boolean | null;
  };
};

export type GroupMember = { id: string; isOa: boolean; name: string | null; avatar: string | null };
export type GroupMemberPage = {
  offset: number;
  count: number;
  total: number | null;
  memberCount: number | null;
  members: GroupMember[];
};
export type PendingInvite = { userId: string; name: string | null };
export type PendingInvitePage = {
  offset: number;
  count: number;
  total: number | null;
  memberCount: number | null;
  members: PendingInvite[];
};
export type GroupPage = { total: number | null; groups: ZaloGroup[] };

export type GroupMessage = {
  messageId: string;
  groupId: string | null;
  /** Documented `src`: 0 = sent by the OA, 1 = by a member. */
  from: "oa" | "user";
  fromId: string | null;
  fromDisplayName: string | null;
  fromAvatar: string | null;
  time: Date | null;
  type: string | null;
  /** The text for text messages; null for media (see `raw`). */
  text: string | null;
  raw: JsonRecord;
};

// ---------------------------------------------------------------------------------------------

const str = (v: unknown): string | null => {
  const s = toStr(v);
  return s === null || s === "" ? null : s;
};

export function normaliseOaInfo(data: unknown): OaInfo {
  const d = asRecord(data);
  return {
    oaId: toStr(d.oa_id ?? d.oaid) ?? "",
    name: toStr(d.name) ?? "",
    description: str(d.description),
    avatar: str(d.avatar),
    isVerified: toBool(d.is_verified),
    oaType: toNum(d.oa_type),
    numFollower: toNum(d.num_follower),
    packageName: str(d.package_name),
    packageValidThrough: toDate(d.package_valid_through_date),
  };
}

export function normaliseMessageQuota(data: unknown): MessageQuota {
  const d = asRecord(data);
  const cs = isRecord(d.cs_reply) ? d.cs_reply : null;
  const promo = isRecord(d.promotion) ? d.promotion : null;
  return {
    lastInteraction: toDate(d.last_interaction),
    csReply: cs ? { remain: toNum(cs.remain), total: toNum(cs.total) } : null,
    promotion: promo
      ? {
          dailyRemain: toNum(promo.daily_remain),
          dailyTotal: toNum(promo.daily_total),
          monthlyRemain: toNum(promo.monthly_remain),
          monthlyTotal: toNum(promo.monthly_total),
        }
      : null,
  };
}

export function normaliseUserDetail(data: unknown): OaUserDetail {
  const d = asRecord(data);
  const tags = asRecord(d.tags_and_notes_info);
  const shared = isRecord(d.shared_info) ? d.shared_info : null;
  return {
    userId: toStr(d.user_id) ?? "",
    userIdByApp: str(d.user_id_by_app),
    userExternalId: str(d.user_external_id),
    displayName: toStr(d.display_name) ?? "",
    userAlias: str(d.user_alias),
    isSensitive: toBool(d.is_sensitive),
    isFollower: toBool(d.user_is_follower),
    lastInteraction: toDate(d.user_last_interaction_date),
    avatar: str(d.avatar),
    tagNames: strings(tags.tag_names),
    notes: strings(tags.notes),
    sharedInfo: shared
      ? {
          name: str(shared.name),
          phone: str(shared.phone),
          address: str(shared.address),
          city: str(shared.city),
          district: str(shared.district),
        }
      : null,
  };
}

export function normaliseUserPage(data: unknown): OaUserPage {
  const d = asRecord(data);
  const userIds = toArray(d.users)
    .map((u) => toStr(asRecord(u).user_id))
    .filter((id): id is string => id !== null);
  return {
    total: toNum(d.total) ?? userIds.length,
    count: toNum(d.count) ?? userIds.length,
    offset: toNum(d.offset) ?? 0,
    userIds,
  };
}

export function normaliseSendQuota(value: unknown): SendQuota | null {
  if (!isRecord(value)) {
    return null;
  }
  return {
    quotaType: str(value.quota_type),
    remain: toNum(value.remain),
    total: toNum(value.total),
    expiredDate: toDate(value.expired_date),
  };
}

export function normaliseCsSend(data: unknown): CsSendResult {
  const d = asRecord(data);
  return {
    messageId: toStr(d.message_id ?? d.msg_id) ?? "",
    userId: str(d.user_id),
    quota: normaliseSendQuota(d.quota),
  };
}

export function normaliseAssets(data: unknown): GmfAsset[] {
  const d = asRecord(data);
  const list = Array.isArray(data) ? data : toArray(d.assets ?? d.data ?? d.quotas ?? d.items);
  return list.filter(isRecord).map((a) => ({
    productType: str(a.product_type),
    quotaType: str(a.quota_type),
    assetId: toStr(a.asset_id) ?? "",
    validThrough: toDate(a.valid_through),
    autoRenew: toBool(a.auto_renew),
    status: str(a.status),
    usedId: str(a.used_id),
  }));
}

/**
 * Accepts the documented getgroup/updateinfo shape `{ group_info, asset_info, group_setting }`,
 * the flat create/list item shape, or a mix.
 */
export function normaliseGroup(data: unknown): ZaloGroup {
  const d = asRecord(data);
  const info = isRecord(d.group_info) ? d.group_info : d;
  const asset = asRecord(d.asset_info ?? info.asset_info);
  const setting = asRecord(d.group_setting ?? info.group_setting);
  return {
    groupId: toStr(info.group_id) ?? "",
    groupLink: str(info.group_link),
    name: toStr(info.name ?? info.group_name) ?? "",
    description: str(info.group_description ?? info.description),
    avatar: str(info.avatar ?? info.group_avatar),
    status: str(info.status),
    totalMember: toNum(info.total_member),
    maxMember: toNum(info.max_member),
    autoDeleteDate: toDate(info.auto_delete_date),
    asset: {
      assetType: str(asset.asset_type ?? asset.product_type),
      assetId: str(asset.asset_id),
      validThrough: toDate(asset.valid_through),
      autoRenew: toBool(asset.auto_renew),
    },
    settings: {
      lockSendMsg: toBool(setting.lock_send_msg),
      joinAppr: toBool(setting.join_appr),
      enableMsgHistory: toBool(setting.enable_msg_history),
      enableLinkJoin: toBool(setting.enable_link_join),
    },
  };
}

export function normaliseGroupPage(data: unknown): GroupPage {
  const d = asRecord(data);
  const list = Array.isArray(data) ? data : toArray(d.groups);
  return { total: toNum(d.total), groups: list.filter(isRecord).map(normaliseGroup) };
}

export function normaliseMemberPage(data: unknown, offset: number, count: number): GroupMemberPage {
  const d = asRecord(data);
  const members = toArray(d.members)
    .filter(isRecord)
    .map((m): GroupMember | null => {
      const userId = toStr(m.user_id);
      const oaId = toStr(m.oa_id);
      const id = userId ?? oaId;
      return id === null ? null : { id, isOa: userId === null, name: str(m.name), avatar: str(m.avatar) };
    })
    .filter((m): m is GroupMember => m !== null);
  return {
    offset: toNum(d.offset) ?? offset,
    count: toNum(d.count) ?? count,
    total: toNum(d.total),
    memberCount: toNum(d.member_count),
    members,
  };
}

export function normalisePendingPage(data: unknown, offset: number, count: number): PendingInvitePage {
  const d = asRecord(data);
  const members = toArray(d.members)
    .filter(isRecord)
    .map((m) => ({ userId: toStr(m.user_id) ?? "", name: str(m.name) }))
    .filter((m) => m.userId !== "");
  return {
    offset: toNum(d.offset) ?? offset,
    count: toNum(d.count) ?? count,
    total: toNum(d.total),
    memberCount: toNum(d.member_count),
    members,
  };
}

export function normaliseGroupMessages(data: unknown): GroupMessage[] {
  const d = asRecord(data);
  const list = Array.isArray(data) ? data : toArray(d.messages ?? d.data);
  return list.filter(isRecord).map((m) => ({
    messageId: toStr(m.message_id ?? m.msg_id) ?? "",
    groupId: str(m.group_id),
    from: toNum(m.src) === 0 ? "oa" : "user",
    fromId: str(m.from_id),
    fromDisplayName: str(m.from_display_name),
    fromAvatar: str(m.from_avatar),
    time: toDate(m.time),
    type: str(m.type),
    text: typeof m.message === "string" ? m.message : null,
    raw: m,
  }));
}

function strings(value: unknown): string[] {
  return toArray(value)
    .map((v) => toStr(v))
    .filter((v): v is string => v !== null);
}
