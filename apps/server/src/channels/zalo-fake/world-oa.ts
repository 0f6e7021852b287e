import { vnDate } from "../../core/vn-time";
import { OaError, ZaloApiError } from "./errors";
import type { EventKey } from "./events";
import { hexId, opaqueToken } from "./ids";
import type { MultipartPart } from "./multipart";
import { asBody, type Body, messageText, optInt, optString } from "./params";
import type { Attachment, OaUserMessage, UserRecord } from "./state";
import {
  base,
  DAY_MS,
  HOUR_MS,
  interactedWithin,
  oaOf,
  userOf,
  WINDOW_MS,
  type WorldCtx,
} from "./world-context";

/** OA 1:1 surface: OA info, users, CS messages, uploads, and residents acting (§2.4, §2.5). */

const FREE_REPLY_WINDOW_MS = 48 * HOUR_MS;
const FREE_REPLIES = 8;
const PROACTIVE_MONTHLY = 1000;
const UPLOAD_TTL_MS = 7 * DAY_MS;

/** DD/MM/YYYY in Asia/Ho_Chi_Minh, as user/detail shows dates. */
export const vnDay = (ms: number): string => vnDate(new Date(ms)).split("-").reverse().join("/");

export function getOa(ctx: WorldCtx, oaId: string): Body {
  const oa = oaOf(ctx, oaId);
  const followers = Object.values(ctx.state.users).filter((u) => u.oaId === oaId && u.follower).length;
  return {
    oaid: oa.oaId,
    name: oa.name,
    description: `${oa.name} (Zalo giả lập)`,
    oa_alias: "",
    is_verified: oa.verified,
    oa_type: 2,
    cate_name: "Cơ quan nhà nước",
    num_follower: followers,
    avatar: "",
    cover: "",
    package_name: oa.packageName,
    package_valid_through_date: vnDay(oa.packageValidThrough),
    package_auto_renew_date: vnDay(oa.packageValidThrough),
    linked_ZCA: "",
  };
}

export function quotaMessage(ctx: WorldCtx, oaId: string, body: Body): Body {
  const user = userOf(ctx, oaId, body.user_id);
  const free = interactedWithin(ctx, user, FREE_REPLY_WINDOW_MS);
  return {
    last_interaction: user.lastInteractionAt === null ? "" : String(user.lastInteractionAt),
    cs_reply: {
      remain: free ? Math.max(0, FREE_REPLIES - user.repliesSinceInteraction) : 0,
      total: FREE_REPLIES,
    },
    promotion: { daily_remain: 0, daily_total: 0, monthly_remain: 0, monthly_total: 0 },
  };
}

function matchesPeriod(ctx: WorldCtx, user: UserRecord, period: string): boolean {
  const last = user.lastInteractionAt;
  if (last === null) {
    return false;
  }
  const now = ctx.now();
  const day = (ms: number) => vnDate(new Date(ms));
  switch (period) {
    case "TODAY":
      return day(last) === day(now);
    case "YESTERDAY":
      return day(last) === day(now - DAY_MS);
    case "L7D":
      return now - last <= 7 * DAY_MS;
    case "L30D":
      return now - last <= 30 * DAY_MS;
  }
  const range = /^(\d{4})_(\d{2})_(\d{2}):(\d{4})_(\d{2})_(\d{2})$/.exec(period);
  if (!range) {
    throw new ZaloApiError(OaError.INVALID_PARAM, "last_interaction_period is invalid");
  }
  const [, y1, m1, d1, y2, m2, d2] = range;
  return day(last) >= `${y1}-${m1}-${d1}` && day(last) <= `${y2}-${m2}-${d2}`;
}

export function userList(ctx: WorldCtx, oaId: string, body: Body): Body {
  const offset = optInt(body, "offset", 0, 9951);
  const count = optInt(body, "count", 50, 50);
  const period = optString(body, "last_interaction_period");
  const followerOnly = String(body.is_follower ?? "") === "true";
  const users = Object.values(ctx.state.users).filter(
    (u) =>
      u.oaId === oaId &&
      (!followerOnly || u.follower) &&
      (period === undefined || matchesPeriod(ctx, u, period)),
  );
  const page = users.slice(offset, offset + count).map((u) => ({ user_id: u.userId }));
  return { total: users.length, count: page.length, offset, users: page };
}

export function userDetail(ctx: WorldCtx, oaId: string, body: Body): Body {
  const u = userOf(ctx, oaId, body.user_id);
  return {
    user_id: u.userId,
    user_id_by_app: u.userIdByApp,
    user_external_id: "",
    display_name: u.displayName,
    user_alias: "",
    is_sensitive: false,
    user_last_interaction_date: u.lastInteractionAt === null ? "" : vnDay(u.lastInteractionAt),
    user_is_follower: u.follower,
    avatar: "",
    avatars: { "120": "", "240": "" },
    dynamic_param: "",
    tags_and_notes_info: { notes: [], tag_names: [] },
    ...(u.phone
      ? { shared_info: { name: u.displayName, phone: u.phone, address: "", city: "", district: "" } }
      : {}),
  };
}

/** GET /v2.0/oa/conversation?data={user_id, offset, count ≤ 10}: one user's thread, newest first. */
export function conversation(ctx: WorldCtx, oaId: string, body: Body): Body[] {
  const user = userOf(ctx, oaId, body.user_id);
  const offset = optInt(body, "offset", 0, 100_000);
  const count = optInt(body, "count", 10, 10);
  const oa = oaOf(ctx, oaId);
  return ctx.state.oaMessages
    .filter((m) => m.oaId === oaId && m.userId === user.userId)
    .reverse()
    .slice(offset, offset + count)
    .map((m) => {
      const fromUser = m.direction === "in";
      const first = m.attachments[0];
      return {
        src: fromUser ? 1 : 0,
        time: m.at,
        type: first ? (first.type === "image" ? "photo" : first.type) : m.text !== null ? "text" : "template",
        message: m.text ?? first?.payload.url ?? "",
        message_id: m.messageId,
        from_id: fromUser ? user.userId : oaId,
        to_id: fromUser ? oaId : user.userId,
        from_display_name: fromUser ? user.displayName : oa.name,
        to_display_name: fromUser ? oa.name : user.displayName,
        from_avatar: "",
        to_avatar: "",
      };
    });
}

/** Uses an upload: -201 unknown or another OA's, -100 older than 7 days. */
function useUpload(ctx: WorldCtx, oaId: string, id: unknown, kind: "image" | "file"): string {
  const upload = typeof id === "string" ? ctx.state.uploads[id] : undefined;
  if (!upload || upload.oaId !== oaId || upload.kind !== kind) {
    throw new ZaloApiError(
      OaError.INVALID_PARAM,
      kind === "image" ? "attachment_id is invalid" : "token is invalid",
    );
  }
  if (upload.expiresAt <= ctx.now()) {
    throw new ZaloApiError(OaError.ATTACHMENT_EXPIRED, "The attachment has expired");
  }
  return upload.id;
}

export type ParsedAttachment = {
  kind: "image" | "sticker" | "file" | "request_user_info";
  url: string | null;
  attachmentId: string | null;
  fileToken: string | null;
};

/** `message.attachment` of message/cs and group/message: media template, file token, or form. */
export function parseAttachment(
  ctx: WorldCtx,
  oaId: string,
  raw: unknown,
  allowForm: boolean,
): ParsedAttachment {
  const bad = () => new ZaloApiError(OaError.INVALID_PARAM, "message.attachment is invalid");
  const attachment = asBody(raw);
  const payload = asBody(attachment.payload);
  if (attachment.type === "file") {
    const fileToken = useUpload(ctx, oaId, payload.token, "file");
    return { kind: "file", url: null, attachmentId: null, fileToken };
  }
  const elements = Array.isArray(payload.elements) ? payload.elements.map(asBody) : [];
  const element = elements[0];
  if (attachment.type !== "template" || !element || elements.length > 1) {
    throw bad();
  }
  if (payload.template_type === "request_user_info" && allowForm) {
    if (typeof element.title !== "string" || typeof element.subtitle !== "string") {
      throw bad();
    }
    return { kind: "request_user_info", url: null, attachmentId: null, fileToken: null };
  }
  const media = element.media_type;
  if (payload.template_type !== "media" || !(media === "image" || media === "gif" || media === "sticker")) {
    throw bad();
  }
  if (typeof element.attachment_id === "string") {
    const attachmentId =
      media === "sticker" ? element.attachment_id : useUpload(ctx, oaId, element.attachment_id, "image");
    return { kind: media === "sticker" ? "sticker" : "image", url: null, attachmentId, fileToken: null };
  }
  if (typeof element.url === "string" && /^https?:\/\//.test(element.url) && media !== "sticker") {
    return { kind: "image", url: element.url, attachmentId: null, fileToken: null };
  }
  throw bad();
}

const ECHO_EVENT: Record<ParsedAttachment["kind"], EventKey> = {
  image: "oa_send_image",
  sticker: "oa_send_image",
  file: "oa_send_file",
  request_user_info: "oa_send_list",
};

export function echoAttachments(a: ParsedAttachment): Attachment[] | undefined {
  if (a.kind === "image") {
    return [{ type: "image", payload: { ...(a.url ? { url: a.url, thumbnail: a.url } : {}) } }];
  }
  return a.kind === "file" ? [{ type: "file", payload: {} }] : undefined;
}

export function sendCs(ctx: WorldCtx, oaId: string, body: Body): Body {
  const user = userOf(ctx, oaId, asBody(body.recipient).user_id);
  const message = asBody(body.message);
  const attachment =
    message.attachment === undefined ? null : parseAttachment(ctx, oaId, message.attachment, true);
  const text = messageText(message.text, attachment === null);
  const quote = optString(message, "quote_message_id") ?? null;
  if (
    quote !== null &&
    !ctx.state.oaMessages.some(
      (m) => m.messageId === quote && m.userId === user.userId && m.direction === "in",
    )
  ) {
    throw new ZaloApiError(OaError.INVALID_PARAM, "quote_message_id is invalid");
  }
  if (!interactedWithin(ctx, user, WINDOW_MS)) {
    throw new ZaloApiError(OaError.WINDOW_CLOSED, "User has not interacted with the OA in the last 7 days");
  }
  const oa = oaOf(ctx, oaId);
  const free =
    interactedWithin(ctx, user, FREE_REPLY_WINDOW_MS) && user.repliesSinceInteraction < FREE_REPLIES;
  if (!free && oa.proactiveQuota <= 0) {
    throw new ZaloApiError(OaError.OUT_OF_QUOTA, "Out of proactive message quota");
  }
  if (!free) {
    oa.proactiveQuota--;
  }
  user.repliesSinceInteraction++;
  const stored = record(ctx, user, "out", {
    text,
    template: attachment ? asBody(message.attachment) : null,
    quoteMessageId: quote,
    billable: !free,
  });
  const key: EventKey = attachment ? ECHO_EVENT[attachment.kind] : "oa_send_text";
  ctx.emit({
    kind: "oa",
    oaId,
    payload: ctx.events.direct(base(ctx, oaId), key, user, false, {
      msg_id: stored.messageId,
      ...(text !== null ? { text } : {}),
      ...(attachment && echoAttachments(attachment) ? { attachments: echoAttachments(attachment) } : {}),
    }),
  });
  return {
    message_id: stored.messageId,
    user_id: user.userId,
    ...(free
      ? {}
      : {
          quota: {
            quota_type: "sub_quota",
            remain: oa.proactiveQuota,
            total: PROACTIVE_MONTHLY,
            expired_date: "",
            owner_type: "OA",
            owner_id: oaId,
          },
        }),
  };
}

function record(
  ctx: WorldCtx,
  user: UserRecord,
  direction: "in" | "out",
  fields: Partial<Pick<OaUserMessage, "text" | "attachments" | "template" | "quoteMessageId" | "billable">>,
): OaUserMessage {
  const message: OaUserMessage = {
    messageId: hexId(32),
    oaId: user.oaId,
    userId: user.userId,
    direction,
    text: null,
    attachments: [],
    template: null,
    quoteMessageId: null,
    billable: false,
    at: ctx.now(),
    ...fields,
  };
  ctx.state.oaMessages.push(message);
  return message;
}

const MB = 1024 * 1024;

export function upload(
  ctx: WorldCtx,
  oaId: string,
  kind: "image" | "file",
  part: MultipartPart | undefined,
): Body {
  if (!part || part.filename === null) {
    throw new ZaloApiError(OaError.INVALID_PARAM, "file is required");
  }
  const d = part.data;
  const isImage =
    (d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff) || d.subarray(0, 4).toString("hex") === "89504e47";
  const typeOk = kind === "image" ? isImage : /\.(pdf|docx?|csv)$/i.test(part.filename);
  if (!typeOk) {
    throw new ZaloApiError(
      OaError.INVALID_PARAM,
      kind === "image" ? "Only jpg/png" : "Only PDF, DOC, DOCX, CSV",
    );
  }
  if (d.length > (kind === "image" ? 1 : 5) * MB) {
    throw new ZaloApiError(OaError.OVER_LIMIT, "The file is too large");
  }
  const id = opaqueToken(32);
  ctx.state.uploads[id] = {
    id,
    kind,
    oaId,
    name: part.filename,
    size: d.length,
    expiresAt: ctx.now() + UPLOAD_TTL_MS,
  };
  return kind === "image" ? { attachment_id: id } : { token: id };
}

/** A resident writes to the OA: opens the 7-day window, resets the free-reply counter. */
export function residentSends(
  ctx: WorldCtx,
  oaId: string,
  userId: string,
  key: "user_send_text" | "user_send_image" | "user_send_location" | "user_send_file",
  content: { text?: string; attachments?: Attachment[] },
): { messageId: string } {
  const user = userOf(ctx, oaId, userId);
  user.lastInteractionAt = ctx.now();
  user.repliesSinceInteraction = 0;
  const stored = record(ctx, user, "in", {
    text: content.text ?? null,
    attachments: content.attachments ?? [],
  });
  ctx.emit({
    kind: "oa",
    oaId,
    payload: ctx.events.direct(base(ctx, oaId), key, user, true, { msg_id: stored.messageId, ...content }),
  });
  return { messageId: stored.messageId };
}

export function setFollowing(ctx: WorldCtx, oaId: string, userId: string, follow: boolean): void {
  const user = userOf(ctx, oaId, userId);
  user.follower = follow;
  if (follow) {
    user.lastInteractionAt = ctx.now();
  }
  ctx.emit({
    kind: "oa",
    oaId,
    payload: ctx.events.follow(base(ctx, oaId), follow ? "follow" : "unfollow", user),
  });
}
