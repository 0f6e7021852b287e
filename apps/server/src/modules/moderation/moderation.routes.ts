import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Deps } from "../../deps";

export function moderationRoutes(_deps: Deps): FastifyPluginAsyncZod {
  return async () => {};
}
