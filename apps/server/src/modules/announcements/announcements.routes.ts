import {
  ANNOUNCEMENT_CATEGORIES,
  ANNOUNCEMENT_STATUSES,
  ZAnnouncementDetail,
  ZAnnouncementFile,
  ZAnnouncementList,
  ZAnnouncementSettings,
  ZAnnouncementStats,
  ZContentCheckResult,
  ZCreateAnnouncement,
  ZCreateAnnouncementResponse,
  ZFeed,
  ZId,
  ZMyFeeds,
  ZOk,
  ZPinRequest,
  ZPushSubscription,
  ZReasonRequest,
  ZRecipientList,
} from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { hasCommuneRole } from "../../core/authz";
import type { Deps } from "../../deps";
import { requireActor } from "../../http/auth";
import { readUpload } from "../../http/upload";
import { orgRepository } from "../org/org.repository";
import {
  ANNOUNCEMENT_FILE_MAX_BYTES,
  readAnnouncementFile,
  uploadAnnouncementFile,
} from "./announcement-files.service";
import { announcementsRepository } from "./announcements.repository";
import {
  announcementDetail,
  approveAnnouncement,
  checkContent,
  createAnnouncement,
  getSettings,
  listAnnouncements,
  pinAnnouncement,
  publishAnnouncement,
  rejectAnnouncement,
  saveSettings,
  updateAnnouncement,
  withdrawAnnouncement,
} from "./announcements.service";
import { capExport } from "./cap-export.service";
import { announcementRecipients, announcementStats } from "./delivery-stats.service";
import { acknowledge, groupFeed, markRead, myFeeds } from "./feed.service";
import { subscribePush, unsubscribePush, vapidKeys } from "./push.service";

const idParams = z.object({ announcementId: ZId });
const communeParams = z.object({ communeId: ZId });
const search = z.string().max(200).optional();

export function announcementsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    // Every process relays announcement changes from the bus to the clients it holds.
    const unsubscribe = deps.realtime.subscribe((msg) => {
      if (msg.topic !== "announcement" || typeof msg.data.id !== "string") {
        return;
      }
      void relayToClients(deps, msg.data.id);
    });
    app.addHook("onClose", async () => {
      unsubscribe();
      deps.sse.close();
    });

    app.get(
      "/api/communes/:communeId/announcements",
      {
        schema: {
          tags: ["announcements"],
          params: communeParams,
          querystring: z.object({
            status: z.enum(ANNOUNCEMENT_STATUSES).optional(),
            category: z.enum(ANNOUNCEMENT_CATEGORIES).optional(),
            q: search,
          }),
          response: { 200: ZAnnouncementList },
        },
      },
      async (req) => listAnnouncements(deps, requireActor(req), req.params.communeId, req.query),
    );
    app.post(
      "/api/announcements",
      {
        schema: {
          tags: ["announcements"],
          body: ZCreateAnnouncement,
          response: { 201: ZCreateAnnouncementResponse },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await createAnnouncement(deps, requireActor(req), req.body, { requestId: req.id })),
    );
    app.post(
      "/api/announcements/check",
      {
        schema: {
          tags: ["announcements"],
          body: ZCreateAnnouncement,
          response: { 200: ZContentCheckResult },
        },
      },
      async (req) => checkContent(deps, requireActor(req), req.body),
    );
    app.get(
      "/api/announcements/:announcementId",
      { schema: { tags: ["announcements"], params: idParams, response: { 200: ZAnnouncementDetail } } },
      async (req) => announcementDetail(deps, requireActor(req), req.params.announcementId),
    );
    app.patch(
      "/api/announcements/:announcementId",
      {
        schema: {
          tags: ["announcements"],
          params: idParams,
          body: ZCreateAnnouncement,
          response: { 200: ZCreateAnnouncementResponse },
        },
      },
      async (req) =>
        updateAnnouncement(deps, requireActor(req), req.params.announcementId, req.body, {
          requestId: req.id,
        }),
    );
    app.post(
      "/api/announcements/:announcementId/publish",
      {
        schema: { tags: ["announcements"], params: idParams, response: { 200: ZCreateAnnouncementResponse } },
      },
      async (req) =>
        publishAnnouncement(deps, requireActor(req), req.params.announcementId, { requestId: req.id }),
    );
    app.post(
      "/api/announcements/:announcementId/approve",
      {
        schema: { tags: ["announcements"], params: idParams, response: { 200: ZCreateAnnouncementResponse } },
      },
      async (req) =>
        approveAnnouncement(deps, requireActor(req), req.params.announcementId, { requestId: req.id }),
    );
    app.post(
      "/api/announcements/:announcementId/reject",
      {
        schema: {
          tags: ["announcements"],
          params: idParams,
          body: ZReasonRequest,
          response: { 200: ZCreateAnnouncementResponse },
        },
      },
      async (req) =>
        rejectAnnouncement(deps, requireActor(req), req.params.announcementId, req.body.reason, {
          requestId: req.id,
        }),
    );
    app.post(
      "/api/announcements/:announcementId/withdraw",
      {
        schema: {
          tags: ["announcements"],
          params: idParams,
          body: ZReasonRequest,
          response: { 200: ZCreateAnnouncementResponse },
        },
      },
      async (req) =>
        withdrawAnnouncement(deps, requireActor(req), req.params.announcementId, req.body.reason, {
          requestId: req.id,
        }),
    );
    app.post(
      "/api/announcements/:announcementId/pin",
      { schema: { tags: ["announcements"], params: idParams, body: ZPinRequest, response: { 200: ZOk } } },
      async (req) =>
        pinAnnouncement(deps, requireActor(req), req.params.announcementId, req.body.pinned, {
          requestId: req.id,
        }),
    );
    app.get(
      "/api/announcements/:announcementId/stats",
      { schema: { tags: ["announcements"], params: idParams, response: { 200: ZAnnouncementStats } } },
      async (req) => announcementStats(deps, requireActor(req), req.params.announcementId),
    );
    app.get(
      "/api/announcements/:announcementId/recipients",
      {
        schema: {
          tags: ["announcements"],
          params: idParams,
          querystring: z.object({
            state: z.enum(["unseen", "unacknowledged", "all"]).default("unseen"),
            groupId: ZId.optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
          }),
          response: { 200: ZRecipientList },
        },
      },
      async (req) => announcementRecipients(deps, requireActor(req), req.params.announcementId, req.query),
    );
    app.get(
      "/api/announcements/:announcementId/cap.xml",
      { schema: { tags: ["announcements"], params: idParams } },
      async (req, reply) => {
        const xml = await capExport(deps, requireActor(req), req.params.announcementId);
        return reply
          .header("content-type", "application/cap+xml; charset=utf-8")
          .header("content-disposition", `attachment; filename="cap-${req.params.announcementId}.xml"`)
          .send(xml);
      },
    );
    app.get(
      "/api/communes/:communeId/announcement-settings",
      {
        schema: { tags: ["announcements"], params: communeParams, response: { 200: ZAnnouncementSettings } },
      },
      async (req) => getSettings(deps, requireActor(req), req.params.communeId),
    );
    app.put(
      "/api/communes/:communeId/announcement-settings",
      {
        schema: {
          tags: ["announcements"],
          params: communeParams,
          body: ZAnnouncementSettings,
          response: { 200: ZAnnouncementSettings },
        },
      },
      async (req) =>
        saveSettings(deps, requireActor(req), req.params.communeId, req.body, { requestId: req.id }),
    );
    app.post(
      "/api/communes/:communeId/announcement-files",
      { schema: { tags: ["announcements"], params: communeParams, response: { 201: ZAnnouncementFile } } },
      async (req, reply) => {
        const actor = requireActor(req);
        const upload = await readUpload(req, ANNOUNCEMENT_FILE_MAX_BYTES);
        return reply
          .status(201)
          .send(await uploadAnnouncementFile(deps, actor, req.params.communeId, upload, req.id));
      },
    );
    app.get(
      "/api/announcement-files/:fileId",
      { schema: { tags: ["announcements"], params: z.object({ fileId: ZId }) } },
      async (req, reply) => {
        const f = await readAnnouncementFile(deps, requireActor(req), req.params.fileId);
        return reply
          .header("content-type", f.contentType)
          .header("cache-control", "private, max-age=3600")
          .header("x-content-type-options", "nosniff")
          .header(
            "content-disposition",
            `${f.kind === "image" ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(f.name)}`,
          )
          .send(f.bytes);
      },
    );

    // --- residents -----------------------------------------------------------------------------
    app.get("/api/me/feeds", { schema: { tags: ["feed"], response: { 200: ZMyFeeds } } }, async (req) =>
      myFeeds(deps, requireActor(req)),
    );
    app.get(
      "/api/groups/:groupId/feed",
      {
        schema: {
          tags: ["feed"],
          params: z.object({ groupId: ZId }),
          querystring: z.object({
            category: z.enum(ANNOUNCEMENT_CATEGORIES).optional(),
            q: search,
            before: z.string().max(200).optional(),
          }),
          response: { 200: ZFeed },
        },
      },
      async (req) => groupFeed(deps, requireActor(req), req.params.groupId, req.query),
    );
    app.post(
      "/api/announcements/:announcementId/read",
      { schema: { tags: ["feed"], params: idParams, response: { 200: ZOk } } },
      async (req) => markRead(deps, requireActor(req), req.params.announcementId),
    );
    app.post(
      "/api/announcements/:announcementId/ack",
      { schema: { tags: ["feed"], params: idParams, response: { 200: ZOk } } },
      async (req) => acknowledge(deps, requireActor(req), req.params.announcementId, req.id),
    );
    app.get("/api/stream", { schema: { tags: ["feed"] } }, async (req, reply) => {
      const actor = requireActor(req);
      const groupIds = new Set(actor.roles.flatMap((r) => (r.groupId ? [r.groupId] : [])));
      // The management team follows every group of its communes (each commune read once).
      const managed = new Set(
        actor.roles.flatMap((r) =>
          r.communeId && hasCommuneRole(actor, r.communeId, ["COMMUNE_CHIEF", "COMMUNE_DEPUTY"])
            ? [r.communeId]
            : [],
        ),
      );
      for (const communeId of managed) {
        for (const g of await orgRepository.listHamletsWithGroups(deps.db, communeId)) {
          groupIds.add(g.group.id);
        }
      }
      reply.hijack();
      deps.sse.attach(reply.raw, { id: req.id, userId: actor.userId, groupIds });
    });
    app.get(
      "/api/push/public-key",
      { schema: { tags: ["feed"], response: { 200: z.object({ publicKey: z.string() }) } } },
      async (req) => {
        requireActor(req);
        return { publicKey: (await vapidKeys(deps)).publicKey };
      },
    );
    app.post(
      "/api/push/subscriptions",
      { schema: { tags: ["feed"], body: ZPushSubscription, response: { 200: ZOk } } },
      async (req) => subscribePush(deps, requireActor(req), req.body),
    );
    app.delete(
      "/api/push/subscriptions",
      {
        schema: {
          tags: ["feed"],
          body: z.object({ endpoint: z.string().max(2000) }),
          response: { 200: ZOk },
        },
      },
      async (req) => unsubscribePush(deps, requireActor(req), req.body.endpoint),
    );
  };
}

/** Loads what clients need to know about the change and writes it to this process's streams. */
async function relayToClients(deps: Deps, id: string) {
  try {
    const found = await announcementsRepository.findAnnouncementGroupsAndTitle(deps.db, id);
    if (!found) {
      return;
    }
    deps.sse.send(
      "announcement",
      {
        id,
        groupIds: found.groupIds,
        title: found.a.title,
        category: found.a.category,
        urgent: found.a.urgent,
        status: found.a.status,
      },
      { groupIds: found.groupIds },
      id,
    );
  } catch (err) {
    deps.log?.warn({ err, announcementId: id }, "realtime relay failed");
  }
}
