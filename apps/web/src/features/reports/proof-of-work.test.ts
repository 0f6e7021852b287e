import { describe, expect, it } from "vitest";
import { checkNonce, leadingZeroBits, powChallengeOf, powProgress, solveProofOfWork } from "./proof-of-work";

const CHALLENGE = "1767225600000.8.AbCdEfGhIjKl.0123456789abcdef";

async function digestOf(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

describe("leadingZeroBits", () => {
  it.each([
    [[0x80, 0x00], 0],
    [[0x7f], 1],
    [[0x01, 0xff], 7],
    [[0x00, 0x80], 8],
    [[0x00, 0x0f, 0xff], 12],
    [[0x00, 0x00, 0x00], 24],
  ])("%j has %i", (bytes, bits) => {
    expect(leadingZeroBits(new Uint8Array(bytes))).toBe(bits);
  });

  it("reads a real digest: SHA-256('abc') starts with 0xba, no zero bit", async () => {
    expect(leadingZeroBits(await digestOf("abc"))).toBe(0);
  });
});

describe("solveProofOfWork", () => {
  it("finds a nonce whose digest has at least 8 leading zero bits, in the server's alphabet", async () => {
    const progress: number[] = [];
    const nonce = await solveProofOfWork(CHALLENGE, 8, {
      batchSize: 64,
      onProgress: (done, expected) => {
        expect(expected).toBe(256);
        progress.push(done);
      },
    });
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(leadingZeroBits(await digestOf(`${CHALLENGE}:${nonce}`))).toBeGreaterThanOrEqual(8);
    expect(await checkNonce(CHALLENGE, 8, nonce)).toBe(true);
    // Every batch before the one that found it was reported, in order.
    expect(progress).toEqual(progress.map((_, i) => (i + 1) * 64));
  });

  it("answers at once when no bit is asked", async () => {
    expect(await solveProofOfWork(CHALLENGE, 0)).toBe("0");
  });

  it("stops with an AbortError when abandoned", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(solveProofOfWork(CHALLENGE, 20, { signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("rejects a nonce that does not answer", async () => {
    const nonce = await solveProofOfWork(CHALLENGE, 8);
    // The same nonce almost surely does not answer a different challenge with many more bits.
    expect(await checkNonce(`${CHALLENGE}x`, 24, nonce)).toBe(false);
  });
});

describe("powChallengeOf", () => {
  it("takes the server's details", () => {
    expect(powChallengeOf({ challenge: CHALLENGE, bits: 16 })).toEqual({ challenge: CHALLENGE, bits: 16 });
  });

  it.each([
    null,
    "x",
    { challenge: CHALLENGE },
    { challenge: "with:colon", bits: 8 },
    { challenge: CHALLENGE, bits: 40 },
    { challenge: CHALLENGE, bits: 1.5 },
  ])("refuses %j", (details) => {
    expect(powChallengeOf(details)).toBeNull();
  });
});

describe("powProgress", () => {
  it("rises towards 1 and is about 63% at the expected work", () => {
    expect(powProgress(0, 65_536)).toBe(0);
    expect(powProgress(65_536, 65_536)).toBeCloseTo(1 - Math.exp(-1));
    expect(powProgress(10 * 65_536, 65_536)).toBeLessThan(1);
  });
});
