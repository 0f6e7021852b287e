import type { TCreateOfficerRequest, TOfficer, TRole, TUpdateOfficerRequest } from "@binhyen/contracts";
import { type Actor, enforce } from "../../core/authz";
import { AppError } from "../../core/errors";
import { requirePhone } from "../../core/phone";
import { searchKey, sortByVietnameseName } from "../../core/text";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { sessionRepository, userRepository } from "../auth/auth.repository";
import { hashPassword, temporaryPassword } from "../auth/password";
import { communePolicy } from "./org.policy";
import { orgRepository } from "./org.repository";
import { getCommuneRef } from "./org.service";

async function communeRef(deps: Deps, communeId: string) {
  const { commune } = await getCommuneRef(deps, communeId);
  return { id: commune.id, provinceId: commune.provinceId };
}

export async function listOfficers(
  deps: Deps,
  actor: Actor,
  communeId: string,
): Promise<{ items: TOfficer[] }> {
  const ref = await communeRef(deps, communeId);
  enforce(communePolicy.visible(actor, ref), communePolicy.listOfficers(actor, ref));
  const { people, roles } = await orgRepository.listOfficers(deps.db, communeId);
  return {
    items: sortByVietnameseName(people, (p) => p.name).map((p) => ({
      id: p.id,
      name: p.name,
      phone: p.phone,
      status: p.status === "disabled" ? "disabled" : "active",
      totpEnabled: p.totpEnabled,
      roles: roles
        .filter((r) => r.role.userId === p.id)
        .map((r) => ({
          role: r.role.role as TRole,
          ...(r.role.groupId ? { groupId: r.role.groupId } : {}),
          ...(r.hamletName ? { hamletName: r.hamletName } : {}),
        })),
    })),
  };
}

export async function createOfficer(
  deps: Deps,
  actor: Actor,
  communeId: string,
  input: TCreateOfficerRequest,
  requestId: string,
): Promise<{ userId: string; temporaryPassword: string }> {
  const ref = await communeRef(deps, communeId);
  enforce(communePolicy.visible(actor, ref), communePolicy.manageOfficers(actor, ref));
  if (input.communeDeputy && !communePolicy.manageManagement(actor, ref)) {
    throw new AppError("FORBIDDEN", "Chỉ Trưởng Công an xã giao quyền Phó Trưởng (Tổ viên Tổ quản lý).");
  }
  const phone = requirePhone(input.phone, "phone");
  if (await userRepository.findByPhone(deps.db, phone.national)) {
    throw new AppError("CONFLICT", "Số điện thoại này đã có tài khoản.", [
      { path: "phone", message: "already registered" },
    ]);
  }
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password, deps.passwordCost);
  const now = deps.clock.now();
  const userId = deps.ids.uuid();
  await deps.db.transaction(async (tx) => {
    await userRepository.insert(tx, {
      id: userId,
      name: input.name,
      searchKey: searchKey(input.name),
      phone: phone.national,
      passwordHash,
      isOfficer: true,
      homeCommuneId: communeId,
      createdAt: now,
      updatedAt: now,
    });
    if (input.communeDeputy) {
      await orgRepository.insertRole(tx, {
        id: deps.ids.uuid(),
        userId,
        role: "COMMUNE_DEPUTY",
        communeId,
        createdAt: now,
      });
    }
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "officer.created",
      entityType: "user",
      entityId: userId,
      communeId,
      data: { communeDeputy: input.communeDeputy ?? false },
      requestId,
    });
  });
  return { userId, temporaryPassword: password };
}

export async function updateOfficer(
  deps: Deps,
  actor: Actor,
  communeId: string,
  userId: string,
  input: TUpdateOfficerRequest,
  requestId: string,
): Promise<{ temporaryPassword: string | null }> {
  const ref = await communeRef(deps, communeId);
  enforce(communePolicy.visible(actor, ref), communePolicy.manageOfficers(actor, ref));
  const user = await userRepository.findById(deps.db, userId);
  if (!user?.isOfficer || user.homeCommuneId !== communeId) {
    throw new AppError("NOT_FOUND");
  }
  const roles = await orgRepository.currentRolesOfUser(deps.db, userId);
  const management = roles.some((r) => r.role.role === "COMMUNE_CHIEF" || r.role.role === "COMMUNE_DEPUTY");
  if (management && !communePolicy.manageManagement(actor, ref)) {
    throw new AppError("FORBIDDEN", "Chỉ Trưởng Công an xã thay đổi tài khoản của Tổ quản lý.");
  }
  if (userId === actor.userId && input.status === "disabled") {
    throw new AppError("CONFLICT", "Không thể tự khóa tài khoản của mình.");
  }
  if (input.status === "disabled" && roles.some((r) => r.role.role === "GROUP_LEADER")) {
    throw new AppError(
      "CONFLICT",
      "Cán bộ đang là Trưởng nhóm: hãy giao nhóm cho người khác trước khi khóa tài khoản.",
    );
  }
  const now = deps.clock.now();
  const password = input.resetPassword ? temporaryPassword() : null;
  const passwordHash = password ? await hashPassword(password, deps.passwordCost) : undefined;
  await deps.db.transaction(async (tx) => {
    await userRepository.update(tx, userId, {
      ...(input.status ? { status: input.status } : {}),
      ...(passwordHash ? { passwordHash, passwordChangedAt: now } : {}),
      updatedAt: now,
    });
    if (input.status === "disabled" || passwordHash) {
      await sessionRepository.deleteForUser(tx, userId);
    }
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "officer.updated",
      entityType: "user",
      entityId: userId,
      communeId,
      data: { status: input.status ?? null, passwordReset: password !== null },
      requestId,
    });
  });
  return { temporaryPassword: password };
}
