import { describe, expect, it } from "vitest";
import { ballotProblem, pollEnded, tallyOptions } from "./poll.presenter";

describe("tallyOptions", () => {
  it("aligns counts with the options and gives each option's share with one decimal", () => {
    expect(
      tallyOptions(3, 3, [
        { choice: 0, n: 1 },
        { choice: 2, n: 2 },
      ]),
    ).toEqual({ counts: [1, 0, 2], percent: [33.3, 0, 66.7] });
  });
  it("lets multiple-choice shares sum past 100 and shows 0 with no ballots", () => {
    expect(
      tallyOptions(2, 2, [
        { choice: 0, n: 2 },
        { choice: 1, n: 1 },
      ]).percent,
    ).toEqual([100, 50]);
    expect(tallyOptions(2, 0, [])).toEqual({ counts: [0, 0], percent: [0, 0] });
  });
  it("ignores an index outside the options", () => {
    expect(tallyOptions(2, 1, [{ choice: 5, n: 1 }]).counts).toEqual([0, 0]);
  });
});

describe("ballotProblem", () => {
  const single = { options: ["a", "b", "c"], multiple: false };
  it.each([
    [single, [1], null],
    [single, [0, 1], "một phương án"],
    [single, [3], "không có trong"],
    [{ ...single, multiple: true }, [0, 2], null],
    [{ ...single, multiple: true }, [0, 3], "không có trong"],
  ])("%o %o", (poll, choices, problem) => {
    const got = ballotProblem(poll, choices);
    if (problem === null) {
      expect(got).toBeNull();
    } else {
      expect(got).toContain(problem);
    }
  });
});

describe("pollEnded", () => {
  const now = new Date("2026-03-02T02:00:00Z");
  it("ends at the deadline itself, or when closed early", () => {
    expect(pollEnded({ closedAt: null, deadline: new Date(now.getTime() + 1) }, now)).toBe(false);
    expect(pollEnded({ closedAt: null, deadline: now }, now)).toBe(true);
    expect(pollEnded({ closedAt: now, deadline: new Date(now.getTime() + 1000) }, now)).toBe(true);
  });
});
