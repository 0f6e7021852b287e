import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { oaSignatureHex, parseSignatureHeader, signatureVariants, verifyOaSignature } from "./oa-signature";

const creds = {
  appId: "4291763606161179100",
  oaId: "579745863508352884",
  appSecret: "APPsecret",
  oaSecret: "OAsecret",
};
const rawBody = '{"app_id":"4291763606161179100","event_name":"user_send_text","timestamp":"1732700000000"}';
const timestamp = "1732700000000";
const AUTO = { secret: "auto", firstTerm: "auto" } as const;

const sha = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const hmac = (key: string, s: string) => createHmac("sha256", key).update(s, "utf8").digest("hex");

describe("oaSignatureHex", () => {
  it("is a plain SHA-256 of app_id + body + timestamp + secret (independent vector)", () => {
    const expected = sha(creds.appId + rawBody + timestamp + creds.oaSecret);
    expect(oaSignatureHex({ firstTerm: creds.appId, rawBody, timestamp, secret: creds.oaSecret })).toBe(
      expected,
    );
    // A fixed vector, so a change of algorithm cannot hide behind the same helper on both sides.
    expect(oaSignatureHex({ firstTerm: "a", rawBody: "b", timestamp: "c", secret: "d" })).toBe(
      "88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589",
    );
  });

  it("computes the HMAC variant only when asked", () => {
    expect(oaSignatureHex({ firstTerm: "a", rawBody: "b", timestamp: "c", secret: "d", hmac: true })).toBe(
      hmac("d", "abc"),
    );
  });
});

describe("verifyOaSignature", () => {
  const cases: [string, string][] = [
    ["app_id+oa_secret", sha(creds.appId + rawBody + timestamp + creds.oaSecret)],
    ["oa_id+oa_secret", sha(creds.oaId + rawBody + timestamp + creds.oaSecret)],
    ["app_id+app_secret", sha(creds.appId + rawBody + timestamp + creds.appSecret)],
    ["oa_id+app_secret", sha(creds.oaId + rawBody + timestamp + creds.appSecret)],
    ["app_id+oa_secret+hmac", hmac(creds.oaSecret, creds.appId + rawBody + timestamp)],
    ["oa_id+app_secret+hmac", hmac(creds.appSecret, creds.oaId + rawBody + timestamp)],
  ];

  it.each(cases)("auto mode accepts %s and reports it", (variant, hex) => {
    expect(verifyOaSignature(`mac=${hex}`, rawBody, timestamp, creds, AUTO)).toEqual({ ok: true, variant });
  });

  it("accepts bare hex, upper-case hex and spacing around mac=", () => {
    const hex = cases[0]?.[1] ?? "";
    for (const header of [hex, hex.toUpperCase(), ` MAC = ${hex} `]) {
      expect(verifyOaSignature(header, rawBody, timestamp, creds, AUTO)).toEqual({
        ok: true,
        variant: "app_id+oa_secret",
      });
    }
  });

  it("rejects a tampered body, a different timestamp, a wrong secret and junk headers", () => {
    const hex = cases[0]?.[1] ?? "";
    expect(verifyOaSignature(`mac=${hex}`, rawBody.replace("text", "texT"), timestamp, creds, AUTO)).toEqual({
      ok: false,
    });
    expect(verifyOaSignature(`mac=${hex}`, rawBody, "1732700000001", creds, AUTO)).toEqual({ ok: false });
    const wrong = sha(`${creds.appId}${rawBody}${timestamp}other`);
    expect(verifyOaSignature(`mac=${wrong}`, rawBody, timestamp, creds, AUTO)).toEqual({ ok: false });
    for (const header of [undefined, "", "mac=", "mac=xyz", `mac=${hex}00`, hex.slice(1)]) {
      expect(verifyOaSignature(header, rawBody, timestamp, creds, AUTO)).toEqual({ ok: false });
    }
  });

  it("restricts variants to the configured mode, always keeping the documented form", () => {
    const oaIdAppSecret = cases[3]?.[1] ?? "";
    const hmacForm = cases[4]?.[1] ?? "";
    const documented = cases[0]?.[1] ?? "";
    const strict = { secret: "oa_secret", firstTerm: "app_id" } as const;
    expect(verifyOaSignature(oaIdAppSecret, rawBody, timestamp, creds, strict)).toEqual({ ok: false });
    expect(verifyOaSignature(documented, rawBody, timestamp, creds, strict).ok).toBe(true);
    const appSecretOaId = { secret: "app_secret", firstTerm: "oa_id" } as const;
    expect(verifyOaSignature(oaIdAppSecret, rawBody, timestamp, creds, appSecretOaId)).toEqual({
      ok: true,
      variant: "oa_id+app_secret",
    });
    // HMAC is a guess: only in full auto.
    expect(
      verifyOaSignature(hmacForm, rawBody, timestamp, creds, { secret: "auto", firstTerm: "app_id" }),
    ).toEqual({
      ok: false,
    });
  });

  it("tries the documented form first and skips secrets that are not configured", () => {
    expect(signatureVariants(creds, AUTO).map((v) => v.name)[0]).toBe("app_id+oa_secret");
    const onlyApp = { appId: creds.appId, oaId: creds.oaId, appSecret: creds.appSecret };
    const names = signatureVariants(onlyApp, AUTO).map((v) => v.name);
    expect(names).not.toContain("app_id+oa_secret");
    expect(names[0]).toBe("app_id+app_secret");
    expect(verifyOaSignature(cases[0]?.[1], rawBody, timestamp, onlyApp, AUTO)).toEqual({ ok: false });
  });

  it("parses headers strictly", () => {
    expect(parseSignatureHeader("mac=ABC")).toBeNull();
    expect(parseSignatureHeader(`mac=${"A".repeat(64)}`)).toBe("a".repeat(64));
  });
});
