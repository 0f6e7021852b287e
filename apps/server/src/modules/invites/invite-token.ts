import { createHash, randomBytes } from "node:crypto";
import type { SecretBox } from "../../core/secret-box";

/**
 * Personal invite links carry `<id>.<mac>`: the id in base64url and an HMAC of it. Nothing secret is
 * stored, the link can be shown again, and a guessed or edited id fails the MAC check.
 */
export function inviteToken(box: SecretBox, inviteId: string): string {
  const id = Buffer.from(inviteId.replaceAll("-", ""), "hex").toString("base64url");
  return `${id}.${box.mac("invite", inviteId)}`;
}

export function parseInviteToken(box: SecretBox, token: string): string | undefined {
  const [idPart, mac] = token.split(".");
  if (!idPart || !mac || idPart.length !== 22) {
    return undefined;
  }
  const hex = Buffer.from(idPart, "base64url").toString("hex");
  if (hex.length !== 32) {
    return undefined;
  }
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return box.verifyMac("invite", id, mac) ? id : undefined;
}

/** The resident's personal "manage my membership" token; only its SHA-256 is stored. */
export function newManageToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, hash: manageTokenHash(token) };
}

export const manageTokenHash = (token: string) =>
  createHash("sha256").update(`manage:${token}`).digest("hex");

/** "Nguyễn Văn An" → "N. V. An": enough for the household to recognise itself, not a full name. */
export function shortName(full: string): string {
  const words = full.trim().split(/\s+/);
  const given = words.pop() ?? "";
  return [...words.map((w) => `${w[0] ?? ""}.`), given].join(" ");
}
