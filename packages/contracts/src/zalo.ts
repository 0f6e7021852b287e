import { z } from "zod";

/*
 * Zalo channel (issue #7; reference/zalo.md §1, §2, §2.8, §7).
 *   GET    /api/communes/:communeId/zalo                 → ZZaloStatus (management)
 *   POST   /api/communes/:communeId/zalo/oa              ZZaloConnectOaRequest → ZZaloConnectOaResponse (chief)
 *   DELETE /api/communes/:communeId/zalo/oa              → ZZaloStatus (chief)
 *   POST   /api/communes/:communeId/zalo/check           → ZZaloStatus (management; calls Zalo now)
 *   POST   /api/communes/:communeId/zalo/bot             ZZaloConnectBotRequest → ZZaloStatus (chief)
 *   DELETE /api/communes/:communeId/zalo/bot             → ZZaloStatus (chief)
 *   GET    /api/communes/:communeId/zalo/groups          → ZZaloInventory (management; live from Zalo)
 *   GET    /api/communes/:communeId/zalo/followers       → ZZaloFollowers (management and leaders; live)
 *   GET    /api/zalo/oauth/callback?code&oa_id&state     → 302 to /settings/zalo?oa=connected|failed (browser)
 *   GET    /api/groups/:groupId/zalo                     → ZZaloGroup (management, the group's leader and deputies)
 *   POST   /api/groups/:groupId/zalo                     ZZaloLinkGroupRequest → ZZaloGroup (management, leader)
 *   DELETE /api/groups/:groupId/zalo                     → 204 (management, leader)
 *   POST   /api/groups/:groupId/zalo/sync                → ZZaloGroup (management, leader; reads Zalo, imports join requests)
 *   POST   /api/groups/:groupId/zalo/invite              ZZaloInviteRequest → ZZaloInviteResponse (management, leader)
 *   GET    /api/me/zalo                                  → ZZaloMyLink (any officer)
 *   POST   /api/me/zalo/link-code                        → ZZaloLinkCode (any officer)
 *   DELETE /api/me/zalo                                  → ZZaloMyLink
 *   GET    /api/cases/:caseId/zalo                       → ZZaloCaseChannel (who may read the case)
 *   POST   /api/webhooks/zalo/oa                         Zalo OA events (X-ZEvent-Signature) → 200 {}
 *   POST   /api/webhooks/zalo/bot                        Zalo Bot updates (X-Bot-Api-Secret-Token) → 200 {}
 */

/** Stable reasons in `error.details.reason` for Zalo failures (the message is Vietnamese). */
export const ZaloProblem = {
  NOT_CONNECTED: "NOT_CONNECTED",
  NEEDS_CONSENT: "NEEDS_CONSENT",
  ZALO_ERROR: "ZALO_ERROR",
  ALREADY_LINKED: "ALREADY_LINKED",
  WINDOW_CLOSED: "WINDOW_CLOSED",
} as const;
export type TZaloProblem = (typeof ZaloProblem)[keyof typeof ZaloProblem];

export const ZALO_SIGNATURE_SECRETS = ["auto", "oa_secret", "app_secret"] as const;
export const ZALO_SIGNATURE_FIRST_TERMS = ["auto", "app_id", "oa_id"] as const;

const zZaloId = z
  .string()
  .trim()
  .regex(/^[0-9]{1,25}$/, "chỉ gồm chữ số");
const zSecret = z.string().trim().min(8).max(256);

export const ZZaloConnectOaRequest = z.object({
  appId: zZaloId,
  /** The Zalo App's secret key (Khóa bí mật của ứng dụng). */
  appSecret: zSecret,
  /** The OA Secret Key shown when the OA was linked to the app; checks webhook signatures. */
  oaSecret: zSecret.optional(),
  signature: z
    .object({
      secret: z.enum(ZALO_SIGNATURE_SECRETS).default("auto"),
      firstTerm: z.enum(ZALO_SIGNATURE_FIRST_TERMS).default("auto"),
    })
    .optional(),
});
export type TZaloConnectOaRequest = z.infer<typeof ZZaloConnectOaRequest>;

export const ZZaloConnectOaResponse = z.object({
  /** Open this in the OA admin's browser: Zalo asks for consent and comes back to the callback. */
  consentUrl: z.string(),
});
export type TZaloConnectOaResponse = z.infer<typeof ZZaloConnectOaResponse>;

export const ZZaloConnectBotRequest = z.object({
  /** `<bot_id>:<secret>` as Zalo Bot Creator sent it. */
  token: z
    .string()
    .trim()
    .regex(/^[0-9]+:[A-Za-z0-9_-]{8,}$/, "mã bot có dạng <số>:<chuỗi>"),
});
export type TZaloConnectBotRequest = z.infer<typeof ZZaloConnectBotRequest>;

export const ZALO_OA_STATUSES = ["disconnected", "pending_consent", "connected", "needs_consent"] as const;
export type TZaloOaStatus = (typeof ZALO_OA_STATUSES)[number];

export const ZZaloStatus = z.object({
  communeId: z.string(),
  oa: z.object({
    status: z.enum(ZALO_OA_STATUSES),
    appId: z.string().nullable(),
    oaId: z.string().nullable(),
    oaName: z.string().nullable(),
    verified: z.boolean().nullable(),
    packageName: z.string().nullable(),
    packageValidThrough: z.string().nullable(),
    accessExpiresAt: z.string().nullable(),
    refreshExpiresAt: z.string().nullable(),
    lastRefreshAt: z.string().nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
    checkedAt: z.string().nullable(),
    signature: z.object({ secret: z.string(), firstTerm: z.string(), seen: z.string().nullable() }),
    /** GMF assets (group packages) by product type: available / used. */
    assets: z.array(
      z.object({ productType: z.string(), available: z.number().int(), used: z.number().int() }),
    ),
  }),
  bot: z.object({
    status: z.enum(["none", "connected", "failed"]),
    name: z.string().nullable(),
    lastError: z.string().nullable(),
    linkedOfficers: z.number().int(),
  }),
  /** Set these in the Zalo developer console and the bot. */
  webhooks: z.object({ oa: z.string(), bot: z.string(), oauthCallback: z.string() }),
  groups: z.object({ linked: z.number().int(), disabled: z.number().int(), hamlets: z.number().int() }),
  events: z.object({
    last24h: z.number().int(),
    failed24h: z.number().int(),
    lastAt: z.string().nullable(),
  }),
  /** Zalo work waiting or failing in the delivery queue. */
  queue: z.object({ pending: z.number().int(), failed: z.number().int() }),
});
export type TZaloStatus = z.infer<typeof ZZaloStatus>;

export const ZZaloAsset = z.object({
  assetId: z.string(),
  productType: z.string(),
  status: z.string(),
  validThrough: z.string().nullable(),
  usedBy: z.string().nullable(),
});
export type TZaloAsset = z.infer<typeof ZZaloAsset>;

export const ZZaloInventoryGroup = z.object({
  zaloGroupId: z.string(),
  name: z.string(),
  status: z.string(),
  totalMember: z.number().int(),
  maxMember: z.number().int().nullable(),
  groupLink: z.string().nullable(),
  /** The Bình Yên group it is linked to, if any. */
  linkedGroupId: z.string().nullable(),
  linkedGroupName: z.string().nullable(),
});
export type TZaloInventoryGroup = z.infer<typeof ZZaloInventoryGroup>;

export const ZZaloInventory = z.object({
  assets: z.array(ZZaloAsset),
  groups: z.array(ZZaloInventoryGroup),
});
export type TZaloInventory = z.infer<typeof ZZaloInventory>;

export const ZZaloFollowers = z.object({
  total: z.number().int(),
  followers: z.array(
    z.object({
      zaloUserId: z.string(),
      displayName: z.string(),
      /** dd/mm/yyyy as Zalo reports it, or null. */
      lastInteraction: z.string().nullable(),
    }),
  ),
});
export type TZaloFollowers = z.infer<typeof ZZaloFollowers>;

export const ZZaloLinkGroupRequest = z.discriminatedUnion("mode", [
  /** Create a GMF group under the OA with a free package (asset) of the chosen type. */
  z.object({
    mode: z.literal("create"),
    assetId: z.string().trim().min(1).max(100),
    /** Followers to put in at creation (Zalo allows 1–99; officers linked to the OA are added anyway). */
    zaloUserIds: z.array(zZaloId).max(98).default([]),
  }),
  /** Link a group the OA already owns. */
  z.object({ mode: z.literal("link"), zaloGroupId: zZaloId }),
]);
export type TZaloLinkGroupRequest = z.infer<typeof ZZaloLinkGroupRequest>;

export const ZZaloGroup = z.object({
  groupId: z.string(),
  linked: z.boolean(),
  connection: z.enum(ZALO_OA_STATUSES),
  zaloGroupId: z.string().nullable(),
  groupLink: z.string().nullable(),
  name: z.string().nullable(),
  status: z.string().nullable(),
  totalMember: z.number().int(),
  maxMember: z.number().int().nullable(),
  assetType: z.string().nullable(),
  validThrough: z.string().nullable(),
  autoDeleteDate: z.string().nullable(),
  settings: z.object({
    lockSendMsg: z.boolean(),
    joinAppr: z.boolean(),
    enableMsgHistory: z.boolean(),
    enableLinkJoin: z.boolean(),
  }),
  /** Officers who should be group deputies (phó nhóm) on Zalo, and whether they are. */
  admins: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      role: z.string(),
      linked: z.boolean(),
      isAdmin: z.boolean(),
    }),
  ),
  lastSyncedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Zalo operations for this group waiting in the queue. */
  pendingOperations: z.number().int(),
  /** Announcements posted to this Zalo group recently, with their status. */
  recentDeliveries: z.array(
    z.object({
      announcementId: z.string(),
      title: z.string(),
      status: z.string(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
});
export type TZaloGroup = z.infer<typeof ZZaloGroup>;

export const ZZaloInviteRequest = z.object({ zaloUserIds: z.array(zZaloId).min(1).max(100) });
export type TZaloInviteRequest = z.infer<typeof ZZaloInviteRequest>;
export const ZZaloInviteResponse = z.object({ queued: z.number().int() });
export type TZaloInviteResponse = z.infer<typeof ZZaloInviteResponse>;

export const ZZaloMyLink = z.object({
  oaLinked: z.boolean(),
  botLinked: z.boolean(),
  oaLinkedAt: z.string().nullable(),
  botLinkedAt: z.string().nullable(),
  oaName: z.string().nullable(),
  botName: z.string().nullable(),
});
export type TZaloMyLink = z.infer<typeof ZZaloMyLink>;

export const ZZaloLinkCode = z.object({
  /** Send this text to the commune's OA (group deputy rights) or to the Bot (alerts). */
  code: z.string(),
  expiresAt: z.string(),
  oaName: z.string().nullable(),
  botName: z.string().nullable(),
});
export type TZaloLinkCode = z.infer<typeof ZZaloLinkCode>;

export const ZZaloCaseChannel = z.object({
  viaZalo: z.boolean(),
  lastInteractionAt: z.string().nullable(),
  /** Replies are free until then (48 h after the resident's last message). */
  freeUntil: z.string().nullable(),
  /** After this (7 days) Zalo refuses consultation messages: use another channel. */
  windowEndsAt: z.string().nullable(),
  windowOpen: z.boolean(),
  /** Officer messages carried to Zalo: delivered / waiting / failed. */
  replies: z.object({ delivered: z.number().int(), pending: z.number().int(), failed: z.number().int() }),
});
export type TZaloCaseChannel = z.infer<typeof ZZaloCaseChannel>;
