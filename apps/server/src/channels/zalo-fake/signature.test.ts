import { describe, expect, it } from "vitest";
import { signatureHeader, zaloEventMac } from "./signature";

const input = {
  firstTerm: "1234567890123456789",
  rawBody: '{"event_name":"user_send_text","timestamp":"1764201600000"}',
  timestamp: "1764201600000",
  secret: "oaSecretKey123",
};

describe("zaloEventMac", () => {
  it("is the plain SHA-256 of firstTerm + rawBody + timestamp + secret", () => {
    // printf '%s' "$firstTerm$rawBody$timestamp$secret" | sha256sum
    expect(zaloEventMac(input)).toBe("c70252b698a21d7df65aa524c14c5b81dda4839bf58cbf6152bf5299b6d91f02");
  });

  it("has an HMAC variant keyed by the secret over firstTerm + rawBody + timestamp", () => {
    // printf '%s' "$firstTerm$rawBody$timestamp" | openssl dgst -sha256 -hmac "$secret"
    expect(zaloEventMac({ ...input, hmac: true })).toBe(
      "6f1fb4743f27088e13a865754a70802f9a9fb48d55b99b230d52138c7aaad03d",
    );
  });

  it("changes with every term, so a verifier using the wrong variant fails", () => {
    const base = zaloEventMac(input);
    expect(zaloEventMac({ ...input, firstTerm: "999" })).not.toBe(base);
    expect(zaloEventMac({ ...input, rawBody: `${input.rawBody} ` })).not.toBe(base);
    expect(zaloEventMac({ ...input, timestamp: "1764201600001" })).not.toBe(base);
    expect(zaloEventMac({ ...input, secret: "appSecret" })).not.toBe(base);
  });

  it("is sent as mac=<hex>", () => {
    expect(signatureHeader("abc")).toBe("mac=abc");
  });
});
