import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotClient } from "../zalo-bot/bot-client";
import { type FakeZalo, startFakeZalo } from "../zalo-fake/fake-zalo";
import { createOaClient } from "../zalo-oa/oa-client";
import { botContract, oaContract } from "./zalo-contract";

/** The contract checks the operator runs against real Zalo pass against the fake world (CI). */
let fake: FakeZalo;
beforeAll(async () => {
  fake = await startFakeZalo({});
});
afterAll(async () => {
  await fake.close();
});

describe("Zalo contract against the fake world", () => {
  it("holds for an OA with packages, a group and followers", async () => {
    const app = fake.world.createApp({ oaName: "Công an xã Hợp Đồng" });
    const [asset] = fake.world.addAssets(app.oaId, "gmf50", 2);
    const user = fake.world.addUser(app.oaId, { displayName: "Đỗ Thị Hằng", follower: true });
    const tokens = fake.world.mintTokens(app.appId);
    const api = createOaClient({ apiUrl: fake.url, oauthUrl: fake.url }).forOa(
      async () => tokens.accessToken,
    );
    await api.createGroup({ name: "Ấp Hợp Đồng", assetId: asset ?? "", memberUserIds: [user] });
    const checks = await oaContract(api);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.detail).join(" ")).toContain("1 group(s)");
  });

  it("fails loudly when the service answers otherwise (a revoked token)", async () => {
    const api = createOaClient({ apiUrl: fake.url, oauthUrl: fake.url, maxAttempts: 1 }).forOa(
      async () => "revoked",
    );
    const checks = await oaContract(api);
    expect(checks.every((c) => !c.ok)).toBe(true);
    expect(checks[0]?.detail).not.toContain("revoked");
  });

  it("holds for a bot", async () => {
    const bot = fake.world.createBot({ name: "Bot Hợp Đồng" });
    const checks = await botContract(createBotClient({ apiUrl: fake.url }), bot.token);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks[0]?.detail).toBe("Bot Hợp Đồng");
  });
});
