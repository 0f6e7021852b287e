import { createHash } from "node:crypto";
import type { TGroupRules, TPublishRulesRequest } from "@binhyen/contracts";
import { type Actor, enforce } from "../../core/authz";
import { AppError } from "../../core/errors";
import type { Executor } from "../../db/client";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { loadGroup } from "../org/group.service";
import type { GroupRef } from "../org/org.policy";
import { orgRepository } from "../org/org.repository";
import { consultationPolicy as policy } from "./consultation.policy";
import { consultationRepository as repo } from "./consultation.repository";

/** The group's rules (quy chế hoạt động, plan II.3) as this caller sees them. */
async function rulesView(db: Executor, actor: Actor, ref: GroupRef): Promise<TGroupRules> {
  const [current, history, acknowledgedVersion] = await Promise.all([
    repo.currentRules(db, ref.id),
    repo.rulesHistory(db, ref.id),
    repo.acknowledgedVersion(db, ref.id, actor.userId),
  ]);
  let acknowledgements: TGroupRules["acknowledgements"] = null;
  if (current && policy.seeAcknowledgements(actor, ref)) {
    const [ackCount, members] = await Promise.all([
      repo.countAcknowledgements(db, ref.id, current.version),
      repo.countMemberUsers(db, ref.id),
    ]);
    acknowledgements = { version: current.version, count: ackCount, members };
  }
  return {
    current: current
      ? {
          version: current.version,
          text: current.text,
          publishedAt: current.publishedAt.toISOString(),
          publishedBy: { id: current.publishedByUserId, name: current.publishedByName ?? "" },
        }
      : null,
    acknowledgedVersion,
    acknowledgements,
    history: history.map((h) => ({ version: h.version, publishedAt: h.publishedAt.toISOString() })),
  };
}

export async function getRules(deps: Deps, actor: Actor, groupId: string): Promise<TGroupRules> {
  const { ref } = await loadGroup(deps, groupId);
  enforce(policy.visible(actor, ref), policy.read(actor, ref));
  return rulesView(deps.db, actor, ref);
}

/**
 * Publishes version n+1 and makes it the group's current rules (`groups.rules`), in one transaction
 * with its audit row. Members then acknowledge the new version; earlier acknowledgements stay as history.
 */
export async function publishRules(
  deps: Deps,
  actor: Actor,
  groupId: string,
  input: TPublishRulesRequest,
  requestId?: string,
): Promise<TGroupRules> {
  const { group, ref } = await loadGroup(deps, groupId);
  enforce(policy.visible(actor, ref), policy.publishRules(actor, ref));
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.lockGroup(tx, groupId, "update");
    const latest = await repo.currentRules(tx, groupId);
    if (latest && latest.text === input.text) {
      // A copy of the current text would ask every member to acknowledge again for nothing.
      throw new AppError("CONFLICT", `Nội dung giống hệt quy chế hiện hành (phiên bản ${latest.version}).`);
    }
    const version = (latest?.version ?? 0) + 1;
    await repo.insertRulesVersion(tx, {
      groupId,
      version,
      text: input.text,
      publishedByUserId: actor.userId,
      publishedAt: now,
    });
    await orgRepository.updateGroup(tx, groupId, { rules: input.text, updatedAt: now });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "group.rules_published",
      entityType: "group",
      entityId: groupId,
      communeId: group.communeId,
      data: {
        version,
        chars: input.text.length,
        sha256: createHash("sha256").update(input.text).digest("hex"),
      },
      requestId: requestId ?? null,
    });
  });
  return rulesView(deps.db, actor, ref);
}

/**
 * A member acknowledges the version in force. Only the current version: once a newer one is out,
 * acknowledging the old one is a conflict (the member must read the new text). Repeating is a no-op.
 */
export async function acknowledgeRules(
  deps: Deps,
  actor: Actor,
  groupId: string,
  version: number,
  requestId?: string,
): Promise<TGroupRules> {
  const { group, ref } = await loadGroup(deps, groupId);
  enforce(policy.visible(actor, ref), policy.acknowledgeRules(actor, ref));
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.lockGroup(tx, groupId, "share");
    if (!(await repo.hasRulesVersion(tx, groupId, version))) {
      throw new AppError("NOT_FOUND", "Không tìm thấy phiên bản quy chế này.");
    }
    const current = await repo.currentRules(tx, groupId);
    if (current?.version !== version) {
      throw new AppError(
        "CONFLICT",
        `Quy chế đã có phiên bản mới (phiên bản ${current?.version}). Hãy đọc và xác nhận phiên bản mới.`,
        { currentVersion: current?.version ?? null },
      );
    }
    const inserted = await repo.insertAcknowledgement(tx, {
      groupId,
      version,
      userId: actor.userId,
      memberId: await repo.memberIdOf(tx, actor.userId, groupId),
      at: now,
    });
    if (inserted) {
      await recordAudit(tx, now, {
        actorUserId: actor.userId,
        action: "group.rules_acknowledged",
        entityType: "group",
        entityId: groupId,
        communeId: group.communeId,
        data: { version },
        requestId: requestId ?? null,
      });
    }
  });
  return rulesView(deps.db, actor, ref);
}
