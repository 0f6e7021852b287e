/*
 * The client's half of the server's proof of work for anonymous intake under load
 * (apps/server/src/modules/reports/intake-pow.ts). The server answers 428 with a challenge and a
 * number of bits; we look for a nonce such that SHA-256("<challenge>:<nonce>") starts with that
 * many zero bits, and send the report again with `X-Proof-Of-Work: <challenge>:<nonce>`.
 *
 * It runs on the page's thread through crypto.subtle, one batch of digests at a time, giving the
 * event loop back between batches so the page stays responsive and can show progress. The
 * expected work is 2^bits digests (16 bits: ~65,000, a second or two on a phone).
 */

export interface PowChallenge {
  challenge: string;
  bits: number;
}

export interface SolveOptions {
  /** Digests computed so far and the expected number (2^bits), after each batch. */
  onProgress?: (done: number, expected: number) => void;
  signal?: AbortSignal;
  /** Digests per batch between two yields to the event loop. */
  batchSize?: number;
}

const DEFAULT_BATCH = 2_000;
/** The server accepts at most 26 bits; anything beyond is not a challenge we can answer. */
const MAX_BITS = 26;

/** Leading zero bits of a digest. */
export function leadingZeroBits(digest: Uint8Array): number {
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

/** The challenge of a 428 PROOF_OF_WORK_REQUIRED answer's details, if they are well formed. */
export function powChallengeOf(details: unknown): PowChallenge | null {
  if (!details || typeof details !== "object") {
    return null;
  }
  const { challenge, bits } = details as Record<string, unknown>;
  if (
    typeof challenge !== "string" ||
    !/^[A-Za-z0-9._-]{1,200}$/.test(challenge) ||
    typeof bits !== "number" ||
    !Number.isInteger(bits) ||
    bits < 0 ||
    bits > MAX_BITS
  ) {
    return null;
  }
  return { challenge, bits };
}

/** Is this nonce an answer to the challenge? */
export async function checkNonce(challenge: string, bits: number, nonce: string): Promise<boolean> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${challenge}:${nonce}`));
  return leadingZeroBits(new Uint8Array(digest)) >= bits;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function abortError(): DOMException {
  return new DOMException("The proof of work was abandoned.", "AbortError");
}

/**
 * Finds a nonce (a decimal counter, which the server's [A-Za-z0-9_-]{1,64} accepts) for the
 * challenge. Rejects with an AbortError when `signal` aborts.
 */
export async function solveProofOfWork(
  challenge: string,
  bits: number,
  options: SolveOptions = {},
): Promise<string> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  const expected = 2 ** bits;
  const encoder = new TextEncoder();
  const prefix = `${challenge}:`;
  for (let start = 0; ; start += batchSize) {
    if (options.signal?.aborted) {
      throw abortError();
    }
    // The digests of one batch are started together: the browser may run them in parallel.
    const digests = await Promise.all(
      Array.from({ length: batchSize }, (_, i) =>
        crypto.subtle.digest("SHA-256", encoder.encode(`${prefix}${start + i}`)),
      ),
    );
    const found = digests.findIndex((digest) => leadingZeroBits(new Uint8Array(digest)) >= bits);
    if (found >= 0) {
      return String(start + found);
    }
    options.onProgress?.(start + batchSize, expected);
    await yieldToEventLoop();
  }
}

/**
 * How far along the search probably is, 0–1: the chance that a search of `expected` digests on
 * average would have finished by now. It rises quickly at first and never reaches 1 on its own.
 */
export function powProgress(done: number, expected: number): number {
  if (expected <= 0) {
    return 1;
  }
  return 1 - Math.exp(-done / expected);
}
