import { randomInt } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** argon2id (OWASP minimum: m=19 MiB, t=2, p=1). */
const DEFAULT_COST = { memoryCost: 19456, timeCost: 2 };

export function hashPassword(password: string, cost = DEFAULT_COST): Promise<string> {
  return hash(password.normalize("NFC"), { ...cost, parallelism: 1, algorithm: 2 });
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password.normalize("NFC"));
  } catch {
    return false;
  }
}

/** A hash of a random string, verified against when the phone is unknown so timing does not tell. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`dummy-${randomInt(1e9)}`);
  return dummy;
}

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
/** A readable temporary password (no 0/o/1/l), 12 characters ≈ 60 bits. */
export function temporaryPassword(): string {
  let out = "";
  for (let i = 0; i < 12; i++) {
    out += ALPHABET[randomInt(ALPHABET.length)];
    if (i === 3 || i === 7) {
      out += "-";
    }
  }
  return out;
}
