import {
  CONSENT_PURPOSES,
  CONSENT_VERSION,
  type THouseholdInvite,
  type TJoinInfo,
  type TJoinRequest,
  type TJoinResult,
} from "@binhyen/contracts";
import QRCode from "qrcode";
import { type Actor, enforce } from "../../core/authz";
import { AppError } from "../../core/errors";
import { requirePhone } from "../../core/phone";
import { searchKey, vietnameseSortKey } from "../../core/text";
import type { Deps } from "../../deps";
import { outboxRepository } from "../../events/outbox.repository";
import { recordAudit } from "../audit/audit.service";
import { householdPolicy } from "../households/households.policy";
import { householdsRepository } from "../households/households.repository";
import { loadHamlet } from "../households/households.service";
import { inviteToken, newManageToken, parseInviteToken, shortName } from "./invite-token";
import { invitesRepository } from "./invites.repository";
import { renderJoinPoster } from "./join-poster";

const INVITE_DAYS = 90;

const qr = (url: string) => QRCode.toDataURL(url, { margin: 1, width: 320, errorCorrectionLevel: "M" });

async function loadHousehold(deps: Deps, householdId: string) {
  const household = await householdsRepository.find(deps.db, householdId);
  if (!household) {
    throw new AppError("NOT_FOUND");
  }
  return { household, ...(await loadHamlet(deps, household.hamletId)) };
}

/** A personal link and QR code for one household (reused while valid). */
export async function createInvite(
  deps: Deps,
  actor: Actor,
  householdId: string,
  requestId: string,
): Promise<THouseholdInvite> {
  const { household, ref } = await loadHousehold(deps, householdId);
  enforce(householdPolicy.visible(actor, ref), householdPolicy.edit(actor, ref));
  if (household.status !== "active") {
    throw new AppError("CONFLICT", "Hộ này đã chuyển đi hoặc giải thể: không mời được.");
  }
  const now = deps.clock.now();
  const existing = (await invitesRepository.currentInviteOfHousehold(deps.db, householdId)).find(
    (i) => !i.revokedAt && i.expiresAt > now,
  );
  const invite = existing ?? {
    id: deps.ids.uuid(),
    expiresAt: new Date(now.getTime() + INVITE_DAYS * 86400_000),
  };
  if (!existing) {
    await deps.db.transaction(async (tx) => {
      await invitesRepository.insertInvite(tx, {
        id: invite.id,
        groupId: ref.groupId,
        communeId: ref.communeId,
        householdId,
        createdBy: actor.userId,
        createdAt: now,
        expiresAt: invite.expiresAt,
      });
      if (household.contactStatus === "not_contacted") {
        await householdsRepository.update(tx, householdId, { contactStatus: "invited", updatedAt: now });
      }
      await recordAudit(tx, now, {
        actorUserId: actor.userId,
        action: "invite.created",
        entityType: "household",
        entityId: householdId,
        communeId: ref.communeId,
        data: { inviteId: invite.id },
        requestId,
      });
    });
  }
  const url = `${deps.config.publicUrl}/join/${inviteToken(deps.box, invite.id)}`;
  return { inviteId: invite.id, url, qrDataUrl: await qr(url), expiresAt: invite.expiresAt.toISOString() };
}

/** Hands the invite to a channel that reaches phones, through the outbox (never directly). */
export async function sendInvite(
  deps: Deps,
  actor: Actor,
  householdId: string,
  channel: string,
  requestId: string,
) {
  const invite = await createInvite(deps, actor, householdId, requestId);
  const { household, ref, group } = await loadHousehold(deps, householdId);
  const target = deps.channels.get(channel);
  if (!target?.reachesPhones) {
    const names = deps.channels.names().filter((n) => deps.channels.get(n)?.reachesPhones);
    throw new AppError(
      "CHANNEL_UNAVAILABLE",
      names.length === 0
        ? "Chưa bật kênh nào gửi được tới số điện thoại (Zalo, SMS). Hãy sao chép đường dẫn hoặc in mã QR."
        : `Kênh "${channel}" chưa bật. Các kênh dùng được: ${names.join(", ")}.`,
    );
  }
  const phone = household.phones[0];
  if (!phone) {
    throw new AppError("VALIDATION_FAILED", "Hộ này chưa có số điện thoại.", [
      { path: "phones", message: "none" },
    ]);
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await outboxRepository.enqueue(
      tx,
      {
        event: "invite.sent",
        channel,
        payload: { phone, url: invite.url, groupName: group.name },
        idempotencyKey: `invite:${invite.inviteId}:${channel}:${now.toISOString().slice(0, 10)}`,
        communeId: ref.communeId,
      },
      now,
    );
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "invite.sent",
      entityType: "household",
      entityId: householdId,
      communeId: ref.communeId,
      data: { inviteId: invite.inviteId, channel },
      requestId,
    });
  });
  return { queued: true as const };
}

function consentOrThrow(consent: TJoinRequest["consent"]) {
  if (consent.version !== CONSENT_VERSION) {
    throw new AppError("VALIDATION_FAILED", "Nội dung đồng ý đã thay đổi. Hãy tải lại trang và đọc lại.", [
      { path: "consent.version", message: "outdated" },
    ]);
  }
  const missing = CONSENT_PURPOSES.filter((p) => p.required && !consent.purposes.includes(p.code));
  if (missing.length > 0) {
    throw new AppError("VALIDATION_FAILED", "Cần đánh dấu đồng ý các mục bắt buộc để tham gia nhóm.", [
      { path: "consent.purposes", message: `missing ${missing.map((m) => m.code).join(", ")}` },
    ]);
  }
}

async function publicGroup(deps: Deps, groupId: string) {
  const info = await invitesRepository.groupPublicInfo(deps.db, groupId);
  if (!info) {
    throw new AppError("NOT_FOUND");
  }
  return info;
}

function joinInfo(
  info: Awaited<ReturnType<typeof publicGroup>>,
  household: { headName: string } | null,
): TJoinInfo {
  return {
    kind: household ? "household" : "group",
    group: {
      id: info.group.id,
      name: info.group.name,
      description: info.group.description,
      rules: info.group.rules,
      hamletName: info.hamletName,
      communeName: info.communeName,
      leaderName: info.leader?.name ?? null,
    },
    household: household ? { headName: shortName(household.headName) } : null,
    consent: { version: CONSENT_VERSION, purposes: CONSENT_PURPOSES },
  };
}

async function validInvite(deps: Deps, token: string) {
  const id = parseInviteToken(deps.box, token);
  const invite = id ? await invitesRepository.findInvite(deps.db, id) : undefined;
  if (!invite || invite.revokedAt || invite.expiresAt <= deps.clock.now()) {
    throw new AppError("NOT_FOUND", "Đường dẫn mời không đúng hoặc đã hết hạn. Hãy liên hệ Trưởng nhóm.");
  }
  const household = await householdsRepository.find(deps.db, invite.householdId);
  if (household?.status !== "active") {
    throw new AppError("NOT_FOUND", "Đường dẫn mời không còn dùng được. Hãy liên hệ Trưởng nhóm.");
  }
  return { invite, household };
}

export async function inviteJoinInfo(deps: Deps, token: string): Promise<TJoinInfo> {
  const { invite, household } = await validInvite(deps, token);
  return joinInfo(await publicGroup(deps, invite.groupId), household);
}

export async function groupJoinInfo(deps: Deps, groupId: string): Promise<TJoinInfo> {
  return joinInfo(await publicGroup(deps, groupId), null);
}

/**
 * Joining with a personal invite: the resident becomes a member at once. When the phone or name
 * does not match the invited household, the leader still has to confirm which household it is,
 * and until then the member does not count for coverage.
 */
export async function joinByInvite(deps: Deps, token: string, input: TJoinRequest): Promise<TJoinResult> {
  consentOrThrow(input.consent);
  const { invite, household } = await validInvite(deps, token);
  const phone = requirePhone(input.phone, "phone").national;
  if (await invitesRepository.activeMemberWithPhone(deps.db, invite.groupId, phone)) {
    throw new AppError("CONFLICT", "Số điện thoại này đã là thành viên của nhóm.", [
      { path: "phone", message: "already a member" },
    ]);
  }
  const certain = household.phones.includes(phone) || searchKey(household.headName) === searchKey(input.name);
  const manage = newManageToken();
  const now = deps.clock.now();
  const memberId = deps.ids.uuid();
  await deps.db.transaction(async (tx) => {
    await invitesRepository.insertMember(tx, {
      id: memberId,
      groupId: invite.groupId,
      communeId: invite.communeId,
      householdId: household.id,
      householdConfirmed: certain,
      name: input.name,
      searchKey: searchKey(input.name),
      sortKey: vietnameseSortKey(input.name),
      phone,
      kind: "HOUSEHOLD_REP",
      status: "active",
      consentAt: now,
      consentVersion: input.consent.version,
      consentPurposes: input.consent.purposes,
      consentCollectedBy: "self",
      manageTokenHash: manage.hash,
      inviteId: invite.id,
      joinedAt: now,
    });
    await invitesRepository.bumpInviteUse(tx, invite.id, invite.useCount + 1);
    await recordAudit(tx, now, {
      actorUserId: null,
      action: "member.joined",
      entityType: "group",
      entityId: invite.groupId,
      communeId: invite.communeId,
      data: {
        memberId,
        householdId: household.id,
        inviteId: invite.id,
        householdConfirmed: certain,
        consentVersion: input.consent.version,
      },
    });
  });
  return { status: certain ? "joined" : "pending", manageToken: manage.token };
}

/** Without a personal invite (the poster): a request the leader approves or rejects. */
export async function requestToJoin(deps: Deps, groupId: string, input: TJoinRequest): Promise<TJoinResult> {
  consentOrThrow(input.consent);
  const info = await publicGroup(deps, groupId);
  const phone = requirePhone(input.phone, "phone").national;
  const manage = newManageToken();
  const now = deps.clock.now();
  const id = deps.ids.uuid();
  await deps.db.transaction(async (tx) => {
    await invitesRepository.insertJoinRequest(tx, {
      id,
      groupId,
      communeId: info.group.communeId,
      name: input.name,
      phone,
      address: input.address ?? "",
      note: input.note ?? "",
      consentVersion: input.consent.version,
      consentPurposes: input.consent.purposes,
      manageTokenHash: manage.hash,
      createdAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: null,
      action: "join_request.created",
      entityType: "group",
      entityId: groupId,
      communeId: info.group.communeId,
      data: { requestId: id },
    });
  });
  return { status: "pending", manageToken: manage.token };
}

/** The printable A4 poster and the group's join link (no personal data in either). */
export async function groupJoinLink(deps: Deps, actor: Actor, groupId: string) {
  const info = await publicGroup(deps, groupId);
  const { ref } = await loadHamlet(deps, info.group.hamletId);
  enforce(householdPolicy.visible(actor, ref), householdPolicy.poster(actor, ref));
  const url = `${deps.config.publicUrl}/join/group/${groupId}`;
  return { url, qrDataUrl: await qr(url), info };
}

export async function groupPoster(deps: Deps, actor: Actor, groupId: string): Promise<Buffer> {
  const { url, info } = await groupJoinLink(deps, actor, groupId);
  return renderJoinPoster({
    provinceName: info.provinceName,
    communeName: info.communeName,
    hamletName: info.hamletName,
    groupName: info.group.name,
    joinUrl: url,
    leaderName: info.leader?.name ?? "",
    leaderPhone: info.leader?.phone ?? "",
    generatedAt: deps.clock.now(),
  });
}
