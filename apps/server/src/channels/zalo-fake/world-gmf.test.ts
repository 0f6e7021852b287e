import { describe, expect, it } from "vitest";
import { codeOf, testWorld } from "./test-helpers";
import { gmfOps } from "./world-gmf";

const DAY = 24 * 3_600_000;

function setup() {
  const t = testWorld();
  const app = t.world.createApp({ oaName: "Công an xã Đồng Tâm" });
  const [asset = "", spare = ""] = t.world.addAssets(app.oaId, "gmf50", 2);
  const users = ["An", "Bình", "Chi", "Dũng", "Em", "Giang"].map((n) =>
    t.world.addUser(app.oaId, { displayName: n }),
  );
  const call = (op: string, body: Record<string, unknown>, oaId = app.oaId) => {
    const fn = gmfOps[op];
    if (!fn) {
      throw new Error(`no op ${op}`);
    }
    return fn(t.world.ctx, oaId, body) as Record<string, unknown>;
  };
  const create = (ids = users.slice(0, 2), assetId = asset) =>
    call("group/creategroupwithoa", { group_name: "Ấp Tân Phú", asset_id: assetId, member_user_ids: ids })
      .group_id as string;
  const events = () => t.world.emitted().flatMap((e) => (e.kind === "oa" ? [e.payload] : []));
  return { ...t, app, asset, spare, users, call, create, events };
}

describe("GMF group creation", () => {
  it("uses an available asset once and returns the documented fields", () => {
    const s = setup();
    const created = s.call("group/creategroupwithoa", {
      group_name: "Ấp Tân Phú",
      group_description: "Nhóm kết nối bình yên",
      asset_id: s.asset,
      member_user_ids: s.users.slice(0, 2),
    });
    expect(created).toEqual({
      group_id: expect.stringMatching(/^[1-9][0-9]{17,18}$/),
      group_link: expect.stringMatching(/^https:\/\/zalo\.me\/g\/[a-z0-9]+$/),
      name: "Ấp Tân Phú",
      avatar: "",
      group_description: "Nhóm kết nối bình yên",
      total_member: 3,
      status: "enabled",
    });
    expect(codeOf(() => s.create(undefined, s.asset))).toBe(-238);
    expect(codeOf(() => s.create(undefined, "42"))).toBe(-201);
    expect(s.call("quota/group", {})).toEqual([
      expect.objectContaining({
        asset_id: s.asset,
        status: "used",
        used_id: created.group_id,
        product_type: "gmf50",
      }),
      expect.objectContaining({ asset_id: s.spare, status: "available" }),
    ]);
    expect(s.events().at(-1)).toMatchObject({
      event_name: "create_group",
      group_id: created.group_id,
      sender: { id: s.app.oaId },
      users: [
        { user_id: s.users[0], display_name: "An" },
        { user_id: s.users[1], display_name: "Bình" },
      ],
    });
  });

  it("enforces member rules: 1–99 ids, followers or 7-day interaction, the asset's ceiling", () => {
    const s = setup();
    expect(codeOf(() => s.create([]))).toBe(-201);
    expect(codeOf(() => s.create(Array.from({ length: 100 }, (_, i) => String(i))))).toBe(-210);
    const stranger = s.world.addUser(s.app.oaId, { displayName: "Chưa quan tâm", follower: false });
    expect(codeOf(() => s.create([stranger]))).toBe(-213);
    s.world.residentSendsText(s.app.oaId, stranger, "xin chào");
    expect(codeOf(() => s.create([stranger]))).toBe("no error");
    const [small = ""] = s.world.addAssets(s.app.oaId, "gmf10", 1);
    const ten = Array.from({ length: 10 }, (_, i) => s.world.addUser(s.app.oaId, { displayName: `U${i}` }));
    expect(codeOf(() => s.create(ten, small))).toBe(-210);
    expect(codeOf(() => s.create(ten.slice(0, 9), small))).toBe("no error");
    const [old = ""] = s.world.addAssets(s.app.oaId, "gmf50", 1, new Date(s.clock.now().getTime() - 1));
    expect(codeOf(() => s.create(undefined, old))).toBe(-241);
  });

  it("reports getgroup exactly in the documented shape", () => {
    const s = setup();
    const groupId = s.create();
    const group = s.world.state.groups[groupId];
    expect(s.call("group/getgroup", { group_id: groupId })).toEqual({
      group_info: {
        group_id: groupId,
        group_link: group?.link,
        name: "Ấp Tân Phú",
        group_description: "",
        avatar: "",
        status: "enabled",
        total_member: 3,
        max_member: 50,
        auto_delete_date: null,
      },
      asset_info: {
        asset_type: "gmf50",
        asset_id: s.asset,
        valid_through: s.clock.now().getTime() + 365 * DAY,
        auto_renew: false,
      },
      group_setting: {
        lock_send_msg: false,
        join_appr: true,
        enable_msg_history: true,
        enable_link_join: true,
      },
    });
  });
});

describe("GMF messages", () => {
  it("parses mentions, echoes the OA's post, refuses -237 when disabled and -403 for others' groups", () => {
    const s = setup();
    const groupId = s.create();
    const send = (text: string, oaId = s.app.oaId) =>
      s.call("group/message", { recipient: { group_id: groupId }, message: { text } }, oaId);
    const sent = send(`[@${groupId}] Họp tổ lúc 19h, [@${s.users[0]}] chuẩn bị loa`);
    expect(sent).toEqual({ message_id: expect.stringMatching(/^[0-9a-f]{32}$/), group_id: groupId });
    expect(s.world.groupMessages(groupId)[0]?.mentions).toEqual([
      { kind: "all", id: groupId, offset: 0, length: groupId.length + 3 },
      { kind: "user", id: s.users[0], offset: expect.any(Number), length: (s.users[0] ?? "").length + 3 },
    ]);
    expect(s.events().at(-1)).toMatchObject({
      event_name: "oa_send_group_text",
      sender: { id: s.app.oaId },
      recipient: { id: groupId },
      message: { msg_id: sent.message_id },
    });
    expect(codeOf(() => send("a".repeat(2001)))).toBe(-210);

    const other = s.world.createApp({ oaName: "OA khác" });
    expect(codeOf(() => send("xâm nhập", other.oaId))).toBe(-403);
    expect(
      codeOf(() => s.call("group/message", { recipient: { group_id: "1" }, message: { text: "x" } })),
    ).toBe(-403);

    s.world.expireGroup(groupId);
    expect(codeOf(() => send("sau hạn"))).toBe(-237);
    expect(s.world.group(groupId)).toMatchObject({
      status: "disabled",
      autoDeleteDate: s.clock.now().getTime() + 45 * DAY,
    });
    s.call("group/updateasset", { group_id: groupId, asset_id: s.spare });
    expect(codeOf(() => send("đã gia hạn"))).toBe("no error");

    s.call("group/delete", { group_id: groupId });
    expect(codeOf(() => send("đã giải tán"))).toBe(-403);
  });

  it("keeps history newest first with the documented item shape", () => {
    const s = setup();
    const groupId = s.create();
    s.call("group/message", { recipient: { group_id: groupId }, message: { text: "Thông báo 1" } });
    s.clock.advance(1000);
    s.world.memberPosts(groupId, s.users[0] ?? "", "Cảm ơn công an");
    const history = s.call("group/conversation", { group_id: groupId }) as unknown as Record<
      string,
      unknown
    >[];
    expect(history.map((m) => [m.src, m.message, m.from_display_name])).toEqual([
      [1, "Cảm ơn công an", "An"],
      [0, "Thông báo 1", "Công an xã Đồng Tâm"],
    ]);
    expect(s.call("group/listrecentchat", {})).toEqual([
      expect.objectContaining({ group_id: groupId, src: 1 }),
    ]);
  });

  it("stops ordinary members from posting while lock_send_msg is on", () => {
    const s = setup();
    const groupId = s.create();
    const [member = "", deputy = ""] = s.users;
    s.call("group/updateinfo", { group_id: groupId, lock_send_msg: true });
    s.call("group/addadmins", { group_id: groupId, member_user_ids: [deputy] });
    expect(() => s.world.memberPosts(groupId, member, "alo")).toThrow(/trưởng\/phó/);
    expect(s.world.memberPosts(groupId, deputy, "Thông báo của phó nhóm").messageId).toBeTruthy();
  });
});

describe("GMF membership", () => {
  it("invites followers directly and refuses the whole invite when one is not eligible (-213)", () => {
    const s = setup();
    const groupId = s.create();
    const outsider = s.world.addUser(s.app.oaId, { displayName: "Xa lạ", follower: false });
    expect(
      codeOf(() => s.call("group/invite", { group_id: groupId, member_user_ids: [s.users[2], outsider] })),
    ).toBe(-213);
    expect(s.world.group(groupId)?.members).toHaveLength(2);
    s.call("group/invite", { group_id: groupId, member_user_ids: [s.users[2]] });
    expect(s.world.group(groupId)?.members.map((m) => m.userId)).toEqual(s.users.slice(0, 3));
    expect(s.events().at(-1)).toMatchObject({
      event_name: "user_join_group",
      sender: { id: s.app.oaId },
      users: [{ user_id: s.users[2], display_name: "Chi" }],
    });
  });

  it("queues join requests under join_appr and lets the OA accept or reject them", () => {
    const s = setup();
    const groupId = s.create();
    const [, , c = "", d = "", e = ""] = s.users;
    expect(s.world.userRequestsJoin(groupId, c)).toBe("pending");
    s.world.userRequestsJoin(groupId, d);
    expect(s.events().at(-1)).toMatchObject({ event_name: "user_request_join_group", sender: { id: d } });
    expect(s.call("group/listpendinginvite", { group_id: groupId })).toEqual({
      offset: 0,
      count: 2,
      total: 2,
      member_count: 3,
      members: [
        { user_id: c, name: "Chi" },
        { user_id: d, name: "Dũng" },
      ],
    });
    expect(
      codeOf(() => s.call("group/acceptpendinginvite", { group_id: groupId, member_user_ids: [e] })),
    ).toBe(-201);
    s.call("group/acceptpendinginvite", { group_id: groupId, member_user_ids: [c] });
    s.call("group/rejectpendinginvite", { group_id: groupId, member_user_ids: [d] });
    expect(
      s
        .events()
        .map((x) => x.event_name)
        .slice(-3),
    ).toEqual(["accept_request_join_group", "user_join_group", "reject_request_join_group"]);
    expect(s.world.group(groupId)).toMatchObject({ pending: [] });
    expect(s.world.group(groupId)?.members.map((m) => m.userId)).toContain(c);

    s.world.updateGroupSettings(groupId, { join_appr: false });
    expect(s.world.userRequestsJoin(groupId, e)).toBe("joined");
    s.call("group/updateinfo", { group_id: groupId, enable_link_join: false });
    expect(() => s.world.userRequestsJoin(groupId, s.users[5] ?? "")).toThrow(/link/);
  });

  it("lists members with the OA first, five by default", () => {
    const s = setup();
    const groupId = s.create(s.users);
    const page = s.call("group/listmember", { group_id: groupId });
    expect(page).toMatchObject({ offset: 0, count: 5, total: 7, member_count: 7 });
    expect((page.members as unknown[])[0]).toEqual({
      oa_id: s.app.oaId,
      name: "Công an xã Đồng Tâm",
      avatar: "",
    });
    expect(s.call("group/listmember", { group_id: groupId, offset: "5", count: "5" })).toMatchObject({
      count: 2,
    });
  });

  it("changes admins and members with the matching events", () => {
    const s = setup();
    const groupId = s.create(s.users.slice(0, 3));
    const [a = "", b = "", c = ""] = s.users;
    expect(
      codeOf(() => s.call("group/addadmins", { group_id: groupId, member_user_ids: [s.users[4]] })),
    ).toBe(-201);
    s.call("group/addadmins", { group_id: groupId, member_user_ids: [a] });
    s.call("group/removeadmins", { group_id: groupId, member_user_ids: [a] });
    s.call("group/removemembers", { group_id: groupId, member_user_ids: [b] });
    s.world.memberLeaves(groupId, c);
    s.world.memberRenamesGroup(groupId, a, "Nhóm bị đổi tên");
    expect(
      s
        .events()
        .slice(-5)
        .map((e) => [e.event_name, (e.sender as { id: string }).id]),
    ).toEqual([
      ["add_group_admin", s.app.oaId],
      ["remove_group_admin", s.app.oaId],
      ["user_out_group", s.app.oaId],
      ["user_out_group", c],
      ["update_group_info", a],
    ]);
    expect(s.events().at(-1)).toMatchObject({
      group_id: groupId,
      recipient: { id: groupId },
      group_info: { name: "Nhóm bị đổi tên", group_description: "", avatar: "" },
    });
    expect(s.world.group(groupId)).toMatchObject({
      name: "Nhóm bị đổi tên",
      admins: [],
      members: [{ userId: a }],
    });
  });

  it("lists only the OA's live groups", () => {
    const s = setup();
    const first = s.create();
    const second = s.create(undefined, s.spare);
    s.call("group/delete", { group_id: first });
    expect(s.call("group/getgroupsofoa", { offset: 0, count: 10 })).toEqual({
      groups: [expect.objectContaining({ group_id: second })],
      total: 1,
    });
  });
});
