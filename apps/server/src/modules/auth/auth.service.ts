import { createHash, timingSafeEqual } from "node:crypto";
import type { TRole } from "@binhyen/contracts";
import { POLICE_ROLES } from "@binhyen/contracts";
import type { Actor, RoleGrant } from "../../core/authz";
import { AppError } from "../../core/errors";
import { isPhoneError, normalizePhone } from "../../core/phone";
import { searchKey } from "../../core/text";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { loginFailureRepository, sessionRepository, type UserRow, userRepository } from "./auth.repository";
import { dummyHash, hashPassword, verifyPassword } from "./password";
import { matchTotp, newTotpSecret, totpProvisioning } from "./totp";

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Constant-time comparison for tokens (CSRF): no early exit that leaks the matching prefix length. */
export function tokensEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

const LOCK_AFTER = 5;
const MAX_LOCK_MS = 60 * 60 * 1000;
const BAD_CREDENTIALS = "Số điện thoại hoặc mật khẩu không đúng.";

function lockoutMs(failures: number): number {
  // 5 failures → 1 minute, then doubling up to an hour.
  return failures < LOCK_AFTER ? 0 : Math.min(60_000 * 2 ** (failures - LOCK_AFTER), MAX_LOCK_MS);
}

function failureKey(phoneInput: string): string {
  const p = normalizePhone(phoneInput);
  return isPhoneError(p) ? `raw:${searchKey(phoneInput).slice(0, 40)}` : p.national;
}

export type LoginResult = { token: string; csrfToken: string; totpSetupRequired: boolean; expiresAt: Date };

export async function login(
  deps: Deps,
  input: { phone: string; password: string; totp?: string | undefined },
  meta: { ip: string; userAgent: string | undefined; requestId: string },
): Promise<LoginResult> {
  const now = deps.clock.now();
  const key = failureKey(input.phone);
  const failures = await loginFailureRepository.get(deps.db, key);
  if (failures?.lockedUntil && failures.lockedUntil > now) {
    const seconds = Math.ceil((failures.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new AppError(
      "RATE_LIMITED",
      `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(seconds / 60)} phút.`,
      { retryAfterSeconds: seconds },
      { "retry-after": String(seconds) },
    );
  }
  const phone = normalizePhone(input.phone);
  const user = isPhoneError(phone) ? undefined : await userRepository.findByPhone(deps.db, phone.national);
  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword(await dummyHash(), input.password).then(() => false);

  const fail = async (message: string) => {
    const count = (failures?.count ?? 0) + 1;
    const lock = lockoutMs(count);
    await loginFailureRepository.put(
      deps.db,
      key,
      count,
      lock > 0 ? new Date(now.getTime() + lock) : null,
      now,
    );
    return new AppError("UNAUTHENTICATED", message);
  };

  if (!user || !passwordOk || user.status !== "active") {
    throw await fail(BAD_CREDENTIALS);
  }
  if (user.totpEnabled && user.totpSecretEnc) {
    if (!input.totp) {
      throw new AppError("TOTP_REQUIRED");
    }
    const secret = deps.box.open(user.totpSecretEnc, user.id);
    const step = matchTotp(secret, input.totp, now);
    if (step === null || (user.totpLastStep !== null && step <= user.totpLastStep)) {
      throw await fail("Mã xác thực không đúng hoặc đã được dùng.");
    }
    await userRepository.update(deps.db, user.id, { totpLastStep: step });
  }
  await loginFailureRepository.clear(deps.db, key);

  const token = deps.ids.token(32);
  const csrfToken = deps.ids.token(24);
  const expiresAt = new Date(now.getTime() + deps.config.sessionHours * 3600_000);
  await deps.db.transaction(async (tx) => {
    await sessionRepository.insert(tx, {
      id: sha256(token),
      userId: user.id,
      csrfToken,
      createdAt: now,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(tx, now, {
      actorUserId: user.id,
      action: "session.created",
      entityType: "user",
      entityId: user.id,
      communeId: user.homeCommuneId,
      data: { ip: meta.ip, totp: user.totpEnabled },
      requestId: meta.requestId,
    });
  });
  const roles = await rolesOf(deps, user.id);
  return { token, csrfToken, expiresAt, totpSetupRequired: totpSetupRequired(user, roles) };
}

type LoadedRoles = { grants: RoleGrant[]; requireTotpSomewhere: boolean };

async function rolesOf(deps: Deps, userId: string): Promise<LoadedRoles> {
  const rows = await userRepository.currentRoles(deps.db, userId);
  return {
    grants: rows.map((r) => ({
      role: r.role as TRole,
      ...(r.provinceId ? { provinceId: r.provinceId } : {}),
      ...(r.communeId ? { communeId: r.communeId } : {}),
      ...(r.hamletId ? { hamletId: r.hamletId } : {}),
      ...(r.groupId ? { groupId: r.groupId } : {}),
      ...(r.title ? { title: r.title } : {}),
    })),
    requireTotpSomewhere: rows.some(
      (r) => POLICE_ROLES.includes(r.role as TRole) && r.communeRequiresTotp === true,
    ),
  };
}

/** An officer in a commune that requires TOTP, without TOTP turned on. */
function totpSetupRequired(user: UserRow, roles: LoadedRoles): boolean {
  return !user.totpEnabled && roles.requireTotpSomewhere;
}

/** Resolves a session cookie to the acting person, or undefined when it is missing, expired or disabled. */
export async function actorFromSession(deps: Deps, token: string): Promise<Actor | undefined> {
  const now = deps.clock.now();
  const found = await sessionRepository.findValid(deps.db, sha256(token), now);
  if (found?.user.status !== "active") {
    return undefined;
  }
  const roles = await rolesOf(deps, found.user.id);
  return {
    userId: found.user.id,
    name: found.user.name,
    phone: found.user.phone,
    isOfficer: found.user.isOfficer,
    locale: found.user.locale === "en" ? "en" : "vi",
    totpEnabled: found.user.totpEnabled,
    roles: roles.grants,
    totpSetupRequired: totpSetupRequired(found.user, roles),
    sessionId: found.session.id,
    csrfToken: found.session.csrfToken,
  };
}

export async function logout(deps: Deps, actor: Actor, requestId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await sessionRepository.delete(tx, actor.sessionId);
    await recordAudit(tx, deps.clock.now(), {
      actorUserId: actor.userId,
      action: "session.ended",
      entityType: "user",
      entityId: actor.userId,
      requestId,
    });
  });
}

async function getUser(deps: Deps, id: string): Promise<UserRow> {
  const user = await userRepository.findById(deps.db, id);
  if (!user) {
    throw new AppError("NOT_FOUND");
  }
  return user;
}

export async function updateMe(
  deps: Deps,
  actor: Actor,
  patch: { locale?: "vi" | "en" | undefined; name?: string | undefined },
  requestId: string,
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await userRepository.update(tx, actor.userId, {
      ...(patch.locale ? { locale: patch.locale } : {}),
      ...(patch.name ? { name: patch.name, searchKey: searchKey(patch.name) } : {}),
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "user.profile_updated",
      entityType: "user",
      entityId: actor.userId,
      data: { fields: Object.keys(patch) },
      requestId,
    });
  });
}

export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  requestId: string,
): Promise<void> {
  const user = await getUser(deps, actor.userId);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("VALIDATION_FAILED", "Mật khẩu hiện tại không đúng.", [
      { path: "currentPassword", message: "Mật khẩu hiện tại không đúng." },
    ]);
  }
  const hashed = await hashPassword(input.newPassword, deps.passwordCost);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await userRepository.update(tx, user.id, {
      passwordHash: hashed,
      passwordChangedAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "user.password_changed",
      entityType: "user",
      entityId: user.id,
      requestId,
    });
  });
}

export async function startTotpSetup(deps: Deps, actor: Actor, requestId: string) {
  requireOfficer(actor);
  const secret = newTotpSecret();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await userRepository.update(tx, actor.userId, {
      totpPendingEnc: deps.box.seal(secret, actor.userId),
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "user.totp_setup_started",
      entityType: "user",
      entityId: actor.userId,
      requestId,
    });
  });
  return { secret, ...(await totpProvisioning(secret, actor.phone)) };
}

function requireOfficer(actor: Actor): void {
  if (!actor.isOfficer) {
    throw new AppError("FORBIDDEN", "Chỉ cán bộ công an dùng xác thực hai lớp.");
  }
}

export async function enableTotp(deps: Deps, actor: Actor, code: string, requestId: string): Promise<void> {
  requireOfficer(actor);
  const user = await getUser(deps, actor.userId);
  if (!user.totpPendingEnc) {
    throw new AppError("CONFLICT", "Hãy bắt đầu thiết lập xác thực hai lớp trước.");
  }
  const secret = deps.box.open(user.totpPendingEnc, user.id);
  const now = deps.clock.now();
  const step = matchTotp(secret, code, now);
  if (step === null) {
    throw new AppError("VALIDATION_FAILED", "Mã xác thực không đúng.", [
      { path: "code", message: "Mã xác thực không đúng." },
    ]);
  }
  await deps.db.transaction(async (tx) => {
    await userRepository.update(tx, user.id, {
      totpSecretEnc: user.totpPendingEnc,
      totpPendingEnc: null,
      totpEnabled: true,
      totpLastStep: step,
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "user.totp_enabled",
      entityType: "user",
      entityId: user.id,
      requestId,
    });
  });
}

export async function disableTotp(deps: Deps, actor: Actor, code: string, requestId: string): Promise<void> {
  requireOfficer(actor);
  const user = await getUser(deps, actor.userId);
  if (!user.totpEnabled || !user.totpSecretEnc) {
    throw new AppError("CONFLICT", "Xác thực hai lớp chưa được bật.");
  }
  const now = deps.clock.now();
  if (matchTotp(deps.box.open(user.totpSecretEnc, user.id), code, now) === null) {
    throw new AppError("VALIDATION_FAILED", "Mã xác thực không đúng.", [
      { path: "code", message: "Mã xác thực không đúng." },
    ]);
  }
  const roles = await rolesOf(deps, user.id);
  if (totpSetupRequired({ ...user, totpEnabled: false }, roles)) {
    throw new AppError("FORBIDDEN", "Xã yêu cầu cán bộ bật xác thực hai lớp; không thể tắt.");
  }
  await deps.db.transaction(async (tx) => {
    await userRepository.update(tx, user.id, {
      totpSecretEnc: null,
      totpEnabled: false,
      totpLastStep: null,
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "user.totp_disabled",
      entityType: "user",
      entityId: user.id,
      requestId,
    });
  });
}

/**
 * The Actor for a user without a session: for the demo seed and operator commands acting on a
 * person's behalf through the same services and policies as the API.
 */
export async function actorForUser(deps: Deps, userId: string): Promise<Actor> {
  const user = await getUser(deps, userId);
  const roles = await rolesOf(deps, user.id);
  return {
    userId: user.id,
    name: user.name,
    phone: user.phone,
    isOfficer: user.isOfficer,
    locale: user.locale === "en" ? "en" : "vi",
    totpEnabled: user.totpEnabled,
    roles: roles.grants,
    totpSetupRequired: false,
    sessionId: "system",
    csrfToken: "",
  };
}

/** For operator commands that act as a named officer (`--as PHONE`). */
export async function actorByPhone(deps: Deps, phoneInput: string): Promise<Actor> {
  const phone = normalizePhone(phoneInput);
  const user = isPhoneError(phone) ? undefined : await userRepository.findByPhone(deps.db, phone.national);
  if (!user || user.status !== "active") {
    throw new AppError("NOT_FOUND", `Không có tài khoản đang hoạt động với số ${phoneInput}.`);
  }
  return actorForUser(deps, user.id);
}
