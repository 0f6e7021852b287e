import { createHash } from "node:crypto";
import type { TAnnouncementFile } from "@binhyen/contracts";
import { type Actor, seesCommune } from "../../core/authz";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { orgRepository } from "../org/org.repository";
import { announcementPolicy } from "./announcements.policy";
import { announcementsRepository as repo } from "./announcements.repository";
import { checkAnnouncementFile } from "./file-check";

export const ANNOUNCEMENT_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** Composer upload: sniffed by content, images re-encoded without EXIF/GPS, secrecy markings refused. */
export async function uploadAnnouncementFile(
  deps: Deps,
  actor: Actor,
  communeId: string,
  upload: { fileName: string; bytes: Buffer },
  requestId?: string,
): Promise<TAnnouncementFile> {
  const c = await orgRepository.findCommune(deps.db, communeId);
  if (!c || !seesCommune(actor, communeId, c.commune.provinceId)) {
    throw new AppError("NOT_FOUND");
  }
  if (!announcementPolicy.list(actor, communeId)) {
    throw new AppError("FORBIDDEN");
  }
  const checked = await checkAnnouncementFile({ ...upload, maxBytes: ANNOUNCEMENT_FILE_MAX_BYTES });
  const id = deps.ids.uuid();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.insertFile(tx, {
      id,
      communeId,
      announcementId: null,
      kind: checked.kind,
      contentType: checked.contentType,
      name: checked.name,
      size: checked.bytes.length,
      bytes: checked.bytes,
      text: checked.text.slice(0, 20_000),
      sha256: createHash("sha256").update(checked.bytes).digest("hex"),
      createdBy: actor.userId,
      createdAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "announcement.file.upload",
      entityType: "announcement_file",
      entityId: id,
      communeId,
      data: { kind: checked.kind, contentType: checked.contentType, bytes: checked.bytes.length },
      requestId,
    });
  });
  return {
    id,
    kind: checked.kind,
    contentType: checked.contentType,
    name: checked.name,
    bytes: checked.bytes.length,
  };
}

/**
 * A file of a live announcement is readable by the audience groups' members; officers of the
 * commune read every file (drafts included).
 */
export async function readAnnouncementFile(deps: Deps, actor: Actor, fileId: string) {
  const f = await repo.findFile(deps.db, fileId);
  const c = f ? await orgRepository.findCommune(deps.db, f.communeId) : undefined;
  if (!f || !c || !seesCommune(actor, f.communeId, c.commune.provinceId)) {
    throw new AppError("NOT_FOUND");
  }
  if (announcementPolicy.list(actor, f.communeId)) {
    return f;
  }
  if (f.announcementId) {
    const groups = await repo.liveAudienceGroups(deps.db, f.announcementId, deps.clock.now());
    if (groups.some((g) => announcementPolicy.readFeed(actor, f.communeId, g.groupId))) {
      return f;
    }
  }
  throw new AppError("FORBIDDEN");
}
