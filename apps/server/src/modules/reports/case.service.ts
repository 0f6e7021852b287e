import type { TCaseDetail, TCaseEvent } from "@binhyen/contracts";
import type { Actor } from "../../core/authz";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import { announcementsRepository } from "../announcements/announcements.repository";
import { auditRepository } from "../audit/audit.repository";
import { recordAudit } from "../audit/audit.service";
import { userRepository } from "../auth/auth.repository";
import {
  allowedEvents,
  type CaseEvent,
  type CaseSnapshot,
  type CaseState,
  type Outcome,
  transition,
} from "./case.workflow";
import { caseDeadlines } from "./case-deadlines";
import { reportPolicy } from "./reports.policy";
import { type ReportRow, reportsRepository } from "./reports.repository";
import { listItem, readable } from "./reports.service";

function snapshotOf(r: ReportRow): CaseSnapshot {
  return {
    state: r.state as CaseState,
    suspendedFrom: (r.suspendedFrom as CaseState | null) ?? null,
    anonymous: r.anonymous,
    kind: r.kind as CaseSnapshot["kind"],
    assigneeUserId: r.assigneeUserId,
    outcome: (r.outcome as Outcome | null) ?? null,
  };
}

export async function getCase(deps: Deps, actor: Actor, id: string): Promise<TCaseDetail> {
  const { report: r, hamletName, ref } = await readable(deps, actor, id);
  const [messages, attachments, audits, assignee, notice] = await Promise.all([
    reportsRepository.messages(deps.db, r.id, true),
    reportsRepository.attachments(deps.db, r.id),
    auditRepository.listForEntity(deps.db, "report", r.id),
    r.assigneeUserId ? userRepository.findById(deps.db, r.assigneeUserId) : Promise.resolve(undefined),
    r.announcementId ? announcementsRepository.find(deps.db, r.announcementId) : Promise.resolve(undefined),
  ]);
  const actorIds = [...new Set(audits.map((a) => a.actorUserId).filter((x): x is string => x !== null))];
  const names = new Map((await userRepository.findByIds(deps.db, actorIds)).map((u) => [u.id, u.name]));
  const outcome = r.outcome as (Outcome & { publicSummary?: string }) | null;
  return {
    ...listItem(r, hamletName),
    description: r.description,
    occurredAt: r.occurredAt?.toISOString() ?? null,
    location: r.location,
    channel: r.channel,
    reporter: { anonymous: r.anonymous, canReveal: !r.anonymous && reportPolicy.revealIdentity(actor, ref) },
    messages: messages.map((m) => ({
      id: m.message.id,
      author: m.message.author === "officer" ? "officer" : "reporter",
      authorName: m.message.author === "officer" ? m.authorName : null,
      body: m.message.body,
      internal: m.message.internal,
      createdAt: m.message.createdAt.toISOString(),
    })),
    attachments: attachments.map((a) => ({ id: a.id, contentType: a.contentType })),
    allowedEvents: allowedEvents(snapshotOf(r)),
    assignee: assignee ? { userId: assignee.id, name: assignee.name } : null,
    announcement: notice ? { id: notice.id, title: notice.title } : null,
    outcome: outcome ? { code: outcome.code, valuable: outcome.valuable, summary: outcome.summary } : null,
    deadlines: caseDeadlines(deps, r, audits),
    history: audits.map((a) => ({
      action: a.action,
      at: a.at.toISOString(),
      actorName: a.actorUserId ? (names.get(a.actorUserId) ?? null) : null,
    })),
  };
}

async function officerOfCommune(deps: Deps, userId: string, communeId: string, path: string) {
  const u = await userRepository.findById(deps.db, userId);
  if (!u?.isOfficer || u.homeCommuneId !== communeId || u.status !== "active") {
    throw new AppError("VALIDATION_FAILED", "Cần chọn một cán bộ Công an xã đang hoạt động.", [
      { path, message: "not an active officer" },
    ]);
  }
}

/** Applies one workflow event (a pure state machine decides) and records it with who, when and why. */
export async function transitionCase(
  deps: Deps,
  actor: Actor,
  id: string,
  event: TCaseEvent,
  requestId: string,
): Promise<TCaseDetail> {
  const { report: r } = await readable(deps, actor, id);
  if (event.type === "REASSIGN") {
    await officerOfCommune(deps, event.toUserId, r.communeId, "event.toUserId");
  }
  if (event.type === "HANDLE_IN_COMMUNE") {
    await officerOfCommune(deps, event.investigatorUserId, r.communeId, "event.investigatorUserId");
  }
  if (event.type === "MERGE_INTO") {
    if (event.targetCaseId === r.id) {
      throw new AppError("VALIDATION_FAILED", "Không thể gộp tin báo vào chính nó.", [
        { path: "event.targetCaseId", message: "self" },
      ]);
    }
    const target = await readable(deps, actor, event.targetCaseId);
    if (target.report.communeId !== r.communeId) {
      throw new AppError("NOT_FOUND");
    }
  }
  const workflowEvent: CaseEvent =
    event.type === "CLOSE"
      ? {
          type: "CLOSE",
          reporterNotified: event.reporterNotified
            ? { at: new Date(event.reporterNotified.at), channel: event.reporterNotified.channel }
            : null,
        }
      : (event as CaseEvent);
  const result = transition(snapshotOf(r), workflowEvent);
  if (!result.ok) {
    throw new AppError(result.code, result.message);
  }
  const next = result.next;
  const now = deps.clock.now();
  const outcome =
    event.type === "CLOSE" && event.publicResult && next.outcome
      ? { ...next.outcome, publicSummary: event.publicResult }
      : (next.outcome ?? null);
  await deps.db.transaction(async (tx) => {
    await reportsRepository.update(tx, r.id, {
      state: next.state,
      suspendedFrom: next.suspendedFrom,
      kind: next.kind,
      assigneeUserId: next.assigneeUserId,
      outcome: outcome as Record<string, unknown> | null,
      ...(event.type === "CLOSE" ? { closedAt: now, reporterNotified: event.reporterNotified ?? null } : {}),
      ...(event.type === "MERGE_INTO" ? { mergedInto: event.targetCaseId } : {}),
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: result.audit.action,
      entityType: "report",
      entityId: r.id,
      communeId: r.communeId,
      data: { from: result.audit.from, to: result.audit.to, ...result.audit.data },
      requestId,
    });
  });
  return getCase(deps, actor, id);
}
