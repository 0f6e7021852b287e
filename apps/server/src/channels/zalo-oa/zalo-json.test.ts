import { describe, expect, it } from "vitest";
import { parseJsonKeepingIds, toDate } from "./zalo-json";

describe("parseJsonKeepingIds", () => {
  it("keeps 19-digit numeric ids exact as strings", () => {
    const text =
      '{"data":{"user_id":4291763606161179100,"ids":[-9223372036854775807,12],"n":3.5e2,"s":"99999999999999999999"}}';
    expect(String(JSON.parse(text).data.user_id)).not.toBe("4291763606161179100"); // plain JSON.parse rounds
    expect(parseJsonKeepingIds(text)).toEqual({
      data: {
        user_id: "4291763606161179100",
        ids: ["-9223372036854775807", 12],
        n: 350,
        s: "99999999999999999999",
      },
    });
  });

  it("does not touch digits inside strings, including escaped quotes", () => {
    const text = '{"a":"x\\"12345678901234567890","b":12345678901234567890}';
    expect(parseJsonKeepingIds(text)).toEqual({ a: 'x"12345678901234567890', b: "12345678901234567890" });
  });

  it("leaves safe integers as numbers and still rejects malformed JSON", () => {
    expect(parseJsonKeepingIds("[9007199254740991, 0, -1]")).toEqual([9007199254740991, 0, -1]);
    expect(() => parseJsonKeepingIds("<html>")).toThrow();
  });
});

describe("toDate", () => {
  it("reads epoch ms, epoch seconds, numeric strings and DD/MM/YYYY (Vietnam time)", () => {
    expect(toDate(1_700_000_000_000)?.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(toDate("1700000000000")?.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(toDate(1_700_000_000)?.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(toDate("27/11/2026")?.toISOString()).toBe("2026-11-26T17:00:00.000Z");
    expect(toDate("2026-11-27T00:00:00Z")?.toISOString()).toBe("2026-11-27T00:00:00.000Z");
    expect(toDate("")).toBeNull();
    expect(toDate("soon")).toBeNull();
    expect(toDate(0)).toBeNull();
    expect(toDate(null)).toBeNull();
  });
});
