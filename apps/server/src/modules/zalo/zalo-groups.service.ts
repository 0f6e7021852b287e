import type {
  TZaloFollowers,
  TZaloGroup,
  TZaloInventory,
  TZaloInviteResponse,
  TZaloLinkGroupRequest,
  TZaloOaStatus,
} from "@binhyen/contracts";
import { type Actor, enforce } from "../../core/authz";
import { AppError } from "../../core/errors";
import { vnDate } from "../../core/vn-time";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { loadGroup } from "../org/group.service";
import { orgRepository } from "../org/org.repository";
import { zaloPolicy } from "./zalo.policy";
import { type ZaloGroupRow, zaloRepository } from "./zalo.repository";
import { oaFor } from "./zalo-api";
import { communeRef, presentAsset, zaloFailure } from "./zalo-connection.service";
import { zaloEffects } from "./zalo-effects";

/** A hamlet group's twin on Zalo: create or link, read, sync, invite (reference/zalo.md §2.8, §7(d)). */

async function groupRef(deps: Deps, groupId: string) {
  const { group, ref } = await loadGroup(deps, groupId);
  return { group, ref };
}

async function requireConnected(deps: Deps, communeId: string) {
  const c = await zaloRepository.findConnection(deps.db, communeId);
  if (c?.oaStatus !== "connected") {
    throw new AppError(
      "CHANNEL_UNAVAILABLE",
      c?.oaStatus === "needs_consent"
        ? "Kết nối Zalo OA cần cấp quyền lại trước."
        : "Xã chưa kết nối Zalo OA: Trưởng Công an xã kết nối trong trang Zalo của xã.",
      { reason: c?.oaStatus === "needs_consent" ? "NEEDS_CONSENT" : "NOT_CONNECTED" },
    );
  }
  return c;
}

/** Calls Zalo, turning its failures into a Vietnamese 503 for the officer. */
async function zalo<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw zaloFailure(err);
  }
}

/** Officers who should be phó nhóm on Zalo: the group's leader and deputies. */
async function desiredAdmins(deps: Deps, groupId: string) {
  const officials = await orgRepository.groupOfficials(deps.db, [groupId]);
  const links = await zaloRepository.officerLinksOf(
    deps.db,
    officials.map((o) => o.userId),
  );
  return officials.map((o) => ({
    userId: o.userId,
    name: o.name,
    role: o.role,
    oaUserId: links.find((l) => l.userId === o.userId)?.oaUserId ?? null,
  }));
}

export { desiredAdmins };

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

async function present(deps: Deps, groupId: string, communeId: string): Promise<TZaloGroup> {
  const link = await zaloRepository.findGroupLink(deps.db, groupId);
  const conn = await zaloRepository.findConnection(deps.db, communeId);
  const admins = await desiredAdmins(deps, groupId);
  const s = link?.settings ?? {};
  return {
    groupId,
    linked: Boolean(link),
    connection: (conn?.oaStatus ?? "disconnected") as TZaloOaStatus,
    zaloGroupId: link?.zaloGroupId ?? null,
    groupLink: link?.groupLink ?? null,
    name: link?.name ?? null,
    status: link?.status ?? null,
    totalMember: link?.totalMember ?? 0,
    maxMember: link?.maxMember ?? null,
    assetType: link?.assetType ?? null,
    validThrough: iso(link?.validThrough),
    autoDeleteDate: iso(link?.autoDeleteDate),
    settings: {
      lockSendMsg: Boolean(s.lockSendMsg),
      joinAppr: Boolean(s.joinAppr),
      enableMsgHistory: Boolean(s.enableMsgHistory),
      enableLinkJoin: Boolean(s.enableLinkJoin),
    },
    admins: admins.map((a) => ({
      userId: a.userId,
      name: a.name,
      role: a.role,
      linked: Boolean(a.oaUserId),
      isAdmin: Boolean(a.oaUserId && link?.admins.includes(a.oaUserId)),
    })),
    lastSyncedAt: iso(link?.lastSyncedAt),
    lastError: link?.lastError ?? null,
    pendingOperations: link ? await zaloRepository.pendingGroupOps(deps.db, groupId) : 0,
    recentDeliveries: link
      ? (await zaloRepository.recentGroupDeliveries(deps.db, groupId, 10)).map((d) => ({
          announcementId: d.announcementId,
          title: d.title,
          status: d.status,
          attempts: d.attempts,
          lastError: d.lastError,
          updatedAt: d.updatedAt.toISOString(),
        }))
      : [],
  };
}

export async function getZaloGroup(deps: Deps, actor: Actor, groupId: string): Promise<TZaloGroup> {
  const { group, ref } = await groupRef(deps, groupId);
  enforce(zaloPolicy.visible(actor, ref), zaloPolicy.readGroup(actor, ref));
  return present(deps, groupId, group.communeId);
}

type ZaloGroupInfo = Awaited<ReturnType<ReturnType<typeof oaFor>["getGroup"]>>;

/** Zalo's view of a group, as stored on the link row. */
function fromZalo(g: ZaloGroupInfo, now: Date): Partial<ZaloGroupRow> {
  return {
    groupLink: g.groupLink ?? null,
    name: g.name ?? null,
    status: g.status ?? "enabled",
    totalMember: g.totalMember ?? 0,
    maxMember: g.maxMember ?? null,
    assetId: g.asset?.assetId ?? null,
    assetType: g.asset?.assetType ?? null,
    validThrough: g.asset?.validThrough ?? null,
    autoDeleteDate: g.autoDeleteDate ?? null,
    settings: Object.fromEntries(Object.entries(g.settings ?? {}).filter(([, v]) => v !== null)),
    lastSyncedAt: now,
    lastError: null,
  };
}

export async function linkZaloGroup(
  deps: Deps,
  actor: Actor,
  groupId: string,
  input: TZaloLinkGroupRequest,
  requestId: string,
): Promise<TZaloGroup> {
  const { group, ref } = await groupRef(deps, groupId);
  enforce(zaloPolicy.visible(actor, ref), zaloPolicy.manageGroup(actor, ref));
  await requireConnected(deps, group.communeId);
  if (await zaloRepository.findGroupLink(deps.db, groupId)) {
    throw new AppError("CONFLICT", "Nhóm này đã gắn với một nhóm Zalo.", { reason: "ALREADY_LINKED" });
  }
  const api = oaFor(deps, group.communeId);
  let zaloGroupId: string;
  if (input.mode === "create") {
    const officers = (await desiredAdmins(deps, groupId))
      .map((a) => a.oaUserId)
      .filter((x): x is string => !!x);
    const members = [...new Set([...officers, ...input.zaloUserIds])].slice(0, 99);
    if (members.length === 0) {
      throw new AppError(
        "VALIDATION_FAILED",
        "Zalo cần ít nhất một thành viên khi tạo nhóm: hãy liên kết Zalo của Trưởng nhóm với OA hoặc chọn người theo dõi OA.",
        [{ path: "zaloUserIds", message: "at least one member" }],
      );
    }
    const created = await zalo(() =>
      api.createGroup({
        name: group.name,
        description: group.description ?? "",
        assetId: input.assetId,
        memberUserIds: members,
      }),
    );
    zaloGroupId = created.groupId;
  } else {
    zaloGroupId = input.zaloGroupId;
    const taken = await zaloRepository.findGroupByZaloId(deps.db, group.communeId, zaloGroupId);
    if (taken) {
      throw new AppError("CONFLICT", "Nhóm Zalo này đã gắn với một ấp khác.", { reason: "ALREADY_LINKED" });
    }
  }
  // getgroup also proves the OA owns it (-403 otherwise).
  const info = await zalo(() => api.getGroup(zaloGroupId));
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await zaloRepository.insertGroupLink(tx, {
      groupId,
      communeId: group.communeId,
      zaloGroupId,
      ...fromZalo(info, now),
      linkedByUserId: actor.userId,
      linkedAt: now,
    });
    await zaloEffects.adminsChanged(tx, groupId, now);
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: input.mode === "create" ? "zalo.group_created" : "zalo.group_linked",
      entityType: "group",
      entityId: groupId,
      communeId: group.communeId,
      data: { zaloGroupId, assetId: input.mode === "create" ? input.assetId : null },
      requestId,
    });
  });
  return present(deps, groupId, group.communeId);
}

export async function unlinkZaloGroup(deps: Deps, actor: Actor, groupId: string, requestId: string) {
  const { group, ref } = await groupRef(deps, groupId);
  enforce(zaloPolicy.visible(actor, ref), zaloPolicy.manageGroup(actor, ref));
  const link = await zaloRepository.findGroupLink(deps.db, groupId);
  if (!link) {
    throw new AppError("NOT_FOUND", "Nhóm này chưa gắn với nhóm Zalo nào.");
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await zaloRepository.deleteGroupLink(tx, groupId);
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "zalo.group_unlinked",
      entityType: "group",
      entityId: groupId,
      communeId: group.communeId,
      data: { zaloGroupId: link.zaloGroupId },
      requestId,
    });
  });
}

/**
 * Reads the group from Zalo (status, package, members, settings) and brings pending join
 * requests into Bình Yên's approval queue (reconciling what a missed webhook would have said).
 */
export async function syncZaloGroup(
  deps: Deps,
  actor: Actor | null,
  groupId: string,
): Promise<TZaloGroup | null> {
  const { group, ref } = await groupRef(deps, groupId);
  if (actor) {
    enforce(zaloPolicy.visible(actor, ref), zaloPolicy.manageGroup(actor, ref));
  }
  const link = await zaloRepository.findGroupLink(deps.db, groupId);
  if (!link) {
    throw new AppError("NOT_FOUND", "Nhóm này chưa gắn với nhóm Zalo nào.");
  }
  await requireConnected(deps, group.communeId);
  const api = oaFor(deps, group.communeId);
  const now = deps.clock.now();
  try {
    const info = await api.getGroup(link.zaloGroupId);
    await zaloRepository.updateGroupLink(deps.db, groupId, fromZalo(info, now));
    const pending = await api.listPendingInvites(link.zaloGroupId, 0, 50);
    for (const m of pending.members) {
      if (!(await zaloRepository.pendingZaloJoin(deps.db, groupId, m.userId))) {
        await deps.db.transaction(async (tx) => {
          await zaloRepository.insertJoinRequest(tx, {
            id: deps.ids.uuid(),
            groupId,
            communeId: group.communeId,
            name: m.name || "Người dùng Zalo",
            phone: "",
            note: "Xin vào nhóm trên Zalo",
            consentVersion: "zalo",
            consentPurposes: [],
            source: "zalo",
            zaloUserId: m.userId,
            createdAt: now,
          });
        });
      }
    }
  } catch (err) {
    const failure = zaloFailure(err);
    await zaloRepository.updateGroupLink(deps.db, groupId, { lastError: failure.message, lastSyncedAt: now });
    if (actor) {
      throw failure;
    }
  }
  return actor ? present(deps, groupId, group.communeId) : null;
}

export async function inviteToZaloGroup(
  deps: Deps,
  actor: Actor,
  groupId: string,
  zaloUserIds: string[],
  requestId: string,
): Promise<TZaloInviteResponse> {
  const { group, ref } = await groupRef(deps, groupId);
  enforce(zaloPolicy.visible(actor, ref), zaloPolicy.manageGroup(actor, ref));
  if (!(await zaloRepository.findGroupLink(deps.db, groupId))) {
    throw new AppError("NOT_FOUND", "Nhóm này chưa gắn với nhóm Zalo nào.");
  }
  const ids = [...new Set(zaloUserIds)];
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await zaloEffects.invite(tx, groupId, ids, `${requestId}:${now.getTime()}`, now);
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "zalo.group_invited",
      entityType: "group",
      entityId: groupId,
      communeId: group.communeId,
      data: { count: ids.length },
      requestId,
    });
  });
  return { queued: ids.length };
}

export async function zaloInventory(deps: Deps, actor: Actor, communeId: string): Promise<TZaloInventory> {
  const ref = await communeRef(deps, communeId);
  enforce(
    zaloPolicy.visible(actor, ref),
    zaloPolicy.readConnection(actor, ref) || zaloPolicy.readFollowers(actor, ref),
  );
  await requireConnected(deps, communeId);
  const api = oaFor(deps, communeId);
  const [assets, groups] = await zalo(
    async () => [await api.groupQuota({}), await api.getGroupsOfOa(0, 50)] as const,
  );
  const links = await zaloRepository.listGroupLinks(deps.db, communeId);
  return {
    assets: assets.map(presentAsset),
    groups: groups.groups.map((g) => {
      const l = links.find((x) => x.link.zaloGroupId === g.groupId);
      return {
        zaloGroupId: g.groupId,
        name: g.name ?? "",
        status: g.status ?? "enabled",
        totalMember: g.totalMember ?? 0,
        maxMember: g.maxMember ?? null,
        groupLink: g.groupLink ?? null,
        linkedGroupId: l?.link.groupId ?? null,
        linkedGroupName: l?.groupName ?? null,
      };
    }),
  };
}

export async function zaloFollowers(
  deps: Deps,
  actor: Actor,
  communeId: string,
  offset: number,
): Promise<TZaloFollowers> {
  const ref = await communeRef(deps, communeId);
  enforce(zaloPolicy.visible(actor, ref), zaloPolicy.readFollowers(actor, ref));
  await requireConnected(deps, communeId);
  const api = oaFor(deps, communeId);
  return zalo(async () => {
    const page = await api.userList({ offset, count: 50 });
    const followers = [];
    for (const id of page.userIds) {
      const d = await api.userDetail(id).catch(() => undefined);
      followers.push({
        zaloUserId: id,
        displayName: d?.displayName ?? "",
        lastInteraction: d?.lastInteraction ? vnDate(d.lastInteraction).split("-").reverse().join("/") : null,
      });
    }
    return { total: page.total, followers };
  });
}
