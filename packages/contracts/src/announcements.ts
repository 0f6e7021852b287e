import { z } from "zod";
import { zId, zRequiredText, zText } from "./common";
import { AnnouncementCategory, type TAnnouncementCategory } from "./enums";

/*
 * Announcements (plan II.4.1). Routes:
 *   officers  GET  /api/communes/:communeId/announcements?status&category&q   → ZAnnouncementList
 *             POST /api/announcements                 ZCreateAnnouncement     → 201 ZCreateAnnouncementResponse
 *                                                      | 422 CONTENT_BLOCKED details { findings: ZContentFinding[] }
 *             POST /api/announcements/check           ZCreateAnnouncement     → ZContentCheckResult (nothing saved)
 *             GET  /api/announcements/:id                                      → ZAnnouncementDetail
 *             PATCH /api/announcements/:id            ZCreateAnnouncement (draft, pending, scheduled only)
 *             POST /api/announcements/:id/publish     {}  (a draft goes out, or to approval)
 *             POST /api/announcements/:id/approve     {}  | /reject { reason }
 *             POST /api/announcements/:id/withdraw    { reason }
 *             POST /api/announcements/:id/pin         { pinned }
 *             GET  /api/announcements/:id/stats                                → ZAnnouncementStats
 *             GET  /api/announcements/:id/recipients?state=unseen|unacknowledged|all&groupId → ZRecipientList
 *             GET  /api/announcements/:id/cap.xml     (CAP 1.2, published only)
 *             POST /api/communes/:communeId/announcement-files  multipart "file" → ZAnnouncementFile
 *             GET  /api/announcement-files/:fileId    (the bytes; audience members and officers)
 *             GET/PUT /api/communes/:communeId/announcement-settings        ZAnnouncementSettings
 *   members   GET  /api/me/feeds                                              → ZMyFeeds (groups + unread)
 *             GET  /api/groups/:groupId/feed?category&q&before               → ZFeed
 *             POST /api/announcements/:id/read        {} → ZOk
 *             POST /api/announcements/:id/ack         {} → ZOk
 *             GET  /api/stream   text/event-stream; event "announcement" data ZStreamAnnouncement
 *             GET  /api/push/public-key → { publicKey }; POST/DELETE /api/push/subscriptions ZPushSubscription
 *   relay     GET/POST /api/communes/:communeId/feeds, PATCH/DELETE /api/feeds/:feedId,
 *             POST /api/feeds/:feedId/poll
 */

export const ANNOUNCEMENT_CATEGORIES = Object.values(AnnouncementCategory) as [
  TAnnouncementCategory,
  ...TAnnouncementCategory[],
];

/** Categories whose notices expire by law of common sense: a stale wanted notice misleads. */
export const EXPIRY_REQUIRED: readonly TAnnouncementCategory[] = ["WANTED_PERSON", "MISSING_PERSON"];

export const AnnouncementStatus = {
  DRAFT: "draft",
  PENDING_APPROVAL: "pending_approval",
  SCHEDULED: "scheduled",
  PUBLISHED: "published",
  WITHDRAWN: "withdrawn",
  REJECTED: "rejected",
} as const;
export type TAnnouncementStatus = (typeof AnnouncementStatus)[keyof typeof AnnouncementStatus];
export const ANNOUNCEMENT_STATUSES = Object.values(AnnouncementStatus) as [
  TAnnouncementStatus,
  ...TAnnouncementStatus[],
];

/** Structured fields of a wanted/missing-person notice. */
export const ZPersonNotice = z.object({
  personName: zText(120).optional(),
  description: zRequiredText(2000),
  lastSeen: zText(500).optional(),
  contact: zText(300).optional(),
  photoFileId: zId.optional(),
});
export type TPersonNotice = z.infer<typeof ZPersonNotice>;
/** The same fields as stored and shown (responses carry no input transforms). */
export const ZPersonNoticeView = z.object({
  personName: z.string().optional(),
  description: z.string(),
  lastSeen: z.string().optional(),
  contact: z.string().optional(),
  photoFileId: z.string().optional(),
});

export const ZAudience = z.union([
  z.object({ groupIds: z.array(zId).min(1).max(500) }),
  z.object({ communeId: zId }),
]);
export type TAudience = z.infer<typeof ZAudience>;

const isoDateTime = z.iso.datetime({ offset: true });

export const ZCreateAnnouncement = z
  .object({
    audience: ZAudience,
    category: z.enum(ANNOUNCEMENT_CATEGORIES),
    title: zRequiredText(200),
    /** Simple formatting: **bold**, *italic*, lines starting "- " are a list, bare https links. */
    body: zRequiredText(10000),
    publishAt: isoDateTime.optional(),
    pinned: z.boolean().default(false),
    expiresAt: isoDateTime.optional(),
    requiresAck: z.boolean().default(false),
    urgent: z.boolean().default(false),
    fileIds: z.array(zId).max(10).default([]),
    notice: ZPersonNotice.optional(),
    /** Save without publishing. */
    draft: z.boolean().default(false),
  })
  .refine((a) => !EXPIRY_REQUIRED.includes(a.category) || a.expiresAt !== undefined, {
    message: "Thông báo truy nã / tìm người mất tích phải có ngày hết hạn.",
    path: ["expiresAt"],
  })
  .refine((a) => !EXPIRY_REQUIRED.includes(a.category) || a.notice !== undefined, {
    message: "Hãy điền mô tả người cần tìm.",
    path: ["notice"],
  })
  .refine((a) => a.expiresAt === undefined || a.publishAt === undefined || a.expiresAt > a.publishAt, {
    message: "Ngày hết hạn phải sau thời điểm đăng.",
    path: ["expiresAt"],
  });
export type TCreateAnnouncement = z.infer<typeof ZCreateAnnouncement>;
export type TCreateAnnouncementInput = z.input<typeof ZCreateAnnouncement>;

export const ZCreateAnnouncementResponse = z.object({
  announcementId: z.string(),
  status: z.enum(ANNOUNCEMENT_STATUSES),
});

/** One hit of the content check (req. 12–14). `rule` is stable; `message` is Vietnamese. */
export const ContentRule = {
  PHONE_NUMBER: "PHONE_NUMBER",
  CITIZEN_ID: "CITIZEN_ID",
  REPORT_PERSON: "REPORT_PERSON",
  SECRECY_MARKING: "SECRECY_MARKING",
} as const;
export type TContentRule = (typeof ContentRule)[keyof typeof ContentRule];
export const ZContentFinding = z.object({
  rule: z.enum(Object.values(ContentRule) as [TContentRule, ...TContentRule[]]),
  /** title | body | notice.description | file:<name> … */
  field: z.string(),
  message: z.string(),
  /** The matched text, masked for REPORT_PERSON (never echo who the informant is). */
  excerpt: z.string(),
});
export type TContentFinding = z.infer<typeof ZContentFinding>;
export const ZContentCheckResult = z.object({ ok: z.boolean(), findings: z.array(ZContentFinding) });

export const ZAnnouncementFile = z.object({
  id: z.string(),
  kind: z.enum(["image", "file"]),
  contentType: z.string(),
  name: z.string(),
  bytes: z.number().int(),
});
export type TAnnouncementFile = z.infer<typeof ZAnnouncementFile>;

export const ZAnnouncementSummary = z.object({
  id: z.string(),
  communeId: z.string(),
  category: z.enum(ANNOUNCEMENT_CATEGORIES),
  title: z.string(),
  status: z.enum(ANNOUNCEMENT_STATUSES),
  pinned: z.boolean(),
  urgent: z.boolean(),
  requiresAck: z.boolean(),
  publishAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  expired: z.boolean(),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  author: z.object({ userId: z.string(), name: z.string() }),
  /** Relayed from an official feed ("Nguồn chính thức"). */
  source: z.object({ feedTitle: z.string(), url: z.string() }).nullable(),
  createdAt: z.string(),
});
export type TAnnouncementSummary = z.infer<typeof ZAnnouncementSummary>;
export const ZAnnouncementList = z.object({ items: z.array(ZAnnouncementSummary) });

export const ZAnnouncementDetail = ZAnnouncementSummary.extend({
  body: z.string(),
  notice: ZPersonNoticeView.nullable(),
  files: z.array(ZAnnouncementFile),
  rejectReason: z.string().nullable(),
  /** What the signed-in officer may do now: publish, approve, reject, withdraw, pin, edit. */
  allowedActions: z.array(z.string()),
});
export type TAnnouncementDetail = z.infer<typeof ZAnnouncementDetail>;

/** Feed item as a member sees it. */
export const ZFeedItem = z.object({
  type: z.literal("announcement"),
  id: z.string(),
  category: z.enum(ANNOUNCEMENT_CATEGORIES),
  title: z.string(),
  body: z.string(),
  pinned: z.boolean(),
  urgent: z.boolean(),
  requiresAck: z.boolean(),
  publishedAt: z.string(),
  expiresAt: z.string().nullable(),
  notice: ZPersonNoticeView.nullable(),
  files: z.array(ZAnnouncementFile),
  source: z.object({ feedTitle: z.string(), url: z.string() }).nullable(),
  /** The signed-in member's household receipt; null for officers reading the feed. */
  readAt: z.string().nullable(),
  ackAt: z.string().nullable(),
});
export type TFeedItem = z.infer<typeof ZFeedItem>;
export const ZFeed = z.object({
  group: z.object({ id: z.string(), name: z.string(), communeId: z.string() }),
  items: z.array(ZFeedItem),
  unread: z.number().int(),
  /** Pass as ?before= for the next page; null at the end. */
  nextCursor: z.string().nullable(),
});
export type TFeed = z.infer<typeof ZFeed>;

export const ZMyFeeds = z.object({
  groups: z.array(
    z.object({ id: z.string(), name: z.string(), communeId: z.string(), unread: z.number().int() }),
  ),
});
export type TMyFeeds = z.infer<typeof ZMyFeeds>;

export const ZStreamAnnouncement = z.object({
  id: z.string(),
  groupIds: z.array(z.string()),
  title: z.string(),
  category: z.enum(ANNOUNCEMENT_CATEGORIES),
  urgent: z.boolean(),
});
export type TStreamAnnouncement = z.infer<typeof ZStreamAnnouncement>;

export const ZAnnouncementStats = z.object({
  recipients: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  acknowledged: z.number().int(),
  byChannel: z.array(
    z.object({
      channel: z.string(),
      pending: z.number().int(),
      delivered: z.number().int(),
      failed: z.number().int(),
    }),
  ),
  byGroup: z.array(
    z.object({
      groupId: z.string(),
      name: z.string(),
      recipients: z.number().int(),
      read: z.number().int(),
      acknowledged: z.number().int(),
    }),
  ),
});
export type TAnnouncementStats = z.infer<typeof ZAnnouncementStats>;

export const ZRecipientList = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      memberId: z.string(),
      householdId: z.string().nullable(),
      name: z.string(),
      address: z.string(),
      group: z.object({ id: z.string(), name: z.string() }),
      deliveredAt: z.string().nullable(),
      readAt: z.string().nullable(),
      ackAt: z.string().nullable(),
      channels: z.array(z.object({ channel: z.string(), status: z.string() })),
    }),
  ),
});
export type TRecipientList = z.infer<typeof ZRecipientList>;

export const ZAnnouncementSettings = z.object({
  /** Announcements by group deputies wait for the group leader's approval. */
  deputiesNeedApproval: z.boolean(),
  /** The commune police's own published numbers (duty desk, hotline): allowed in announcements. */
  officialPhones: z.array(z.string().min(1).max(40)).max(10),
});
export type TAnnouncementSettings = z.infer<typeof ZAnnouncementSettings>;

export const ZReasonRequest = z.object({ reason: zRequiredText(1000) });
export const ZPinRequest = z.object({ pinned: z.boolean() });

export const ZPushSubscription = z.object({
  endpoint: z.url().max(2000),
  keys: z.object({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
});
export type TPushSubscription = z.infer<typeof ZPushSubscription>;

/** RSS/Atom relay of the provincial police website (plan II.5.2). */
export const ZCreateFeed = z.object({
  url: z.url().max(2000),
  title: zRequiredText(200),
  category: z.enum(ANNOUNCEMENT_CATEGORIES),
  audience: ZAudience,
  autoPublish: z.boolean().default(false),
});
export type TCreateFeed = z.infer<typeof ZCreateFeed>;
export const ZUpdateFeed = z.object({
  title: zRequiredText(200).optional(),
  category: z.enum(ANNOUNCEMENT_CATEGORIES).optional(),
  autoPublish: z.boolean().optional(),
  enabled: z.boolean().optional(),
});
export const ZFeedSource = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string(),
  category: z.enum(ANNOUNCEMENT_CATEGORIES),
  autoPublish: z.boolean(),
  enabled: z.boolean(),
  lastPolledAt: z.string().nullable(),
  nextPollAt: z.string().nullable(),
  lastError: z.string().nullable(),
  failures: z.number().int(),
  itemCount: z.number().int(),
});
export type TFeedSource = z.infer<typeof ZFeedSource>;
export const ZFeedSourceList = z.object({ items: z.array(ZFeedSource) });

/** Writing aids per category (Vietnamese); the composer fills title and body from them. */
export const ANNOUNCEMENT_TEMPLATES: Record<TAnnouncementCategory, { title: string; body: string }> = {
  LAW_POLICY: {
    title: "Tuyên truyền: [tên văn bản pháp luật]",
    body: "Kính gửi bà con ấp,\n\nTừ ngày [dd/mm/yyyy], [tên văn bản] có hiệu lực. Một số điểm bà con cần biết:\n- [điểm 1]\n- [điểm 2]\n\nMọi thắc mắc xin liên hệ Công an xã.",
  },
  SECURITY_SITUATION: {
    title: "Tình hình an ninh trật tự trên địa bàn",
    body: "Thời gian qua trên địa bàn xảy ra [sự việc]. Công an xã đề nghị bà con:\n- Nâng cao cảnh giác\n- Kịp thời báo tin cho Công an khi phát hiện dấu hiệu nghi vấn",
  },
  CRIME_METHODS: {
    title: "Cảnh báo thủ đoạn lừa đảo: [tên thủ đoạn]",
    body: "Gần đây xuất hiện thủ đoạn [mô tả]. Đối tượng thường:\n- [dấu hiệu 1]\n- [dấu hiệu 2]\n\n**Không** cung cấp mã OTP, **không** chuyển tiền cho người lạ.",
  },
  FIRE_SAFETY: {
    title: "Phòng cháy, chữa cháy: [chủ đề]",
    body: "Để phòng cháy nổ trong mùa khô, đề nghị các hộ gia đình:\n- Tắt thiết bị điện khi ra khỏi nhà\n- Không để xăng dầu gần nguồn lửa\n- Trang bị bình chữa cháy\n\nKhi có cháy, gọi **114**.",
  },
  TRAFFIC_SAFETY: {
    title: "An toàn giao thông: [chủ đề]",
    body: "Đề nghị bà con chấp hành:\n- Đội mũ bảo hiểm khi đi xe máy\n- Đã uống rượu bia thì không lái xe\n- [nội dung khác]",
  },
  GOOD_EXAMPLE: {
    title: "Gương người tốt, việc tốt: [tên]",
    body: "Ngày [dd/mm/yyyy], [người/tập thể] đã [việc làm]. Công an xã ghi nhận và biểu dương.",
  },
  ADMIN_PROCEDURE: {
    title: "Hướng dẫn thủ tục: [căn cước / hộ chiếu / cư trú / đăng ký xe / lý lịch tư pháp]",
    body: "Hồ sơ gồm:\n- [giấy tờ 1]\n- [giấy tờ 2]\n\nNơi nộp: [địa điểm], thời gian: [giờ làm việc]. Có thể nộp trực tuyến qua Cổng dịch vụ công.",
  },
  FOREIGNER_REVIEW: {
    title: "Rà soát người nước ngoài tạm trú",
    body: "Đề nghị các hộ có người nước ngoài lưu trú khai báo tạm trú với Công an xã trong thời hạn quy định.",
  },
  WANTED_PERSON: {
    title: "Thông báo truy nã",
    body: "Công an đề nghị ai biết tung tích đối tượng dưới đây báo ngay cho Công an xã. Người báo tin được giữ bí mật.",
  },
  MISSING_PERSON: {
    title: "Thông báo tìm người mất tích",
    body: "Gia đình và Công an xã đề nghị ai biết tung tích người dưới đây báo ngay cho Công an xã.",
  },
  DISASTER_EPIDEMIC: {
    title: "Cảnh báo thiên tai / dịch bệnh: [nội dung]",
    body: "Dự báo [hiện tượng] ảnh hưởng đến địa bàn từ [thời gian]. Đề nghị bà con:\n- [biện pháp 1]\n- [biện pháp 2]",
  },
  OTHER_DIRECTIVE: {
    title: "Thông báo của Công an xã",
    body: "[nội dung]",
  },
};
