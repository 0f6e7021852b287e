import type { TCommuneKind, THamletKind } from "@binhyen/contracts";
import { AppError } from "../../core/errors";
import { isPhoneError, normalizePhone, requirePhone } from "../../core/phone";
import { searchKey } from "../../core/text";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { sessionRepository, userRepository } from "../auth/auth.repository";
import { hashPassword } from "../auth/password";
import { orgRepository } from "./org.repository";

export type InitCommuneInput = {
  provinceName: string;
  communeName: string;
  communeKind: TCommuneKind;
  hamlets: { name: string; kind: THamletKind }[];
  chief: { name: string; phone: string; password: string };
  validFrom: string;
};

/**
 * `binhyen init`: a commune with its hamlets, one group each, and the chief's account. The chief
 * leads every group until leaders are assigned, so each group has exactly one leader from the start.
 */
export async function initCommune(deps: Deps, input: InitCommuneInput) {
  const phone = requirePhone(input.chief.phone, "chief.phone");
  if (input.chief.password.length < 10) {
    throw new AppError("VALIDATION_FAILED", "Mật khẩu cần ít nhất 10 ký tự.", [
      { path: "chief.password", message: "min 10" },
    ]);
  }
  if (await userRepository.findByPhone(deps.db, phone.national)) {
    throw new AppError("CONFLICT", `Số ${phone.national} đã có tài khoản.`);
  }
  const now = deps.clock.now();
  const passwordHash = await hashPassword(input.chief.password, deps.passwordCost);
  const ids = { provinceId: deps.ids.uuid(), communeId: deps.ids.uuid(), chiefId: deps.ids.uuid() };
  await deps.db.transaction(async (tx) => {
    await orgRepository.insertProvince(tx, {
      id: ids.provinceId,
      name: input.provinceName,
      validFrom: input.validFrom,
    });
    await orgRepository.insertCommune(tx, {
      id: ids.communeId,
      provinceId: ids.provinceId,
      name: input.communeName,
      kind: input.communeKind,
      validFrom: input.validFrom,
    });
    await userRepository.insert(tx, {
      id: ids.chiefId,
      name: input.chief.name,
      searchKey: searchKey(input.chief.name),
      phone: phone.national,
      passwordHash,
      isOfficer: true,
      homeCommuneId: ids.communeId,
      createdAt: now,
      updatedAt: now,
    });
    await orgRepository.insertRole(tx, {
      id: deps.ids.uuid(),
      userId: ids.chiefId,
      role: "COMMUNE_CHIEF",
      communeId: ids.communeId,
      createdAt: now,
    });
    let order = 0;
    for (const h of input.hamlets) {
      const hamletId = deps.ids.uuid();
      const groupId = deps.ids.uuid();
      await orgRepository.insertHamlet(tx, {
        id: hamletId,
        communeId: ids.communeId,
        name: h.name,
        searchKey: searchKey(h.name),
        kind: h.kind,
        sortOrder: ++order,
        validFrom: input.validFrom,
      });
      await orgRepository.insertGroup(tx, {
        id: groupId,
        hamletId,
        communeId: ids.communeId,
        name: `Zalo kết nối bình yên ${h.name}`,
        createdAt: now,
        updatedAt: now,
      });
      await orgRepository.insertRole(tx, {
        id: deps.ids.uuid(),
        userId: ids.chiefId,
        role: "GROUP_LEADER",
        communeId: ids.communeId,
        hamletId,
        groupId,
        createdAt: now,
      });
    }
    await recordAudit(tx, now, {
      actorUserId: null,
      action: "commune.initialised",
      entityType: "commune",
      entityId: ids.communeId,
      communeId: ids.communeId,
      data: { name: input.communeName, hamlets: input.hamlets.length, chiefUserId: ids.chiefId },
    });
  });
  return ids;
}

/** `binhyen user reset-password|disable|enable`, run by the operator on the server. */
export async function operatorUpdateUser(
  deps: Deps,
  phoneInput: string,
  change: { password?: string; status?: "active" | "disabled" },
) {
  const phone = normalizePhone(phoneInput);
  const user = isPhoneError(phone) ? undefined : await userRepository.findByPhone(deps.db, phone.national);
  if (!user) {
    throw new AppError("NOT_FOUND", `Không có tài khoản với số ${phoneInput}.`);
  }
  const now = deps.clock.now();
  const passwordHash = change.password ? await hashPassword(change.password, deps.passwordCost) : undefined;
  await deps.db.transaction(async (tx) => {
    await userRepository.update(tx, user.id, {
      ...(passwordHash ? { passwordHash, passwordChangedAt: now } : {}),
      ...(change.status ? { status: change.status } : {}),
      updatedAt: now,
    });
    await sessionRepository.deleteForUser(tx, user.id);
    await recordAudit(tx, now, {
      actorUserId: null,
      action: "user.updated_by_operator",
      entityType: "user",
      entityId: user.id,
      communeId: user.homeCommuneId,
      data: { passwordReset: !!passwordHash, status: change.status ?? null },
    });
  });
  return user;
}

/** `binhyen user add`: an officer account in a commune, optionally chief or management-team deputy. */
export async function operatorAddOfficer(
  deps: Deps,
  input: {
    communeId: string;
    name: string;
    phone: string;
    password: string;
    role?: "COMMUNE_CHIEF" | "COMMUNE_DEPUTY";
  },
) {
  const phone = requirePhone(input.phone, "phone");
  if (!(await orgRepository.findCommune(deps.db, input.communeId))) {
    throw new AppError("NOT_FOUND", `Không có xã ${input.communeId}.`);
  }
  if (await userRepository.findByPhone(deps.db, phone.national)) {
    throw new AppError("CONFLICT", `Số ${phone.national} đã có tài khoản.`);
  }
  if (input.password.length < 10) {
    throw new AppError("VALIDATION_FAILED", "Mật khẩu cần ít nhất 10 ký tự.", [
      { path: "password", message: "min 10" },
    ]);
  }
  const now = deps.clock.now();
  const id = deps.ids.uuid();
  const passwordHash = await hashPassword(input.password, deps.passwordCost);
  await deps.db.transaction(async (tx) => {
    await userRepository.insert(tx, {
      id,
      name: input.name.normalize("NFC"),
      searchKey: searchKey(input.name),
      phone: phone.national,
      passwordHash,
      isOfficer: true,
      homeCommuneId: input.communeId,
      createdAt: now,
      updatedAt: now,
    });
    if (input.role) {
      await orgRepository.insertRole(tx, {
        id: deps.ids.uuid(),
        userId: id,
        role: input.role,
        communeId: input.communeId,
        createdAt: now,
      });
    }
    await recordAudit(tx, now, {
      actorUserId: null,
      action: "officer.created_by_operator",
      entityType: "user",
      entityId: id,
      communeId: input.communeId,
      data: { role: input.role ?? null },
    });
  });
  return { userId: id, phone: phone.national };
}
