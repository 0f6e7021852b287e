import { createHash, createHmac } from "node:crypto";

/**
 * X-ZEvent-Signature (reference/zalo.md §2.6): `mac=` + hex SHA-256 of
 * firstTerm + rawBody + timestamp + secret — a plain hash of the concatenation, not an HMAC.
 * `hmac: true` is the variant some clients use: HMAC-SHA256 keyed by the secret over
 * firstTerm + rawBody + timestamp.
 */
export type SignatureOptions = {
  /** Which secret signs: the OA Secret Key (default) or the app secret. */
  secret: "oa_secret" | "app_secret";
  /** First term of the concatenation: app_id (default) or oa_id. */
  firstTerm: "app_id" | "oa_id";
  hmac?: boolean;
};

export const DEFAULT_SIGNATURE: SignatureOptions = { secret: "oa_secret", firstTerm: "app_id" };

export function zaloEventMac(input: {
  firstTerm: string;
  rawBody: string;
  timestamp: string;
  secret: string;
  hmac?: boolean;
}): string {
  if (input.hmac) {
    return createHmac("sha256", input.secret)
      .update(input.firstTerm + input.rawBody + input.timestamp)
      .digest("hex");
  }
  return createHash("sha256")
    .update(input.firstTerm + input.rawBody + input.timestamp + input.secret)
    .digest("hex");
}

export function signatureHeader(mac: string): string {
  return `mac=${mac}`;
}
