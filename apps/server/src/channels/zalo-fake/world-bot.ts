import { BotApiError, botUnauthorized } from "./errors";
import { hexId, numericId, opaqueToken } from "./ids";
import { asBody, type Body } from "./params";
import { type BotMessage, type BotRecord, type BotUpdate, table } from "./state";
import type { WorldCtx } from "./world-context";

/** The Zalo Bot API world (reference/zalo.md §1): bots, their users, messages and updates. */

const TOKEN = /^[0-9]+:[A-Za-z0-9_-]+$/;
const LOOPBACK_HTTP = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/;

type Waiter = (update: BotUpdate | null) => void;

export class BotWorld {
  readonly #waiters = new Map<string, Waiter[]>();

  constructor(private readonly ctx: WorldCtx) {}

  create(input: { token?: string; name: string }): { token: string; botId: string } {
    const botId = input.token?.split(":")[0] ?? numericId();
    const token = input.token ?? `${botId}:${opaqueToken(24)}`;
    if (!TOKEN.test(token) || this.ctx.state.bots[token]) {
      throw new Error("fake Zalo: bot token must look like <digits>:<secret> and be new");
    }
    this.ctx.state.bots[token] = {
      token,
      botId,
      name: input.name,
      webhook: null,
      webhookUpdatedAt: this.ctx.now(),
      users: table(),
      messages: [],
      pending: [],
    };
    return { token, botId };
  }

  addUser(token: string, displayName: string): string {
    const bot = this.known(token);
    const chatId = hexId(20);
    bot.users[chatId] = { chatId, displayName };
    return chatId;
  }

  /** A bot for a request's token: unknown or malformed → 401 Unauthorized. */
  known(token: string): BotRecord {
    const bot = TOKEN.test(token) ? this.ctx.state.bots[token] : undefined;
    if (!bot) {
      throw botUnauthorized();
    }
    return bot;
  }

  /** Synchronous methods; getUpdates goes through `poll`. Unknown method → 404. */
  call(token: string, method: string, raw: unknown): unknown {
    const bot = this.known(token);
    const body = asBody(raw);
    const now = this.ctx.now();
    switch (method) {
      case "getMe":
        return { id: bot.botId, account_name: bot.name, account_type: "BASIC", can_join_groups: false };
      case "getWebhookInfo":
        return { url: bot.webhook?.url ?? "", updated_at: bot.webhookUpdatedAt };
      case "deleteWebhook":
        bot.webhook = null;
        bot.webhookUpdatedAt = now;
        return { url: "", updated_at: now };
      case "setWebhook":
        return this.setWebhook(bot, body);
      case "sendMessage": {
        const chatId = this.chat(bot, body.chat_id);
        return this.record(bot, chatId, "out", { text: text(body.text, "text", true) }, now);
      }
      case "sendPhoto": {
        const chatId = this.chat(bot, body.chat_id);
        if (typeof body.photo !== "string" || !/^https?:\/\//.test(body.photo)) {
          throw new BotApiError(400, "Bad Request: photo must be a URL");
        }
        return this.record(
          bot,
          chatId,
          "out",
          { photo: body.photo, caption: text(body.caption, "caption", false) },
          now,
        );
      }
      case "sendChatAction":
        this.chat(bot, body.chat_id);
        if (body.action !== "typing" && body.action !== "upload_photo") {
          throw new BotApiError(400, "Bad Request: action is invalid");
        }
        return true;
      default:
        throw new BotApiError(404, "Not Found: method not found");
    }
  }

  private setWebhook(bot: BotRecord, body: Body): unknown {
    const url = body.url;
    if (
      typeof url !== "string" ||
      !URL.canParse(url) ||
      !(url.startsWith("https://") || LOOPBACK_HTTP.test(url))
    ) {
      throw new BotApiError(400, "Bad Request: url must be an https URL");
    }
    const secret = body.secret_token;
    if (typeof secret !== "string" || secret.length < 8 || secret.length > 256) {
      throw new BotApiError(400, "Bad Request: secret_token must be 8-256 characters");
    }
    const now = this.ctx.now();
    bot.webhook = { url, secret, updatedAt: now };
    bot.webhookUpdatedAt = now;
    this.wake(bot.token, null);
    for (const update of bot.pending.splice(0)) {
      this.ctx.emit({ kind: "bot", token: bot.token, url, secret, update });
    }
    return { url, updated_at: now };
  }

  /** getUpdates: one update, or null after `waitMs` (→ 408). Refused while a webhook is set. */
  poll(token: string, waitMs: number): { result: Promise<BotUpdate | null>; cancel(): void } {
    const bot = this.known(token);
    if (bot.webhook) {
      throw new BotApiError(409, "Conflict: a webhook is active, call deleteWebhook before getUpdates");
    }
    const ready = bot.pending.shift();
    if (ready) {
      return { result: Promise.resolve(ready), cancel: () => {} };
    }
    let waiter: Waiter = () => {};
    const result = new Promise<BotUpdate | null>((resolve) => {
      const timer = setTimeout(() => waiter(null), waitMs);
      waiter = (update) => {
        clearTimeout(timer);
        this.#remove(token, waiter);
        resolve(update);
      };
      this.#waiters.set(token, [...(this.#waiters.get(token) ?? []), waiter]);
    });
    return { result, cancel: () => waiter(null) };
  }

  #remove(token: string, waiter: Waiter): void {
    this.#waiters.set(
      token,
      (this.#waiters.get(token) ?? []).filter((w) => w !== waiter),
    );
  }

  /** Hands an update to the oldest long-poll; false when nobody waits. */
  private wake(token: string, update: BotUpdate | null): boolean {
    const waiters = this.#waiters.get(token) ?? [];
    if (update === null) {
      for (const w of [...waiters]) {
        w(null);
      }
      return false;
    }
    const first = waiters[0];
    first?.(update);
    return first !== undefined;
  }

  /** Ends every long-poll (server shutdown). */
  close(): void {
    for (const token of [...this.#waiters.keys()]) {
      this.wake(token, null);
    }
  }

  /** A bot user writes to the bot: webhook if set, else the oldest getUpdates, else the queue. */
  userSends(token: string, chatId: string, content: { text: string } | { photo: string; caption?: string }) {
    const bot = this.known(token);
    const user = bot.users[chatId];
    if (!user) {
      throw new Error(`Bot không có người dùng ${chatId}`);
    }
    const isText = "text" in content;
    const fields = isText
      ? { text: text(content.text, "text", true) }
      : { photo: content.photo, caption: content.caption ?? null };
    const stored = this.record(bot, chatId, "in", fields, this.ctx.now());
    const update: BotUpdate = {
      event_name: isText ? "message.text.received" : "message.image.received",
      message: {
        message_id: stored.message_id,
        date: stored.date,
        from: { id: chatId, display_name: user.displayName, is_bot: false },
        chat: { id: chatId, chat_type: "PRIVATE" },
        ...(isText
          ? { text: fields.text }
          : { photo: content.photo, ...(fields.caption ? { caption: fields.caption } : {}) }),
      },
    };
    if (bot.webhook) {
      this.ctx.emit({ kind: "bot", token, url: bot.webhook.url, secret: bot.webhook.secret, update });
    } else if (!this.wake(token, update)) {
      bot.pending.push(update);
    }
    return { messageId: stored.message_id };
  }

  private chat(bot: BotRecord, chatId: unknown): string {
    if (typeof chatId !== "string" || !bot.users[chatId]) {
      throw new BotApiError(400, "Bad Request: chat not found");
    }
    return chatId;
  }

  private record(
    bot: BotRecord,
    chatId: string,
    direction: "in" | "out",
    fields: Partial<Pick<BotMessage, "text" | "photo" | "caption">>,
    date: number,
  ): { message_id: string; date: number } {
    const message: BotMessage = {
      messageId: hexId(20),
      chatId,
      direction,
      text: null,
      photo: null,
      caption: null,
      date,
      ...fields,
    };
    bot.messages.push(message);
    return { message_id: message.messageId, date };
  }
}

/** Bot message text: 1–2000 characters (400 otherwise); an absent optional caption is null. */
function text(value: unknown, field: string, required: boolean): string | null {
  if ((value === undefined || value === null) && !required) {
    return null;
  }
  if (typeof value !== "string" || value.length === 0 || [...value].length > 2000) {
    throw new BotApiError(400, `Bad Request: ${field} must be 1-2000 characters`);
  }
  return value;
}
