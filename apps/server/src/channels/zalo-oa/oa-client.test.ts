import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Handler, type LoopbackServer, sequence, startLoopback } from "./loopback-server.test-support";
import { createOaClient, type OaClientOptions } from "./oa-client";
import { ZaloApiError, ZaloNetworkError } from "./zalo-errors";

const USER_ID = "4291763606161179100"; // > 2^53
const GROUP_ID = "7708123456789012345";
const ok = (data: unknown) => ({ json: { error: 0, message: "Success", data } });
const fail = (error: number, message = "failed") => ({ json: { error, message } });

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(handler: Handler, extra: Partial<OaClientOptions> = {}) {
  server = await startLoopback(handler);
  const sleeps: number[] = [];
  const client = createOaClient({
    apiUrl: `${server.url}/`,
    oauthUrl: server.url,
    maxAttempts: 3,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    ...extra,
  });
  const getToken = vi.fn(async (force: boolean) => (force ? "token-new" : "token-old"));
  return { server, client, api: client.forOa(getToken, "oa-1"), getToken, sleeps };
}

describe("OA client: envelope, tokens and retries", () => {
  it("sends the access_token header and refreshes once on -216 (HTTP 200), then succeeds", async () => {
    const { server, api, getToken } = await setup((req) =>
      req.headers.access_token === "token-new"
        ? ok({ message_id: "m1", user_id: USER_ID, quota: { quota_type: "reply", remain: 7, total: 8 } })
        : fail(-216, "Access token is invalid"),
    );
    const res = await api.sendCsText({ userId: USER_ID, text: "Đã nhận tin báo.", quoteMessageId: "q9" });
    expect(res).toEqual({
      messageId: "m1",
      userId: USER_ID,
      quota: { quotaType: "reply", remain: 7, total: 8, expiredDate: null },
    });
    expect(getToken.mock.calls).toEqual([[false], [true]]);
    expect(server.requests.map((r) => r.headers.access_token)).toEqual(["token-old", "token-new"]);
    const last = server.requests[1];
    expect(last?.method).toBe("POST");
    expect(last?.url.pathname).toBe("/v3.0/oa/message/cs");
    expect(last?.headers.authorization).toBeUndefined();
    expect(JSON.parse(last?.text ?? "")).toEqual({
      recipient: { user_id: USER_ID },
      message: { text: "Đã nhận tin báo.", quote_message_id: "q9" },
    });
  });

  it("retries -32 with backoff and succeeds", async () => {
    const { server, api, sleeps } = await setup(
      sequence(fail(-32), fail(-32), ok({ message_id: "m2", group_id: GROUP_ID })),
    );
    expect(await api.sendGroupText(GROUP_ID, "Họp tổ lúc 19h")).toEqual({ messageId: "m2" });
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it("gives up on -32 after maxAttempts", async () => {
    const { server, api } = await setup(sequence(fail(-32)));
    await expect(api.sendGroupText(GROUP_ID, "x")).rejects.toMatchObject({
      name: "ZaloApiError",
      code: -32,
      kind: "retry",
    });
    expect(server.requests).toHaveLength(3);
  });

  it("does not retry -230 and explains it in Vietnamese", async () => {
    const { server, api } = await setup(
      sequence(fail(-230, "User has not interacted with the OA in the last 7 days")),
    );
    const err = await api.sendCsText({ userId: USER_ID, text: "Xin chào" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err).toMatchObject({
      api: "oa",
      code: -230,
      kind: "permanent",
      endpoint: "POST /v3.0/oa/message/cs",
    });
    expect((err as ZaloApiError).userMessage).toContain("7 ngày");
    expect(server.requests).toHaveLength(1);
  });

  it("keeps tokens out of error messages even when Zalo echoes them", async () => {
    const { api } = await setup(sequence(fail(-201, "bad request with token token-old")));
    const err = (await api.getOa().catch((e: unknown) => e)) as ZaloApiError;
    expect(err.code).toBe(-201);
    expect(`${err.message} ${err.zaloMessage} ${err.stack}`).not.toContain("token-old");
  });

  it("treats 5xx and non-JSON bodies as network errors and retries them", async () => {
    const { server, api } = await setup(
      sequence(
        { status: 502, raw: "bad gateway" },
        { raw: "<html>oops</html>", contentType: "text/html" },
        ok({ oa_id: "1", name: "CA xã" }),
      ),
    );
    expect((await api.getOa()).name).toBe("CA xã");
    expect(server.requests).toHaveLength(3);

    const { api: api2 } = await setup(sequence({ raw: "not json" }), { maxAttempts: 1 });
    const err = await api2.getOa().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloNetworkError);
    expect(err).toMatchObject({ reason: "invalid_body", kind: "retry" });
  });

  it("reports connection failures as network errors", async () => {
    const { api } = await setup(sequence(ok({})), { maxAttempts: 2 });
    await server?.close();
    server = undefined;
    const err = await api.getOa().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloNetworkError);
    expect(err).toMatchObject({ reason: "network", endpoint: "GET /v2.0/oa/getoa" });
  });

  it("throttles per OA with the injected clock and sleep", async () => {
    const { api, sleeps } = await setup(() => ok({ oa_id: "1", name: "x" }), {
      ratePerSecond: 1,
      now: () => 0,
    });
    await api.getOa();
    await api.getOa();
    await api.getOa();
    expect(sleeps).toEqual([1000, 2000]);
  });

  it("uses an injected fetch", async () => {
    const fake = vi.fn(
      async () =>
        new Response(JSON.stringify({ error: 0, message: "ok", data: { oa_id: "42", name: "Fake" } })),
    );
    const client = createOaClient({
      apiUrl: "http://zalo.invalid",
      oauthUrl: "http://zalo.invalid",
      fetch: fake,
    });
    expect((await client.forOa(async () => "t").getOa()).oaId).toBe("42");
    expect(fake).toHaveBeenCalledOnce();
  });
});

describe("OA client: request encoding and normalisation", () => {
  it("keeps a 19-digit numeric id exact and sends user GETs as ?data=<JSON>", async () => {
    const raw = `{"error":0,"message":"Success","data":{"user_id":${USER_ID},"user_id_by_app":5512345678901234567,"display_name":"Nguyễn Văn A","user_is_follower":true,"user_last_interaction_date":"27/11/2026","tags_and_notes_info":{"tag_names":["thon-dong"],"notes":[]},"shared_info":{"phone":"84912345678"}}}`;
    const { server, api } = await setup(() => ({ raw }));
    const user = await api.userDetail(USER_ID);
    expect(user.userId).toBe(USER_ID);
    expect(user.userIdByApp).toBe("5512345678901234567");
    expect(user.isFollower).toBe(true);
    expect(user.tagNames).toEqual(["thon-dong"]);
    expect(user.sharedInfo?.phone).toBe("84912345678");
    expect(user.lastInteraction?.toISOString()).toBe("2026-11-26T17:00:00.000Z");
    const req = server.requests[0];
    expect(req?.method).toBe("GET");
    expect(req?.url.pathname).toBe("/v3.0/oa/user/detail");
    expect(JSON.parse(req?.url.searchParams.get("data") ?? "")).toEqual({ user_id: USER_ID });
  });

  it("lists users with the data parameter and numeric ids", async () => {
    const raw = `{"error":0,"message":"ok","data":{"total":2,"count":2,"offset":0,"users":[{"user_id":${USER_ID}},{"user_id":"123"}]}}`;
    const { server, api } = await setup(() => ({ raw }));
    expect(await api.userList({ offset: 0, count: 50, isFollower: true })).toEqual({
      total: 2,
      count: 2,
      offset: 0,
      userIds: [USER_ID, "123"],
    });
    expect(JSON.parse(server.requests[0]?.url.searchParams.get("data") ?? "")).toEqual({
      offset: 0,
      count: 50,
      is_follower: "true",
    });
  });

  it("uses plain query parameters for GMF GETs and normalises getgroup", async () => {
    const raw = `{"error":0,"message":"ok","data":{"group_info":{"group_id":${GROUP_ID},"group_link":"https://zalo.me/g/abc","name":"Thôn Đông","group_description":"An ninh thôn","avatar":"https://a/1.jpg","status":"enabled","total_member":"57","max_member":100,"auto_delete_date":"1767225600000"},"asset_info":{"asset_type":"gmf100","asset_id":"as1","valid_through":1767225600000,"auto_renew":false},"group_setting":{"lock_send_msg":false,"join_appr":true,"enable_msg_history":1,"enable_link_join":"true"}}}`;
    const { server, api } = await setup(() => ({ raw }));
    const g = await api.getGroup(GROUP_ID);
    expect(g).toEqual({
      groupId: GROUP_ID,
      groupLink: "https://zalo.me/g/abc",
      name: "Thôn Đông",
      description: "An ninh thôn",
      avatar: "https://a/1.jpg",
      status: "enabled",
      totalMember: 57,
      maxMember: 100,
      autoDeleteDate: new Date(1767225600000),
      asset: { assetType: "gmf100", assetId: "as1", validThrough: new Date(1767225600000), autoRenew: false },
      settings: { lockSendMsg: false, joinAppr: true, enableMsgHistory: true, enableLinkJoin: true },
    });
    const req = server.requests[0];
    expect(req?.url.pathname).toBe("/v3.0/oa/group/getgroup");
    expect(req?.url.searchParams.get("group_id")).toBe(GROUP_ID);
    expect(req?.url.searchParams.has("data")).toBe(false);
  });

  it("pages members with plain parameters and tells the OA apart from users", async () => {
    const { server, api } = await setup(() =>
      ok({
        total: 2,
        members: [
          { oa_id: "579745863508352884", name: "CA xã" },
          { user_id: USER_ID, name: "A", avatar: "u" },
        ],
      }),
    );
    const page = await api.listMembers(GROUP_ID, 0, 5);
    expect(page.members).toEqual([
      { id: "579745863508352884", isOa: true, name: "CA xã", avatar: null },
      { id: USER_ID, isOa: false, name: "A", avatar: "u" },
    ]);
    expect(Object.fromEntries(server.requests[0]?.url.searchParams ?? [])).toEqual({
      group_id: GROUP_ID,
      offset: "0",
      count: "5",
    });
  });

  it("uploads images as multipart with field `file`", async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);
    const { server, api } = await setup(() => ok({ attachment_id: "att-1" }));
    expect(await api.uploadImage({ bytes, filename: "anh.png", contentType: "image/png" })).toBe("att-1");
    const req = server.requests[0];
    expect(req?.url.pathname).toBe("/v2.0/oa/upload/image");
    expect(req?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(req?.body, {
      headers: { "content-type": String(req?.headers["content-type"]) },
    }).formData();
    const file = form.get("file");
    expect(file).toBeInstanceOf(Blob);
    expect((file as File).name).toBe("anh.png");
    expect(Buffer.from(await (file as File).arrayBuffer())).toEqual(bytes);
  });

  it("encodes group sends, admin changes and settings updates", async () => {
    const { server, api } = await setup(() => ok({ message_id: "gm1" }));
    await api.sendGroupImage(GROUP_ID, { attachmentId: "att-1", caption: "Ảnh hiện trường" });
    await api.sendGroupFile(GROUP_ID, "file-token");
    await api.addAdmins(GROUP_ID, [USER_ID]);
    await api.updateGroupInfo(GROUP_ID, { name: "Thôn Tây", lockSendMsg: true });
    const bodies = server.requests.map((r) => [r.url.pathname, JSON.parse(r.text)]);
    expect(bodies).toEqual([
      [
        "/v3.0/oa/group/message",
        {
          recipient: { group_id: GROUP_ID },
          message: {
            attachment: {
              type: "template",
              payload: {
                template_type: "media",
                elements: [{ media_type: "image", attachment_id: "att-1" }],
              },
            },
            text: "Ảnh hiện trường",
          },
        },
      ],
      [
        "/v3.0/oa/group/message",
        {
          recipient: { group_id: GROUP_ID },
          message: { attachment: { type: "file", payload: { token: "file-token" } } },
        },
      ],
      ["/v3.0/oa/group/addadmins", { group_id: GROUP_ID, member_user_ids: [USER_ID] }],
      ["/v3.0/oa/group/updateinfo", { group_id: GROUP_ID, group_name: "Thôn Tây", lock_send_msg: true }],
    ]);
  });

  it("normalises quota assets and group conversation history", async () => {
    const { api } = await setup(
      sequence(
        ok([
          {
            product_type: "gmf50",
            quota_type: "purchase_quota",
            asset_id: "as9",
            valid_through: "1767225600000",
            auto_renew: true,
            status: "available",
          },
        ]),
        ok([
          {
            src: 1,
            time: 1767225600000,
            type: "text",
            message: "Có trộm",
            message_id: "mm1",
            from_id: USER_ID,
            from_display_name: "B",
            group_id: GROUP_ID,
          },
        ]),
      ),
    );
    expect(await api.groupQuota({ productType: "gmf50" })).toEqual([
      {
        productType: "gmf50",
        quotaType: "purchase_quota",
        assetId: "as9",
        validThrough: new Date(1767225600000),
        autoRenew: true,
        status: "available",
        usedId: null,
      },
    ]);
    const [m] = await api.groupConversation(GROUP_ID, 0, 10);
    expect(m).toMatchObject({
      messageId: "mm1",
      from: "user",
      fromId: USER_ID,
      text: "Có trộm",
      time: new Date(1767225600000),
    });
  });

  it("rejects caller mistakes before any request", async () => {
    const { server, api } = await setup(() => ok({}));
    await expect(api.sendGroupText(GROUP_ID, "x".repeat(2001))).rejects.toThrow(RangeError);
    await expect(api.sendGroupText(GROUP_ID, "   ")).rejects.toThrow(RangeError);
    await expect(api.sendCsImage({ userId: USER_ID })).rejects.toThrow(TypeError);
    await expect(api.getGroup("../x")).rejects.toThrow(TypeError);
    await expect(api.invite(GROUP_ID, [])).rejects.toThrow(TypeError);
    await expect(
      api.createGroup({
        name: "x",
        assetId: "a",
        memberUserIds: Array.from({ length: 100 }, (_, i) => String(i + 1)),
      }),
    ).rejects.toThrow(RangeError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("OA client: OAuth v4", () => {
  it("builds the consent URL and a PKCE pair", async () => {
    const { client, server } = await setup(() => ok({}));
    const pair = client.pkcePair();
    expect(pair.codeVerifier.length).toBeGreaterThanOrEqual(43);
    expect(pair.codeChallenge).toBe(createHash("sha256").update(pair.codeVerifier).digest("base64url"));
    expect(client.pkcePair().codeVerifier).not.toBe(pair.codeVerifier);
    const url = new URL(
      client.consentUrl({
        appId: "123",
        redirectUri: "https://binhyen.vn/zalo/cb?x=1",
        codeChallenge: "ch",
        state: "s1",
      }),
    );
    expect(url.origin + url.pathname).toBe(`${server.url}/v4/oa/permission`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      app_id: "123",
      redirect_uri: "https://binhyen.vn/zalo/cb?x=1",
      code_challenge: "ch",
      state: "s1",
    });
  });

  it("exchanges a code with a form body and the secret_key header", async () => {
    const { client, server } = await setup(() => ({
      json: { access_token: "AT-1", refresh_token: "RT-1", expires_in: "90000" },
    }));
    expect(
      await client.exchangeCode({
        appId: "123",
        appSecret: "S3CRET",
        code: "CODE",
        codeVerifier: "V".repeat(43),
      }),
    ).toEqual({
      accessToken: "AT-1",
      refreshToken: "RT-1",
      expiresInSec: 90000,
    });
    const req = server.requests[0];
    expect(req?.url.pathname).toBe("/v4/oa/access_token");
    expect(req?.headers.secret_key).toBe("S3CRET");
    expect(req?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(req?.text))).toEqual({
      code: "CODE",
      app_id: "123",
      grant_type: "authorization_code",
      code_verifier: "V".repeat(43),
    });
  });

  it("maps a refused refresh token to a human-required oauth error without secrets", async () => {
    const { client, server } = await setup(() => ({
      json: {
        error: -14014,
        error_name: "Invalid refresh token",
        error_reason: "refresh_token RT-OLD-123456 is expired",
        ref_doc: "x",
      },
    }));
    const err = (await client
      .refreshToken({ appId: "123", appSecret: "S3CRET-APP", refreshToken: "RT-OLD-123456" })
      .catch((e: unknown) => e)) as ZaloApiError;
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err).toMatchObject({ api: "oauth", code: -14014, kind: "human" });
    expect(`${err.message} ${err.zaloMessage}`).not.toMatch(/RT-OLD-123456|S3CRET-APP/);
    expect(err.userMessage).toMatch(/kết nối lại OA/);
    expect(Object.fromEntries(new URLSearchParams(server.requests[0]?.text))).toEqual({
      refresh_token: "RT-OLD-123456",
      app_id: "123",
      grant_type: "refresh_token",
    });
    // Single-use refresh tokens: never re-sent automatically.
    expect(server.requests).toHaveLength(1);
  });

  it("reports an unreachable token endpoint as a retryable network error", async () => {
    const { client } = await setup(() => ok({}));
    await server?.close();
    server = undefined;
    const err = await client
      .refreshToken({ appId: "1", appSecret: "s", refreshToken: "r" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloNetworkError);
    expect(err).toMatchObject({ api: "oauth", kind: "retry" });
  });
});
