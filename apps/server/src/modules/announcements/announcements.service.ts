import type {
  TAnnouncementDetail,
  TAnnouncementSettings,
  TAnnouncementStatus,
  TAnnouncementSummary,
  TContentFinding,
  TCreateAnnouncement,
  TPersonNotice,
} from "@binhyen/contracts";
import { type Actor, seesCommune } from "../../core/authz";
import { AppError } from "../../core/errors";
import { isPhoneError, normalizePhone } from "../../core/phone";
import { likePattern, searchKey } from "../../core/text";
import type { Tx } from "../../db/client";
import type { Deps } from "../../deps";
import { outboxRepository } from "../../events/outbox.repository";
import { recordAudit } from "../audit/audit.service";
import { orgRepository } from "../org/org.repository";
import { zaloEffects } from "../zalo/zalo-effects";
import { type AnnouncementRef, allowedActions, announcementPolicy } from "./announcements.policy";
import { type AnnouncementRow, announcementsRepository as repo } from "./announcements.repository";
import { checkAnnouncementContent, type ProtectedPerson } from "./content-check";

/** Channels an announcement is owed to besides the in-app feed (one outbox row each). */
export const ANNOUNCEMENT_PUSH_CHANNELS = ["push"] as const;
/** Internal channel that releases scheduled announcements at their time. */
export const RELEASE_CHANNEL = "announcement-release";

type Audit = { requestId?: string };

export async function communeOf(deps: Deps, communeId: string) {
  const c = await orgRepository.findCommune(deps.db, communeId);
  if (!c) {
    throw new AppError("NOT_FOUND");
  }
  return {
    id: c.commune.id,
    provinceId: c.commune.provinceId,
    name: c.commune.name,
    provinceName: c.province.name,
  };
}

/** Loads an announcement for an officer: 404 outside the tenant, 403 inside without the right. */
async function loadForOfficer(deps: Deps, actor: Actor, id: string) {
  const a = await repo.find(deps.db, id);
  if (!a) {
    throw new AppError("NOT_FOUND");
  }
  const c = await communeOf(deps, a.communeId);
  if (!seesCommune(actor, a.communeId, c.provinceId)) {
    throw new AppError("NOT_FOUND");
  }
  const groupIds = await repo.groupIds(deps.db, id);
  const ref: AnnouncementRef = {
    communeId: a.communeId,
    authorUserId: a.authorUserId,
    groupIds,
    status: a.status,
  };
  if (!announcementPolicy.manage(actor, ref)) {
    throw new AppError("FORBIDDEN");
  }
  return { a, groupIds, ref };
}

async function resolveAudience(deps: Deps, actor: Actor, input: TCreateAnnouncement) {
  if ("communeId" in input.audience) {
    const c = await communeOf(deps, input.audience.communeId);
    if (!seesCommune(actor, c.id, c.provinceId)) {
      throw new AppError("NOT_FOUND");
    }
    const groups = await repo.currentGroupsOfCommune(deps.db, c.id);
    return {
      communeId: c.id,
      provinceId: c.provinceId,
      groupIds: groups.map((g) => g.id),
      wholeCommune: true,
    };
  }
  const ids = [...new Set(input.audience.groupIds)];
  const found = await repo.findGroups(deps.db, ids);
  const communeIds = new Set(found.map((g) => g.communeId));
  const first = found[0];
  if (!first || found.length !== ids.length || communeIds.size !== 1) {
    throw new AppError("NOT_FOUND");
  }
  const c = await communeOf(deps, first.communeId);
  if (!seesCommune(actor, c.id, c.provinceId)) {
    throw new AppError("NOT_FOUND");
  }
  return { communeId: c.id, provinceId: c.provinceId, groupIds: ids, wholeCommune: false };
}

/** Files named by the composer must be this commune's and not attached elsewhere. */
async function checkFiles(
  deps: Deps,
  communeId: string,
  announcementId: string | null,
  input: TCreateAnnouncement,
) {
  const ids = [
    ...new Set([...input.fileIds, ...(input.notice?.photoFileId ? [input.notice.photoFileId] : [])]),
  ];
  const files = await repo.filesMeta(deps.db, ids);
  const bad = ids.find((id) => {
    const f = files.find((x) => x.id === id);
    return (
      !f || f.communeId !== communeId || (f.announcementId !== null && f.announcementId !== announcementId)
    );
  });
  if (bad) {
    throw new AppError("VALIDATION_FAILED", "Tệp đính kèm không tồn tại hoặc đã dùng cho thông báo khác.", [
      { path: "fileIds", message: "unknown file" },
    ]);
  }
  const photo = input.notice?.photoFileId ? files.find((f) => f.id === input.notice?.photoFileId) : undefined;
  if (photo && photo.kind !== "image") {
    throw new AppError("VALIDATION_FAILED", "Ảnh người cần tìm phải là tệp ảnh.", [
      { path: "notice.photoFileId", message: "not an image" },
    ]);
  }
  return { ids, files };
}

/** Informants' and suspects' names and phones of the commune's open reports (req. 12). */
async function protectedPeople(deps: Deps, communeId: string): Promise<ProtectedPerson[]> {
  const { identities, suspects } = await repo.openReportPeople(deps.db, communeId);
  const out: ProtectedPerson[] = [];
  for (const i of identities) {
    const p = JSON.parse(deps.box.open(i.sealed, `report:${i.reportId}`)) as {
      name?: string;
      phone?: string;
    };
    out.push({ name: p.name, phone: p.phone });
  }
  for (const s of suspects) {
    const p = JSON.parse(deps.box.open(s.sealed, `suspect:${s.reportId}`)) as {
      name?: string;
      phone?: string;
    };
    out.push({ name: p.name, phone: p.phone });
  }
  return out;
}

function noticeText(n: TPersonNotice | undefined | null) {
  if (!n) {
    return [];
  }
  return [
    { field: "notice.personName", text: n.personName ?? "" },
    { field: "notice.description", text: n.description },
    { field: "notice.lastSeen", text: n.lastSeen ?? "" },
    { field: "notice.contact", text: n.contact ?? "" },
  ];
}

/** Requirements 12–14, on everything the group would see: text, notice fields, files. */
export async function contentFindings(
  deps: Deps,
  communeId: string,
  content: { title: string; body: string; notice?: TPersonNotice | null; fileIds: string[] },
): Promise<TContentFinding[]> {
  const files = await repo.filesMeta(deps.db, content.fileIds);
  const settings = await repo.settings(deps.db, communeId);
  return checkAnnouncementContent({
    fields: [
      { field: "title", text: content.title },
      { field: "body", text: content.body },
      ...noticeText(content.notice),
      ...files.flatMap((f) => [
        { field: `file:${f.name}`, text: f.name },
        { field: `file:${f.name}`, text: f.text },
      ]),
    ],
    protectedPeople: await protectedPeople(deps, communeId),
    allowedPhones: settings.officialPhones,
  });
}

function blocked(findings: TContentFinding[]): AppError {
  return new AppError(
    "CONTENT_BLOCKED",
    findings.length === 1
      ? (findings[0]?.message ?? "")
      : `Thông báo chưa thể đăng: có ${findings.length} nội dung cần sửa.`,
    { findings },
  );
}

export async function checkContent(deps: Deps, actor: Actor, input: TCreateAnnouncement) {
  const aud = await resolveAudience(deps, actor, input);
  if (!announcementPolicy.compose(actor, aud.communeId, aud.groupIds, aud.wholeCommune)) {
    throw new AppError("FORBIDDEN");
  }
  const { ids } = await checkFiles(deps, aud.communeId, null, input);
  const findings = await contentFindings(deps, aud.communeId, { ...input, fileIds: ids });
  return { ok: findings.length === 0, findings };
}

/** Where a non-draft goes: to the leader, to the scheduler, or out now. */
function targetStatus(
  deps: Deps,
  actor: Actor,
  ref: Pick<AnnouncementRef, "communeId" | "groupIds">,
  publishAt: Date | null,
  deputiesNeedApproval: boolean,
): TAnnouncementStatus {
  if (announcementPolicy.needsApproval(actor, ref, deputiesNeedApproval)) {
    return "pending_approval";
  }
  return publishAt && publishAt > deps.clock.now() ? "scheduled" : "published";
}

/**
 * Publishing in one transaction (DESIGN "Delivery"): status, recipients ("read by household X"),
 * one outbox row per external channel; the caller writes the audit row in the same transaction.
 */
export async function releaseInTx(
  tx: Tx,
  a: Pick<AnnouncementRow, "id" | "communeId">,
  groupIds: string[],
  now: Date,
) {
  await repo.update(tx, a.id, { status: "published", publishedAt: now, updatedAt: now });
  const recipients = groupIds.length ? await repo.insertRecipients(tx, a.id, groupIds) : 0;
  for (const channel of ANNOUNCEMENT_PUSH_CHANNELS) {
    await outboxRepository.enqueue(
      tx,
      {
        event: "announcement.published",
        channel,
        payload: { announcementId: a.id },
        idempotencyKey: `announcement:${a.id}:${channel}`,
        communeId: a.communeId,
      },
      now,
    );
  }
  await zaloEffects.announcementReleased(tx, a, now);
  return recipients;
}

async function scheduleInTx(
  tx: Tx,
  a: Pick<AnnouncementRow, "id" | "communeId">,
  publishAt: Date,
  now: Date,
) {
  await outboxRepository.enqueue(
    tx,
    {
      event: "announcement.release",
      channel: RELEASE_CHANNEL,
      payload: { announcementId: a.id },
      idempotencyKey: `announcement:${a.id}:release:${publishAt.toISOString()}`,
      communeId: a.communeId,
      notBefore: publishAt,
    },
    now,
  );
}

/** After commit: tell every API process (and its connected clients) about the change. */
export async function announceChange(deps: Deps, id: string): Promise<void> {
  try {
    await deps.realtime.publish({ topic: "announcement", data: { id } });
  } catch (err) {
    deps.log?.warn({ err, announcementId: id }, "realtime publish failed");
  }
}

/** Moves an announcement to `status` (published/scheduled/pending), with its side effects. */
async function goOut(tx: Tx, a: AnnouncementRow, groupIds: string[], status: TAnnouncementStatus, now: Date) {
  if (status === "published") {
    return releaseInTx(tx, a, groupIds, now);
  }
  await repo.update(tx, a.id, { status, updatedAt: now });
  if (status === "scheduled" && a.publishAt) {
    await scheduleInTx(tx, a, a.publishAt, now);
  }
  return 0;
}

/**
 * What create and update share: the files (this commune's, unattached or already this
 * announcement's), the content check unless it is a draft, where it goes, and the stored fields.
 */
async function composition(
  deps: Deps,
  actor: Actor,
  input: TCreateAnnouncement,
  aud: { communeId: string; groupIds: string[]; wholeCommune: boolean },
  announcementId: string | null,
) {
  const { ids: fileIds } = await checkFiles(deps, aud.communeId, announcementId, input);
  if (!input.draft) {
    const findings = await contentFindings(deps, aud.communeId, { ...input, fileIds });
    if (findings.length) {
      throw blocked(findings);
    }
  }
  const settings = await repo.settings(deps.db, aud.communeId);
  const publishAt = input.publishAt ? new Date(input.publishAt) : null;
  const status: TAnnouncementStatus = input.draft
    ? "draft"
    : targetStatus(
        deps,
        actor,
        { communeId: aud.communeId, groupIds: aud.groupIds },
        publishAt,
        settings.deputiesNeedApproval,
      );
  const fields = {
    category: input.category,
    title: input.title,
    body: input.body,
    searchKey: searchKey(`${input.title} ${input.body}`),
    wholeCommune: aud.wholeCommune,
    publishAt,
    expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    pinned: input.pinned,
    urgent: input.urgent,
    requiresAck: input.requiresAck,
    notice: (input.notice as Record<string, unknown> | undefined) ?? null,
  };
  return { fileIds, status, fields };
}

export async function createAnnouncement(
  deps: Deps,
  actor: Actor,
  input: TCreateAnnouncement,
  audit: Audit = {},
) {
  const aud = await resolveAudience(deps, actor, input);
  if (aud.groupIds.length === 0) {
    throw new AppError("VALIDATION_FAILED", "Xã chưa có nhóm nào để gửi thông báo.", [
      { path: "audience", message: "no groups" },
    ]);
  }
  if (!announcementPolicy.compose(actor, aud.communeId, aud.groupIds, aud.wholeCommune)) {
    throw new AppError("FORBIDDEN");
  }
  const { fileIds, status, fields } = await composition(deps, actor, input, aud, null);
  const now = deps.clock.now();
  const id = deps.ids.uuid();
  const row: AnnouncementRow = {
    id,
    communeId: aud.communeId,
    ...fields,
    status: "draft",
    publishedAt: null,
    authorUserId: actor.userId,
    decidedByUserId: null,
    rejectReason: null,
    withdrawnAt: null,
    withdrawReason: null,
    sourceFeedId: null,
    sourceUrl: null,
    createdAt: now,
    updatedAt: now,
  };
  let recipients = 0;
  await deps.db.transaction(async (tx) => {
    await repo.insert(tx, row, aud.groupIds);
    await repo.attachFiles(tx, id, fileIds);
    if (status !== "draft") {
      recipients = await goOut(tx, row, aud.groupIds, status, now);
    }
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: status === "published" ? "announcement.publish" : "announcement.create",
      entityType: "announcement",
      entityId: id,
      communeId: aud.communeId,
      data: { status, category: input.category, groups: aud.groupIds.length, recipients },
      requestId: audit.requestId,
    });
  });
  if (status === "published") {
    await announceChange(deps, id);
  }
  return { announcementId: id, status };
}

export async function updateAnnouncement(
  deps: Deps,
  actor: Actor,
  id: string,
  input: TCreateAnnouncement,
  audit: Audit = {},
) {
  const { a, ref } = await loadForOfficer(deps, actor, id);
  if (!announcementPolicy.edit(actor, { ...ref, status: "draft" })) {
    throw new AppError("FORBIDDEN");
  }
  if (!announcementPolicy.edit(actor, ref)) {
    throw new AppError("INVALID_TRANSITION", "Thông báo đã đăng không sửa được; hãy thu hồi và đăng lại.");
  }
  const aud = await resolveAudience(deps, actor, input);
  if (
    aud.communeId !== a.communeId ||
    !announcementPolicy.compose(actor, aud.communeId, aud.groupIds, aud.wholeCommune)
  ) {
    throw new AppError("FORBIDDEN");
  }
  const { fileIds, status, fields } = await composition(deps, actor, input, aud, id);
  const now = deps.clock.now();
  const patch = {
    ...fields,
    rejectReason: null,
    updatedAt: now,
  };
  await deps.db.transaction(async (tx) => {
    const locked = await repo.findForUpdate(tx, id);
    if (!locked || locked.status !== a.status) {
      throw new AppError("CONFLICT", "Thông báo vừa được người khác thay đổi. Hãy tải lại.");
    }
    await repo.update(tx, id, { ...patch, status: "draft" });
    await repo.replaceGroups(tx, id, aud.groupIds);
    await repo.attachFiles(tx, id, fileIds);
    if (status !== "draft") {
      await goOut(tx, { ...a, ...patch }, aud.groupIds, status, now);
    }
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "announcement.update",
      entityType: "announcement",
      entityId: id,
      communeId: a.communeId,
      data: { from: a.status, to: status },
      requestId: audit.requestId,
    });
  });
  if (status === "published") {
    await announceChange(deps, id);
  }
  return { announcementId: id, status };
}

/** A draft (or a rejected one, after edits) goes out — or to the leader for approval. */
export async function publishAnnouncement(deps: Deps, actor: Actor, id: string, audit: Audit = {}) {
  const { a, groupIds, ref } = await loadForOfficer(deps, actor, id);
  if (!announcementPolicy.edit(actor, { ...ref, status: "draft" })) {
    throw new AppError("FORBIDDEN");
  }
  if (!allowedActions(actor, ref).includes("publish")) {
    throw new AppError("INVALID_TRANSITION", "Chỉ đăng được bản nháp.");
  }
  return decide(deps, actor, a, groupIds, "publish", audit);
}

export async function approveAnnouncement(deps: Deps, actor: Actor, id: string, audit: Audit = {}) {
  const { a, groupIds, ref } = await loadForOfficer(deps, actor, id);
  if (!announcementPolicy.approve(actor, ref)) {
    throw a.status === "pending_approval" ? new AppError("FORBIDDEN") : new AppError("INVALID_TRANSITION");
  }
  return decide(deps, actor, a, groupIds, "approve", audit);
}

async function decide(
  deps: Deps,
  actor: Actor,
  a: AnnouncementRow,
  groupIds: string[],
  how: "publish" | "approve",
  audit: Audit,
) {
  const files = await repo.filesOf(deps.db, [a.id]);
  const findings = await contentFindings(deps, a.communeId, {
    title: a.title,
    body: a.body,
    notice: a.notice as TPersonNotice | null,
    fileIds: files.map((f) => f.id),
  });
  if (findings.length) {
    throw blocked(findings);
  }
  const settings = await repo.settings(deps.db, a.communeId);
  const now = deps.clock.now();
  const status: TAnnouncementStatus =
    how === "approve"
      ? a.publishAt && a.publishAt > now
        ? "scheduled"
        : "published"
      : targetStatus(
          deps,
          actor,
          { communeId: a.communeId, groupIds },
          a.publishAt,
          settings.deputiesNeedApproval,
        );
  await deps.db.transaction(async (tx) => {
    const locked = await repo.findForUpdate(tx, a.id);
    if (!locked || locked.status !== a.status) {
      throw new AppError("CONFLICT", "Thông báo vừa được người khác thay đổi. Hãy tải lại.");
    }
    if (how === "approve") {
      await repo.update(tx, a.id, { decidedByUserId: actor.userId, updatedAt: now });
    }
    const recipients = await goOut(tx, a, groupIds, status, now);
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: how === "approve" ? "announcement.approve" : "announcement.publish",
      entityType: "announcement",
      entityId: a.id,
      communeId: a.communeId,
      data: { status, recipients },
      requestId: audit.requestId,
    });
  });
  if (status === "published") {
    await announceChange(deps, a.id);
  }
  return { announcementId: a.id, status };
}

export async function rejectAnnouncement(
  deps: Deps,
  actor: Actor,
  id: string,
  reason: string,
  audit: Audit = {},
) {
  const { a, ref } = await loadForOfficer(deps, actor, id);
  if (!announcementPolicy.approve(actor, ref)) {
    throw a.status === "pending_approval" ? new AppError("FORBIDDEN") : new AppError("INVALID_TRANSITION");
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.update(tx, id, {
      status: "rejected",
      rejectReason: reason,
      decidedByUserId: actor.userId,
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "announcement.reject",
      entityType: "announcement",
      entityId: id,
      communeId: a.communeId,
      data: { reason },
      requestId: audit.requestId,
    });
  });
  return { announcementId: id, status: "rejected" as const };
}

/** Withdrawn announcements leave every feed at once; the record stays. */
export async function withdrawAnnouncement(
  deps: Deps,
  actor: Actor,
  id: string,
  reason: string,
  audit: Audit = {},
) {
  const { a, ref } = await loadForOfficer(deps, actor, id);
  if (!announcementPolicy.withdraw(actor, ref)) {
    throw ["published", "scheduled"].includes(a.status)
      ? new AppError("FORBIDDEN")
      : new AppError("INVALID_TRANSITION");
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.update(tx, id, {
      status: "withdrawn",
      withdrawnAt: now,
      withdrawReason: reason,
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "announcement.withdraw",
      entityType: "announcement",
      entityId: id,
      communeId: a.communeId,
      data: { reason, from: a.status },
      requestId: audit.requestId,
    });
  });
  await announceChange(deps, id);
  return { announcementId: id, status: "withdrawn" as const };
}

export async function pinAnnouncement(
  deps: Deps,
  actor: Actor,
  id: string,
  pinned: boolean,
  audit: Audit = {},
) {
  const { a, ref } = await loadForOfficer(deps, actor, id);
  if (!announcementPolicy.pin(actor, ref)) {
    throw a.status === "published" ? new AppError("FORBIDDEN") : new AppError("INVALID_TRANSITION");
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.update(tx, id, { pinned, updatedAt: now });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: pinned ? "announcement.pin" : "announcement.unpin",
      entityType: "announcement",
      entityId: id,
      communeId: a.communeId,
      requestId: audit.requestId,
    });
  });
  await announceChange(deps, id);
  return { ok: true as const };
}

/** The release channel's work: a scheduled announcement reaches its time. */
export async function releaseScheduled(deps: Deps, id: string): Promise<void> {
  const now = deps.clock.now();
  let released = false;
  await deps.db.transaction(async (tx) => {
    const a = await repo.findForUpdate(tx, id);
    if (a?.status !== "scheduled") {
      return; // withdrawn, edited back to draft, or already out
    }
    if (a.publishAt && a.publishAt > now) {
      await scheduleInTx(tx, a, a.publishAt, now); // moved later after this row was queued
      return;
    }
    const groupIds = a.wholeCommune
      ? (await repo.currentGroupsOfCommune(tx, a.communeId)).map((g) => g.id)
      : await repo.groupIds(tx, id);
    if (a.wholeCommune) {
      await repo.replaceGroups(tx, id, groupIds);
    }
    const recipients = await releaseInTx(tx, a, groupIds, now);
    await recordAudit(tx, now, {
      actorUserId: null,
      action: "announcement.release",
      entityType: "announcement",
      entityId: id,
      communeId: a.communeId,
      data: { recipients },
    });
    released = true;
  });
  if (released) {
    await announceChange(deps, id);
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summary(
  deps: Deps,
  a: AnnouncementRow,
  groups: { id: string; name: string }[],
  authorName: string,
  feedTitle: string | null,
): TAnnouncementSummary {
  return {
    id: a.id,
    communeId: a.communeId,
    category: a.category as TAnnouncementSummary["category"],
    title: a.title,
    status: a.status as TAnnouncementStatus,
    pinned: a.pinned,
    urgent: a.urgent,
    requiresAck: a.requiresAck,
    publishAt: iso(a.publishAt),
    publishedAt: iso(a.publishedAt),
    expiresAt: iso(a.expiresAt),
    expired: a.expiresAt !== null && a.expiresAt <= deps.clock.now(),
    groups,
    author: { userId: a.authorUserId, name: authorName },
    source: a.sourceUrl ? { feedTitle: feedTitle ?? "", url: a.sourceUrl } : null,
    createdAt: a.createdAt.toISOString(),
  };
}

export async function listAnnouncements(
  deps: Deps,
  actor: Actor,
  communeId: string,
  f: { status?: string; category?: string; q?: string },
) {
  const c = await communeOf(deps, communeId);
  if (!seesCommune(actor, communeId, c.provinceId)) {
    throw new AppError("NOT_FOUND");
  }
  if (!announcementPolicy.list(actor, communeId)) {
    throw new AppError("FORBIDDEN");
  }
  const found = await repo.list(deps.db, communeId, { ...f, q: f.q ? likePattern(f.q) : undefined });
  const groups = await repo.groupsOf(
    deps.db,
    found.map((r) => r.a.id),
  );
  const items = found
    .map((r) => summary(deps, r.a, groups.get(r.a.id) ?? [], r.authorName, r.feedTitle))
    .filter((s) =>
      announcementPolicy.manage(actor, {
        communeId,
        authorUserId: s.author.userId,
        groupIds: s.groups.map((g) => g.id),
        status: s.status,
      }),
    );
  return { items };
}

export async function announcementDetail(deps: Deps, actor: Actor, id: string): Promise<TAnnouncementDetail> {
  const { a, ref } = await loadForOfficer(deps, actor, id);
  const groups = (await repo.groupsOf(deps.db, [id])).get(id) ?? [];
  const { authorName, feedTitle } = await repo.authorAndFeed(deps.db, a);
  const files = await repo.filesOf(deps.db, [id]);
  return {
    ...summary(deps, a, groups, authorName, feedTitle),
    body: a.body,
    notice: (a.notice as TPersonNotice | null) ?? null,
    files: files.map((f) => ({
      id: f.id,
      kind: f.kind as "image" | "file",
      contentType: f.contentType,
      name: f.name,
      bytes: f.size,
    })),
    rejectReason: a.rejectReason,
    allowedActions: allowedActions(actor, ref),
  };
}

export async function getSettings(
  deps: Deps,
  actor: Actor,
  communeId: string,
): Promise<TAnnouncementSettings> {
  const c = await communeOf(deps, communeId);
  if (!seesCommune(actor, communeId, c.provinceId)) {
    throw new AppError("NOT_FOUND");
  }
  if (!announcementPolicy.list(actor, communeId)) {
    throw new AppError("FORBIDDEN");
  }
  return repo.settings(deps.db, communeId);
}

export async function saveSettings(
  deps: Deps,
  actor: Actor,
  communeId: string,
  input: TAnnouncementSettings,
  audit: Audit = {},
): Promise<TAnnouncementSettings> {
  const c = await communeOf(deps, communeId);
  if (!seesCommune(actor, communeId, c.provinceId)) {
    throw new AppError("NOT_FOUND");
  }
  if (!announcementPolicy.settings(actor, communeId)) {
    throw new AppError("FORBIDDEN");
  }
  const officialPhones = input.officialPhones.map((p, i) => {
    const n = normalizePhone(p);
    if (isPhoneError(n)) {
      throw new AppError("VALIDATION_FAILED", n.message, [{ path: `officialPhones.${i}`, message: n.error }]);
    }
    return n.e164;
  });
  const settings = {
    deputiesNeedApproval: input.deputiesNeedApproval,
    officialPhones: [...new Set(officialPhones)],
  };
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.saveSettings(tx, communeId, settings, now);
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "announcement.settings",
      entityType: "commune",
      entityId: communeId,
      communeId,
      data: settings,
      requestId: audit.requestId,
    });
  });
  return settings;
}
