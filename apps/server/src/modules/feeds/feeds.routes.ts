import { ZCreateFeed, ZFeedSource, ZFeedSourceList, ZId, ZOk, ZUpdateFeed } from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps";
import { requireActor } from "../../http/auth";
import { createFeed, listFeeds, pollFeedNow, removeFeed, updateFeed } from "./feeds.service";

const communeParams = z.object({ communeId: ZId });
const feedParams = z.object({ feedId: ZId });

/** RSS/Atom relay of the provincial police website (plan II.5.2). */
export function feedsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/communes/:communeId/feeds",
      { schema: { tags: ["feeds"], params: communeParams, response: { 200: ZFeedSourceList } } },
      async (req) => listFeeds(deps, requireActor(req), req.params.communeId),
    );
    app.post(
      "/api/communes/:communeId/feeds",
      {
        schema: { tags: ["feeds"], params: communeParams, body: ZCreateFeed, response: { 201: ZFeedSource } },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await createFeed(deps, requireActor(req), req.params.communeId, req.body, { requestId: req.id }),
          ),
    );
    app.patch(
      "/api/feeds/:feedId",
      { schema: { tags: ["feeds"], params: feedParams, body: ZUpdateFeed, response: { 200: ZFeedSource } } },
      async (req) => updateFeed(deps, requireActor(req), req.params.feedId, req.body, { requestId: req.id }),
    );
    app.delete(
      "/api/feeds/:feedId",
      { schema: { tags: ["feeds"], params: feedParams, response: { 200: ZOk } } },
      async (req) => removeFeed(deps, requireActor(req), req.params.feedId, { requestId: req.id }),
    );
    app.post(
      "/api/feeds/:feedId/poll",
      { schema: { tags: ["feeds"], params: feedParams, response: { 200: ZFeedSource } } },
      async (req) => pollFeedNow(deps, requireActor(req), req.params.feedId),
    );
  };
}
