import { spawnSync } from "node:child_process";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type JoinPosterInput, renderJoinPoster } from "./join-poster";

const sample: JoinPosterInput = {
  provinceName: "Đồng Nai",
  communeName: "Đồng Tâm",
  hamletName: "Ấp Tân Phú",
  groupName: "Zalo kết nối bình yên – Ấp Tân Phú",
  joinUrl: "https://binhyen.example.vn/join/group/01J9Z8X7C6V5B4N3M2K1",
  leaderName: "Nguyễn Văn Hùng",
  leaderPhone: "0912345678",
  // 18:30 UTC on 30/9 is already 01:30 on 1/10 in Hà Nội.
  generatedAt: new Date("2025-09-30T18:30:00Z"),
};

const longNames: JoinPosterInput = {
  ...sample,
  communeName: "Phường Trấn Biên Mở Rộng Thêm Một Tên Rất Dài Để Thử Xuống Dòng",
  hamletName: "Khu phố Tân Phú Trung Nguyễn Thị Minh Khai Bình Thuận Hòa Hiệp Nhất Nhì Ba",
  groupName: "Nhóm Zalo kết nối bình yên khu phố Tân Phú Trung Nguyễn Thị Minh Khai Bình Thuận Hòa Hiệp",
  joinUrl:
    "https://binhyen.example.vn/join/group/01J9Z8X7C6V5B4N3M2K1?ref=poster&campaign=tan-phu-trung-2025",
  leaderName: "Thiếu tá Nguyễn Trần Phương Hoàng Thị Minh Nguyệt",
  leaderPhone: "+84987654321",
};

/** The PDF's objects are plain text; its content streams are Flate-compressed. */
const latin1 = (pdf: Buffer) => pdf.toString("latin1");

function contentStreams(pdf: Buffer): string[] {
  const out: string[] = [];
  const text = latin1(pdf);
  const re = /\/FlateDecode[^>]*>>\s*stream\r?\n/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endstream", start);
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString("latin1"));
    } catch {
      // Font programs and images are not content streams; skip what does not inflate to text.
    }
  }
  return out;
}

function structure(pdf: Buffer) {
  const text = latin1(pdf);
  return {
    pages: text.match(/\/Type \/Page\b(?!s)/g)?.length ?? 0,
    mediaBoxes: text.match(/\/MediaBox \[[^\]]*\]/g) ?? [],
    fontFiles: text.match(/\/FontFile2/g)?.length ?? 0,
  };
}

/** Width in points of every image drawn (pdfkit places an image with "w 0 0 -h x y cm /I1 Do"). */
function imageWidths(pdf: Buffer): number[] {
  return contentStreams(pdf).flatMap((s) =>
    [...s.matchAll(/([\d.]+) 0 0 -?[\d.]+ [\d.-]+ [\d.-]+ cm\s*\/I\d+ Do/g)].map((m) => Number(m[1])),
  );
}

// poppler-utils is optional: where pdftotext is missing only the structural checks run.
const hasPdftotext = spawnSync("pdftotext", ["-v"]).status === 0;
const hasPdfinfo = spawnSync("pdfinfo", ["-v"]).status === 0;

function pdfText(pdf: Buffer): string {
  const r = spawnSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf });
  expect(r.status).toBe(0);
  return r.stdout.toString("utf8").normalize("NFC");
}

describe("renderJoinPoster", () => {
  it("is a one-page A4 portrait PDF with embedded TrueType fonts and metadata", async () => {
    const pdf = await renderJoinPoster(sample);
    expect(latin1(pdf.subarray(0, 5))).toBe("%PDF-");
    const s = structure(pdf);
    expect(s.pages).toBe(1);
    expect(s.mediaBoxes).toEqual(["/MediaBox [0 0 595.28 841.89]"]);
    expect(s.fontFiles).toBeGreaterThanOrEqual(1);
    // pdfkit stores the metadata strings as UTF-16BE objects; pdfinfo decodes them below.
    expect(latin1(pdf)).toMatch(/\/Title \d+ 0 R/);
    expect(latin1(pdf)).toMatch(/\/Author \d+ 0 R/);
  });

  it.runIf(hasPdfinfo)("sets the title and author in Vietnamese", async () => {
    const r = spawnSync("pdfinfo", ["-enc", "UTF-8", "-"], { input: await renderJoinPoster(sample) });
    const info = r.stdout.toString("utf8").normalize("NFC");
    expect(info).toMatch(/^Title:\s+Tham gia nhóm Zalo kết nối bình yên – Ấp Tân Phú$/m);
    expect(info).toMatch(/^Author:\s+Công an xã Đồng Tâm$/m);
    expect(info).toMatch(/^Pages:\s+1$/m);
    expect(info).toMatch(/^Page size:\s+595.28 x 841.89 pts \(A4\)$/m);
  });

  it("prints the QR code at least 8 cm wide", async () => {
    for (const input of [sample, longNames]) {
      const widths = imageWidths(await renderJoinPoster(input));
      expect(widths).toHaveLength(1);
      expect(widths[0]).toBeGreaterThanOrEqual((8 / 2.54) * 72 - 0.01);
    }
  });

  it("keeps very long names on one page", async () => {
    const pdf = await renderJoinPoster(longNames);
    expect(structure(pdf).pages).toBe(1);
  });

  it.runIf(hasPdftotext)("shows the Vietnamese text with its diacritics", async () => {
    const text = pdfText(await renderJoinPoster(sample));
    expect(text).toContain("CÔNG AN XÃ ĐỒNG TÂM");
    expect(text).toContain("MÔ HÌNH “ZALO KẾT NỐI BÌNH YÊN”");
    expect(text).toContain("THAM GIA NHÓM");
    expect(text).toContain("ẤP TÂN PHÚ");
    expect(text).toContain("Đồng Tâm");
    expect(text).toContain("Mỗi hộ gia đình cử ít nhất 01 người tham gia nhóm");
    expect(text).toContain("KHÔNG đăng trong nhóm");
    expect(text.replace(/\s+/g, " ")).toContain(
      "Trưởng nhóm (Cảnh sát khu vực) Nguyễn Văn Hùng – 0912 345 678",
    );
    expect(text).toContain("Khẩn cấp gọi 113.");
    expect(text).toContain(sample.joinUrl);
    expect(text).toContain("In ngày 01/10/2025");
    for (const step of ["1", "2", "3", "4"]) {
      expect(text).toMatch(new RegExp(`^${step}$`, "m"));
    }
  });

  it.runIf(hasPdftotext)(
    "accepts NFD input and a commune given with its kind, and no leader yet",
    async () => {
      const text = pdfText(
        await renderJoinPoster({
          ...sample,
          communeName: "Phường Trấn Biên".normalize("NFD"),
          hamletName: "Khu phố 5".normalize("NFD"),
          leaderName: "",
          leaderPhone: "",
        }),
      );
      expect(text).toContain("CÔNG AN PHƯỜNG TRẤN BIÊN");
      expect(text).toContain("KHU PHỐ 5");
      expect(text.replace(/\s+/g, " ")).toContain("Trưởng nhóm (Cảnh sát khu vực). Khẩn cấp gọi 113.");
    },
  );
});
