import { describe, expect, it } from "vitest";
import { interpolate, type Translate } from "../../i18n/i18n-context";
import { vi } from "../../i18n/vi";
import {
  availableAssets,
  deliveryStatusLabel,
  expiryText,
  filterFollowers,
  groupStatusLabel,
  isBotToken,
  isZaloId,
  packageCeiling,
  packageLabel,
  roleLabel,
  timeLeft,
  timeLeftText,
  unlinkedGroups,
} from "./zalo-format";

const t: Translate = (key, params) => interpolate(vi[key], params);
const NOW = Date.parse("2026-03-02T07:00:00+07:00");
const HOUR = 3_600_000;
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe("time left before an expiry", () => {
  it("counts minutes under an hour, hours under two days, days beyond", () => {
    expect(timeLeft(at(25 * 60_000), NOW)).toEqual({ unit: "minutes", count: 25 });
    expect(timeLeft(at(20 * HOUR + 59 * 60_000), NOW)).toEqual({ unit: "hours", count: 20 });
    expect(timeLeft(at(47 * HOUR), NOW)).toEqual({ unit: "hours", count: 47 });
    expect(timeLeft(at(90 * 24 * HOUR + HOUR), NOW)).toEqual({ unit: "days", count: 90 });
  });

  it("says expired at or after the time, and never less than a minute before", () => {
    expect(timeLeft(at(0), NOW)).toEqual({ unit: "expired" });
    expect(timeLeft(at(-HOUR), NOW)).toEqual({ unit: "expired" });
    expect(timeLeft(at(10_000), NOW)).toEqual({ unit: "minutes", count: 1 });
    expect(timeLeft("not a date", NOW)).toBeNull();
  });

  it("reads it in Vietnamese, with the time in Asia/Ho_Chi_Minh", () => {
    expect(timeLeftText(at(20 * HOUR), NOW, t)).toBe("còn 20 giờ");
    expect(timeLeftText(at(3 * 24 * HOUR), NOW, t)).toBe("còn 3 ngày");
    expect(timeLeftText(at(-1), NOW, t)).toBe("đã hết hạn");
    expect(timeLeftText(null, NOW, t)).toBe("");
    expect(expiryText("2026-03-03T03:00:00+07:00", NOW, t)).toBe("03:00 03/03/2026 (còn 20 giờ)");
    expect(expiryText(null, NOW, t)).toBe("—");
  });
});

describe("follower filter", () => {
  const followers = [
    { zaloUserId: "111", displayName: "Nguyễn Thị Hòa", lastInteraction: null },
    { zaloUserId: "222", displayName: "Trần Văn Đức", lastInteraction: "01/03/2026" },
    { zaloUserId: "333", displayName: "Lê Hoà Bình", lastInteraction: null },
  ];

  it("ignores accents, case and word order", () => {
    expect(filterFollowers(followers, "hoa").map((f) => f.zaloUserId)).toEqual(["111", "333"]);
    expect(filterFollowers(followers, "duc tran").map((f) => f.zaloUserId)).toEqual(["222"]);
    expect(filterFollowers(followers, "HÒA").map((f) => f.zaloUserId)).toEqual(["111", "333"]);
  });

  it("finds a Zalo id, and everyone for an empty query", () => {
    expect(filterFollowers(followers, "222").map((f) => f.zaloUserId)).toEqual(["222"]);
    expect(filterFollowers(followers, "  ")).toHaveLength(3);
    expect(filterFollowers(followers, "xyz")).toEqual([]);
  });
});

describe("packages and groups", () => {
  const inventory = {
    assets: [
      { assetId: "a1", productType: "gmf50", status: "available", validThrough: null, usedBy: null },
      { assetId: "a2", productType: "gmf100", status: "used", validThrough: null, usedBy: "g1" },
      { assetId: "a3", productType: "gmf10", status: "available", validThrough: null, usedBy: "g2" },
    ],
    groups: [
      {
        zaloGroupId: "g1",
        name: "Ấp 1",
        status: "enabled",
        totalMember: 40,
        maxMember: 100,
        groupLink: null,
        linkedGroupId: "x",
        linkedGroupName: "Ấp 1",
      },
      {
        zaloGroupId: "g2",
        name: "Ấp 2",
        status: "disabled",
        totalMember: 3,
        maxMember: 10,
        groupLink: null,
        linkedGroupId: null,
        linkedGroupName: null,
      },
    ],
  };

  it("offers only free packages and unlinked groups", () => {
    expect(availableAssets(inventory).map((a) => a.assetId)).toEqual(["a1"]);
    expect(unlinkedGroups(inventory).map((g) => g.zaloGroupId)).toEqual(["g2"]);
  });

  it("names a package by its member ceiling", () => {
    expect(packageCeiling("gmf1000")).toBe(1000);
    expect(packageCeiling("premium")).toBeNull();
    expect(packageLabel("gmf50", t)).toBe("Gói GMF 50 (tối đa 50 thành viên)");
    expect(packageLabel("premium", t)).toBe("premium");
    expect(packageLabel(null, t)).toBe("—");
  });

  it("labels statuses, keeping unknown codes as Zalo sent them", () => {
    expect(groupStatusLabel("enabled", t)).toBe("Đang hoạt động");
    expect(groupStatusLabel("disabled", t)).toBe("Đã tắt — gói hết hạn");
    expect(groupStatusLabel("weird", t)).toBe("weird");
    expect(deliveryStatusLabel("delivered", t)).toBe("Đã gửi");
    expect(deliveryStatusLabel("pending", t)).toBe("Đang gửi");
    expect(deliveryStatusLabel("failed", t)).toBe("Lỗi");
    expect(deliveryStatusLabel("queued", t)).toBe("queued");
    expect(roleLabel("GROUP_LEADER", t)).toBe("Trưởng nhóm");
    expect(roleLabel("SOMETHING", t)).toBe("SOMETHING");
  });
});

describe("input checks as the contract has them", () => {
  it("accepts digits-only Zalo ids", () => {
    expect(isZaloId("1234567890")).toBe(true);
    expect(isZaloId(" 42 ")).toBe(true);
    expect(isZaloId("12a")).toBe(false);
    expect(isZaloId("")).toBe(false);
  });

  it("accepts bot tokens of the form <id>:<secret>", () => {
    expect(isBotToken("123456789:abc-DEF_ghij")).toBe(true);
    expect(isBotToken("123:short")).toBe(false);
    expect(isBotToken("abc:abcdefghij")).toBe(false);
  });
});
