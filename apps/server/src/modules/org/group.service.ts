import { createHash } from "node:crypto";
import type {
  TAddDeputyRequest,
  TGroupDetail,
  TGroupMembersResponse,
  TMemberKind,
  TUpdateGroupRequest,
} from "@binhyen/contracts";
import sharp, { type OutputInfo } from "sharp";
import { type Actor, enforce } from "../../core/authz";
import { AppError } from "../../core/errors";
import { requirePhone } from "../../core/phone";
import { likePattern, searchKey, sortByVietnameseName } from "../../core/text";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { userRepository } from "../auth/auth.repository";
import { hashPassword, temporaryPassword } from "../auth/password";
import { zaloEffects } from "../zalo/zalo-effects";
import { groupPolicy } from "./org.policy";
import { hamletKind, presentGroupSummary } from "./org.presenter";
import { orgRepository } from "./org.repository";
import { requireOfficerOfCommune } from "./org.service";

export async function loadGroup(deps: Deps, groupId: string) {
  const found = await orgRepository.findGroup(deps.db, groupId);
  if (!found) {
    throw new AppError("NOT_FOUND");
  }
  const ref = { id: found.group.id, communeId: found.group.communeId, provinceId: found.provinceId };
  return { ...found, ref };
}

export async function getGroup(deps: Deps, actor: Actor, groupId: string): Promise<TGroupDetail> {
  const { group, hamlet, ref } = await loadGroup(deps, groupId);
  enforce(groupPolicy.visible(actor, ref), groupPolicy.read(actor, ref));
  const [officials, counts] = await Promise.all([
    orgRepository.groupOfficials(deps.db, [groupId]),
    orgRepository.memberCounts(deps.db, [groupId]),
  ]);
  return {
    ...presentGroupSummary(group, officials, counts.get(groupId) ?? 0),
    communeId: group.communeId,
    hamlet: { id: hamlet.id, name: hamlet.name, kind: hamletKind(hamlet.kind) },
    description: group.description,
    rules: group.rules,
    deputiesSeePhones: group.deputiesSeePhones,
    avatarUrl: group.avatarMediaId ? `/api/groups/${group.id}/avatar?v=${group.avatarMediaId}` : null,
    backgroundUrl: group.backgroundMediaId
      ? `/api/groups/${group.id}/background?v=${group.backgroundMediaId}`
      : null,
    updatedAt: group.updatedAt.toISOString(),
  };
}

export async function updateGroup(
  deps: Deps,
  actor: Actor,
  groupId: string,
  patch: TUpdateGroupRequest,
  requestId: string,
): Promise<TGroupDetail> {
  const { group, ref } = await loadGroup(deps, groupId);
  enforce(groupPolicy.visible(actor, ref), groupPolicy.editProfile(actor, ref));
  const now = deps.clock.now();
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ["name", "description", "rules", "postingMode"] as const) {
    const value = patch[key];
    if (value !== undefined && value !== group[key]) {
      changes[key] = { from: group[key], to: value };
    }
  }
  await deps.db.transaction(async (tx) => {
    await orgRepository.updateGroup(tx, groupId, { ...patch, updatedAt: now });
    if (changes.postingMode && patch.postingMode) {
      await zaloEffects.postingModeChanged(tx, groupId, patch.postingMode, now);
    }
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "group.profile_updated",
      entityType: "group",
      entityId: groupId,
      communeId: group.communeId,
      data: changes,
      requestId,
    });
  });
  return getGroup(deps, actor, groupId);
}

const IMAGE_SPECS = {
  avatar: { width: 512, height: 512, fit: "cover" as const },
  background: { width: 1600, height: 600, fit: "cover" as const },
};
export type GroupImageKind = keyof typeof IMAGE_SPECS;

/**
 * Accepts an image only by its content (sharp decodes it; the declared type is ignored), and stores
 * a re-encoded WebP: EXIF and GPS are dropped because sharp writes no metadata unless asked.
 */
export async function setGroupImage(
  deps: Deps,
  actor: Actor,
  groupId: string,
  kind: GroupImageKind,
  bytes: Buffer,
  requestId: string,
): Promise<TGroupDetail> {
  const { group, ref } = await loadGroup(deps, groupId);
  enforce(groupPolicy.visible(actor, ref), groupPolicy.editProfile(actor, ref));
  let out: { data: Buffer; info: OutputInfo };
  try {
    const meta = await sharp(bytes).metadata();
    if (!meta.format || !["jpeg", "png", "webp"].includes(meta.format)) {
      throw new Error(`unsupported format ${meta.format}`);
    }
    const spec = IMAGE_SPECS[kind];
    out = await sharp(bytes)
      .rotate()
      .resize({ width: spec.width, height: spec.height, fit: spec.fit })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new AppError("VALIDATION_FAILED", "Tệp không phải ảnh JPEG, PNG hoặc WebP hợp lệ.", [
      { path: "file", message: "not a supported image" },
    ]);
  }
  const now = deps.clock.now();
  const mediaId = deps.ids.uuid();
  await deps.db.transaction(async (tx) => {
    await orgRepository.insertMedia(tx, {
      id: mediaId,
      communeId: group.communeId,
      contentType: "image/webp",
      bytes: out.data,
      width: out.info.width,
      height: out.info.height,
      sha256: createHash("sha256").update(out.data).digest("hex"),
      createdBy: actor.userId,
      createdAt: now,
    });
    await orgRepository.updateGroup(tx, groupId, {
      ...(kind === "avatar" ? { avatarMediaId: mediaId } : { backgroundMediaId: mediaId }),
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: kind === "avatar" ? "group.avatar_changed" : "group.background_changed",
      entityType: "group",
      entityId: groupId,
      communeId: group.communeId,
      data: { mediaId, bytes: out.data.length },
      requestId,
    });
  });
  return getGroup(deps, actor, groupId);
}

export async function getGroupImage(deps: Deps, actor: Actor, groupId: string, kind: GroupImageKind) {
  const { group, ref } = await loadGroup(deps, groupId);
  enforce(groupPolicy.visible(actor, ref), groupPolicy.read(actor, ref));
  const mediaId = kind === "avatar" ? group.avatarMediaId : group.backgroundMediaId;
  const media = mediaId ? await orgRepository.findMedia(deps.db, mediaId) : undefined;
  if (!media) {
    throw new AppError("NOT_FOUND");
  }
  return media;
}

export async function listGroupMembers(
  deps: Deps,
  actor: Actor,
  groupId: string,
  query: {
    q?: string | undefined;
    unconfirmed?: "true" | "false" | undefined;
    limit: number;
    offset: number;
  },
): Promise<TGroupMembersResponse> {
  const { ref } = await loadGroup(deps, groupId);
  enforce(groupPolicy.visible(actor, ref), groupPolicy.read(actor, ref));
  const showPhones = groupPolicy.seeMemberPhones(actor, ref);
  const pattern = query.q ? likePattern(query.q) : undefined;
  const { total, items } = await orgRepository.listMembers(
    deps.db,
    groupId,
    pattern,
    query.limit,
    query.offset,
  );
  return {
    total,
    items: sortByVietnameseName(items, (m) => m.name).map((m) => ({
      id: m.id,
      name: m.name,
      phone: showPhones ? m.phone : null,
      kind: m.kind as TMemberKind,
      householdId: m.householdId,
      householdConfirmed: m.householdConfirmed,
      joinedAt: m.joinedAt.toISOString(),
    })),
  };
}

/** Replaces the group's leader in one transaction, so the group is never without exactly one. */
export async function assignLeader(
  deps: Deps,
  actor: Actor,
  groupId: string,
  userId: string,
  requestId: string,
): Promise<void> {
  const { group, hamlet, ref } = await loadGroup(deps, groupId);
  enforce(groupPolicy.visible(actor, ref), groupPolicy.assignLeader(actor, ref));
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const leader = await requireOfficerOfCommune(tx, userId, group.communeId);
    const current = await orgRepository.findCurrentRole(tx, { groupId, role: "GROUP_LEADER" }, true);
    if (current?.userId === leader.id) {
      return;
    }
    if (current) {
      await orgRepository.endRole(tx, current.id, now);
    }
    await orgRepository.insertRole(tx, {
      id: deps.ids.uuid(),
      userId: leader.id,
      role: "GROUP_LEADER",
      communeId: group.communeId,
      hamletId: hamlet.id,
      groupId,
      createdAt: now,
    });
    await zaloEffects.adminsChanged(tx, groupId, now);
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "group.leader_assigned",
      entityType: "group",
      entityId: groupId,
      communeId: group.communeId,
      data: { from: current?.userId ?? null, to: leader.id },
      requestId,
    });
  });
}

export async function addDeputy(
  deps: Deps,
  actor: Actor,
  groupId: string,
  input: TAddDeputyRequest,
  requestId: string,
): Promise<{ userId: string; temporaryPassword: string | null }> {
  const { group, hamlet, ref } = await loadGroup(deps, groupId);
  enforce(groupPolicy.visible(actor, ref), groupPolicy.manageDeputies(actor, ref));
  const phone = requirePhone(input.phone, "phone");
  const now = deps.clock.now();
  let password: string | null = null;
  const userId = await deps.db.transaction(async (tx) => {
    let user = await userRepository.findByPhone(tx, phone.national);
    if (!user) {
      password = temporaryPassword();
      const id = deps.ids.uuid();
      await userRepository.insert(tx, {
        id,
        name: input.name,
        searchKey: searchKey(input.name),
        phone: phone.national,
        passwordHash: await hashPassword(password, deps.passwordCost),
        homeCommuneId: group.communeId,
        createdAt: now,
        updatedAt: now,
      });
      user = await userRepository.findById(tx, id);
    }
    if (!user) {
      throw new AppError("INTERNAL");
    }
    const existing = await orgRepository.findCurrentRole(tx, {
      userId: user.id,
      groupId,
      role: "GROUP_DEPUTY",
    });
    if (existing) {
      throw new AppError("CONFLICT", `${user.name} đã là Phó nhóm của nhóm này.`);
    }
    const leader = await orgRepository.findCurrentRole(tx, {
      userId: user.id,
      groupId,
      role: "GROUP_LEADER",
    });
    if (leader) {
      throw new AppError("CONFLICT", "Trưởng nhóm không thể đồng thời là Phó nhóm.");
    }
    await orgRepository.insertRole(tx, {
      id: deps.ids.uuid(),
      userId: user.id,
      role: "GROUP_DEPUTY",
      communeId: group.communeId,
      hamletId: hamlet.id,
      groupId,
      title: input.title,
      createdAt: now,
    });
    await zaloEffects.adminsChanged(tx, groupId, now);
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "group.deputy_added",
      entityType: "group",
      entityId: groupId,
      communeId: group.communeId,
      data: { userId: user.id, title: input.title, accountCreated: password !== null },
      requestId,
    });
    return user.id;
  });
  return { userId, temporaryPassword: password };
}

export async function removeDeputy(
  deps: Deps,
  actor: Actor,
  groupId: string,
  userId: string,
  requestId: string,
): Promise<void> {
  const { group, ref } = await loadGroup(deps, groupId);
  enforce(groupPolicy.visible(actor, ref), groupPolicy.manageDeputies(actor, ref));
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const role = await orgRepository.findCurrentRole(tx, { userId, groupId, role: "GROUP_DEPUTY" }, true);
    if (!role) {
      throw new AppError("NOT_FOUND", "Người này không phải Phó nhóm của nhóm.");
    }
    await orgRepository.endRole(tx, role.id, now);
    await zaloEffects.adminsChanged(tx, groupId, now);
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "group.deputy_removed",
      entityType: "group",
      entityId: groupId,
      communeId: group.communeId,
      data: { userId },
      requestId,
    });
  });
}
