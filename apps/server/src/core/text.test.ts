import { describe, expect, it } from "vitest";
import {
  compareVietnameseNames,
  likePattern,
  searchKey,
  sortByVietnameseName,
  vietnameseSortKey,
} from "./text";

describe("Vietnamese text", () => {
  it("folds diacritics and đ for search (req. 37)", () => {
    expect(searchKey("Đồng Tâm")).toBe("dong tam");
    expect(searchKey("Hòa")).toBe(searchKey("Hoà"));
    expect(searchKey("  Nguyễn   Văn  A ")).toBe("nguyen van a");
    expect(searchKey("Ắ Ố Ứ")).toBe("a o u");
    // An NFD query finds an NFC record.
    expect(searchKey("Nguyễn".normalize("NFD"))).toBe(searchKey("Nguyễn".normalize("NFC")));
  });

  it("escapes LIKE wildcards", () => {
    expect(likePattern("50%_x")).toBe("%50\\%\\_x%");
  });

  it("sorts by given name, then middle, then family (req. 38, exact order)", () => {
    const names = [
      "Hoàng Đức",
      "Vũ Văn Dũng",
      "Trần Văn Bình",
      "Phạm Văn Ân",
      "Lê Ánh",
      "Đỗ Thị Anh",
      "Nguyễn Văn An",
      "Nguyễn Thị An",
    ];
    expect(sortByVietnameseName(names, (n) => n)).toEqual([
      "Nguyễn Thị An",
      "Nguyễn Văn An",
      "Đỗ Thị Anh",
      "Lê Ánh",
      "Phạm Văn Ân",
      "Trần Văn Bình",
      "Vũ Văn Dũng",
      "Hoàng Đức",
    ]);
    expect(compareVietnameseNames("Nguyễn Văn An", "Nguyễn Văn An")).toBe(0);
  });
});

describe("vietnameseSortKey", () => {
  const FAMILY = ["Nguyễn", "Trần", "Lê", "Đỗ", "Đinh", "Hồ", "Âu", "Ưng", "Ông", "Ơn", "An"];
  const MIDDLE = ["", "Văn", "Thị", "Thị Thu", "Hữu", "Đức", "Ánh", "Anh"];
  const GIVEN = [
    "An",
    "Àn",
    "Ạn",
    "Anh",
    "Ảnh",
    "Ánh",
    "Ăn",
    "Ân",
    "Bình",
    "Dung",
    "Dũng",
    "Đức",
    "Hoa",
    "Hoà",
    "Hòa",
    "On",
    "Ôn",
    "Ơn",
    "Uyên",
    "Ưng",
    "Yến",
    "Ý",
  ];
  const names: string[] = [];
  for (const f of FAMILY) {
    for (const m of MIDDLE) {
      for (const g of GIVEN) {
        names.push([f, m, g].filter(Boolean).join(" "));
      }
    }
  }

  it("orders exactly like compareVietnameseNames (byte order of the keys)", () => {
    const byKey = [...names].sort((a, b) => {
      const ka = vietnameseSortKey(a);
      const kb = vietnameseSortKey(b);
      return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : a > b ? 1 : 0;
    });
    const byCollator = sortByVietnameseName(names, (n) => n);
    expect(byKey).toEqual(byCollator);
  });
});
