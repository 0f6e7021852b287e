import type { TCommuneDetail, TCreateHamletRequest, TProvinceSummary } from "@binhyen/contracts";
import { type Actor, enforce } from "../../core/authz";
import { AppError } from "../../core/errors";
import { searchKey } from "../../core/text";
import type { Tx } from "../../db/client";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { userRepository } from "../auth/auth.repository";
import { communePolicy, provincePolicy } from "./org.policy";
import { hamletKind, isoDate, presentGroupSummary } from "./org.presenter";
import { orgRepository } from "./org.repository";

const HAMLET_LABEL: Record<string, string> = {
  AP: "Ấp",
  THON: "Thôn",
  KHU_PHO: "Khu phố",
  TO_DAN_PHO: "Tổ dân phố",
};

/** Loads a commune or answers 404; the policy check follows with the loaded row. */
export async function getCommuneRef(deps: Deps, communeId: string) {
  const found = await orgRepository.findCommune(deps.db, communeId);
  if (!found) {
    throw new AppError("NOT_FOUND");
  }
  return found;
}

export async function getCommuneDetail(deps: Deps, actor: Actor, communeId: string): Promise<TCommuneDetail> {
  const { commune, province } = await getCommuneRef(deps, communeId);
  const ref = { id: commune.id, provinceId: commune.provinceId };
  enforce(communePolicy.visible(actor, ref), communePolicy.read(actor, ref));
  const rows = await orgRepository.listHamletsWithGroups(deps.db, communeId);
  const groupIds = rows.map((r) => r.group.id);
  const [officials, counts] = await Promise.all([
    orgRepository.groupOfficials(deps.db, groupIds),
    orgRepository.memberCounts(deps.db, groupIds),
  ]);
  return {
    id: commune.id,
    name: commune.name,
    kind: commune.kind as TCommuneDetail["kind"],
    code: commune.code,
    province,
    remote: commune.remote,
    requireTotp: commune.requireTotp,
    validFrom: isoDate(commune.validFrom) ?? "",
    validTo: isoDate(commune.validTo),
    hamlets: rows.map(({ hamlet, group }) => ({
      id: hamlet.id,
      name: hamlet.name,
      kind: hamletKind(hamlet.kind),
      remote: hamlet.remote,
      validFrom: isoDate(hamlet.validFrom) ?? "",
      validTo: isoDate(hamlet.validTo),
      group: presentGroupSummary(group, officials, counts.get(group.id) ?? 0),
    })),
  };
}

/** The leader must be an active police officer of this commune. */
export async function requireOfficerOfCommune(db: Tx, userId: string, communeId: string) {
  const user = await userRepository.findById(db, userId);
  if (!user?.isOfficer || user.homeCommuneId !== communeId || user.status !== "active") {
    throw new AppError("VALIDATION_FAILED", "Trưởng nhóm phải là cán bộ Công an xã đang hoạt động.", [
      { path: "userId", message: "not an active officer of this commune" },
    ]);
  }
  return user;
}

/** Creates a hamlet with its one group and that group's leader, in one transaction (II.5.1). */
export async function createHamlet(
  deps: Deps,
  actor: Actor,
  communeId: string,
  input: TCreateHamletRequest,
  requestId: string,
): Promise<{ hamletId: string; groupId: string }> {
  const { commune } = await getCommuneRef(deps, communeId);
  const ref = { id: commune.id, provinceId: commune.provinceId };
  enforce(communePolicy.visible(actor, ref), communePolicy.manageHamlets(actor, ref));
  const now = deps.clock.now();
  const hamletId = deps.ids.uuid();
  const groupId = deps.ids.uuid();
  const key = searchKey(input.name);
  const existing = await orgRepository.listHamletsWithGroups(deps.db, communeId);
  if (existing.some((r) => r.hamlet.searchKey === key)) {
    throw new AppError("CONFLICT", `Xã đã có ${input.name}.`, [
      { path: "name", message: "duplicate hamlet" },
    ]);
  }
  await deps.db.transaction(async (tx) => {
    const leader = await requireOfficerOfCommune(tx, input.leaderUserId, communeId);
    await orgRepository.insertHamlet(tx, {
      id: hamletId,
      communeId,
      name: input.name,
      searchKey: key,
      kind: input.kind,
      remote: input.remote ?? false,
      sortOrder: existing.length + 1,
      validFrom: input.validFrom ?? now.toISOString().slice(0, 10),
    });
    const groupName = `Zalo kết nối bình yên ${/^(ấp|thôn|khu phố|tổ dân phố)\b/i.test(input.name) ? input.name : `${HAMLET_LABEL[input.kind] ?? ""} ${input.name}`.trim()}`;
    await orgRepository.insertGroup(tx, {
      id: groupId,
      hamletId,
      communeId,
      name: groupName,
      createdAt: now,
      updatedAt: now,
    });
    await orgRepository.insertRole(tx, {
      id: deps.ids.uuid(),
      userId: leader.id,
      role: "GROUP_LEADER",
      communeId,
      hamletId,
      groupId,
      createdAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "hamlet.created",
      entityType: "hamlet",
      entityId: hamletId,
      communeId,
      data: { name: input.name, kind: input.kind, groupId, leaderUserId: leader.id },
      requestId,
    });
  });
  return { hamletId, groupId };
}

export async function updateCommuneSettings(
  deps: Deps,
  actor: Actor,
  communeId: string,
  input: { requireTotp: boolean },
  requestId: string,
): Promise<void> {
  const { commune } = await getCommuneRef(deps, communeId);
  const ref = { id: commune.id, provinceId: commune.provinceId };
  enforce(communePolicy.visible(actor, ref), communePolicy.manageSettings(actor, ref));
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await orgRepository.updateCommune(tx, communeId, { requireTotp: input.requireTotp });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "commune.settings_updated",
      entityType: "commune",
      entityId: communeId,
      communeId,
      data: { requireTotp: { from: commune.requireTotp, to: input.requireTotp } },
      requestId,
    });
  });
}

export async function getProvinceSummary(
  deps: Deps,
  actor: Actor,
  provinceId: string,
): Promise<TProvinceSummary> {
  enforce(provincePolicy.visible(actor, provinceId), provincePolicy.readSummary(actor, provinceId));
  const province = await orgRepository.findProvince(deps.db, provinceId);
  if (!province) {
    throw new AppError("NOT_FOUND");
  }
  const rows = await orgRepository.provinceSummary(deps.db, provinceId);
  return {
    province: { id: province.id, name: province.name },
    communes: rows.map((r) => ({
      communeId: r.commune_id,
      name: r.name,
      hamlets: Number(r.hamlets),
      groups: Number(r.groups),
      groupsWithLeader: Number(r.groups_with_leader),
      members: Number(r.members),
    })),
  };
}
