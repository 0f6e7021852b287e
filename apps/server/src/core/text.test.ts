import { describe, expect, it } from "vitest";
import { compareVietnameseNames, likePattern, searchKey, sortByVietnameseName } from "./text";

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
