import { createHash, timingSafeEqual } from "node:crypto";
import { asRecord, isRecord, toDate, toStr } from "../zalo-oa/zalo-json";

/**
 * Zalo Bot API updates (reference/zalo.md §1.3). The docs wrap an update as
 * `{ ok: true, result: { event_name, message } }`; live webhooks were seen unwrapped as
 * `{ event_name, message }`; `getUpdates` returns the wrapped form's `result`. All are accepted.
 */

export type BotUpdate = {
  eventName: string;
  messageId: string;
  date: Date;
  fromId: string;
  fromName: string;
  fromIsBot: boolean;
  chatId: string;
  /** "PRIVATE" | "GROUP" as documented; kept as sent. */
  chatType: string;
  text?: string;
  photoUrl?: string;
  caption?: string;
};

/**
 * Null when the body is not an update we can route (no event name, message id or chat id).
 * `now` supplies the date only when the update carries none.
 */
export function parseBotUpdate(body: unknown, now: () => Date = () => new Date()): BotUpdate | null {
  if (!isRecord(body)) {
    return null;
  }
  const update = isRecord(body.result) && body.event_name === undefined ? body.result : body;
  const eventName = toStr(update.event_name);
  const message = asRecord(update.message);
  const messageId = toStr(message.message_id);
  const from = asRecord(message.from);
  const chat = asRecord(message.chat);
  const chatId = toStr(chat.id) ?? toStr(from.id);
  if (!eventName || !messageId || !chatId) {
    return null;
  }
  const out: BotUpdate = {
    eventName,
    messageId,
    date: toDate(message.date) ?? now(),
    fromId: toStr(from.id) ?? chatId,
    fromName: toStr(from.display_name) ?? toStr(from.name) ?? "",
    fromIsBot: from.is_bot === true,
    chatId,
    chatType: toStr(chat.chat_type) ?? "PRIVATE",
  };
  const text = toStr(message.text);
  if (text !== null) {
    out.text = text;
  }
  const photo = toStr(message.photo) ?? toStr(message.photo_url);
  if (photo !== null && photo !== "") {
    out.photoUrl = photo;
  }
  const caption = toStr(message.caption);
  if (caption !== null && caption !== "") {
    out.caption = caption;
  }
  return out;
}

/**
 * Webhook header `X-Bot-Api-Secret-Token` against the configured secret. Both sides are hashed
 * first so the comparison is constant-time and equal-length whatever the header holds; a missing,
 * repeated (array) or empty header fails, as does an empty expected secret.
 */
export function verifyBotSecret(header: string | string[] | undefined, expected: string): boolean {
  if (typeof header !== "string" || header === "" || expected === "") {
    return false;
  }
  const a = createHash("sha256").update(header, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}
