import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * OA webhook signature, header `X-ZEvent-Signature: mac=<hex>` (reference/zalo.md §2.6):
 *   hex = sha256(app_id + raw_body + timestamp + secret)
 * a plain SHA-256 of the concatenation (not HMAC); `timestamp` is the body's `timestamp` field and
 * `raw_body` the exact bytes received. Sources disagree on the secret (OA Secret Key vs app
 * secret) and on the first term (app_id vs oa_id); a few clients use HMAC. The verifier therefore
 * tries the documented form first, then the variants the configuration allows, and reports which
 * one matched so operators can pin it.
 *
 * Security assumptions: every comparison is constant-time over equal-length digests; the header is
 * validated as 64 hex characters before comparing; the HMAC variant (an undocumented guess) is only
 * tried in full "auto" mode.
 */

export type OaSignatureInput = {
  firstTerm: string;
  rawBody: string;
  timestamp: string;
  secret: string;
  /** HMAC-SHA256(secret, firstTerm + rawBody + timestamp) instead of the documented plain hash. */
  hmac?: boolean;
};

export function oaSignatureHex(p: OaSignatureInput): string {
  if (p.hmac) {
    return createHmac("sha256", p.secret)
      .update(p.firstTerm + p.rawBody + p.timestamp, "utf8")
      .digest("hex");
  }
  return createHash("sha256")
    .update(p.firstTerm + p.rawBody + p.timestamp + p.secret, "utf8")
    .digest("hex");
}

export type OaSignatureCredentials = { appId: string; oaId: string; appSecret?: string; oaSecret?: string };
export type OaSignatureMode = {
  secret: "auto" | "oa_secret" | "app_secret";
  firstTerm: "auto" | "app_id" | "oa_id";
};
export type OaSignatureResult = { ok: true; variant: string } | { ok: false };

const HEX64 = /^[0-9a-f]{64}$/;

/** `mac=<hex>` (any case, surrounding spaces) or bare hex → lowercase hex, else null. */
export function parseSignatureHeader(header: string | undefined): string | null {
  if (typeof header !== "string") {
    return null;
  }
  let value = header.trim();
  if (/^mac\s*=/i.test(value)) {
    value = value.slice(value.indexOf("=") + 1).trim();
  }
  value = value.toLowerCase();
  return HEX64.test(value) ? value : null;
}

type Variant = { name: string; firstTerm: string; secret: string; hmac: boolean };

/** Candidate forms in trial order; the documented app_id + OA secret always comes first. */
export function signatureVariants(c: OaSignatureCredentials, mode: OaSignatureMode): Variant[] {
  const terms: ["app_id" | "oa_id", string][] = [];
  if (mode.firstTerm !== "oa_id") {
    terms.push(["app_id", c.appId]);
  }
  if (mode.firstTerm !== "app_id") {
    terms.push(["oa_id", c.oaId]);
  }
  const secrets: ["oa_secret" | "app_secret", string][] = [];
  if (mode.secret !== "app_secret" && c.oaSecret) {
    secrets.push(["oa_secret", c.oaSecret]);
  }
  if (mode.secret !== "oa_secret" && c.appSecret) {
    secrets.push(["app_secret", c.appSecret]);
  }
  const out: Variant[] = [];
  if (c.oaSecret && c.appId) {
    out.push({ name: "app_id+oa_secret", firstTerm: c.appId, secret: c.oaSecret, hmac: false });
  }
  // Secret-major order: a wrong secret is the likelier misconfiguration than a wrong first term.
  for (const [secretName, secret] of secrets) {
    for (const [termName, term] of terms) {
      if (term) {
        out.push({ name: `${termName}+${secretName}`, firstTerm: term, secret, hmac: false });
      }
    }
  }
  if (mode.secret === "auto" && mode.firstTerm === "auto") {
    for (const [secretName, secret] of secrets) {
      for (const [termName, term] of terms) {
        if (term) {
          out.push({ name: `${termName}+${secretName}+hmac`, firstTerm: term, secret, hmac: true });
        }
      }
    }
  }
  const seen = new Set<string>();
  return out.filter((v) => {
    if (seen.has(v.name)) {
      return false;
    }
    seen.add(v.name);
    return true;
  });
}

export function verifyOaSignature(
  header: string | undefined,
  rawBody: string,
  timestamp: string,
  c: OaSignatureCredentials,
  mode: OaSignatureMode,
): OaSignatureResult {
  const given = parseSignatureHeader(header);
  if (given === null) {
    return { ok: false };
  }
  const givenBuf = Buffer.from(given, "hex");
  for (const v of signatureVariants(c, mode)) {
    const expected = Buffer.from(
      oaSignatureHex({ firstTerm: v.firstTerm, rawBody, timestamp, secret: v.secret, hmac: v.hmac }),
      "hex",
    );
    if (expected.length === givenBuf.length && timingSafeEqual(expected, givenBuf)) {
      return { ok: true, variant: v.name };
    }
  }
  return { ok: false };
}
