import { renderControlPage, renderErrorPage } from "./control-page";
import {
  isForm,
  parseJsonObject,
  type Route,
  readBody,
  redirect,
  type ServerCtx,
  sendHtml,
  sendJson,
} from "./http-util";
import type { GmfProduct } from "./state";

/**
 * `/_control/*`: simulated people, faults and inspection over HTTP (JSON in and out), and `GET /`,
 * the Vietnamese control page whose plain forms post here and come back with 303. Bound to loopback
 * only by default — anyone who can reach it can act as any user.
 */
type Input = Record<string, unknown>;

class BadInput extends Error {}

const str = (b: Input, key: string): string => {
  const value = b[key];
  if (typeof value !== "string" || value.trim() === "") {
    throw new BadInput(`Thiếu trường ${key}`);
  }
  return value;
};
const num = (b: Input, key: string): number => {
  const value = typeof b[key] === "number" ? b[key] : Number(str(b, key));
  if (!Number.isFinite(value)) {
    throw new BadInput(`Trường ${key} phải là số`);
  }
  return value;
};
const optStr = (b: Input, key: string): string | undefined =>
  typeof b[key] === "string" && b[key] !== "" ? (b[key] as string) : undefined;
const bool = (b: Input, key: string): boolean => b[key] === true || b[key] === "true" || b[key] === "on";

const actions: Record<string, (s: ServerCtx, b: Input) => unknown> = {
  "resident-sends-text": (s, b) =>
    s.world.residentSendsText(str(b, "oaId"), str(b, "userId"), str(b, "text")),
  "resident-sends-image": (s, b) =>
    s.world.residentSendsImage(str(b, "oaId"), str(b, "userId"), str(b, "imageUrl")),
  "resident-sends-location": (s, b) =>
    s.world.residentSendsLocation(str(b, "oaId"), str(b, "userId"), num(b, "lat"), num(b, "lng")),
  "resident-sends-file": (s, b) =>
    s.world.residentSendsFile(str(b, "oaId"), str(b, "userId"), {
      url: str(b, "url"),
      name: str(b, "name"),
      size: num(b, "size"),
    }),
  follow: (s, b) => s.world.follow(str(b, "oaId"), str(b, "userId")),
  unfollow: (s, b) => s.world.unfollow(str(b, "oaId"), str(b, "userId")),
  "member-posts": (s, b) => s.world.memberPosts(str(b, "groupId"), str(b, "userId"), str(b, "text")),
  "member-posts-image": (s, b) =>
    s.world.memberPostsImage(str(b, "groupId"), str(b, "userId"), str(b, "url"), optStr(b, "caption")),
  "member-renames-group": (s, b) =>
    s.world.memberRenamesGroup(str(b, "groupId"), str(b, "userId"), str(b, "name")),
  "user-requests-join": (s, b) => s.world.userRequestsJoin(str(b, "groupId"), str(b, "userId")),
  "member-leaves": (s, b) => s.world.memberLeaves(str(b, "groupId"), str(b, "userId")),
  "bot-user-sends": (s, b) => s.world.botUserSends(str(b, "token"), str(b, "chatId"), str(b, "text")),
  "bot-user-sends-photo": (s, b) =>
    s.world.botUserSendsPhoto(str(b, "token"), str(b, "chatId"), str(b, "photoUrl"), optStr(b, "caption")),
  "add-user": (s, b) => ({
    userId: s.world.addUser(str(b, "oaId"), {
      displayName: str(b, "displayName"),
      follower: b.follower === undefined ? true : bool(b, "follower"),
      phone: optStr(b, "phone"),
    }),
  }),
  "add-bot-user": (s, b) => ({ chatId: s.world.addBotUser(str(b, "token"), str(b, "displayName")) }),
  "add-assets": (s, b) => ({
    assetIds: s.world.addAssets(str(b, "oaId"), str(b, "productType") as GmfProduct, num(b, "count")),
  }),
  "mint-tokens": (s, b) => s.world.mintTokens(str(b, "appId")),
  "expire-group": (s, b) => s.world.expireGroup(str(b, "groupId")),
  "fail-next": (s, b) =>
    s.world.failNext({
      path: str(b, "path"),
      error: num(b, "error"),
      times: b.times === undefined ? 1 : num(b, "times"),
    }),
  "advance-clock": (s, b) => {
    s.world.advanceClock(b.hours !== undefined ? num(b, "hours") * 3_600_000 : num(b, "ms"));
    return { now: s.world.clock.now().toISOString() };
  },
  "oa-webhook": (s, b) => s.setOaWebhookUrl(optStr(b, "url") ?? null),
  "flush-webhooks": (s) => s.world.flushWebhooks(),
};

const inspections: Record<string, (s: ServerCtx, q: URLSearchParams) => unknown> = {
  world: (s) => ({
    now: s.world.clock.now().toISOString(),
    oaWebhookUrl: s.oaWebhookUrl(),
    apps: s.world.apps(),
    bots: s.world.bots(),
  }),
  users: (s, q) => s.world.users(q.get("oaId") ?? ""),
  groups: (s, q) => s.world.groups(q.get("oaId") ?? ""),
  group: (s, q) => s.world.group(q.get("groupId") ?? "") ?? null,
  "group-messages": (s, q) => s.world.groupMessages(q.get("groupId") ?? ""),
  "user-messages": (s, q) => s.world.userMessages(q.get("oaId") ?? "", q.get("userId") ?? ""),
  "bot-messages": (s, q) => s.world.botMessages(q.get("token") ?? "", q.get("chatId") ?? ""),
  "webhook-log": (s) => s.world.webhookLog(),
  emitted: (s) => s.world.emitted(),
};

export const controlRoutes: Route = async (s, req, res, url) => {
  if (url.pathname === "/" && req.method === "GET") {
    sendHtml(
      res,
      200,
      renderControlPage(s.world, { oaWebhookUrl: s.oaWebhookUrl(), notice: url.searchParams.get("ok") }),
    );
    return true;
  }
  const match = /^\/_control\/([a-z-]+)$/.exec(url.pathname);
  if (!match) {
    return false;
  }
  const name = match[1] ?? "";
  const inspect = Object.hasOwn(inspections, name) ? inspections[name] : undefined;
  if (req.method === "GET" && inspect) {
    sendJson(res, 200, inspect(s, url.searchParams));
    return true;
  }
  const action = Object.hasOwn(actions, name) ? actions[name] : undefined;
  if (req.method !== "POST" || !action) {
    sendJson(res, 404, { ok: false, error: `Unknown control ${req.method} ${url.pathname}` });
    return true;
  }
  const form = isForm(req);
  const raw = await readBody(req, 1 << 20);
  const input = form ? Object.fromEntries(new URLSearchParams(raw.toString("utf8"))) : parseJsonObject(raw);
  try {
    if (!input) {
      throw new BadInput("Body must be a JSON object");
    }
    const result = (await action(s, input)) ?? null;
    if (form) {
      redirect(res, 303, `/?ok=${encodeURIComponent(name)}`);
    } else {
      sendJson(res, 200, { ok: true, result });
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (form) {
      sendHtml(res, 400, renderErrorPage(message));
    } else {
      sendJson(res, 400, { ok: false, error: message });
    }
  }
  return true;
};
