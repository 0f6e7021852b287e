import type { TAnnouncementCategory } from "@binhyen/contracts";
import type { Actor } from "../../core/authz";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import { announcementDetail, communeOf } from "./announcements.service";
import { toCapXml } from "./cap";

/** CAP 1.2 for other alerting systems: published announcements (and a Cancel once withdrawn). */
export async function capExport(deps: Deps, actor: Actor, id: string): Promise<string> {
  const a = await announcementDetail(deps, actor, id);
  if (!a.publishedAt || (a.status !== "published" && a.status !== "withdrawn")) {
    throw new AppError("INVALID_TRANSITION", "Chỉ xuất CAP cho thông báo đã đăng.");
  }
  const c = await communeOf(deps, a.communeId);
  return toCapXml({
    id: a.id,
    communeName: c.name,
    provinceName: c.provinceName,
    senderDomain: new URL(deps.config.publicUrl).hostname,
    category: a.category as TAnnouncementCategory,
    title: a.title,
    body: a.body,
    urgent: a.urgent,
    publishedAt: new Date(a.publishedAt),
    expiresAt: a.expiresAt ? new Date(a.expiresAt) : null,
    withdrawn: a.status === "withdrawn",
    areaDescs: a.groups.map((g) => g.name),
    web: null,
  });
}
