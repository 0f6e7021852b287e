import { describe, expect, it } from "vitest";
import { parseBotUpdate, verifyBotSecret } from "./bot-update";

const message = {
  message_id: "6ede9afa66b88fe6d6a9",
  date: 1767225600000,
  from: { id: "a1b2c3d4e5f6a7b8c9d0", display_name: "Trần Thị B", is_bot: false },
  chat: { id: "a1b2c3d4e5f6a7b8c9d0", chat_type: "PRIVATE" },
  text: "Có người lạ đi xe máy quanh xóm",
};

describe("parseBotUpdate", () => {
  const expected = {
    eventName: "message.text.received",
    messageId: "6ede9afa66b88fe6d6a9",
    date: new Date(1767225600000),
    fromId: "a1b2c3d4e5f6a7b8c9d0",
    fromName: "Trần Thị B",
    fromIsBot: false,
    chatId: "a1b2c3d4e5f6a7b8c9d0",
    chatType: "PRIVATE",
    text: "Có người lạ đi xe máy quanh xóm",
  };

  it("parses the documented wrapped envelope", () => {
    expect(parseBotUpdate({ ok: true, result: { event_name: "message.text.received", message } })).toEqual(
      expected,
    );
  });

  it("parses the unwrapped shape seen on live webhooks", () => {
    expect(parseBotUpdate({ event_name: "message.text.received", message })).toEqual(expected);
  });

  it("reads photos from photo or photo_url, with caption, and group chats", () => {
    const photo = {
      event_name: "message.image.received",
      message: {
        ...message,
        text: undefined,
        photo_url: "https://f.zalo/p.jpg",
        caption: "Biển số xe",
        chat: { id: "g1", chat_type: "GROUP" },
      },
    };
    const u = parseBotUpdate(photo);
    expect(u).toMatchObject({
      photoUrl: "https://f.zalo/p.jpg",
      caption: "Biển số xe",
      chatId: "g1",
      chatType: "GROUP",
    });
    expect(u?.text).toBeUndefined();
    expect(
      parseBotUpdate({ ...photo, message: { ...photo.message, photo: "https://f.zalo/q.jpg" } })?.photoUrl,
    ).toBe("https://f.zalo/q.jpg");
  });

  it("falls back to the injected clock when the date is missing or unreadable", () => {
    const now = new Date("2026-11-27T03:00:00Z");
    expect(
      parseBotUpdate(
        { event_name: "message.sticker.received", message: { ...message, date: "soon" } },
        () => now,
      )?.date,
    ).toEqual(now);
  });

  it("returns null for bodies that are not routable updates", () => {
    for (const body of [
      null,
      "x",
      [],
      { ok: false, error_code: 408, description: "Request timeout" },
      { ok: true, result: {} },
      { event_name: "message.text.received" },
      { event_name: "message.text.received", message: { ...message, message_id: undefined } },
      { event_name: "message.text.received", message: { ...message, chat: {}, from: {} } },
    ]) {
      expect(parseBotUpdate(body)).toBeNull();
    }
  });
});

describe("verifyBotSecret", () => {
  it("accepts only the exact secret", () => {
    expect(verifyBotSecret("s3cret-token-123", "s3cret-token-123")).toBe(true);
    expect(verifyBotSecret("s3cret-token-124", "s3cret-token-123")).toBe(false);
    expect(verifyBotSecret("s3cret-token-12", "s3cret-token-123")).toBe(false);
    expect(verifyBotSecret("s3cret-token-1234", "s3cret-token-123")).toBe(false);
  });

  it("fails closed on missing, empty or repeated headers and an empty expected secret", () => {
    expect(verifyBotSecret(undefined, "abc12345")).toBe(false);
    expect(verifyBotSecret("", "abc12345")).toBe(false);
    expect(verifyBotSecret(["abc12345", "abc12345"], "abc12345")).toBe(false);
    expect(verifyBotSecret("", "")).toBe(false);
  });
});
