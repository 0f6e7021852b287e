import {
  ReviewReportProblem,
  type TCreateReviewReportRequest,
  type TReviewReport,
  type TReviewReportList,
  type TUpdateReviewReportRequest,
} from "@binhyen/contracts";
import { type Actor, enforce } from "../../core/authz";
import { AppError } from "../../core/errors";
import { vnDate } from "../../core/vn-time";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { getCommuneRef } from "../org/org.service";
import { DocType, signatureProblem, symbolAgency } from "./document-format";
import type { DossierGroupRow } from "./dossier";
import { communeIndicators } from "./indicators.service";
import { type ReviewReportRef, reviewReportPolicy } from "./review-report.policy";
import {
  ISSUE_SNAPSHOT_KEY,
  type IssueSnapshot,
  narrativeOf,
  presentReviewReport,
  presentReviewReportItem,
  type ReviewReportFound,
  settingsOf,
} from "./review-report.presenter";
import { reviewReportRepository as repo } from "./review-report.repository";
import type { ReviewData } from "./review-report-data";
import { reviewDataFromIndicators } from "./review-report-indicators";
import { prefillNarrative } from "./review-report-narrative";
import { defaultSettings } from "./review-report-settings";

/**
 * Review reports (báo cáo sơ kết, issue #8): a draft pre-filled from the commune's indicators, edited,
 * then issued with the agency's next document number (req. 26). Counts only (req. 13): the figures
 * come from the indicators service, which selects no name, phone or description.
 */

/** Tries at taking the next number when concurrent issues race for it (the unique index decides). */
const NUMBER_ATTEMPTS = 5;

async function communeOf(deps: Deps, communeId: string) {
  const { commune, province } = await getCommuneRef(deps, communeId);
  return { commune, province, ref: { communeId, provinceId: commune.provinceId } };
}

const refOf = (f: ReviewReportFound): ReviewReportRef => ({
  communeId: f.report.communeId,
  provinceId: f.commune.provinceId,
  issued: f.number !== null,
});

export async function loadReviewReport(deps: Deps, actor: Actor, id: string): Promise<ReviewReportFound> {
  const found = await repo.find(deps.db, id);
  if (!found) {
    throw new AppError("NOT_FOUND");
  }
  const ref = refOf(found);
  enforce(reviewReportPolicy.visible(actor, ref), reviewReportPolicy.read(actor, ref));
  return found;
}

/** The figures of a period, live, through the indicators service (which applies its own policy). */
export async function liveReviewData(
  deps: Deps,
  actor: Actor,
  communeId: string,
  period: { from: string; to: string },
): Promise<ReviewData> {
  const { commune, province } = await getCommuneRef(deps, communeId);
  const indicators = await communeIndicators(deps, actor, communeId, period);
  return reviewDataFromIndicators(indicators, { communeKind: commune.kind, provinceName: province.name });
}

/** The dossier's list of groups: names from the org tables, members and coverage from the figures. */
export async function groupRows(deps: Deps, communeId: string, data: ReviewData): Promise<DossierGroupRow[]> {
  const rows = await repo.groupsWithLeaders(deps.db, communeId);
  return rows.map((r) => {
    const h = data.hamlets.find((x) => x.hamletId === r.hamletId);
    return {
      hamletName: r.hamletName,
      groupName: r.groupName,
      leaderName: r.leaderName,
      members: h?.members ?? 0,
      householdsCovered: h?.householdsCovered ?? 0,
      householdsTotal: h?.householdsTotal ?? 0,
      coveragePct: h?.coveragePct ?? null,
    };
  });
}

/** The figures a report prints: frozen at issue, live for a draft (only management reads drafts). */
export async function reportFigures(
  deps: Deps,
  actor: Actor,
  found: ReviewReportFound,
): Promise<IssueSnapshot> {
  const frozen = found.number ? found.report.settings[ISSUE_SNAPSHOT_KEY] : undefined;
  if (frozen && typeof frozen === "object") {
    return frozen as IssueSnapshot;
  }
  const data = await liveReviewData(deps, actor, found.report.communeId, {
    from: found.report.periodFrom,
    to: found.report.periodTo,
  });
  return { data, groups: await groupRows(deps, found.report.communeId, data) };
}

export async function createReviewReport(
  deps: Deps,
  actor: Actor,
  communeId: string,
  input: TCreateReviewReportRequest,
  requestId: string,
): Promise<TReviewReport> {
  const { commune, province, ref } = await communeOf(deps, communeId);
  enforce(reviewReportPolicy.visible(actor, ref), reviewReportPolicy.create(actor, ref));
  const period = { from: input.from, to: input.to };
  const data = await liveReviewData(deps, actor, communeId, period);
  const management = await repo.management(deps.db, communeId);
  const chief = management.find((m) => m.role === "COMMUNE_CHIEF");
  const deputy =
    management.find((m) => m.role === "COMMUNE_DEPUTY" && m.userId === actor.userId) ??
    management.find((m) => m.role === "COMMUNE_DEPUTY");
  const settings = defaultSettings({
    communeName: commune.name,
    communeKind: commune.kind,
    provinceName: province.name,
    period,
    chief: chief && { name: chief.name, role: "COMMUNE_CHIEF" },
    deputy: deputy && { name: deputy.name, role: "COMMUNE_DEPUTY" },
  });
  const now = deps.clock.now();
  const id = deps.ids.uuid();
  await deps.db.transaction(async (tx) => {
    await repo.insert(tx, {
      id,
      communeId,
      periodFrom: period.from,
      periodTo: period.to,
      documentNumberId: null,
      narrative: prefillNarrative(data),
      settings,
      createdByUserId: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "review_report.create",
      entityType: "review_report",
      entityId: id,
      communeId,
      data: { from: period.from, to: period.to },
      requestId,
    });
  });
  return getReviewReport(deps, actor, id);
}

export async function getReviewReport(deps: Deps, actor: Actor, id: string): Promise<TReviewReport> {
  return presentReviewReport(await loadReviewReport(deps, actor, id));
}

export async function listReviewReports(
  deps: Deps,
  actor: Actor,
  communeId: string,
): Promise<TReviewReportList> {
  const { ref } = await communeOf(deps, communeId);
  enforce(reviewReportPolicy.visible(actor, ref), reviewReportPolicy.list(actor, ref));
  const rows = await repo.list(deps.db, communeId, reviewReportPolicy.listIssuedOnly(actor, ref));
  return { items: rows.map(presentReviewReportItem) };
}

const alreadyIssued = () =>
  new AppError("CONFLICT", "Báo cáo đã được cấp số và ban hành, không thể thay đổi.", {
    reason: ReviewReportProblem.ALREADY_ISSUED,
  });

/** Edits the narrative and the settings of a draft; an issued report answers 409. */
export async function updateReviewReport(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: TUpdateReviewReportRequest,
  requestId: string,
): Promise<TReviewReport> {
  const found = await repo.find(deps.db, id);
  if (!found) {
    throw new AppError("NOT_FOUND");
  }
  const ref = refOf(found);
  enforce(reviewReportPolicy.visible(actor, ref), reviewReportPolicy.update(actor, ref));
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await repo.lock(tx, id);
    if (!row) {
      throw new AppError("NOT_FOUND");
    }
    if (row.documentNumberId) {
      throw alreadyIssued();
    }
    const settings = { ...settingsOf(row.settings), ...(patch.settings ?? {}) };
    const problem = signatureProblem(settings.signer);
    if (problem) {
      throw new AppError("VALIDATION_FAILED", problem, [
        { path: "settings.signer", message: problem, reason: ReviewReportProblem.BAD_SIGNATURE },
      ]);
    }
    const narrative = { ...narrativeOf(row.narrative), ...(patch.narrative ?? {}) };
    await repo.update(tx, id, { narrative, settings, updatedAt: now });
    // Which parts changed, not their text (the narrative can be long; the row keeps it).
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "review_report.update",
      entityType: "review_report",
      entityId: id,
      communeId: row.communeId,
      data: {
        narrative: Object.keys(patch.narrative ?? {}),
        settings: Object.keys(patch.settings ?? {}),
      },
      requestId,
    });
  });
  return getReviewReport(deps, actor, id);
}

/**
 * Issues the report: the next number of (issuing agency, BC, calendar year of the Vietnamese issue
 * day) and the date, and the figures frozen as they are now, in one transaction. Numbers restart at
 * 01 on 1 January; the unique index rejects a duplicate, and a lost race retries with the next one.
 */
export async function issueReviewReport(
  deps: Deps,
  actor: Actor,
  id: string,
  requestId: string,
): Promise<TReviewReport> {
  const found = await repo.find(deps.db, id);
  if (!found) {
    throw new AppError("NOT_FOUND");
  }
  const ref = refOf(found);
  enforce(reviewReportPolicy.visible(actor, ref), reviewReportPolicy.issue(actor, ref));
  if (found.number) {
    throw alreadyIssued();
  }
  // Read before the transaction: the indicators are many queries and need no lock.
  const figures = await reportFigures(deps, actor, found);
  const now = deps.clock.now();
  const year = Number(vnDate(now).slice(0, 4));
  await deps.db.transaction(async (tx) => {
    const row = await repo.lock(tx, id);
    if (!row) {
      throw new AppError("NOT_FOUND");
    }
    if (row.documentNumberId) {
      throw alreadyIssued();
    }
    const settings = settingsOf(row.settings);
    // Per issuing agency: the commune and the agency part of the symbol ("BC-CAX" → CAX).
    const key = { agency: `${row.communeId}:${symbolAgency(settings.symbol)}`, docType: DocType.BC, year };
    const numberId = deps.ids.uuid();
    let number = 0;
    for (let attempt = 0; attempt < NUMBER_ATTEMPTS && number === 0; attempt++) {
      const next = (await repo.lastNumber(tx, key)) + 1;
      const taken = await repo.takeNumber(tx, {
        id: numberId,
        communeId: row.communeId,
        ...key,
        number: next,
        symbol: settings.symbol,
        title: settings.summary,
        createdAt: now,
      });
      number = taken ? next : 0;
    }
    if (number === 0) {
      throw new AppError("CONFLICT", "Không cấp được số văn bản, vui lòng thử lại.");
    }
    await repo.update(tx, id, {
      documentNumberId: numberId,
      settings: { ...row.settings, [ISSUE_SNAPSHOT_KEY]: figures },
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "review_report.issue",
      entityType: "review_report",
      entityId: id,
      communeId: row.communeId,
      data: { number, year, symbol: settings.symbol, documentNumberId: numberId },
      requestId,
    });
  });
  return getReviewReport(deps, actor, id);
}
