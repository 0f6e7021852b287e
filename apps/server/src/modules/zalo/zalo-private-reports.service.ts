import type { TZaloCaseChannel } from "@binhyen/contracts";
import type { Actor } from "../../core/authz";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { readable, storeReportImage, submitReport } from "../reports/reports.service";
import { zaloRepository } from "./zalo.repository";
import { oaFor, openFor, sealFor } from "./zalo-api";
import { csMessage } from "./zalo-inbound.service";

/**
 * Residents' private reports through the OA (plan II.5; reference/zalo.md §7(b)). The first
 * message creates a confidential report routed to the hamlet's leader (hamlet known from the
 * resident's Zalo group), and the resident gets the receipt code back. Later messages continue
 * that report while it is open and the conversation is alive. The Zalo id is an informant
 * identity: kept sealed, found by keyed hash, never in a log or an alert.
 */
export const CS_WINDOW_MS = 7 * 86400_000;
export const CS_FREE_MS = 48 * 3600_000;
const OPEN = (state: string) => state !== "CLOSED" && state !== "MERGED";
const IMAGE_MAX_BYTES = 5 * 1024 * 1024;

type Attachment = { type?: string; payload?: Record<string, unknown> };
type Message = { msg_id?: string; text?: string; attachments?: Attachment[] };

const userKey = (deps: Deps, communeId: string, zaloUserId: string) =>
  deps.box.mac("zalo-user", `${communeId}:${zaloUserId}`, 43);

function describe(m: Message): { text: string; location: string; imageUrls: string[] } {
  const parts: string[] = [];
  let location = "";
  const imageUrls: string[] = [];
  for (const a of m.attachments ?? []) {
    const p = a.payload ?? {};
    if (a.type === "image" && typeof p.url === "string") {
      imageUrls.push(p.url);
    } else if (a.type === "location") {
      const c = (p.coordinates ?? p) as { latitude?: unknown; longitude?: unknown };
      const lat = Number(c.latitude);
      const lng = Number(c.longitude);
      if (Number.isFinite(lat) && Number.isFinite(lng)) {
        location = `${lat.toFixed(6)}, ${lng.toFixed(6)}`;
        parts.push(`Vị trí gửi qua Zalo: ${location}`);
      }
    } else if (a.type) {
      parts.push(`[Tệp ${a.type} gửi qua Zalo]`);
    }
  }
  const text = [(m.text ?? "").trim(), ...parts].filter(Boolean).join("\n");
  return { text, location, imageUrls };
}

/** Downloads a photo the resident sent (Zalo's CDN link), bounded in time and size. */
async function fetchImage(url: string): Promise<Buffer | null> {
  if (!/^https?:\/\//.test(url)) {
    return null;
  }
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: "follow" });
    if (!res.ok) {
      return null;
    }
    const declared = Number(res.headers.get("content-length") ?? 0);
    if (declared > IMAGE_MAX_BYTES) {
      return null;
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    return bytes.length > IMAGE_MAX_BYTES ? null : bytes;
  } catch {
    return null;
  }
}

async function saveImages(
  deps: Deps,
  report: { id: string; communeId: string },
  urls: string[],
  messageId: string | null,
) {
  let failed = 0;
  for (const url of urls) {
    const bytes = await fetchImage(url);
    if (!bytes) {
      failed++;
      continue;
    }
    await storeReportImage(deps, report, bytes, messageId).catch(() => {
      failed++;
    });
  }
  return failed;
}

export async function handlePrivateMessage(
  deps: Deps,
  communeId: string,
  eventId: number,
  zaloUserId: string,
  p: { message?: Message; sender?: { display_name?: string }; timestamp?: string },
): Promise<string> {
  const m = p.message ?? {};
  const { text, location, imageUrls } = describe(m);
  const now = deps.clock.now();
  const key = userKey(deps, communeId, zaloUserId);
  const latest = await zaloRepository.latestThread(deps.db, communeId, key);
  const alive =
    latest && OPEN(latest.state) && now.getTime() - latest.thread.lastInteractionAt.getTime() < CS_WINDOW_MS;
  if (alive) {
    const messageId = deps.ids.uuid();
    const reportId = latest.thread.reportId;
    await deps.db.transaction(async (tx) => {
      await zaloRepository.insertReportMessage(tx, {
        id: messageId,
        reportId,
        author: "reporter",
        authorUserId: null,
        body: text || (imageUrls.length ? "[Ảnh gửi qua Zalo]" : "[Tin nhắn Zalo]"),
        internal: false,
        createdAt: now,
      });
      await zaloRepository.touchReport(tx, reportId, now);
      await zaloRepository.touchThread(tx, latest.thread.id, {
        lastInteractionAt: now,
        lastUserMessageId: m.msg_id ?? latest.thread.lastUserMessageId,
      });
      await recordAudit(tx, now, {
        actorUserId: null,
        action: "report.reporter_message",
        entityType: "report",
        entityId: reportId,
        communeId,
        data: { channel: "zalo" },
      });
    });
    await saveImages(deps, { id: reportId, communeId }, imageUrls, messageId);
    return "report continued";
  }
  // Routing: the hamlet of the resident's Zalo group, else the chief (submitReport's default).
  const home = await zaloRepository.groupOfZaloUser(deps.db, communeId, zaloUserId);
  // Zalo's 1:1 events carry no name: ask the OA's user profile (a follower's), else leave it blank.
  const displayName =
    (p.sender?.display_name ?? "").trim() ||
    (await oaFor(deps, communeId)
      .userDetail(zaloUserId)
      .then((d) => d.displayName.trim())
      .catch(() => ""));
  const { receiptCode, reportId } = await submitReport(
    deps,
    {
      communeId,
      hamletId: home?.hamletId ?? undefined,
      category: "OTHER",
      description:
        text || (imageUrls.length ? "Ảnh gửi qua Zalo (xem tệp đính kèm)." : "Tin nhắn gửi qua Zalo OA."),
      location,
      anonymous: false,
    },
    {
      channel: "zalo",
      loggedByUserId: null,
      identity: { name: displayName || "Người dùng Zalo", phone: "", address: "", zaloUserId },
    },
    // A retried event finds the same report (and receipt) instead of a second one.
    `zalo-event:${eventId}`,
  );
  await deps.db.transaction(async (tx) => {
    const existing = await zaloRepository.threadOfReport(tx, reportId);
    if (!existing) {
      await zaloRepository.insertThread(tx, {
        id: deps.ids.uuid(),
        communeId,
        userKey: key,
        userSealed: sealFor(deps, communeId, "thread-user", JSON.stringify({ zaloUserId, displayName })),
        reportId,
        lastUserMessageId: m.msg_id ?? null,
        lastInteractionAt: now,
        createdAt: now,
      });
    }
    await csMessage(
      deps,
      communeId,
      zaloUserId,
      [
        "Công an xã đã nhận tin báo của bạn.",
        `Mã tiếp nhận: ${receiptCode}`,
        `Giữ mã này để theo dõi và bổ sung thông tin tại ${deps.config.publicUrl}/report/follow hoặc nhắn tiếp cho OA.`,
        "Danh tính người báo tin được giữ bí mật.",
      ].join("\n"),
      m.msg_id,
      `receipt:${reportId}`,
      tx,
    );
  });
  const failed = await saveImages(deps, { id: reportId, communeId }, imageUrls, null);
  return `report created${failed ? ` (${failed} image(s) not fetched)` : ""}`;
}

/** The thread's Zalo user (for a reply), opened from its sealed form. */
export async function threadRecipient(deps: Deps, reportId: string) {
  const t = await zaloRepository.threadOfReport(deps.db, reportId);
  if (!t) {
    return undefined;
  }
  const who = JSON.parse(openFor(deps, t.communeId, "thread-user", t.userSealed)) as { zaloUserId: string };
  return { thread: t, zaloUserId: who.zaloUserId };
}

export async function zaloCaseChannel(deps: Deps, actor: Actor, caseId: string): Promise<TZaloCaseChannel> {
  const { report } = await readable(deps, actor, caseId);
  const t = report.channel === "zalo" ? await zaloRepository.threadOfReport(deps.db, report.id) : undefined;
  if (!t) {
    return {
      viaZalo: false,
      lastInteractionAt: null,
      freeUntil: null,
      windowEndsAt: null,
      windowOpen: false,
      replies: { delivered: 0, pending: 0, failed: 0 },
    };
  }
  const last = t.lastInteractionAt.getTime();
  return {
    viaZalo: true,
    lastInteractionAt: t.lastInteractionAt.toISOString(),
    freeUntil: new Date(last + CS_FREE_MS).toISOString(),
    windowEndsAt: new Date(last + CS_WINDOW_MS).toISOString(),
    windowOpen: deps.clock.now().getTime() < last + CS_WINDOW_MS,
    replies: await zaloRepository.replyStats(deps.db, report.id),
  };
}
