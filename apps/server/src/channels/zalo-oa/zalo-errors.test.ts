import { describe, expect, it } from "vitest";
import {
  classifyBotError,
  classifyOaError,
  classifyOauthError,
  describeZaloError,
  isRetryable,
  redactSecrets,
  ZaloApiError,
  type ZaloErrorKind,
  ZaloNetworkError,
  zaloErrorMessage,
} from "./zalo-errors";

const OA_TABLE: [number, ZaloErrorKind][] = [
  [-216, "refresh"],
  [-220, "refresh"],
  [-219, "human"],
  [-221, "human"],
  [-223, "human"],
  [-224, "human"],
  [-320, "human"],
  [-321, "human"],
  [-209, "human"],
  [-212, "human"],
  [-204, "human"],
  [-205, "human"],
  [-235, "human"],
  [-237, "human"],
  [-242, "human"],
  [-32, "retry"],
  [-211, "retry"],
  [-200, "retry"],
  [-201, "permanent"],
  [-213, "permanent"],
  [-230, "permanent"],
  [-233, "permanent"],
  [-244, "permanent"],
  [-248, "permanent"],
  [-403, "permanent"],
  [-100, "permanent"],
  [-218, "permanent"],
  [-234, "permanent"],
  [-99999, "permanent"],
];

describe("classifyOaError", () => {
  it.each(OA_TABLE)("%i → %s", (code, kind) => {
    expect(classifyOaError(code)).toBe(kind);
  });
});

describe("classifyBotError", () => {
  it.each<[number, ZaloErrorKind]>([
    [401, "human"],
    [429, "retry"],
    [408, "retry"],
    [403, "retry"],
    [502, "retry"],
    [400, "permanent"],
    [404, "permanent"],
    [418, "permanent"],
  ])("%i → %s", (code, kind) => {
    expect(classifyBotError(code)).toBe(kind);
  });
});

describe("classifyOauthError", () => {
  it("treats every token-endpoint refusal as needing a person", () => {
    expect(classifyOauthError(-14014)).toBe("human");
    expect(new ZaloApiError({ api: "oauth", code: -14003, endpoint: "POST /v4/oa/access_token" }).kind).toBe(
      "human",
    );
  });
});

describe("zaloErrorMessage", () => {
  const codes = [...OA_TABLE.map(([c]) => c), 0, 1, -1, 401, 429, 408, 403, 400, 404, 500];
  it.each(codes.flatMap((c) => (["oa", "oauth", "bot"] as const).map((api) => [c, api] as const)))(
    "%i (%s) is a non-empty Vietnamese sentence",
    (code, api) => {
      const m = zaloErrorMessage(code, api);
      expect(m.trim().length).toBeGreaterThan(20);
      expect(m).toMatch(/[.!]$/);
      expect(m).toMatch(/[àáảãạăâđêôơưệếềộớờợụủứừựỳ]/i);
    },
  );

  it("has the officer-facing sentences for the key codes", () => {
    expect(zaloErrorMessage(-230, "oa")).toBe(
      "Người dân không tương tác với OA trong 7 ngày qua nên Zalo không cho gửi tin tư vấn.",
    );
    expect(zaloErrorMessage(-237, "oa")).toBe(
      "Gói nhóm GMF đã hết hạn: nhóm bị tắt trên Zalo. Hãy gia hạn gói.",
    );
    expect(zaloErrorMessage(-216, "oa")).toMatch(/hết hạn|không hợp lệ/);
    expect(zaloErrorMessage(-32, "oa")).toMatch(/quá nhiều yêu cầu/);
  });

  it("falls back to a sentence carrying the code", () => {
    expect(zaloErrorMessage(-777, "oa")).toContain("-777");
    expect(zaloErrorMessage(777, "bot")).toContain("777");
  });
});

describe("error classes never carry secrets", () => {
  const botToken = "1234567890:AbCdEfGhIjKlMnOpQrStUvWxYz_0123";
  const accessToken = "oaAccessTokenSECRET-xyz-0987654321";

  it("redacts the call's token and anything shaped like a token from Zalo's text", () => {
    const err = new ZaloApiError({
      api: "oa",
      code: -216,
      endpoint: "POST /v3.0/oa/message/cs",
      zaloMessage: `Access token ${accessToken} is invalid; see https://x/bot${botToken}/getMe?access_token=abc123`,
      secrets: [accessToken],
    });
    for (const text of [
      err.message,
      err.zaloMessage,
      err.userMessage,
      describeZaloError(err),
      String(err.stack),
    ]) {
      expect(text).not.toContain(accessToken);
      expect(text).not.toContain(botToken);
      expect(text).not.toContain("abc123");
    }
    expect(err.message).toContain("-216");
    expect(err.kind).toBe("refresh");
  });

  it("redacts named secrets and query tokens", () => {
    const out = redactSecrets('{"refresh_token":"r-SECRET-1","secret_key": s3cret} ?code=AUTHCODE&x=1', []);
    expect(out).not.toMatch(/r-SECRET-1|s3cret|AUTHCODE/);
    expect(out).toContain("x=1");
  });

  it("network errors name the endpoint only", () => {
    const err = new ZaloNetworkError({ api: "bot", endpoint: "sendMessage", reason: "timeout" });
    expect(err.message).toBe("Zalo bot timeout at sendMessage");
    expect(err.userMessage).toMatch(/Không kết nối được tới Zalo/);
    expect(isRetryable(err)).toBe(true);
  });

  it("only retry-kind API errors and network errors are retryable", () => {
    expect(isRetryable(new ZaloApiError({ api: "oa", code: -32, endpoint: "x" }))).toBe(true);
    expect(isRetryable(new ZaloApiError({ api: "oa", code: -230, endpoint: "x" }))).toBe(false);
    expect(isRetryable(new ZaloApiError({ api: "oa", code: -216, endpoint: "x" }))).toBe(false);
    expect(isRetryable(new Error("boom"))).toBe(false);
  });
});
