import { describe, expect, it } from "vitest";
import { backoffDelay } from "./outbox-worker";

describe("backoffDelay", () => {
  it("doubles per attempt and caps at an hour", () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(30, 1000)).toBe(3600_000);
  });
});
