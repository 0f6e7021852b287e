import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeZalo, startFakeZalo } from "./fake-zalo";
import { startReceiver } from "./test-helpers";

/** Webhook delivery (signature, retries), the control endpoints, the Bot API and the state file over real HTTP. */

let fake: FakeZalo;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  fake = await startFakeZalo({ retryDelaysMs: [50, 100], webhookTimeoutMs: 300, longPollCapMs: 200 });
});
afterAll(() => fake.close());
afterEach(async () => {
  for (const fn of cleanups.splice(0)) {
    await fn();
  }
  fake.setOaWebhookUrl(null);
});

function seed() {
  const app = fake.world.createApp({ oaName: "Công an xã Đồng Tâm" });
  const userId = fake.world.addUser(app.oaId, { displayName: "Nguyễn Văn An" });
  const token = fake.world.mintTokens(app.appId).accessToken;
  return { app, userId, token };
}

describe("OA webhooks", () => {
  it("delivers a resident's text signed with mac=, retrying with num_retry after a 500", async () => {
    const receiver = await startReceiver([{ status: 500 }]);
    cleanups.push(receiver.close);
    fake.setOaWebhookUrl(receiver.url);
    const { app, userId } = seed();

    const { messageId } = fake.world.residentSendsText(app.oaId, userId, "Có trộm ở ngõ 5");
    await fake.world.flushWebhooks();

    expect(receiver.received).toHaveLength(2);
    const [first, retry] = receiver.received;
    expect(first?.headers.num_retry).toBeUndefined();
    expect(retry?.headers.num_retry).toBe("1");
    expect(retry?.raw).toBe(first?.raw);
    const body = JSON.parse(retry?.raw ?? "{}") as Record<string, unknown>;
    expect(body).toMatchObject({
      app_id: app.appId,
      oa_id: app.oaId,
      event_name: "user_send_text",
      sender: { id: userId },
      recipient: { id: app.oaId },
      message: { msg_id: messageId, text: "Có trộm ở ngõ 5" },
    });
    const mac = createHash("sha256")
      .update(`${app.appId}${retry?.raw}${String(body.timestamp)}${app.oaSecret}`)
      .digest("hex");
    expect(retry?.headers["x-zevent-signature"]).toBe(`mac=${mac}`);
    expect(
      fake.world
        .webhookLog()
        .filter((d) => d.event === "user_send_text")
        .map((d) => [d.attempt, d.status]),
    ).toEqual([
      [0, 500],
      [1, 200],
    ]);
  });

  it("retries a receiver slower than the timeout and gives up after the ladder", async () => {
    const receiver = await startReceiver([{ delayMs: 600 }, { status: 503 }, { status: 503 }]);
    cleanups.push(receiver.close);
    fake.setOaWebhookUrl(receiver.url);
    const { app, userId } = seed();
    fake.world.follow(app.oaId, userId);
    await fake.world.flushWebhooks();
    expect(
      fake.world
        .webhookLog()
        .filter((d) => d.event === "follow")
        .map((d) => [d.attempt, d.status ?? d.error]),
    ).toEqual([
      [0, "timeout"],
      [1, 503],
      [2, 503],
    ]);
  });

  it("accepts simulated people through /_control (JSON and HTML forms)", async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const { app, userId } = seed();
    const json = await fetch(`${fake.url}/_control/oa-webhook`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ url: receiver.url }),
    });
    expect(json.status).toBe(200);
    const form = await fetch(`${fake.url}/_control/resident-sends-text`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ oaId: app.oaId, userId, text: "Gửi từ trang điều khiển" }),
      redirect: "manual",
    });
    expect(form.status).toBe(303);
    await fake.world.flushWebhooks();
    expect(JSON.parse(receiver.received[0]?.raw ?? "{}")).toMatchObject({
      message: { text: "Gửi từ trang điều khiển" },
    });
    const page = await (await fetch(`${fake.url}/`)).text();
    expect(page).toContain("Gửi từ trang điều khiển");
    const bad = await fetch(`${fake.url}/_control/member-posts`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ groupId: "1", userId, text: "x" }),
    });
    expect(bad.status).toBe(400);
  });
});

describe("Bot API over HTTP", () => {
  const bot = (token: string, method: string, body: unknown = {}) =>
    fetch(`${fake.url}/bot${token}/${method}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }).then(async (r) => {
      expect(r.status).toBe(200);
      return (await r.json()) as { ok: boolean; result?: Record<string, unknown>; error_code?: number };
    });

  it("answers 401 for a bad token, 408 for an idle getUpdates, and one update when a user writes", async () => {
    const { token } = fake.world.createBot({ name: "Bot Công an xã" });
    const chatId = fake.world.addBotUser(token, "Cán bộ Hùng");
    expect(await bot("123:nope-nope-nope", "getMe")).toEqual({
      ok: false,
      error_code: 401,
      description: "Unauthorized",
    });
    expect(await bot(token, "getUpdates", { timeout: "30" })).toMatchObject({ ok: false, error_code: 408 });
    const waiting = bot(token, "getUpdates", { timeout: "30" });
    await new Promise((r) => setTimeout(r, 50));
    fake.world.botUserSends(token, chatId, "Xin chào bot");
    expect(await waiting).toMatchObject({
      ok: true,
      result: {
        event_name: "message.text.received",
        message: { text: "Xin chào bot", chat: { id: chatId } },
      },
    });
    fake.world.failNext({ path: "sendMessage", error: 429 });
    expect(await bot(token, "sendMessage", { chat_id: chatId, text: "x" })).toMatchObject({
      ok: false,
      error_code: 429,
    });
    expect(await bot(token, "sendMessage", { chat_id: chatId, text: "Đã nhận" })).toMatchObject({ ok: true });
  });

  it("posts updates to a loopback webhook with the secret header, wrapped", async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const { token } = fake.world.createBot({ name: "Bot 2" });
    const chatId = fake.world.addBotUser(token, "Cán bộ Lan");
    expect(await bot(token, "setWebhook", { url: receiver.url, secret_token: "s3cret-token" })).toMatchObject(
      { ok: true },
    );
    expect(await bot(token, "getUpdates")).toMatchObject({ ok: false, error_code: 409 });
    fake.world.botUserSends(token, chatId, "Tin qua webhook");
    await fake.world.flushWebhooks();
    expect(receiver.received[0]?.headers["x-bot-api-secret-token"]).toBe("s3cret-token");
    expect(JSON.parse(receiver.received[0]?.raw ?? "{}")).toMatchObject({
      ok: true,
      result: { event_name: "message.text.received", message: { text: "Tin qua webhook" } },
    });
  });
});

describe("switches for unverified variants", () => {
  it("signs with oa_id + app secret, posts unwrapped bot updates and renames events", async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const variant = await startFakeZalo({
      oaWebhookUrl: receiver.url,
      signature: { secret: "app_secret", firstTerm: "oa_id" },
      botEnvelope: "unwrapped",
      eventNames: { user_out_group: "user_leave_group" },
    });
    cleanups.push(() => variant.close());
    const app = variant.world.createApp({ oaName: "OA biến thể" });
    const userId = variant.world.addUser(app.oaId, { displayName: "Bình" });
    variant.world.residentSendsText(app.oaId, userId, "alo");
    const [asset = ""] = variant.world.addAssets(app.oaId, "gmf10", 1);
    const token = variant.world.mintTokens(app.appId).accessToken;
    const created = await fetch(`${variant.url}/v3.0/oa/group/creategroupwithoa`, {
      method: "POST",
      headers: { access_token: token, "Content-Type": "application/json" },
      body: JSON.stringify({ group_name: "Ấp", asset_id: asset, member_user_ids: [userId] }),
    }).then((r) => r.json() as Promise<{ data: { group_id: string } }>);
    variant.world.memberLeaves(created.data.group_id, userId);
    const bot = variant.world.createBot({ name: "Bot" });
    const chatId = variant.world.addBotUser(bot.token, "Cán bộ");
    variant.world.bot.call(bot.token, "setWebhook", { url: receiver.url, secret_token: "s3cret-token" });
    variant.world.botUserSends(bot.token, chatId, "hi");
    await variant.world.flushWebhooks();

    // Deliveries run concurrently (no ordering guarantee, as with Zalo): look events up by name.
    const byName = new Map(
      receiver.received.map((r) => {
        const body = JSON.parse(r.raw) as Record<string, unknown>;
        return [String(body.event_name), { ...r, body }];
      }),
    );
    expect([...byName.keys()].sort()).toEqual([
      "create_group",
      "message.text.received",
      "user_leave_group",
      "user_send_text",
    ]);
    const text = byName.get("user_send_text");
    const mac = createHash("sha256")
      .update(`${app.oaId}${text?.raw}${String(text?.body.timestamp)}${app.appSecret}`)
      .digest("hex");
    expect(text?.headers["x-zevent-signature"]).toBe(`mac=${mac}`);
    const update = byName.get("message.text.received")?.body;
    expect(update).toMatchObject({ message: { text: "hi" } });
    expect(update).not.toHaveProperty("ok");
  });
});

describe("state file", () => {
  it("keeps apps and tokens across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fake-zalo-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const stateFile = join(dir, "zalo.json");
    const first = await startFakeZalo({ stateFile });
    const app = first.world.createApp({ oaName: "OA bền vững" });
    const { accessToken } = first.world.mintTokens(app.appId);
    await new Promise((r) => setTimeout(r, 400));
    expect(readFileSync(stateFile, "utf8")).toContain(accessToken);
    await first.close();

    const second = await startFakeZalo({ stateFile });
    try {
      expect(second.world.app(app.appId)).toMatchObject({ oaId: app.oaId, oaSecret: app.oaSecret });
      const res = await fetch(`${second.url}/v2.0/oa/getoa`, { headers: { access_token: accessToken } });
      expect(await res.json()).toMatchObject({ error: 0, data: { oaid: app.oaId } });
    } finally {
      await second.close();
    }
  });
});
