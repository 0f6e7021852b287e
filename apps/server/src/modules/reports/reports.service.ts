import { createHash } from "node:crypto";
import type {
  TCaseListItem,
  TCreateReportRequest,
  TLogReportRequest,
  TReceiptView,
  TReportCategory,
  TReportKind,
  TRevealedIdentity,
  TSuspectRequest,
} from "@binhyen/contracts";
import sharp from "sharp";
import { type Actor, seesCommune } from "../../core/authz";
import { AppError } from "../../core/errors";
import { requirePhone } from "../../core/phone";
import type { Deps } from "../../deps";
import { alertsRepository } from "../alerts/alerts.repository";
import { announceAlerts, raiseAlert } from "../alerts/alerts.service";
import { announcementsRepository } from "../announcements/announcements.repository";
import { auditRepository } from "../audit/audit.repository";
import { recordAudit } from "../audit/audit.service";
import { orgRepository } from "../org/org.repository";
import { zaloEffects } from "../zalo/zalo-effects";
import { getCase } from "./case.service";
import { caseDeadlines } from "./case-deadlines";
import { newReceiptCode, normalizeReceiptCode, receiptLookupKey } from "./receipt-code";
import { type ReportRef, reportPolicy } from "./reports.policy";
import { type ReportRow, reportsRepository } from "./reports.repository";

const CRIMINAL: readonly string[] = ["NATIONAL_SECURITY", "CRIME", "SOCIAL_EVIL"];
const INCIDENT: readonly string[] = ["LAW_VIOLATION", "TRAFFIC_ACCIDENT", "FIRE_EXPLOSION"];

/**
 * The legal kind a report starts with (req. 1); officers may change it later. An anonymous report
 * can never be a tố giác (it needs an identified person), so it becomes "tin báo nặc danh".
 */
export function initialKind(category: string, anonymous: boolean): TReportKind {
  if (category === "POLICE_CONDUCT") {
    return anonymous ? "PHAN_ANH_KIEN_NGHI" : "TO_CAO";
  }
  if (CRIMINAL.includes(category)) {
    return anonymous ? "TIN_BAO_NAC_DANH" : "TO_GIAC";
  }
  if (INCIDENT.includes(category)) {
    return anonymous ? "TIN_BAO_NAC_DANH" : "TIN_BAO";
  }
  return "PHAN_ANH_KIEN_NGHI";
}

const lookupKey = (deps: Deps, code: string) => receiptLookupKey(code, (d) => deps.box.mac("receipt", d, 43));

/**
 * Accepts a report from anyone. The identity (if given) is sealed apart from the content; nothing
 * about the sender's connection is stored. Returns the receipt code — the only way back — which is
 * itself never stored (only its keyed hash).
 */
export async function submitReport(
  deps: Deps,
  input: TCreateReportRequest,
  via: {
    channel: "web" | "phone" | "in_person" | "zalo";
    loggedByUserId: string | null;
    /** A channel that knows the reporter otherwise (Zalo: display name and OA-scoped id). */
    identity?: Record<string, string>;
  } = {
    channel: "web",
    loggedByUserId: null,
  },
  idempotencyKey?: string,
): Promise<{ receiptCode: string; reportId: string }> {
  const keyHash = idempotencyKey ? deps.box.mac("intake", idempotencyKey, 43) : undefined;
  if (keyHash) {
    const since = new Date(deps.clock.now().getTime() - 86400_000);
    const seen = await reportsRepository.findIntakeKey(deps.db, keyHash, since);
    if (seen) {
      return {
        receiptCode: deps.box.open(seen.sealedReceipt, `intake:${seen.reportId}`),
        reportId: seen.reportId,
      };
    }
  }
  const commune = await orgRepository.findCommune(deps.db, input.communeId);
  if (!commune) {
    throw new AppError("VALIDATION_FAILED", "Không có xã này.", [
      { path: "communeId", message: "unknown commune" },
    ]);
  }
  let groupId: string | null = null;
  let assignee: string | null = null;
  if (input.hamletId) {
    const hamlet = await orgRepository.findHamlet(deps.db, input.hamletId);
    if (!hamlet || hamlet.hamlet.communeId !== input.communeId) {
      throw new AppError("VALIDATION_FAILED", "Ấp không thuộc xã đã chọn.", [
        { path: "hamletId", message: "not in commune" },
      ]);
    }
    groupId = hamlet.group.id;
    assignee =
      (await orgRepository.findCurrentRole(deps.db, { groupId, role: "GROUP_LEADER" }))?.userId ?? null;
  }
  const chief =
    (await orgRepository.findCurrentRole(deps.db, { communeId: input.communeId, role: "COMMUNE_CHIEF" }))
      ?.userId ?? null;
  const conduct = input.category === "POLICE_CONDUCT";
  // National security is urgent by its nature (Circular 28/2020 as amended: report at once).
  const urgent = input.urgent === true || input.category === "NATIONAL_SECURITY";
  const identity = via.identity
    ? via.identity
    : input.anonymous
      ? null
      : {
          name: input.reporter?.name ?? "",
          phone: requirePhone(input.reporter?.phone ?? "", "reporter.phone").national,
          address: input.reporter?.address ?? "",
        };
  const announcementId = input.announcementId
    ? await linkedAnnouncement(deps, input.communeId, input.announcementId)
    : null;
  const code = newReceiptCode();
  const now = deps.clock.now();
  const id = deps.ids.uuid();
  let alerted: string[] = [];
  await deps.db.transaction(async (tx) => {
    await reportsRepository.insert(tx, {
      id,
      communeId: input.communeId,
      hamletId: input.hamletId ?? null,
      groupId,
      category: input.category,
      kind: initialKind(input.category, input.anonymous),
      description: input.description,
      occurredAt: input.occurredAt ? new Date(input.occurredAt) : null,
      location: input.location ?? "",
      anonymous: input.anonymous,
      receiptKey: lookupKey(deps, code),
      channel: via.channel,
      loggedByUserId: via.loggedByUserId,
      receivedAt: now,
      // A conduct report goes to the chief and never to the hamlet's own officer.
      assigneeUserId: conduct ? chief : (assignee ?? chief),
      chiefOnly: conduct,
      subjectOfficerUserId: conduct ? assignee : null,
      announcementId,
      urgent,
      updatedAt: now,
    });
    if (keyHash) {
      await reportsRepository.insertIntakeKey(tx, {
        keyHash,
        reportId: id,
        sealedReceipt: deps.box.seal(code, `intake:${id}`),
        createdAt: now,
      });
    }
    if (identity) {
      await reportsRepository.insertIdentity(tx, {
        reportId: id,
        sealed: deps.box.seal(JSON.stringify(identity), `report:${id}`),
        createdAt: now,
      });
    }
    if (urgent) {
      const management = await alertsRepository.management(tx, input.communeId);
      alerted = await raiseAlert(
        deps,
        tx,
        {
          userIds: [
            conduct ? chief : (assignee ?? chief),
            ...management.filter((m) => !conduct || m.role === "COMMUNE_CHIEF").map((m) => m.user_id),
          ].filter((u) => u !== (conduct ? assignee : null)),
          communeId: input.communeId,
          kind: "URGENT_REPORT",
          reportId: id,
          title: `Tin báo khẩn mới: ${URGENT_CATEGORY_LABEL[input.category] ?? "tin báo"} — hồ sơ ${id.slice(0, 8)}`,
          link: `/cases/${id}`,
          key: `urgent:${id}`,
        },
        now,
      );
    }
    // The audit row names the report, never the reporter.
    await recordAudit(tx, now, {
      actorUserId: via.loggedByUserId,
      action: via.loggedByUserId ? "report.logged" : "report.submitted",
      entityType: "report",
      entityId: id,
      communeId: input.communeId,
      data: { category: input.category, anonymous: input.anonymous, channel: via.channel, urgent },
    });
  });
  await announceAlerts(deps, alerted);
  return { receiptCode: code, reportId: id };
}

/** Alert titles name the kind of matter, never the reporter or the description. */
const URGENT_CATEGORY_LABEL: Record<string, string> = {
  NATIONAL_SECURITY: "an ninh quốc gia",
  CRIME: "tội phạm",
  SOCIAL_EVIL: "tệ nạn xã hội",
  LAW_VIOLATION: "vi phạm pháp luật",
  TRAFFIC_ACCIDENT: "tai nạn giao thông",
  FIRE_EXPLOSION: "cháy, nổ",
  RESIDENT_DISPUTE: "mâu thuẫn trong dân",
  POLICE_CONDUCT: "phản ánh về cán bộ công an",
  OTHER: "tin báo",
};

/** The report a receipt code opens; a wrong code and an unknown one both give undefined. */
export async function findReportByReceipt(deps: Deps, code: string): Promise<ReportRow | undefined> {
  const canonical = normalizeReceiptCode(code);
  return canonical ? reportsRepository.findByReceiptKey(deps.db, lookupKey(deps, canonical)) : undefined;
}

async function byReceipt(deps: Deps, code: string): Promise<ReportRow> {
  const row = await findReportByReceipt(deps, code);
  if (!row) {
    // A wrong code and an unknown one answer the same.
    throw new AppError("NOT_FOUND", "Không tìm thấy tin báo với mã này.");
  }
  return row;
}

export async function receiptView(deps: Deps, code: string): Promise<TReceiptView> {
  const r = await byReceipt(deps, code);
  const messages = await reportsRepository.messages(deps.db, r.id, false);
  const closed = r.state === "CLOSED";
  return {
    category: r.category,
    state: r.state,
    receivedAt: r.receivedAt.toISOString(),
    closed,
    canRate: closed && r.rating === null,
    result:
      closed && r.outcome && typeof r.outcome.publicSummary === "string" ? r.outcome.publicSummary : null,
    messages: messages.map((m) => ({
      author: m.message.author === "officer" ? "officer" : "reporter",
      body: m.message.body,
      createdAt: m.message.createdAt.toISOString(),
    })),
  };
}

export async function reporterMessage(deps: Deps, code: string, body: string): Promise<TReceiptView> {
  const r = await byReceipt(deps, code);
  if (r.state === "CLOSED" || r.state === "MERGED") {
    throw new AppError("INVALID_TRANSITION", "Tin báo đã đóng; hãy gửi tin báo mới nếu có thông tin mới.");
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await reportsRepository.insertMessage(tx, {
      id: deps.ids.uuid(),
      reportId: r.id,
      author: "reporter",
      body,
      createdAt: now,
    });
    await reportsRepository.touch(tx, r.id, now);
    await recordAudit(tx, now, {
      actorUserId: null,
      action: "report.reporter_message",
      entityType: "report",
      entityId: r.id,
      communeId: r.communeId,
    });
  });
  return receiptView(deps, code);
}

/** Evidence from the reporter: images only for now, decoded by content and re-encoded without EXIF/GPS. */
export async function reporterAttachment(
  deps: Deps,
  code: string,
  bytes: Buffer,
): Promise<{ attachmentId: string }> {
  const r = await byReceipt(deps, code);
  return storeReportImage(deps, r, bytes, null);
}

/** Re-encodes an image (EXIF/GPS dropped) and stores it as evidence of the report, audited. */
export async function storeReportImage(
  deps: Deps,
  r: { id: string; communeId: string },
  bytes: Buffer,
  messageId: string | null,
): Promise<{ attachmentId: string }> {
  let out: Buffer;
  try {
    const meta = await sharp(bytes).metadata();
    if (!meta.format || !["jpeg", "png", "webp", "heif"].includes(meta.format)) {
      throw new Error("format");
    }
    out = await sharp(bytes)
      .rotate()
      .resize({ width: 2000, height: 2000, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 85 })
      .toBuffer();
  } catch {
    throw new AppError("VALIDATION_FAILED", "Chỉ nhận ảnh JPEG, PNG, WebP hoặc HEIC.", [
      { path: "file", message: "not a supported image" },
    ]);
  }
  const now = deps.clock.now();
  const attachmentId = deps.ids.uuid();
  await deps.db.transaction(async (tx) => {
    await reportsRepository.insertAttachment(tx, {
      id: attachmentId,
      reportId: r.id,
      messageId,
      contentType: "image/jpeg",
      bytes: out,
      sha256: createHash("sha256").update(out).digest("hex"),
      createdAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: null,
      action: "report.evidence_added",
      entityType: "report",
      entityId: r.id,
      communeId: r.communeId,
      data: { attachmentId },
    });
  });
  return { attachmentId };
}

async function refOf(deps: Deps, r: ReportRow): Promise<ReportRef> {
  const grants = await reportsRepository.grantees(deps.db, [r.id]);
  return {
    communeId: r.communeId,
    groupId: r.groupId,
    chiefOnly: r.chiefOnly,
    subjectOfficerUserId: r.subjectOfficerUserId,
    assigneeUserId: r.assigneeUserId,
    grantees: grants.map((g) => g.userId),
  };
}

/** Loads a report the actor may read, or 404 exactly like a missing one. */
export async function readable(deps: Deps, actor: Actor, id: string) {
  const found = await reportsRepository.find(deps.db, id);
  if (!found) {
    throw new AppError("NOT_FOUND");
  }
  const ref = await refOf(deps, found.report);
  if (!reportPolicy.read(actor, ref)) {
    throw new AppError("NOT_FOUND");
  }
  return { ...found, ref };
}

export function listItem(r: ReportRow, hamletName: string | null): TCaseListItem {
  return {
    id: r.id,
    communeId: r.communeId,
    category: r.category as TReportCategory,
    kind: r.kind as TReportKind,
    state: r.state,
    anonymous: r.anonymous,
    urgent: r.urgent,
    hamlet: r.hamletId && hamletName ? { id: r.hamletId, name: hamletName } : null,
    receivedAt: r.receivedAt.toISOString(),
    excerpt: r.description.slice(0, 140),
    assigneeUserId: r.assigneeUserId,
    flaggedSpam: r.flaggedSpam,
    nextDeadline: null,
  };
}

export async function listCases(deps: Deps, actor: Actor, limit: number, offset: number) {
  const scope = {
    userId: actor.userId,
    chiefOf: actor.roles
      .filter((r) => r.role === "COMMUNE_CHIEF" && r.communeId)
      .map((r) => r.communeId as string),
    deputyOf: actor.roles
      .filter((r) => r.role === "COMMUNE_DEPUTY" && r.communeId)
      .map((r) => r.communeId as string),
    leaderOf: actor.roles
      .filter((r) => r.role === "GROUP_LEADER" && r.groupId)
      .map((r) => r.groupId as string),
  };
  const { total, rows } = await reportsRepository.list(deps.db, scope, limit, offset);
  const suspensions = await auditRepository.listActionsForEntities(
    deps.db,
    "report",
    rows.map((r) => r.report.id),
    ["case.suspended", "case.resumed"],
  );
  return {
    total,
    items: rows.map((r) => {
      const next = caseDeadlines(
        deps,
        r.report,
        suspensions.filter((a) => a.entityId === r.report.id),
      ).sort((a, b) => a.legal.localeCompare(b.legal))[0];
      return {
        ...listItem(r.report, r.hamletName),
        nextDeadline: next ? { code: next.code, legal: next.legal, status: next.status } : null,
      };
    }),
  };
}

export async function officerMessage(
  deps: Deps,
  actor: Actor,
  id: string,
  body: string,
  internal: boolean,
  requestId: string,
) {
  const { report: r } = await readable(deps, actor, id);
  const now = deps.clock.now();
  const messageId = deps.ids.uuid();
  await deps.db.transaction(async (tx) => {
    await reportsRepository.insertMessage(tx, {
      id: messageId,
      reportId: r.id,
      author: "officer",
      authorUserId: actor.userId,
      body,
      internal,
      createdAt: now,
    });
    await reportsRepository.touch(tx, r.id, now);
    if (!internal) {
      // A report that came through the OA gets the answer on Zalo too (consultation message).
      await zaloEffects.officerReplied(tx, r, messageId, now);
    }
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: internal ? "report.internal_note" : "report.officer_message",
      entityType: "report",
      entityId: r.id,
      communeId: r.communeId,
      requestId,
    });
  });
  return getCase(deps, actor, id);
}

/** One audited reveal at a time (req. 11); the audit row records who looked, not what they saw. */
export async function revealIdentity(
  deps: Deps,
  actor: Actor,
  id: string,
  requestId: string,
): Promise<TRevealedIdentity> {
  const { report: r, ref } = await readable(deps, actor, id);
  if (r.anonymous || !reportPolicy.revealIdentity(actor, ref)) {
    throw new AppError("FORBIDDEN", "Bạn không được xem danh tính người báo tin của tin báo này.");
  }
  const sealed = await reportsRepository.findIdentity(deps.db, r.id);
  if (!sealed) {
    throw new AppError("NOT_FOUND");
  }
  const identity = JSON.parse(deps.box.open(sealed.sealed, `report:${r.id}`)) as TRevealedIdentity;
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, deps.clock.now(), {
      actorUserId: actor.userId,
      action: "report.identity_revealed",
      entityType: "report",
      entityId: r.id,
      communeId: r.communeId,
      requestId,
    });
  });
  return identity;
}

export async function grantIdentity(
  deps: Deps,
  actor: Actor,
  id: string,
  userId: string,
  requestId: string,
): Promise<void> {
  const { report: r, ref } = await readable(deps, actor, id);
  if (!reportPolicy.grantIdentity(actor, ref)) {
    throw new AppError("FORBIDDEN", "Chỉ Trưởng Công an xã cấp quyền xem danh tính người báo tin.");
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await reportsRepository.grant(tx, { reportId: r.id, userId, grantedBy: actor.userId, createdAt: now });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "report.identity_granted",
      entityType: "report",
      entityId: r.id,
      communeId: r.communeId,
      data: { userId },
      requestId,
    });
  });
}

export async function caseAttachment(deps: Deps, actor: Actor, id: string, attachmentId: string) {
  const { report: r } = await readable(deps, actor, id);
  const a = await reportsRepository.findAttachment(deps.db, attachmentId);
  if (!a || a.reportId !== r.id) {
    throw new AppError("NOT_FOUND");
  }
  return a;
}

/** After closing, the reporter rates the handling once (1–5 and a comment); ratings feed the review. */
export async function rateReport(
  deps: Deps,
  code: string,
  rating: number,
  comment: string | undefined,
): Promise<TReceiptView> {
  const r = await byReceipt(deps, code);
  if (r.state !== "CLOSED" || r.rating !== null) {
    throw new AppError(
      "INVALID_TRANSITION",
      r.rating !== null ? "Bạn đã đánh giá tin báo này." : "Chỉ đánh giá được sau khi tin báo đã kết thúc.",
    );
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await reportsRepository.update(tx, r.id, { rating, ratingComment: comment ?? null, updatedAt: now });
    await recordAudit(tx, now, {
      actorUserId: null,
      action: "report.rated",
      entityType: "report",
      entityId: r.id,
      communeId: r.communeId,
      data: { rating },
    });
  });
  return receiptView(deps, code);
}

/**
 * A report received by phone or in person, logged by an officer of the commune. The receipt code is
 * returned once so the officer can give it to the resident.
 */
export async function logReport(deps: Deps, actor: Actor, input: TLogReportRequest) {
  const commune = await orgRepository.findCommune(deps.db, input.communeId);
  if (!commune || !seesCommune(actor, input.communeId, commune.commune.provinceId)) {
    throw new AppError("NOT_FOUND");
  }
  const officer = actor.roles.some(
    (r) =>
      r.communeId === input.communeId && ["COMMUNE_CHIEF", "COMMUNE_DEPUTY", "GROUP_LEADER"].includes(r.role),
  );
  if (!officer) {
    throw new AppError("FORBIDDEN");
  }
  const { channel, ...report } = input;
  return submitReport(deps, report, { channel, loggedByUserId: actor.userId });
}

/** The commune's name and current hamlets, for the public report form. */
export async function reportPlaces(deps: Deps, communeId: string) {
  const found = await orgRepository.findCommune(deps.db, communeId);
  if (!found) {
    throw new AppError("NOT_FOUND");
  }
  const rows = await orgRepository.listHamletsWithGroups(deps.db, communeId);
  return {
    communeId,
    name: found.commune.name,
    hamlets: rows.map((r) => ({ id: r.hamlet.id, name: r.hamlet.name })),
  };
}

/** An officer marks a report as spam, abuse or an obvious duplicate (or clears the flag). */
export async function flagCase(deps: Deps, actor: Actor, id: string, spam: boolean, requestId: string) {
  const { report: r } = await readable(deps, actor, id);
  if (r.flaggedSpam !== spam) {
    const now = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      await reportsRepository.update(tx, r.id, { flaggedSpam: spam, updatedAt: now });
      await recordAudit(tx, now, {
        actorUserId: actor.userId,
        action: spam ? "case.flagged_spam" : "case.unflagged_spam",
        entityType: "report",
        entityId: r.id,
        communeId: r.communeId,
        requestId,
      });
    });
  }
  return getCase(deps, actor, id);
}

/** A report may answer a published notice of the same commune; anything else is refused. */
async function linkedAnnouncement(deps: Deps, communeId: string, announcementId: string): Promise<string> {
  const a = await announcementsRepository.find(deps.db, announcementId);
  if (!a || a.communeId !== communeId || a.status !== "published") {
    throw new AppError("VALIDATION_FAILED", "Thông báo liên quan không tồn tại hoặc đã hết hiệu lực.", [
      { path: "announcementId", message: "unknown announcement" },
    ]);
  }
  return a.id;
}

/** Officers record who a report is about; the content check keeps these names out of announcements. */
export async function addSuspect(
  deps: Deps,
  actor: Actor,
  caseId: string,
  input: TSuspectRequest,
  requestId?: string,
): Promise<{ ok: true }> {
  const { report: r } = await readable(deps, actor, caseId);
  const phone = input.phone ? requirePhone(input.phone, "phone").national : undefined;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await reportsRepository.insertSuspect(tx, {
      id: deps.ids.uuid(),
      reportId: r.id,
      sealed: deps.box.seal(
        JSON.stringify({ name: input.name, phone, note: input.note ?? "" }),
        `suspect:${r.id}`,
      ),
      createdBy: actor.userId,
      createdAt: now,
    });
    // The audit row says that a person was recorded, never who.
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "report.suspect.add",
      entityType: "report",
      entityId: r.id,
      communeId: r.communeId,
      requestId,
    });
  });
  return { ok: true };
}
