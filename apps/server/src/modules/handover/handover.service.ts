import {
  HandoverProblem,
  type TCreateHandoverRequest,
  type THandover,
  type THandoverParty,
  type THandoverSnapshot,
  type TLeaderHistory,
} from "@binhyen/contracts";
import { type Actor, enforce } from "../../core/authz";
import { AppError } from "../../core/errors";
import type { Tx } from "../../db/client";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { zaloEffects } from "../zalo/zalo-effects";
import { type HandoverGroupRef, handoverPolicy } from "./handover.policy";
import { type HandoverFound, openParties, presentHandover, refOf } from "./handover.presenter";
import { type HandoverConfirmColumn, handoverRepository } from "./handover.repository";
import { buildHandoverRecord, hamletLabel } from "./handover-record";

async function loadGroup(deps: Deps, groupId: string) {
  const found = await handoverRepository.findGroup(deps.db, groupId);
  if (!found) {
    throw new AppError("NOT_FOUND");
  }
  const ref: HandoverGroupRef = {
    id: found.group.id,
    communeId: found.group.communeId,
    provinceId: found.province.id,
  };
  return { ...found, ref };
}

async function loadHandover(deps: Deps, actor: Actor, handoverId: string): Promise<HandoverFound> {
  const found = await handoverRepository.find(deps.db, handoverId);
  if (!found) {
    throw new AppError("NOT_FOUND");
  }
  const ref = refOf(found);
  enforce(handoverPolicy.visible(actor, ref), handoverPolicy.read(actor, ref));
  return found;
}

/**
 * What is handed over, counted inside the handover's transaction (after the cases moved). Reports
 * are listed by short id, category, state and date only: never the reporter, never the description.
 */
async function takeSnapshot(tx: Tx, groupId: string, now: Date, moved: number): Promise<THandoverSnapshot> {
  // One after the other: the queries share the transaction's single connection anyway.
  const open = await handoverRepository.openReports(tx, groupId);
  const heldPosts = await handoverRepository.countHeldPosts(tx, groupId);
  const memberCount = await handoverRepository.countActiveMembers(tx, groupId);
  const representatives = await handoverRepository.householdRepresentatives(tx, groupId);
  const pendingInvites = await handoverRepository.countPendingInvites(tx, groupId, now);
  const pendingJoinRequests = await handoverRepository.countPendingJoinRequests(tx, groupId);
  return {
    takenAt: now.toISOString(),
    openReports: {
      count: open.length,
      items: open.map((r) => ({
        shortId: r.id.slice(0, 8),
        category: r.category,
        state: r.state,
        receivedAt: r.receivedAt.toISOString(),
      })),
    },
    movedReports: moved,
    heldPosts,
    members: { count: memberCount, householdRepresentatives: representatives },
    pendingInvites,
    pendingJoinRequests,
  };
}

/**
 * Replaces the group's leader and writes the biên bản bàn giao, in one transaction (issue #6): the
 * role swap (the org module's `assignLeader` rule: end the current assignment, start the new one),
 * the old leader's open cases of the group move to the new leader, the snapshot, the handover row
 * and its audit row. From the commit on, the old leader's requests no longer carry the leader role
 * (roles are read per request) and the moved cases no longer name them: their reads answer 404.
 */
export async function createHandover(
  deps: Deps,
  actor: Actor,
  groupId: string,
  input: TCreateHandoverRequest,
  requestId: string,
): Promise<{ handoverId: string }> {
  const { group, hamlet, ref } = await loadGroup(deps, groupId);
  enforce(handoverPolicy.groupVisible(actor, ref), handoverPolicy.create(actor, ref));
  const now = deps.clock.now();
  const handoverId = deps.ids.uuid();
  await deps.db.transaction(async (tx) => {
    await handoverRepository.lockGroup(tx, groupId);
    const to = await handoverRepository.findUser(tx, input.toUserId);
    if (!to?.isOfficer || to.homeCommuneId !== group.communeId || to.status !== "active") {
      throw new AppError(
        "VALIDATION_FAILED",
        "Người nhận bàn giao phải là cán bộ Công an xã đang hoạt động.",
        [
          {
            path: "toUserId",
            message: "not an active officer of this commune",
            reason: HandoverProblem.NOT_AN_OFFICER,
          },
        ],
      );
    }
    const current = await handoverRepository.findCurrentRole(tx, { groupId, role: "GROUP_LEADER" });
    if (current?.userId === to.id) {
      throw new AppError("CONFLICT", `${to.name} đang là Trưởng nhóm của nhóm này.`, {
        reason: HandoverProblem.ALREADY_LEADER,
      });
    }
    const deputy = await handoverRepository.findCurrentRole(tx, {
      groupId,
      userId: to.id,
      role: "GROUP_DEPUTY",
    });
    if (deputy) {
      throw new AppError(
        "CONFLICT",
        "Trưởng nhóm không thể đồng thời là Phó nhóm: hãy thôi vai trò Phó nhóm trước.",
        {
          reason: HandoverProblem.IS_GROUP_DEPUTY,
        },
      );
    }
    await handoverRepository.replaceLeader(tx, current?.id ?? null, {
      id: deps.ids.uuid(),
      userId: to.id,
      role: "GROUP_LEADER",
      communeId: group.communeId,
      hamletId: hamlet.id,
      groupId,
      createdAt: now,
    });
    // Zalo: the old leader stops being phó nhóm, the new one becomes it (the OA stays the owner).
    await zaloEffects.adminsChanged(tx, groupId, now);
    const moved = current
      ? await handoverRepository.moveOpenReports(tx, groupId, current.userId, to.id, now)
      : [];
    const snapshot = await takeSnapshot(tx, groupId, now, moved.length);
    await handoverRepository.insert(tx, {
      id: handoverId,
      groupId,
      communeId: group.communeId,
      fromUserId: current?.userId ?? null,
      toUserId: to.id,
      reason: input.reason,
      snapshot,
      createdByUserId: actor.userId,
      createdAt: now,
    });
    // Ids and counts only: the audit trail names cases, never reporters.
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "handover.create",
      entityType: "handover",
      entityId: handoverId,
      communeId: group.communeId,
      data: {
        groupId,
        from: current?.userId ?? null,
        to: to.id,
        reason: input.reason,
        movedReportIds: moved,
        openReports: snapshot.openReports.count,
        heldPosts: snapshot.heldPosts,
        members: snapshot.members.count,
        pendingInvites: snapshot.pendingInvites,
        pendingJoinRequests: snapshot.pendingJoinRequests,
      },
      requestId,
    });
  });
  return { handoverId };
}

export async function getHandover(deps: Deps, actor: Actor, handoverId: string): Promise<THandover> {
  return presentHandover(actor, await loadHandover(deps, actor, handoverId));
}

const COLUMN: Record<THandoverParty, HandoverConfirmColumn> = {
  FROM: "fromConfirmedAt",
  TO: "toConfirmedAt",
  CHIEF: "chiefConfirmedAt",
};

/**
 * The caller confirms every part that is theirs (Người giao, Người nhận, Trưởng Công an xã). A repeat
 * changes nothing and writes no audit row; the first time stays the confirmation time.
 */
export async function confirmHandover(
  deps: Deps,
  actor: Actor,
  handoverId: string,
  requestId: string,
): Promise<THandover> {
  const found = await handoverRepository.find(deps.db, handoverId);
  if (!found) {
    throw new AppError("NOT_FOUND");
  }
  const ref = refOf(found);
  enforce(handoverPolicy.visible(actor, ref), handoverPolicy.confirm(actor, ref));
  const parts = openParties(actor, found);
  if (parts.length > 0) {
    const now = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      const confirmed: THandoverParty[] = [];
      for (const part of parts) {
        if (await handoverRepository.confirm(tx, handoverId, COLUMN[part], now)) {
          confirmed.push(part);
        }
      }
      if (confirmed.length > 0) {
        await recordAudit(tx, now, {
          actorUserId: actor.userId,
          action: "handover.confirm",
          entityType: "handover",
          entityId: handoverId,
          communeId: found.handover.communeId,
          data: { parties: confirmed },
          requestId,
        });
      }
    });
  }
  return getHandover(deps, actor, handoverId);
}

/** The biên bản bàn giao as DOCX, with the confirmation times given so far. */
export async function handoverRecordDocx(
  deps: Deps,
  actor: Actor,
  handoverId: string,
): Promise<{ bytes: Buffer; fileName: string }> {
  const found = await loadHandover(deps, actor, handoverId);
  const view = presentHandover(actor, found);
  const h = found.handover;
  const chief = await handoverRepository.currentChief(deps.db, h.communeId);
  const bytes = await buildHandoverRecord({
    provinceName: found.province.name,
    communeName: found.commune.name,
    communeKind: found.commune.kind,
    hamletName: found.hamlet.name,
    hamletKind: found.hamlet.kind,
    groupName: found.group.name,
    createdAt: h.createdAt,
    reason: h.reason,
    fromName: view.from?.name ?? null,
    toName: view.to.name,
    createdByName: view.createdBy.name,
    chiefName: chief?.name ?? null,
    snapshot: view.snapshot,
    confirmations: { from: h.fromConfirmedAt, to: h.toConfirmedAt, chief: h.chiefConfirmedAt },
  });
  const slug = hamletLabel(found.hamlet.name, found.hamlet.kind)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
  return { bytes, fileName: `bien-ban-ban-giao-${slug || "nhom"}.docx` };
}

/** Every leader of the group, oldest first, with start and end and the handovers around each tenure. */
export async function listLeaders(deps: Deps, actor: Actor, groupId: string): Promise<TLeaderHistory> {
  const { ref } = await loadGroup(deps, groupId);
  enforce(handoverPolicy.groupVisible(actor, ref), handoverPolicy.readLeaders(actor, ref));
  const rows = await handoverRepository.leaderHistory(deps.db, groupId);
  return {
    groupId,
    items: rows.map((r) => ({
      userId: r.userId,
      name: r.name,
      from: r.from.toISOString(),
      to: r.to ? r.to.toISOString() : null,
      current: r.to === null,
      handoverId: r.handoverId,
      endedByHandoverId: r.endedByHandoverId,
    })),
  };
}
