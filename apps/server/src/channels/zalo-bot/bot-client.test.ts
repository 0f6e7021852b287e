import { afterEach, describe, expect, it } from "vitest";
import {
  type Handler,
  type LoopbackServer,
  sequence,
  startLoopback,
} from "../zalo-oa/loopback-server.test-support";
import { ZaloApiError, ZaloNetworkError } from "../zalo-oa/zalo-errors";
import { type BotClientOptions, createBotClient } from "./bot-client";

const TOKEN = "1234567890:AbCdEfGhIjKlMnOpQrStUvWx-yz_987";
const okResult = (result: unknown) => ({ json: { ok: true, result } });
const botError = (error_code: number, description: string) => ({
  json: { ok: false, error_code, description },
});

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(handler: Handler, extra: Partial<BotClientOptions> = {}) {
  server = await startLoopback(handler);
  const sleeps: number[] = [];
  const bot = createBotClient({
    apiUrl: server.url,
    maxAttempts: 3,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    ...extra,
  });
  return { server, bot, sleeps };
}

describe("Bot client", () => {
  it("POSTs JSON to /bot<token>/<method> and maps getMe", async () => {
    const { server, bot } = await setup(() =>
      okResult({ id: "b0b1d", account_name: "Bot Bình Yên", account_type: "BASIC", can_join_groups: false }),
    );
    expect(await bot.getMe(TOKEN)).toEqual({
      id: "b0b1d",
      accountName: "Bot Bình Yên",
      accountType: "BASIC",
      canJoinGroups: false,
    });
    const req = server.requests[0];
    expect(req?.method).toBe("POST");
    expect(req?.url.pathname).toBe(`/bot${TOKEN}/getMe`);
    expect(req?.headers["content-type"]).toBe("application/json");
  });

  it("sets and reads the webhook", async () => {
    const { server, bot } = await setup(
      sequence(
        okResult({ url: "https://binhyen.vn/hooks/zalo-bot", updated_at: 1767225600000 }),
        okResult({ url: "", updated_at: 1767225600001 }),
      ),
    );
    expect(await bot.setWebhook(TOKEN, "https://binhyen.vn/hooks/zalo-bot", "secret-abc-123")).toEqual({
      url: "https://binhyen.vn/hooks/zalo-bot",
      updatedAt: new Date(1767225600000),
    });
    expect(JSON.parse(server.requests[0]?.text ?? "")).toEqual({
      url: "https://binhyen.vn/hooks/zalo-bot",
      secret_token: "secret-abc-123",
    });
    expect((await bot.deleteWebhook(TOKEN)).url).toBe("");
  });

  it("turns ok:false with HTTP 200 into a ZaloApiError without the token", async () => {
    const { server, bot } = await setup(() => botError(401, `Unauthorized bot${TOKEN}`));
    const err = (await bot.getMe(TOKEN).catch((e: unknown) => e)) as ZaloApiError;
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err).toMatchObject({ api: "bot", code: 401, kind: "human", endpoint: "getMe" });
    expect(`${err.message} ${err.zaloMessage} ${err.stack}`).not.toContain(TOKEN);
    expect(`${err.message}`).not.toContain(TOKEN.split(":")[1]);
    expect(server.requests).toHaveLength(1);
  });

  it("retries 429 and gives up on 400 at once", async () => {
    const { server, bot, sleeps } = await setup(
      sequence(botError(429, "Quota exceeded"), okResult({ message_id: "m1", date: 1767225600000 })),
    );
    expect(await bot.sendMessage(TOKEN, "chat1", "Đã nhận tin báo của bạn.")).toEqual([
      { messageId: "m1", date: new Date(1767225600000) },
    ]);
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);

    const again = await setup(sequence(botError(400, "Bad Request")));
    await expect(again.bot.sendMessage(TOKEN, "chat1", "x")).rejects.toMatchObject({
      code: 400,
      kind: "permanent",
    });
    expect(again.server.requests).toHaveLength(1);
  });

  it("splits text longer than 2000 characters into ordered messages", async () => {
    let n = 0;
    const { server, bot } = await setup(() => okResult({ message_id: `m${++n}`, date: 1 }));
    const text = "Thông báo của Công an xã về việc đăng ký tạm trú. ".repeat(90);
    const sent = await bot.sendMessage(TOKEN, "chat1", text);
    expect(sent.map((s) => s.messageId)).toEqual(["m1", "m2", "m3"]);
    const bodies = server.requests.map((r) => JSON.parse(r.text) as { chat_id: string; text: string });
    expect(bodies.every((b) => b.chat_id === "chat1" && b.text.length <= 2000)).toBe(true);
    expect(bodies.map((b) => b.text.slice(-6))).toEqual(["\n(1/3)", "\n(2/3)", "\n(3/3)"]);
    await expect(bot.sendMessage(TOKEN, "chat1", "  ")).rejects.toThrow(RangeError);
  });

  it("sends photos with an optional caption", async () => {
    const { server, bot } = await setup(() => okResult({ message_id: "p1", date: "1767225600000" }));
    expect(await bot.sendPhoto(TOKEN, "chat1", "https://f/p.jpg", "Ảnh")).toEqual({
      messageId: "p1",
      date: new Date(1767225600000),
    });
    await bot.sendPhoto(TOKEN, "chat1", "https://f/p.jpg");
    expect(server.requests.map((r) => JSON.parse(r.text))).toEqual([
      { chat_id: "chat1", photo: "https://f/p.jpg", caption: "Ảnh" },
      { chat_id: "chat1", photo: "https://f/p.jpg" },
    ]);
  });

  it("long-polls one update, and returns null on the idle 408/504 timeout without retrying", async () => {
    const update = {
      event_name: "message.text.received",
      message: {
        message_id: "6ede9afa66b88fe6d6a9",
        date: 1767225600000,
        from: { id: "u1", display_name: "B" },
        chat: { id: "u1", chat_type: "PRIVATE" },
        text: "Xin chào",
      },
    };
    const { server, bot } = await setup(
      sequence(okResult(update), botError(408, "Request timeout"), botError(504, "Request timeout"), {
        json: { ok: false, description: "Request timeout" },
      }),
    );
    expect(await bot.getUpdates(TOKEN, 30)).toMatchObject({
      messageId: "6ede9afa66b88fe6d6a9",
      text: "Xin chào",
    });
    expect(JSON.parse(server.requests[0]?.text ?? "")).toEqual({ timeout: "30" });
    expect(await bot.getUpdates(TOKEN, 30)).toBeNull();
    expect(await bot.getUpdates(TOKEN, 30)).toBeNull();
    expect(await bot.getUpdates(TOKEN, 30)).toBeNull();
    expect(server.requests).toHaveLength(4);
  });

  it("treats 5xx as a network error and refuses malformed tokens before any request", async () => {
    const { server, bot } = await setup(sequence({ status: 503, raw: "down" }), { maxAttempts: 2 });
    const err = await bot.getWebhookInfo(TOKEN).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloNetworkError);
    expect(String((err as Error).message)).not.toContain(TOKEN);
    expect(server.requests).toHaveLength(2);
    await expect(bot.getMe("123/../x")).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(2);
  });
});
