import { describe, expect, it } from "vitest";
import { renderControlPage } from "./control-page";
import { testWorld } from "./test-helpers";
import { gmfOps } from "./world-gmf";

describe("control page", () => {
  it("lists OA, users, inbox, groups and bot chats with the action forms, escaping every value", () => {
    const { world } = testWorld();
    const evil = `<script>alert("x")</script>`;
    const app = world.createApp({ oaName: `OA ${evil}` });
    const userId = world.addUser(app.oaId, { displayName: `Cư dân ${evil}` });
    world.residentSendsText(app.oaId, userId, `Tin báo ${evil}`);
    const [asset = ""] = world.addAssets(app.oaId, "gmf100", 1);
    const created = gmfOps["group/creategroupwithoa"]?.(world.ctx, app.oaId, {
      group_name: `Ấp ${evil}`,
      asset_id: asset,
      member_user_ids: [userId],
    }) as { group_id: string };
    world.memberPosts(created.group_id, userId, `Bài đăng ${evil}`);
    const { token } = world.createBot({ name: "Bot Công an" });
    const chatId = world.addBotUser(token, "Cán bộ");
    world.botUserSends(token, chatId, "Nhắn bot");

    const html = renderControlPage(world, {
      oaWebhookUrl: "http://127.0.0.1:3000/api/webhooks/zalo/oa",
      notice: evil,
    });

    expect(html).toContain("Thế giới Zalo giả lập");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    for (const text of ["Tin báo", "Bài đăng", "Nhắn bot", "Cán bộ"]) {
      expect(html).toContain(text);
    }
    for (const action of ["resident-sends-text", "member-posts", "member-renames-group", "bot-user-sends"]) {
      expect(html).toContain(`action="/_control/${action}"`);
    }
    for (const label of ["Cư dân nhắn OA", "Thành viên đăng tin trong nhóm", "Đổi tên nhóm", "Nhắn Bot"]) {
      expect(html).toContain(label);
    }
  });

  it("offers 'Xin vào nhóm' only with users outside the group", () => {
    const { world } = testWorld();
    const app = world.createApp({ oaName: "OA" });
    const inside = world.addUser(app.oaId, { displayName: "Trong nhóm" });
    const [asset = ""] = world.addAssets(app.oaId, "gmf10", 1);
    gmfOps["group/creategroupwithoa"]?.(world.ctx, app.oaId, {
      group_name: "Ấp",
      asset_id: asset,
      member_user_ids: [inside],
    });
    expect(renderControlPage(world, { oaWebhookUrl: null })).not.toContain("Xin vào nhóm");
    world.addUser(app.oaId, { displayName: "Ngoài nhóm" });
    expect(renderControlPage(world, { oaWebhookUrl: null })).toContain("Xin vào nhóm");
  });
});
