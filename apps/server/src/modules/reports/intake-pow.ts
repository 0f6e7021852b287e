import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";

/*
 * CAPTCHA-free proof of work for anonymous intake under load (issue #5 "Abuse"). While intake
 * stays under the configured rate nothing is asked; above it, a client must send
 * `X-Proof-Of-Work: <challenge>:<nonce>` where SHA-256("<challenge>:<nonce>") starts with
 * `bits` zero bits. A phone spends a second or two; a flood spends that per report. Challenges
 * are stateless (HMAC-signed, 10 minutes) and single-use within this process.
 */

const CHALLENGE_TTL_MS = 10 * 60_000;
const WINDOW_MS = 60_000;

export type PowState = { recent: number[]; used: Map<string, number> };
export const newPowState = (): PowState => ({ recent: [], used: new Map() });

/** Leading zero bits of a digest. */
export function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export const powDigest = (challenge: string, nonce: string) =>
  createHash("sha256").update(`${challenge}:${nonce}`).digest();

/** Bits asked now: none under the threshold; the base at it; one more per doubling above. */
export function requiredBits(deps: Deps, state: PowState, now: number): number {
  state.recent = state.recent.filter((t) => t > now - WINDOW_MS);
  const rate = state.recent.length;
  const limit = deps.config.intakePowAbovePerMinute;
  if (rate < limit) {
    return 0;
  }
  return Math.min(26, deps.config.intakePowBits + Math.floor(Math.log2(rate / limit)));
}

export function issueChallenge(deps: Deps, state: PowState) {
  const now = deps.clock.now().getTime();
  const bits = Math.max(requiredBits(deps, state, now), deps.config.intakePowBits);
  const body = `${now + CHALLENGE_TTL_MS}.${bits}.${randomBytes(9).toString("base64url")}`;
  return {
    challenge: `${body}.${deps.box.mac("intake-pow", body, 16)}`,
    bits,
    required: requiredBits(deps, state, now) > 0,
  };
}

/**
 * Lets the submission through (and counts it), or throws 428 with a fresh challenge. Called
 * before anything is written.
 */
export function checkProofOfWork(deps: Deps, state: PowState, header: string | undefined): void {
  const now = deps.clock.now().getTime();
  const needed = requiredBits(deps, state, now);
  if (needed > 0 && !validProof(deps, state, header, needed, now)) {
    const { challenge, bits } = issueChallenge(deps, state);
    throw new AppError("PROOF_OF_WORK_REQUIRED", undefined, { challenge, bits });
  }
  state.recent.push(now);
}

function validProof(deps: Deps, state: PowState, header: string | undefined, needed: number, now: number) {
  const m = /^(\d{13})\.(\d{1,2})\.([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{1,64})$/.exec(
    header ?? "",
  );
  if (!m) {
    return false;
  }
  const [, exp, bits, rand, mac, nonce] = m as unknown as [string, string, string, string, string, string];
  const body = `${exp}.${bits}.${rand}`;
  if (!deps.box.verifyMac("intake-pow", body, mac) || Number(exp) < now || Number(bits) < needed) {
    return false;
  }
  const challenge = `${body}.${mac}`;
  for (const [c, until] of state.used) {
    if (until < now) {
      state.used.delete(c);
    }
  }
  if (state.used.has(challenge) || leadingZeroBits(powDigest(challenge, nonce)) < Number(bits)) {
    return false;
  }
  state.used.set(challenge, Number(exp));
  return true;
}
