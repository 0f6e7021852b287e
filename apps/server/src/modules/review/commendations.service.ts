import {
  ANONYMOUS_REPORTER_NAME,
  type TCommendation,
  type TCommendationClaim,
  type TCommendationDecision,
  type TCreateCommendation,
  type TReceiptCommendation,
} from "@binhyen/contracts";
import { type Actor, enforce } from "../../core/authz";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { getCommuneRef } from "../org/org.service";
import { newReceiptCode } from "../reports/receipt-code";
import { findReportByReceipt, readable } from "../reports/reports.service";
import { commendationsPolicy } from "./commendations.policy";
import { type CommendationRow, commendationsRepository as repo } from "./commendations.repository";

/**
 * Commendations (khen thưởng): proposals by the management team, decisions by the chief, and the
 * anonymous reporter's claim through the receipt code. Nothing about an anonymous reporter is ever
 * stored: the record names "Người báo tin ẩn danh" and the report; the claim stores when, and a keyed
 * hash of the claim reference, never who.
 */

const present = (c: CommendationRow): TCommendation => ({
  id: c.id,
  communeId: c.communeId,
  recipientKind: c.recipientKind as TCommendation["recipientKind"],
  recipientName: c.recipientName,
  reportId: c.reportId,
  reason: c.reason,
  form: c.form,
  amountVnd: c.amountVnd,
  status: c.status as TCommendation["status"],
  decisionNumber: c.decisionNumber,
  decidedAt: c.decidedAt?.toISOString() ?? null,
  claimedAt: c.claimedAt?.toISOString() ?? null,
  createdAt: c.createdAt.toISOString(),
});

async function communeRef(deps: Deps, communeId: string) {
  const { commune } = await getCommuneRef(deps, communeId);
  return { communeId, provinceId: commune.provinceId, name: commune.name };
}

export async function listCommendations(deps: Deps, actor: Actor, communeId: string) {
  const ref = await communeRef(deps, communeId);
  enforce(commendationsPolicy.visible(actor, ref), commendationsPolicy.list(actor, ref));
  return { items: (await repo.listByCommune(deps.db, communeId)).map(present) };
}

/** A report of this commune the proposer may read, whose outcome was judged valuable. */
async function valuableReport(deps: Deps, actor: Actor, communeId: string, reportId: string) {
  const refused = () =>
    new AppError("VALIDATION_FAILED", "Không tìm thấy tin báo này trong xã.", [
      { path: "reportId", message: "unknown report" },
    ]);
  // An unknown report and one the proposer may not read answer alike (confidential by default).
  const found = await readable(deps, actor, reportId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") {
      throw refused();
    }
    throw err;
  });
  if (found.report.communeId !== communeId) {
    throw refused();
  }
  const outcome = found.report.outcome as { valuable?: unknown } | null;
  if (outcome?.valuable !== true) {
    throw new AppError(
      "VALIDATION_FAILED",
      "Chỉ khen thưởng người báo tin khi tin báo đã được ghi nhận kết quả và đánh giá là tin có giá trị.",
      [{ path: "reportId", message: "outcome not valuable" }],
    );
  }
  if ((await repo.activeForReport(deps.db, reportId)).length > 0) {
    throw new AppError("CONFLICT", "Tin báo này đã có đề nghị hoặc quyết định khen thưởng.");
  }
}

export async function proposeCommendation(
  deps: Deps,
  actor: Actor,
  communeId: string,
  input: TCreateCommendation,
  requestId?: string,
): Promise<TCommendation> {
  const ref = await communeRef(deps, communeId);
  enforce(commendationsPolicy.visible(actor, ref), commendationsPolicy.propose(actor, ref));
  const anonymous = input.recipientKind === "anonymous_reporter";
  if (anonymous && input.reportId) {
    await valuableReport(deps, actor, communeId, input.reportId);
  }
  const now = deps.clock.now();
  const id = deps.ids.uuid();
  await deps.db.transaction(async (tx) => {
    await repo.insert(tx, {
      id,
      communeId,
      recipientKind: input.recipientKind,
      recipientName: anonymous ? ANONYMOUS_REPORTER_NAME : (input.recipientName ?? ""),
      reportId: input.reportId ?? null,
      reason: input.reason,
      status: "proposed",
      form: input.form,
      amountVnd: input.amountVnd ?? null,
      createdByUserId: actor.userId,
      createdAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "commendation.proposed",
      entityType: "commendation",
      entityId: id,
      communeId,
      data: {
        recipientKind: input.recipientKind,
        reportId: input.reportId ?? null,
        form: input.form,
        amountVnd: input.amountVnd ?? null,
      },
      requestId: requestId ?? null,
    });
  });
  const row = await repo.find(deps.db, id);
  return present(row as CommendationRow);
}

export async function decideCommendation(
  deps: Deps,
  actor: Actor,
  id: string,
  input: TCommendationDecision,
  requestId?: string,
): Promise<TCommendation> {
  const c = await repo.find(deps.db, id);
  if (!c) {
    throw new AppError("NOT_FOUND");
  }
  const ref = await communeRef(deps, c.communeId);
  enforce(commendationsPolicy.visible(actor, ref), commendationsPolicy.decide(actor, ref));
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const decided = await repo.decide(tx, id, {
      status: input.decision,
      decisionNumber: input.decision === "decided" ? (input.decisionNumber ?? null) : null,
      decidedAt: now,
    });
    if (!decided) {
      throw new AppError("INVALID_TRANSITION", "Đề nghị khen thưởng này đã được quyết định.");
    }
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: input.decision === "decided" ? "commendation.decided" : "commendation.rejected",
      entityType: "commendation",
      entityId: id,
      communeId: c.communeId,
      data: { decisionNumber: input.decision === "decided" ? (input.decisionNumber ?? null) : null },
      requestId: requestId ?? null,
    });
  });
  return present((await repo.find(deps.db, id)) as CommendationRow);
}

// --- the anonymous reporter, with the receipt code only ------------------------------------------

/** A wrong code, an unknown code and a report without a decided reward all answer this. */
const NONE = () => new AppError("NOT_FOUND", "Không có quyết định khen thưởng cho mã này.");

async function decidedByReceipt(deps: Deps, code: string) {
  const report = await findReportByReceipt(deps, code);
  const c = report ? await repo.decidedForReport(deps.db, report.id) : undefined;
  if (!report || !c) {
    throw NONE();
  }
  const { commune } = await getCommuneRef(deps, c.communeId);
  return { c, communeName: commune.name };
}

const howToClaim = (communeName: string, claimed: boolean) =>
  (claimed
    ? "Mang mã nhận thưởng đã nhận đến trụ sở Công an nơi bạn đã báo tin"
    : 'Bấm "Nhận thưởng" để lấy mã nhận thưởng (chỉ hiển thị một lần), rồi mang mã đó đến trụ sở Công an nơi bạn đã báo tin') +
  ` (${communeName}) trong giờ hành chính. Cán bộ đối chiếu mã với quyết định khen thưởng; ` +
  "bạn không phải cho biết họ tên hay số điện thoại nếu không muốn.";

export async function receiptCommendation(deps: Deps, code: string): Promise<TReceiptCommendation> {
  const { c, communeName } = await decidedByReceipt(deps, code);
  return {
    form: c.form,
    amountVnd: c.amountVnd,
    decisionNumber: c.decisionNumber ?? "",
    decidedAt: (c.decidedAt ?? c.createdAt).toISOString(),
    howToClaim: howToClaim(communeName, c.claimedAt !== null),
    claimed: c.claimedAt !== null,
    claimedAt: c.claimedAt?.toISOString() ?? null,
  };
}

/**
 * Records that the reward was claimed and returns a claim reference, shown once: the database keeps
 * only its keyed hash, so a dump cannot be used to collect the reward. The audit row says that a
 * claim happened — no identity, no reference, no request id.
 */
export async function claimCommendation(deps: Deps, code: string): Promise<TCommendationClaim> {
  const { c, communeName } = await decidedByReceipt(deps, code);
  const reference = `NT-${newReceiptCode()}`;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const claimed = await repo.claim(tx, c.id, now, deps.box.mac("commendation-claim", reference, 43));
    if (!claimed) {
      throw new AppError(
        "INVALID_TRANSITION",
        "Khen thưởng này đã được nhận mã. Mã nhận thưởng chỉ hiển thị một lần; hãy liên hệ Công an xã nếu bạn làm mất mã.",
      );
    }
    await recordAudit(tx, now, {
      actorUserId: null,
      action: "commendation.claimed",
      entityType: "commendation",
      entityId: c.id,
      communeId: c.communeId,
    });
  });
  return {
    claimReference: reference,
    claimedAt: now.toISOString(),
    howToClaim: howToClaim(communeName, true),
  };
}
