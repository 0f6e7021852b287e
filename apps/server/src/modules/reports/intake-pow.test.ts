import { describe, expect, it } from "vitest";
import { leadingZeroBits } from "./intake-pow";

describe("leadingZeroBits", () => {
  it.each([
    ["ff", 0],
    ["7f", 1],
    ["01", 7],
    ["00ff", 8],
    ["000f", 12],
    ["0000", 16],
  ])("%s → %i", (hex, bits) => {
    expect(leadingZeroBits(Buffer.from(hex, "hex"))).toBe(bits);
  });
});
