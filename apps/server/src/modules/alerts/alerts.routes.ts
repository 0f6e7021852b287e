import { ZId, ZOk } from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps";
import { requireActor } from "../../http/auth";
import { myAlerts, readAlert } from "./alerts.service";

export const ZAlertList = z.object({
  unread: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      title: z.string(),
      link: z.string(),
      createdAt: z.string(),
      readAt: z.string().nullable(),
    }),
  ),
});

/** The signed-in officer's alerts (urgent reports, escalations, deadline reminders). */
export function alertsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const unsubscribe = deps.realtime.subscribe((msg) => {
      if (msg.topic === "alert" && Array.isArray(msg.data.userIds)) {
        deps.sse.send("alert", {}, { userIds: msg.data.userIds.map(String) });
      }
    });
    app.addHook("onClose", async () => unsubscribe());
    app.get("/api/me/alerts", { schema: { tags: ["alerts"], response: { 200: ZAlertList } } }, async (req) =>
      myAlerts(deps, requireActor(req)),
    );
    app.post(
      "/api/me/alerts/:alertId/read",
      { schema: { tags: ["alerts"], params: z.object({ alertId: ZId }), response: { 200: ZOk } } },
      async (req) => readAlert(deps, requireActor(req), req.params.alertId),
    );
    app.post(
      "/api/me/alerts/read-all",
      { schema: { tags: ["alerts"], response: { 200: ZOk } } },
      async (req) => readAlert(deps, requireActor(req), null),
    );
  };
}
