import { describe, expect, it } from "vitest";
import type { MultipartPart } from "./multipart";
import { codeOf, testWorld } from "./test-helpers";
import { conversation, quotaMessage, sendCs, upload, userDetail, userList } from "./world-oa";

const DAY = 24 * 3_600_000;

function setup() {
  const t = testWorld();
  const app = t.world.createApp({ oaName: "Công an xã Đồng Tâm" });
  const userId = t.world.addUser(app.oaId, { displayName: "Nguyễn Văn An", phone: "84901234567" });
  const cs = (message: Record<string, unknown>, to = userId) =>
    sendCs(t.world.ctx, app.oaId, { recipient: { user_id: to }, message });
  return { ...t, app, userId, cs };
}

const jpeg = (size = 100): MultipartPart => ({
  name: "file",
  filename: "a.jpg",
  contentType: "image/jpeg",
  data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(size)]),
});

describe("CS messages (message/cs)", () => {
  it("needs an interaction within 7 days (-230)", () => {
    const s = setup();
    expect(codeOf(() => s.cs({ text: "Chào anh" }))).toBe(-230);
    s.world.residentSendsText(s.app.oaId, s.userId, "Có trộm");
    s.clock.advance(7 * DAY);
    expect(s.cs({ text: "Đã nhận" })).toMatchObject({ user_id: s.userId });
    s.clock.advance(DAY);
    expect(codeOf(() => s.cs({ text: "Còn đó không?" }))).toBe(-230);
  });

  it("checks text length (1–2000 characters), recipient and quote id", () => {
    const s = setup();
    const { messageId } = s.world.residentSendsText(s.app.oaId, s.userId, "Alo");
    expect(codeOf(() => s.cs({ text: "" }))).toBe(-201);
    expect(codeOf(() => s.cs({ text: "a".repeat(2001) }))).toBe(-210);
    expect(codeOf(() => s.cs({ text: "🚨".repeat(2000) }))).toBe("no error");
    expect(codeOf(() => s.cs({ text: "x" }, "123456789012345678"))).toBe(-201);
    const other = s.world.createApp({ oaName: "OA khác" });
    const stranger = s.world.addUser(other.oaId, { displayName: "Người lạ" });
    expect(codeOf(() => s.cs({ text: "x" }, stranger))).toBe(-201);
    expect(codeOf(() => s.cs({ text: "x", quote_message_id: "ffff" }))).toBe(-201);

    const reply = s.cs({ text: "Đã nhận tin", quote_message_id: messageId });

    expect(s.world.userMessages(s.app.oaId, s.userId).at(-1)).toMatchObject({
      messageId: reply.message_id,
      direction: "out",
      text: "Đã nhận tin",
      quoteMessageId: messageId,
    });
  });

  it("gives 8 free replies within 48 h, then spends proactive quota, then -211", () => {
    const s = setup();
    s.world.residentSendsText(s.app.oaId, s.userId, "Alo");
    for (let i = 0; i < 8; i++) {
      expect(s.cs({ text: `tin ${i}` })).not.toHaveProperty("quota");
    }
    expect(quotaMessage(s.world.ctx, s.app.oaId, { user_id: s.userId })).toMatchObject({
      cs_reply: { remain: 0, total: 8 },
    });
    expect(s.cs({ text: "tin 9" })).toMatchObject({
      quota: { remain: 999, total: 1000, owner_id: s.app.oaId },
    });
    s.world.residentSendsText(s.app.oaId, s.userId, "Alo lần nữa");
    expect(s.cs({ text: "miễn phí lại" })).not.toHaveProperty("quota");
    s.clock.advance(49 * 3_600_000);
    const oa = s.world.state.oas[s.app.oaId];
    if (oa) {
      oa.proactiveQuota = 0;
    }
    expect(codeOf(() => s.cs({ text: "hết hạn mức" }))).toBe(-211);
  });

  it("sends uploaded images until they expire after 7 days (-100)", () => {
    const s = setup();
    const { attachment_id } = upload(s.world.ctx, s.app.oaId, "image", jpeg()) as { attachment_id: string };
    const media = (id: string) => ({
      attachment: {
        type: "template",
        payload: { template_type: "media", elements: [{ media_type: "image", attachment_id: id }] },
      },
    });
    s.world.follow(s.app.oaId, s.userId);
    expect(codeOf(() => s.cs(media(attachment_id)))).toBe("no error");
    expect(codeOf(() => s.cs(media("unknown")))).toBe(-201);
    s.clock.advance(7 * DAY);
    s.world.residentSendsText(s.app.oaId, s.userId, "vẫn ở đây");
    expect(codeOf(() => s.cs(media(attachment_id)))).toBe(-100);
  });
});

describe("uploads", () => {
  it("accepts jpg/png ≤ 1 MB and PDF/DOC/DOCX/CSV ≤ 5 MB only", () => {
    const s = setup();
    const up = (kind: "image" | "file", part: MultipartPart) =>
      codeOf(() => upload(s.world.ctx, s.app.oaId, kind, part));
    expect(up("image", jpeg())).toBe("no error");
    expect(up("image", jpeg(1024 * 1024))).toBe(-210);
    expect(up("image", { ...jpeg(), data: Buffer.from("GIF89a") })).toBe(-201);
    const file = (filename: string, size: number): MultipartPart => ({
      name: "file",
      filename,
      contentType: null,
      data: Buffer.alloc(size),
    });
    expect(up("file", file("ke-hoach.PDF", 10))).toBe("no error");
    expect(up("file", file("danh-sach.csv", 5 * 1024 * 1024))).toBe("no error");
    expect(up("file", file("danh-sach.csv", 5 * 1024 * 1024 + 1))).toBe(-210);
    expect(up("file", file("virus.exe", 10))).toBe(-201);
  });
});

describe("users and residents", () => {
  it("emits user_send_text with the documented envelope and opens the window", () => {
    const s = setup();
    const { messageId } = s.world.residentSendsText(s.app.oaId, s.userId, "Có người lạ");
    const user = s.world.state.users[s.userId];
    expect(s.world.emitted()).toEqual([
      {
        kind: "oa",
        oaId: s.app.oaId,
        payload: {
          app_id: s.app.appId,
          oa_id: s.app.oaId,
          event_name: "user_send_text",
          timestamp: String(s.clock.now().getTime()),
          user_id_by_app: user?.userIdByApp,
          sender: { id: s.userId },
          recipient: { id: s.app.oaId },
          message: { msg_id: messageId, text: "Có người lạ" },
        },
      },
    ]);
    expect(user?.lastInteractionAt).toBe(s.clock.now().getTime());
  });

  it("sends locations as string coordinates and follow with follower.id", () => {
    const s = setup();
    s.world.residentSendsLocation(s.app.oaId, s.userId, 10.95, 106.82);
    s.world.follow(s.app.oaId, s.userId);
    const [location, follow] = s.world.emitted().map((e) => e.kind === "oa" && e.payload);
    expect(location).toMatchObject({
      event_name: "user_send_location",
      message: {
        attachments: [
          { type: "location", payload: { coordinates: { latitude: "10.95", longitude: "106.82" } } },
        ],
      },
    });
    expect(follow).toMatchObject({ event_name: "follow", follower: { id: s.userId }, source: "oa_profile" });
  });

  it("lists users with filters and pages, and shows details", () => {
    const s = setup();
    const quiet = s.world.addUser(s.app.oaId, { displayName: "Không quan tâm", follower: false });
    s.world.residentSendsText(s.app.oaId, quiet, "alo");
    const list = (data: Record<string, unknown>) => userList(s.world.ctx, s.app.oaId, data);
    expect(list({ offset: 0, count: 10 })).toEqual({
      total: 2,
      count: 2,
      offset: 0,
      users: [{ user_id: s.userId }, { user_id: quiet }],
    });
    expect(list({ is_follower: "true" })).toMatchObject({ total: 1, users: [{ user_id: s.userId }] });
    expect(list({ last_interaction_period: "TODAY" })).toMatchObject({
      total: 1,
      users: [{ user_id: quiet }],
    });
    expect(list({ offset: 1, count: 1 })).toMatchObject({ total: 2, count: 1, users: [{ user_id: quiet }] });
    expect(codeOf(() => list({ count: 51 }))).toBe(-210);
    expect(userDetail(s.world.ctx, s.app.oaId, { user_id: quiet })).toMatchObject({
      user_id: quiet,
      display_name: "Không quan tâm",
      user_is_follower: false,
      user_last_interaction_date: "27/11/2026",
    });
    expect(userDetail(s.world.ctx, s.app.oaId, { user_id: s.userId })).toMatchObject({
      shared_info: { phone: "84901234567" },
    });
  });

  it("returns one user's thread newest first, both directions", () => {
    const s = setup();
    s.world.residentSendsImage(s.app.oaId, s.userId, "https://example.test/a.jpg");
    s.clock.advance(1000);
    s.cs({ text: "Đã nhận ảnh" });
    expect(
      conversation(s.world.ctx, s.app.oaId, { user_id: s.userId }).map((m) => [
        m.src,
        m.type,
        m.message,
        m.from_id,
      ]),
    ).toEqual([
      [0, "text", "Đã nhận ảnh", s.app.oaId],
      [1, "photo", "https://example.test/a.jpg", s.userId],
    ]);
    expect(codeOf(() => conversation(s.world.ctx, s.app.oaId, { user_id: s.userId, count: 11 }))).toBe(-210);
  });
});
