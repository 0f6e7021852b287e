import { escapeMentions, plainTextFromMarkdown, splitForZalo } from "../../channels/zalo-oa/message-text";
import { ZaloApiError, zaloErrorMessage } from "../../channels/zalo-oa/zalo-errors";
import { vnDateTime } from "../../core/vn-time";
import type { Deps } from "../../deps";
import { type ZaloGroupRow, zaloRepository } from "./zalo.repository";
import { alertLeaders } from "./zalo-alerts";
import { oaFor } from "./zalo-api";

/**
 * Posts a published announcement into every linked Zalo group of its audience (reference/zalo.md
 * §7(a)): images first (uploaded, then sent by attachment id), then the text in parts of at most
 * 2,000 characters, each `[@…]` neutralised. Progress is kept per group, so a retry resumes where
 * the last attempt stopped and a group that failed for good (package expired: -237) never holds
 * the others up. Throws only when some group should be tried again.
 */
const PERSON_FIELDS: [string, string][] = [
  ["personName", "Họ tên"],
  ["description", "Đặc điểm"],
  ["lastSeen", "Nơi thấy lần cuối"],
  ["contact", "Liên hệ"],
];

export function announcementText(
  a: {
    id: string;
    title: string;
    body: string;
    urgent: boolean;
    notice: Record<string, unknown> | null;
    expiresAt: Date | null;
  },
  publicUrl: string,
): string {
  const lines = [`${a.urgent ? "🚨 KHẨN: " : "📢 "}${a.title}`, "", plainTextFromMarkdown(a.body)];
  if (a.notice) {
    lines.push("");
    for (const [key, label] of PERSON_FIELDS) {
      const v = a.notice[key];
      if (typeof v === "string" && v.trim()) {
        lines.push(`${label}: ${v.trim()}`);
      }
    }
    lines.push(`Báo tin cho công an: ${publicUrl}/report?announcement=${a.id}`);
  }
  if (a.expiresAt) {
    lines.push("", `Hiệu lực đến ${vnDateTime(a.expiresAt)}`);
  }
  lines.push("", `Xem trên Bình Yên: ${publicUrl}/announcements/${a.id}`);
  return escapeMentions(lines.join("\n"));
}

type Part = { kind: "image"; fileId: string } | { kind: "text"; text: string };

export async function deliverAnnouncementToZalo(deps: Deps, announcementId: string): Promise<void> {
  const found = await zaloRepository.announcementForZalo(deps.db, announcementId);
  if (found?.announcement.status !== "published") {
    return; // withdrawn or gone before its turn
  }
  const a = found.announcement;
  const conn = await zaloRepository.findConnection(deps.db, a.communeId);
  if (!conn || conn.oaStatus === "disconnected") {
    return;
  }
  const links = a.wholeCommune
    ? (await zaloRepository.listGroupLinks(deps.db, a.communeId)).map((l) => l.link)
    : await zaloRepository.linksOfGroups(deps.db, found.groupIds);
  if (links.length === 0) {
    return;
  }
  const now = deps.clock.now();
  await zaloRepository.insertDeliveries(
    deps.db,
    links.map((l) => ({
      announcementId,
      channel: "zalo",
      target: l.zaloGroupId,
      groupId: l.groupId,
      status: "pending",
      updatedAt: now,
    })),
  );
  const images = await zaloRepository.imagesOf(deps.db, announcementId);
  const parts: Part[] = [
    ...images.map((f) => ({ kind: "image" as const, fileId: f.id })),
    ...splitForZalo(announcementText(a, deps.config.publicUrl)).map((text) => ({
      kind: "text" as const,
      text,
    })),
  ];
  const api = oaFor(deps, a.communeId);
  // Uploaded once per attempt, shared by every group (Zalo keeps them 7 days).
  const uploaded = new Map<string, string>();
  const attachmentOf = async (fileId: string) => {
    let id = uploaded.get(fileId);
    if (!id) {
      const f = images.find((x) => x.id === fileId);
      if (!f) {
        throw new Error("image vanished");
      }
      id = await api.uploadImage({ bytes: f.bytes, filename: f.name, contentType: f.contentType });
      uploaded.set(fileId, id);
    }
    return id;
  };
  let retryLater = 0;
  for (const d of await zaloRepository.zaloDeliveries(deps.db, announcementId)) {
    if (d.status === "delivered" || d.status === "failed" || d.status === "gone") {
      continue;
    }
    const link = links.find((l) => l.zaloGroupId === d.target);
    if (!link) {
      continue;
    }
    if (link.status !== "enabled") {
      await groupDisabled(deps, link, d.id, d.attempts);
      continue;
    }
    let progress = d.progress;
    try {
      for (; progress < parts.length; progress++) {
        const part = parts[progress];
        if (part?.kind === "image") {
          await api.sendGroupImage(link.zaloGroupId, { attachmentId: await attachmentOf(part.fileId) });
        } else if (part) {
          await api.sendGroupText(link.zaloGroupId, part.text);
        }
        await zaloRepository.updateDelivery(deps.db, d.id, {
          progress: progress + 1,
          updatedAt: deps.clock.now(),
        });
      }
      await zaloRepository.updateDelivery(deps.db, d.id, {
        status: "delivered",
        attempts: d.attempts + 1,
        lastError: null,
        updatedAt: deps.clock.now(),
      });
    } catch (err) {
      if (err instanceof ZaloApiError && err.code === -237) {
        await zaloRepository.updateGroupLink(deps.db, link.groupId, { status: "disabled" });
        await groupDisabled(deps, link, d.id, d.attempts);
        continue;
      }
      const permanent = err instanceof ZaloApiError && (err.kind === "permanent" || err.kind === "human");
      await zaloRepository.updateDelivery(deps.db, d.id, {
        status: permanent ? "failed" : "pending",
        attempts: d.attempts + 1,
        lastError:
          err instanceof ZaloApiError ? zaloErrorMessage(err.code, err.api) : "Không liên lạc được với Zalo.",
        updatedAt: deps.clock.now(),
      });
      if (!permanent) {
        retryLater++;
      }
    }
  }
  if (retryLater > 0) {
    throw new Error(`${retryLater} Zalo group(s) to retry`);
  }
}

/** The group's GMF package expired: the delivery fails and the chief and leader are told (once a day). */
async function groupDisabled(deps: Deps, link: ZaloGroupRow, deliveryId: number, attempts: number) {
  const message = zaloErrorMessage(-237, "oa");
  await zaloRepository.updateDelivery(deps.db, deliveryId, {
    status: "failed",
    attempts: attempts + 1,
    lastError: message,
    updatedAt: deps.clock.now(),
  });
  await alertLeaders(
    deps,
    link.communeId,
    link.groupId,
    "ZALO_GROUP_DISABLED",
    `Nhóm Zalo "${link.name ?? ""}" đã bị tắt vì gói GMF hết hạn: thông báo không gửi được vào nhóm. Hãy gia hạn gói.`,
    `zalo-disabled:${link.groupId}:${deps.clock.now().toISOString().slice(0, 10)}`,
  );
}
