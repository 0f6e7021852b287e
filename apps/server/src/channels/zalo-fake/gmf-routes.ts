import type { MultipartPart } from "./multipart";
import type { Body } from "./params";
import type { WorldCtx } from "./world-context";
import { gmfOps } from "./world-gmf";

/** An OpenAPI endpoint: how its input arrives and the rule that answers it. */
export type Endpoint = {
  method: "GET" | "POST";
  /** json body · `?data=<json>` (v2/v3 user and message families) · plain query (GMF GETs) · multipart upload. */
  input: "json" | "data" | "query" | "multipart";
  /** GMF endpoints need a verified OA (-221). */
  gmf?: boolean;
  run(ctx: WorldCtx, oaId: string, input: Body, file?: MultipartPart): unknown;
};

/** GMF reads are GETs with ordinary query params (reference/zalo.md §2.3, §2.8). */
const GMF_GETS = new Set([
  "group/getgroup",
  "group/listpendinginvite",
  "group/listmember",
  "group/getgroupsofoa",
  "group/listrecentchat",
  "group/conversation",
]);

/** All GMF endpoints, under /v3.0/oa/, keyed "v3.0/<op>". */
export const gmfEndpoints: Record<string, Endpoint> = Object.fromEntries(
  Object.entries(gmfOps).map(([op, run]) => [
    `v3.0/${op}`,
    GMF_GETS.has(op)
      ? { method: "GET", input: "query", gmf: true, run }
      : { method: "POST", input: "json", gmf: true, run },
  ]),
);
