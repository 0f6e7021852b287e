import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeZalo, startFakeZalo } from "./fake-zalo";

/** OAuth, OpenAPI and GMF over real HTTP on loopback. Webhooks and the Bot API: fake-zalo-events.int.test.ts. */

const HOUR = 3_600_000;

let fake: FakeZalo;

beforeAll(async () => {
  fake = await startFakeZalo();
});
afterAll(() => fake.close());

type Envelope = { data?: Record<string, unknown>; error: number; message: string };

async function oa(token: string, method: "GET" | "POST", path: string, body?: unknown): Promise<Envelope> {
  const res = await fetch(`${fake.url}${path}`, {
    method,
    headers: { access_token: token, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Envelope;
}

const tokenEndpoint = (secret: string, fields: Record<string, string>) =>
  fetch(`${fake.url}/v4/oa/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", secret_key: secret },
    body: new URLSearchParams(fields),
  }).then((r) => r.json() as Promise<Record<string, unknown>>);

function seed() {
  const app = fake.world.createApp({ oaName: "Công an xã Đồng Tâm" });
  const userId = fake.world.addUser(app.oaId, { displayName: "Nguyễn Văn An" });
  const token = fake.world.mintTokens(app.appId).accessToken;
  return { app, userId, token };
}

describe("OAuth v4 over HTTP", () => {
  it("runs the PKCE code exchange and rotates refresh tokens", async () => {
    const { app } = seed();
    const verifier = "binhyen-verifier-0123456789-abcdefghijklmnopq";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const consent = new URL(`${fake.url}/v4/oa/permission`);
    consent.search = new URLSearchParams({
      app_id: app.appId,
      redirect_uri: "http://localhost:3000/api/zalo/oauth/callback",
      code_challenge: challenge,
      state: "xyz",
    }).toString();

    const res = await fetch(consent, { redirect: "manual" });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get("location") ?? "");
    expect(`${back.origin}${back.pathname}`).toBe("http://localhost:3000/api/zalo/oauth/callback");
    expect(back.searchParams.get("oa_id")).toBe(app.oaId);
    expect(back.searchParams.get("state")).toBe("xyz");
    const code = back.searchParams.get("code") ?? "";

    const fields = { app_id: app.appId, grant_type: "authorization_code", code };
    expect(await tokenEndpoint(app.appSecret, { ...fields, code_verifier: "wrong" })).toMatchObject({
      error: -14016,
    });
    const first = await tokenEndpoint(app.appSecret, { ...fields, code_verifier: verifier });
    expect(first).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_in: "90000",
    });
    expect(await tokenEndpoint(app.appSecret, { ...fields, code_verifier: verifier })).toMatchObject({
      error: -14014,
    });

    const refresh = (token: unknown) =>
      tokenEndpoint(app.appSecret, {
        app_id: app.appId,
        grant_type: "refresh_token",
        refresh_token: String(token),
      });
    const second = await refresh(first.refresh_token);
    expect(second.refresh_token).toEqual(expect.any(String));
    expect(await refresh(first.refresh_token)).toEqual({
      error: -14019,
      error_name: expect.any(String),
      error_reason: expect.any(String),
      ref_doc: expect.any(String),
    });
    expect(
      await tokenEndpoint("bad-secret", { app_id: app.appId, grant_type: "refresh_token" }),
    ).toMatchObject({
      error: -14008,
    });
    expect((await oa(String(second.access_token), "GET", "/v2.0/oa/getoa")).data).toMatchObject({
      oaid: app.oaId,
      name: "Công an xã Đồng Tâm",
      is_verified: true,
    });
  });

  it("shows an HTML error page for an unknown app", async () => {
    const res = await fetch(`${fake.url}/v4/oa/permission?app_id=1&redirect_uri=https://x.test/`, {
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toContain("-14002");
  });
});

describe("OA OpenAPI over HTTP", () => {
  it("answers -216 without a token and -220 once the token is 26 h old", async () => {
    const { token } = seed();
    expect(await oa("", "GET", "/v2.0/oa/getoa")).toEqual({
      error: -216,
      message: "Access token is invalid",
    });
    expect((await oa(token, "GET", "/v2.0/oa/getoa")).error).toBe(0);
    fake.world.advanceClock(26 * HOUR);
    expect((await oa(token, "GET", "/v2.0/oa/getoa")).error).toBe(-220);
  });

  it("reads data= JSON queries and closes the CS window after 8 days (-230)", async () => {
    const { app, userId } = seed();
    fake.world.residentSendsText(app.oaId, userId, "Có người lạ trong xóm");
    let token = fake.world.mintTokens(app.appId).accessToken;
    const data = encodeURIComponent(JSON.stringify({ user_id: userId }));
    expect((await oa(token, "GET", `/v3.0/oa/user/detail?data=${data}`)).data).toMatchObject({
      user_id: userId,
      display_name: "Nguyễn Văn An",
    });
    const cs = { recipient: { user_id: userId }, message: { text: "Công an xã đã nhận tin" } };
    expect(await oa(token, "POST", "/v3.0/oa/message/cs", cs)).toMatchObject({
      error: 0,
      data: { message_id: expect.any(String), user_id: userId },
    });
    fake.world.advanceClock(8 * 24 * HOUR);
    token = fake.world.mintTokens(app.appId).accessToken;
    expect((await oa(token, "POST", "/v3.0/oa/message/cs", cs)).error).toBe(-230);
  });

  it("creates a group, posts text and an uploaded image, then -237 when expired and -403 for another OA", async () => {
    const { app, userId, token } = seed();
    const [asset] = fake.world.addAssets(app.oaId, "gmf100", 1);
    const created = await oa(token, "POST", "/v3.0/oa/group/creategroupwithoa", {
      group_name: "Ấp Tân Phú",
      asset_id: asset,
      member_user_ids: [userId],
    });
    const groupId = String(created.data?.group_id);
    expect((await oa(token, "GET", `/v3.0/oa/group/getgroup?group_id=${groupId}`)).data).toMatchObject({
      group_info: { group_id: groupId, status: "enabled", total_member: 2, max_member: 100 },
    });
    const text = await oa(token, "POST", "/v3.0/oa/group/message", {
      recipient: { group_id: groupId },
      message: { text: `[@${groupId}] Họp tổ lúc 19h` },
    });
    expect(text).toMatchObject({ error: 0, data: { message_id: expect.any(String), group_id: groupId } });

    const form = new FormData();
    form.append(
      "file",
      new Blob([Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], { type: "image/png" }),
      "a.png",
    );
    const uploaded = (await (
      await fetch(`${fake.url}/v2.0/oa/upload/image`, {
        method: "POST",
        headers: { access_token: token },
        body: form,
      })
    ).json()) as Envelope;
    const attachmentId = String(uploaded.data?.attachment_id);
    const image = await oa(token, "POST", "/v3.0/oa/group/message", {
      recipient: { group_id: groupId },
      message: {
        text: "Ảnh đối tượng",
        attachment: {
          type: "template",
          payload: {
            template_type: "media",
            elements: [{ media_type: "image", attachment_id: attachmentId }],
          },
        },
      },
    });
    expect(image.error).toBe(0);
    expect(fake.world.groupMessages(groupId).map((m) => [m.type, m.text, m.mentions.length])).toEqual([
      ["text", `[@${groupId}] Họp tổ lúc 19h`, 1],
      ["image", "Ảnh đối tượng", 0],
    ]);

    fake.world.expireGroup(groupId);
    const again = { recipient: { group_id: groupId }, message: { text: "sau hạn" } };
    expect((await oa(token, "POST", "/v3.0/oa/group/message", again)).error).toBe(-237);
    const other = seed();
    expect((await oa(other.token, "POST", "/v3.0/oa/group/message", again)).error).toBe(-403);
  });

  it("refuses GMF for an unverified OA (-221), injects failures and 404s unknown endpoints", async () => {
    const app = fake.world.createApp({ oaName: "OA chưa xác thực", verified: false });
    const token = fake.world.mintTokens(app.appId).accessToken;
    expect((await oa(token, "POST", "/v3.0/oa/quota/group", { quota_owner: "OA" })).error).toBe(-221);
    fake.world.failNext({ path: "getoa", error: -32 });
    expect((await oa(token, "GET", "/v2.0/oa/getoa")).error).toBe(-32);
    expect((await oa(token, "GET", "/v2.0/oa/getoa")).error).toBe(0);
    const res = await fetch(`${fake.url}/v3.0/oa/group/nothing`, { headers: { access_token: token } });
    expect(res.status).toBe(404);
  });
});
