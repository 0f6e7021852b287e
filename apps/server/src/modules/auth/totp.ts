import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string) {
  return new TOTP({ issuer: "Bình Yên", label, algorithm: "SHA1", digits: 6, period: PERIOD, secret });
}

export async function totpProvisioning(secret: string, label: string) {
  const otpauthUrl = totp(secret, label).toString();
  return { otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
}

/**
 * Checks a code within ±1 step and returns the time step it matched, so the caller can refuse a
 * replay of the same or an earlier step.
 */
export function matchTotp(secret: string, code: string, now: Date): number | null {
  const delta = totp(secret, "x").validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) {
    return null;
  }
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

export function totpCodeAt(secret: string, at: Date): string {
  return totp(secret, "x").generate({ timestamp: at.getTime() });
}
