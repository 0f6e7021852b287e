import {
  ZCreatePollRequest,
  ZGroupRules,
  ZId,
  ZPollDetail,
  ZPollList,
  ZPollListQuery,
  ZPublishRulesRequest,
  ZVoteRequest,
} from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps";
import { requireActor } from "../../http/auth";
import { closePoll, createPoll, getPoll, listPolls, vote } from "./polls.service";
import { acknowledgeRules, getRules, publishRules } from "./rules.service";

const groupParams = z.object({ groupId: ZId });
const versionParams = z.object({ groupId: ZId, version: z.coerce.number().int().min(1).max(1_000_000) });
const pollParams = z.object({ pollId: ZId });
const tags = ["consultation"];

/** Plan II.3: the group's rules (quy chế) and polls. Thin: parse, call one service, present. */
export function consultationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/groups/:groupId/rules",
      { schema: { tags, params: groupParams, response: { 200: ZGroupRules } } },
      async (req) => getRules(deps, requireActor(req), req.params.groupId),
    );
    app.post(
      "/api/groups/:groupId/rules",
      {
        schema: { tags, params: groupParams, body: ZPublishRulesRequest, response: { 201: ZGroupRules } },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await publishRules(deps, requireActor(req), req.params.groupId, req.body, req.id)),
    );
    app.post(
      "/api/groups/:groupId/rules/:version/ack",
      { schema: { tags, params: versionParams, response: { 200: ZGroupRules } } },
      async (req) =>
        acknowledgeRules(deps, requireActor(req), req.params.groupId, req.params.version, req.id),
    );

    app.get(
      "/api/groups/:groupId/polls",
      { schema: { tags, params: groupParams, querystring: ZPollListQuery, response: { 200: ZPollList } } },
      async (req) => listPolls(deps, requireActor(req), req.params.groupId, req.query),
    );
    app.post(
      "/api/groups/:groupId/polls",
      { schema: { tags, params: groupParams, body: ZCreatePollRequest, response: { 201: ZPollDetail } } },
      async (req, reply) =>
        reply
          .status(201)
          .send(await createPoll(deps, requireActor(req), req.params.groupId, req.body, req.id)),
    );
    app.get(
      "/api/polls/:pollId",
      { schema: { tags, params: pollParams, response: { 200: ZPollDetail } } },
      async (req) => getPoll(deps, requireActor(req), req.params.pollId),
    );
    app.post(
      "/api/polls/:pollId/votes",
      { schema: { tags, params: pollParams, body: ZVoteRequest, response: { 200: ZPollDetail } } },
      async (req) => vote(deps, requireActor(req), req.params.pollId, req.body.choices, req.id),
    );
    app.post(
      "/api/polls/:pollId/close",
      { schema: { tags, params: pollParams, response: { 200: ZPollDetail } } },
      async (req) => closePoll(deps, requireActor(req), req.params.pollId, req.id),
    );
  };
}
