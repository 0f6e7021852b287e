import type { TDecideJoinRequest, TJoinRequestItem, TMemberKind, TMembership } from "@binhyen/contracts";
import { type Actor, enforce } from "../../core/authz";
import { AppError } from "../../core/errors";
import { searchKey, vietnameseSortKey } from "../../core/text";
import type { Tx } from "../../db/client";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { householdPolicy } from "../households/households.policy";
import { householdsRepository } from "../households/households.repository";
import { loadHamlet } from "../households/households.service";
import { orgRepository } from "../org/org.repository";
import { zaloEffects } from "../zalo/zalo-effects";
import { manageTokenHash } from "./invite-token";
import { invitesRepository, type JoinRequestRow, type MemberRow } from "./invites.repository";

async function groupRef(deps: Deps, groupId: string) {
  const g = await orgRepository.findGroup(deps.db, groupId);
  if (!g) {
    throw new AppError("NOT_FOUND");
  }
  return loadHamlet(deps, g.hamlet.id);
}

async function byToken(deps: Deps, token: string): Promise<{ member?: MemberRow; request?: JoinRequestRow }> {
  const hash = manageTokenHash(token);
  const member = await invitesRepository.findMemberByToken(deps.db, hash);
  if (member) {
    return { member };
  }
  const request = await invitesRepository.findJoinRequestByToken(deps.db, hash);
  if (request) {
    return { request };
  }
  throw new AppError("NOT_FOUND", "Đường dẫn không đúng hoặc đã hết hiệu lực.");
}

async function present(deps: Deps, token: string): Promise<TMembership> {
  const { member, request } = await byToken(deps, token);
  const groupId = member?.groupId ?? request?.groupId ?? "";
  const info = await invitesRepository.groupPublicInfo(deps.db, groupId);
  const base = { groupName: info?.group.name ?? "", hamletName: info?.hamletName ?? "" };
  if (member) {
    return {
      ...base,
      status: member.status === "withdrawn" ? "withdrawn" : member.status === "left" ? "left" : "active",
      name: member.name,
      consentVersion: member.consentWithdrawnAt ? null : member.consentVersion,
      purposes: member.consentWithdrawnAt ? [] : (member.consentPurposes ?? []),
      joinedAt: member.joinedAt.toISOString(),
    };
  }
  const r = request as JoinRequestRow;
  return {
    ...base,
    status: r.status === "rejected" ? "rejected" : r.status === "withdrawn" ? "withdrawn" : "pending",
    name: r.name,
    consentVersion: r.status === "withdrawn" ? null : r.consentVersion,
    purposes: r.status === "withdrawn" ? [] : r.consentPurposes,
    joinedAt: null,
  };
}

export const getMembership = (deps: Deps, token: string) => present(deps, token);

/** A join request the resident takes back: its personal data is erased, the audit row remains. */
async function eraseJoinRequest(tx: Tx, request: JoinRequestRow, now: Date, action: string): Promise<void> {
  await invitesRepository.updateJoinRequest(tx, request.id, {
    status: "withdrawn",
    name: "",
    phone: "",
    address: "",
    note: "",
  });
  await recordAudit(tx, now, {
    actorUserId: null,
    action,
    entityType: "group",
    entityId: request.groupId,
    communeId: request.communeId,
    data: { requestId: request.id },
  });
}

/** Leaving: out of the group's lists and deliveries; the consent record stays for the audit. */
export async function leaveGroup(deps: Deps, token: string): Promise<TMembership> {
  const { member, request } = await byToken(deps, token);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (member && member.status === "active") {
      await invitesRepository.updateMember(tx, member.id, { status: "left", leftAt: now });
      await recordAudit(tx, now, {
        actorUserId: null,
        action: "member.left",
        entityType: "group",
        entityId: member.groupId,
        communeId: member.communeId,
        data: { memberId: member.id },
      });
    } else if (request && request.status === "pending") {
      await eraseJoinRequest(tx, request, now, "join_request.withdrawn");
    }
  });
  return present(deps, token);
}

/**
 * Withdrawing consent is one action (req. 16–17): the person leaves every directory and delivery
 * list at once, and their name and phone are erased from the roster row; only the audit trail
 * keeps that a consent existed and was withdrawn.
 */
export async function withdrawConsent(deps: Deps, token: string): Promise<TMembership> {
  const { member, request } = await byToken(deps, token);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (member && member.status !== "withdrawn") {
      await invitesRepository.updateMember(tx, member.id, {
        status: "withdrawn",
        consentWithdrawnAt: now,
        leftAt: member.leftAt ?? now,
        name: "",
        searchKey: "",
        sortKey: "",
        phone: null,
        userId: null,
      });
      await recordAudit(tx, now, {
        actorUserId: null,
        action: "member.consent_withdrawn",
        entityType: "group",
        entityId: member.groupId,
        communeId: member.communeId,
        data: { memberId: member.id, consentVersion: member.consentVersion },
      });
    } else if (request && request.status !== "withdrawn") {
      await eraseJoinRequest(tx, request, now, "join_request.consent_withdrawn");
    }
  });
  return present(deps, token);
}

export async function listJoinRequests(
  deps: Deps,
  actor: Actor,
  groupId: string,
): Promise<{ items: TJoinRequestItem[] }> {
  const { ref } = await groupRef(deps, groupId);
  enforce(householdPolicy.visible(actor, ref), householdPolicy.manageMembership(actor, ref));
  const pending = await invitesRepository.pendingJoinRequests(deps.db, groupId);
  const items: TJoinRequestItem[] = [];
  for (const r of pending) {
    const candidates = await householdsRepository.matchCandidates(
      deps.db,
      ref.hamletId,
      r.phone,
      searchKey(r.name),
    );
    items.push({
      id: r.id,
      name: r.name,
      phone: r.phone,
      address: r.address,
      note: r.note,
      source: r.source === "zalo" ? "zalo" : "web",
      createdAt: r.createdAt.toISOString(),
      suggestions: candidates
        .sort((a, b) => Number(b.phones.includes(r.phone)) - Number(a.phones.includes(r.phone)))
        .map((h) => ({ householdId: h.id, headName: h.headName, address: h.address })),
    });
  }
  return { items };
}

async function householdOfHamlet(deps: Deps, householdId: string | null | undefined, hamletId: string) {
  if (!householdId) {
    return null;
  }
  const h = await householdsRepository.find(deps.db, householdId);
  if (!h || h.hamletId !== hamletId) {
    throw new AppError("VALIDATION_FAILED", "Hộ gia đình không thuộc ấp này.", [
      { path: "householdId", message: "not in this hamlet" },
    ]);
  }
  return h;
}

export async function decideJoinRequest(
  deps: Deps,
  actor: Actor,
  requestId: string,
  input: TDecideJoinRequest,
  requestIdForAudit: string,
): Promise<void> {
  const request = await invitesRepository.findJoinRequest(deps.db, requestId);
  if (!request) {
    throw new AppError("NOT_FOUND");
  }
  const { ref } = await groupRef(deps, request.groupId);
  enforce(householdPolicy.visible(actor, ref), householdPolicy.manageMembership(actor, ref));
  if (request.status !== "pending") {
    throw new AppError("INVALID_TRANSITION", "Yêu cầu này đã được xử lý.");
  }
  const household =
    input.action === "approve" ? await householdOfHamlet(deps, input.householdId, ref.hamletId) : null;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (input.action === "reject") {
      await invitesRepository.updateJoinRequest(tx, requestId, {
        status: "rejected",
        decidedBy: actor.userId,
        decidedAt: now,
        reason: input.reason ?? null,
      });
    } else {
      const memberId = deps.ids.uuid();
      const kind: TMemberKind = input.kind ?? (household ? "HOUSEHOLD_REP" : "OTHER");
      await invitesRepository.insertMember(tx, {
        id: memberId,
        groupId: request.groupId,
        communeId: request.communeId,
        householdId: household?.id ?? null,
        householdConfirmed: true,
        name: request.name,
        searchKey: searchKey(request.name),
        sortKey: vietnameseSortKey(request.name),
        phone: request.phone,
        kind,
        status: "active",
        consentAt: request.createdAt,
        consentVersion: request.consentVersion,
        consentPurposes: request.consentPurposes,
        consentCollectedBy: "self",
        // The resident's personal link now manages the membership.
        manageTokenHash: request.manageTokenHash,
        joinedAt: now,
      });
      await invitesRepository.updateJoinRequest(tx, requestId, {
        status: "approved",
        decidedBy: actor.userId,
        decidedAt: now,
        memberId,
        manageTokenHash: null,
      });
    }
    await zaloEffects.joinDecided(tx, request, input.action === "approve", now);
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: input.action === "approve" ? "join_request.approved" : "join_request.rejected",
      entityType: "group",
      entityId: request.groupId,
      communeId: request.communeId,
      data: { requestId, householdId: household?.id ?? null },
      requestId: requestIdForAudit,
    });
  });
}

/** The leader confirms which household a member represents (or none). */
export async function confirmMemberHousehold(
  deps: Deps,
  actor: Actor,
  memberId: string,
  householdId: string | null,
  requestId: string,
): Promise<void> {
  const member = await invitesRepository.findMember(deps.db, memberId);
  if (!member) {
    throw new AppError("NOT_FOUND");
  }
  const { ref } = await groupRef(deps, member.groupId);
  enforce(householdPolicy.visible(actor, ref), householdPolicy.manageMembership(actor, ref));
  const household = await householdOfHamlet(deps, householdId, ref.hamletId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await invitesRepository.updateMember(tx, memberId, {
      householdId: household?.id ?? null,
      householdConfirmed: true,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "member.household_confirmed",
      entityType: "group",
      entityId: member.groupId,
      communeId: member.communeId,
      data: { memberId, from: member.householdId, to: household?.id ?? null },
      requestId,
    });
  });
}

export async function updateGroupSettings(
  deps: Deps,
  actor: Actor,
  groupId: string,
  input: { deputiesSeePhones: boolean },
  requestId: string,
): Promise<void> {
  const { ref } = await groupRef(deps, groupId);
  enforce(householdPolicy.visible(actor, ref), householdPolicy.groupSettings(actor, ref));
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await orgRepository.updateGroup(tx, groupId, {
      deputiesSeePhones: input.deputiesSeePhones,
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "group.settings_updated",
      entityType: "group",
      entityId: groupId,
      communeId: ref.communeId,
      data: { deputiesSeePhones: input.deputiesSeePhones },
      requestId,
    });
  });
}
