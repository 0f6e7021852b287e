import { ZHealthResponse } from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Deps } from "../../deps";

export function systemRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/health",
      { config: { public: true }, schema: { tags: ["system"], response: { 200: ZHealthResponse } } },
      async () => ({ status: "ok" as const, database: deps.database.kind, version: deps.version }),
    );
    app.get("/api/openapi.json", { config: { public: true }, schema: { hide: true } }, async () =>
      app.swagger(),
    );
  };
}
