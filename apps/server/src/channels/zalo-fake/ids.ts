import { randomBytes, randomInt } from "node:crypto";

/**
 * Identifier shapes of the real platforms (reference/zalo.md §1.3, §2.3): OA, app, user and group
 * ids are 18–19-digit decimal strings (beyond 2^53, never numbers), Bot API ids are 20-char hex,
 * OA message ids 32-char hex, tokens opaque base64url.
 */
export function numericId(): string {
  const length = randomInt(18, 20);
  let id = String(randomInt(1, 10));
  while (id.length < length) {
    id += String(randomInt(0, 10));
  }
  return id;
}

export function hexId(chars: number): string {
  return randomBytes(Math.ceil(chars / 2))
    .toString("hex")
    .slice(0, chars);
}

export function opaqueToken(bytes = 48): string {
  return randomBytes(bytes).toString("base64url");
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function alnum(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    out += ALNUM[randomInt(0, ALNUM.length)];
  }
  return out;
}
