import type { FakeZalo } from "../channels/zalo-fake/fake-zalo";
import type { Deps } from "../deps";
import { actorByPhone } from "../modules/auth/auth.service";
import { orgRepository } from "../modules/org/org.repository";
import { zaloRepository } from "../modules/zalo/zalo.repository";
import { connectBot, connectOa, oauthCallback } from "../modules/zalo/zalo-connection.service";
import { linkZaloGroup } from "../modules/zalo/zalo-groups.service";
import { DEMO_ACCOUNTS } from "./demo-data";

/**
 * The demo's Zalo side, on the fake Zalo world (`npm start`): the commune's OA connected through
 * the real OAuth v4 flow, GMF packages, followers, the Ấp Tân Phú group created under the OA with
 * its leader and deputy as phó nhóm, a bot, and a little life (a resident's message held for its
 * phone number, a resident's private report). Runs once, after the server listens (the fake's
 * webhooks come back to it); the fake keeps its state in the data folder beside the database.
 */
export const DEMO_ZALO = {
  appId: "3141592653589793238",
  oaId: "2718281828459045235",
  oaName: "Công an xã Đồng Tâm",
  botToken: "1618033988:demo-bot-dong-tam-token",
  residents: [
    "Nguyễn Văn Tám",
    "Trần Thị Mai",
    "Lê Văn Hùng",
    "Phạm Thị Lan",
    "Võ Văn Dũng",
    "Đặng Thị Hồng",
  ],
};

export async function isDemoZaloSeeded(deps: Deps, communeId: string): Promise<boolean> {
  const c = await zaloRepository.findConnection(deps.db, communeId);
  return c !== undefined && c.oaStatus === "connected";
}

async function demoCommuneId(deps: Deps): Promise<string | undefined> {
  const chief = await actorByPhone(deps, DEMO_ACCOUNTS.chief.phone).catch(() => undefined);
  return chief?.roles.find((r) => r.role === "COMMUNE_CHIEF")?.communeId;
}

export async function seedDemoZalo(deps: Deps, fake: FakeZalo): Promise<boolean> {
  const communeId = await demoCommuneId(deps);
  if (!communeId || (await isDemoZaloSeeded(deps, communeId))) {
    return false;
  }
  const world = fake.world;
  const app =
    world.app(DEMO_ZALO.appId) ??
    world.createApp({ appId: DEMO_ZALO.appId, oaId: DEMO_ZALO.oaId, oaName: DEMO_ZALO.oaName });
  const assets = world.addAssets(app.oaId, "gmf100", 4);
  world.addAssets(app.oaId, "gmf1000", 2);
  const residents = DEMO_ZALO.residents.map((displayName) =>
    world.addUser(app.oaId, { displayName, follower: true }),
  );
  const leaderZalo = world.addUser(app.oaId, {
    displayName: DEMO_ACCOUNTS.leaders[0]?.name ?? "Trưởng nhóm",
    follower: true,
  });
  const deputyZalo = world.addUser(app.oaId, { displayName: DEMO_ACCOUNTS.groupDeputy.name, follower: true });

  // The chief connects the OA as in real life: consent link → (the fake consents) → callback.
  const chief = await actorByPhone(deps, DEMO_ACCOUNTS.chief.phone);
  const { consentUrl } = await connectOa(
    deps,
    chief,
    communeId,
    { appId: app.appId, appSecret: app.appSecret, oaSecret: app.oaSecret },
    "demo-seed",
  );
  const consent = await fetch(consentUrl, { redirect: "manual" });
  const back = new URL(consent.headers.get("location") ?? "http://invalid/");
  const done = await oauthCallback(deps, Object.fromEntries(back.searchParams));
  if (!done.ok) {
    throw new Error(`demo Zalo consent failed: ${done.reason ?? ""}`);
  }

  // The leader and the group deputy have linked their Zalo (in real life: the LK- code sent to the OA).
  const leader = await actorByPhone(deps, DEMO_ACCOUNTS.leaders[0]?.phone ?? "");
  const groupDeputy = await actorByPhone(deps, DEMO_ACCOUNTS.groupDeputy.phone);
  const now = deps.clock.now();
  for (const [who, oaUserId] of [
    [leader, leaderZalo],
    [groupDeputy, deputyZalo],
  ] as const) {
    await zaloRepository.upsertOfficerLink(deps.db, {
      userId: who.userId,
      communeId,
      oaUserId,
      oaLinkedAt: now,
      updatedAt: now,
    });
  }

  const hamlets = await orgRepository.listHamletsWithGroups(deps.db, communeId);
  const tanPhu = hamlets[0]?.group.id;
  const asset = world.groups(app.oaId).length === 0 ? assets[0] : undefined;
  if (tanPhu && asset) {
    const linked = await linkZaloGroup(
      deps,
      leader,
      tanPhu,
      { mode: "create", assetId: asset, zaloUserIds: residents.slice(0, 5) },
      "demo-seed",
    );
    const zaloGroupId = linked.zaloGroupId ?? "";
    // A little life in the group, through webhooks like the real thing.
    world.memberPosts(
      zaloGroupId,
      residents[0] ?? "",
      "Chào cả nhà, tối nay tổ tự quản họp ở nhà văn hóa lúc 19 giờ.",
    );
    world.memberPosts(zaloGroupId, residents[1] ?? "", "Ai cần thợ sửa điện gọi em 0912 345 678 nhé");
    world.userRequestsJoin(zaloGroupId, residents[5] ?? "");
  }
  world.residentSendsText(
    app.oaId,
    residents[2] ?? "",
    "Tôi báo: mấy đêm nay có nhóm thanh niên tụ tập đua xe ở đường liên ấp gần cầu, rất nguy hiểm.",
  );

  const bot =
    world.bots().find((b) => b.token === DEMO_ZALO.botToken) ??
    world.createBot({ token: DEMO_ZALO.botToken, name: "Bot Công an Đồng Tâm" });
  await connectBot(deps, chief, communeId, { token: bot.token }, "demo-seed").catch(() => undefined);
  return true;
}
