import { describe, expect, it } from "vitest";
import { codeOf, testWorld } from "./test-helpers";

function setup() {
  const t = testWorld();
  const { token, botId } = t.world.createBot({ name: "Bot Công an xã" });
  const chatId = t.world.addBotUser(token, "Cán bộ Hùng");
  const call = (method: string, body: Record<string, unknown> = {}, tok = token) =>
    t.world.bot.call(tok, method, body);
  return { ...t, token, botId, chatId, call };
}

describe("Bot API rules", () => {
  it("issues <digits>:<secret> tokens and answers 401 for unknown or malformed ones", () => {
    const s = setup();
    expect(s.token).toMatch(/^[0-9]+:[A-Za-z0-9_-]{8,}$/);
    expect(s.chatId).toMatch(/^[0-9a-f]{20}$/);
    expect(s.call("getMe")).toEqual({
      id: s.botId,
      account_name: "Bot Công an xã",
      account_type: "BASIC",
      can_join_groups: false,
    });
    expect(codeOf(() => s.call("getMe", {}, `${s.botId}:wrong-secret`))).toBe(401);
    expect(codeOf(() => s.call("getMe", {}, "not a token"))).toBe(401);
    expect(codeOf(() => s.call("sendSticker"))).toBe(404);
  });

  it("sends 1–2000 characters to known chats only", () => {
    const s = setup();
    expect(s.call("sendMessage", { chat_id: s.chatId, text: "Có tin báo mới" })).toEqual({
      message_id: expect.stringMatching(/^[0-9a-f]{20}$/),
      date: s.clock.now().getTime(),
    });
    expect(codeOf(() => s.call("sendMessage", { chat_id: s.chatId, text: "" }))).toBe(400);
    expect(codeOf(() => s.call("sendMessage", { chat_id: s.chatId, text: "a".repeat(2001) }))).toBe(400);
    expect(codeOf(() => s.call("sendMessage", { chat_id: "0123456789abcdef0123", text: "x" }))).toBe(400);
    expect(codeOf(() => s.call("sendPhoto", { chat_id: s.chatId, photo: "not-a-url" }))).toBe(400);
    s.call("sendPhoto", { chat_id: s.chatId, photo: "https://example.test/a.jpg", caption: "Ảnh" });
    expect(s.world.botMessages(s.token, s.chatId).map((m) => [m.direction, m.text, m.photo])).toEqual([
      ["out", "Có tin báo mới", null],
      ["out", null, "https://example.test/a.jpg"],
    ]);
  });

  it("accepts https or loopback http webhooks with an 8–256-char secret", () => {
    const s = setup();
    const set = (url: string, secret = "s3cret-token") =>
      codeOf(() => s.call("setWebhook", { url, secret_token: secret }));
    expect(set("http://example.com/hook")).toBe(400);
    expect(set("https://example.com/hook", "short")).toBe(400);
    expect(set("https://example.com/hook", "x".repeat(257))).toBe(400);
    expect(set("http://localhost:3000/hook")).toBe("no error");
    expect(set("http://127.0.0.1:9/hook")).toBe("no error");
    expect(s.call("getWebhookInfo")).toEqual({
      url: "http://127.0.0.1:9/hook",
      updated_at: s.clock.now().getTime(),
    });
    expect(codeOf(() => s.world.bot.poll(s.token, 10))).toBe(409);
    expect(s.call("deleteWebhook")).toMatchObject({ url: "" });
  });

  it("queues a user's message for getUpdates, one update at a time, then times out with null", async () => {
    const s = setup();
    s.world.botUserSends(s.token, s.chatId, "Xin chào");
    s.world.botUserSendsPhoto(s.token, s.chatId, "https://example.test/p.jpg");
    const first = await s.world.bot.poll(s.token, 10).result;
    expect(first).toEqual({
      event_name: "message.text.received",
      message: {
        message_id: expect.stringMatching(/^[0-9a-f]{20}$/),
        date: s.clock.now().getTime(),
        from: { id: s.chatId, display_name: "Cán bộ Hùng", is_bot: false },
        chat: { id: s.chatId, chat_type: "PRIVATE" },
        text: "Xin chào",
      },
    });
    expect((await s.world.bot.poll(s.token, 10).result)?.event_name).toBe("message.image.received");
    expect(await s.world.bot.poll(s.token, 10).result).toBeNull();
  });

  it("wakes a waiting long-poll and sends to the webhook once one is set", async () => {
    const s = setup();
    const waiting = s.world.bot.poll(s.token, 5000).result;
    s.world.botUserSends(s.token, s.chatId, "Đang chờ");
    expect((await waiting)?.message.text).toBe("Đang chờ");
    s.call("setWebhook", { url: "https://binhyen.test/hook", secret_token: "s3cret-token" });
    s.world.botUserSends(s.token, s.chatId, "Qua webhook");
    expect(s.world.emitted()).toEqual([
      expect.objectContaining({ kind: "bot", url: "https://binhyen.test/hook", secret: "s3cret-token" }),
    ]);
  });
});
