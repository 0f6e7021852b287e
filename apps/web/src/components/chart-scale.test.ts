import { describe, expect, it } from "vitest";
import { countTicks, labelIndexes } from "./chart-scale";

describe("countTicks", () => {
  it.each([
    [0, [0, 1]],
    [1, [0, 1]],
    [3, [0, 1, 2, 3]],
    [7, [0, 2, 4, 6, 8]],
    [10, [0, 5, 10]],
    [12, [0, 5, 10, 15]],
    [1089, [0, 500, 1000, 1500]],
    [Number.NaN, [0, 1]],
  ])("max %s → %j", (max, ticks) => {
    expect(countTicks(max)).toEqual(ticks);
  });

  it("always reaches the maximum", () => {
    for (let max = 1; max < 2000; max += 37) {
      const ticks = countTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
    }
  });
});

describe("labelIndexes", () => {
  it.each([
    [0, []],
    [1, [0]],
    [5, [0, 1, 2, 3, 4]],
    [12, [0, 2, 4, 6, 8, 11]],
    [13, [0, 3, 6, 9, 12]],
  ])("%s points → %j", (count, indexes) => {
    expect(labelIndexes(count)).toEqual(indexes);
  });
});
