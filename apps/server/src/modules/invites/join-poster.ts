import { createRequire } from "node:module";
import path from "node:path";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { nfc } from "../../core/text";

/**
 * The printable A4 poster pinned up in the hamlet (cultural house, shops) that leads residents to
 * the join page. Pure: input in, PDF bytes out. It carries no personal data besides the group
 * leader's work name and phone, which the plan wants public.
 */
export type JoinPosterInput = {
  provinceName: string;
  communeName: string;
  hamletName: string;
  groupName: string;
  joinUrl: string;
  leaderName: string;
  leaderPhone: string;
  generatedAt: Date;
};

// pdfkit needs TrueType files: it crashes on the WOFF fonts the web app ships.
const FONT_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")),
  "ttf",
);
const REGULAR = path.join(FONT_DIR, "DejaVuSans.ttf");
const BOLD = path.join(FONT_DIR, "DejaVuSans-Bold.ttf");

const BLUE = "#0b3d91";
const LIGHT_BLUE = "#e8eef9";
const RED = "#b3261e";
const LIGHT_RED = "#fdeceb";
const GREY = "#5f6368";
const YELLOW = "#ffd54f";
const WHITE = "#ffffff";
const TEXT = "#1b1b1b";

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN = 42;
const CONTENT_W = PAGE_W - 2 * MARGIN;
const CM = 72 / 2.54;

type Doc = PDFKit.PDFDocument;
type Font = "regular" | "bold";

/**
 * "Đồng Tâm" → "xã Đồng Tâm"; a name that already starts with its kind (xã, phường, đặc khu) keeps
 * that word, lower-cased for use inside a sentence.
 */
function communeLabel(name: string): string {
  const kind = /^(xã|phường|đặc khu|thị trấn)\s+/iu.exec(name);
  return kind ? `${kind[1]?.toLocaleLowerCase("vi")} ${name.slice(kind[0].length)}` : `xã ${name}`;
}

/** "0912345678" or "+84912345678" → "0912 345 678", as people write it; anything else as given. */
function displayPhone(phone: string): string {
  const digits = phone.replace(/[\s.\-()]/g, "");
  const national = digits.startsWith("+84") ? `0${digits.slice(3)}` : digits;
  if (/^0\d{9}$/.test(national)) {
    return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
  }
  return phone;
}

/** dd/mm/yyyy on the Vietnamese calendar day, whatever the server's time zone. */
function vnDate(d: Date): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")}`;
}

/** The largest size from `max` down to `min` at which `text` fits `width` in at most `lines` lines. */
function fitSize(
  doc: Doc,
  text: string,
  font: Font,
  max: number,
  min: number,
  width: number,
  lines: number,
): number {
  doc.font(font);
  for (let size = max; size > min; size -= 1) {
    doc.fontSize(size);
    if (doc.heightOfString(text, { width }) <= lines * doc.currentLineHeight(true) + 0.5) {
      return size;
    }
  }
  return min;
}

/** Writes centred text at y and returns the y below it. */
function centred(
  doc: Doc,
  text: string,
  y: number,
  style: { font: Font; size: number; color: string; width?: number; maxLines?: number },
): number {
  const width = style.width ?? CONTENT_W;
  doc.font(style.font).fontSize(style.size).fillColor(style.color);
  const options: PDFKit.Mixins.TextOptions = { width, align: "center" };
  if (style.maxLines !== undefined) {
    // Cut what does not fit with "…" rather than push the rest of the poster down.
    options.height = style.maxLines * doc.currentLineHeight(true);
    options.ellipsis = true;
  }
  const h = Math.min(
    doc.heightOfString(text, { width, align: "center" }),
    options.height ?? Number.POSITIVE_INFINITY,
  );
  doc.text(text, (PAGE_W - width) / 2, y, options);
  return y + h;
}

type Run = { text: string; font: Font; color: string };

/** A paragraph of runs in several fonts and colours, wrapped as one. */
function writeRuns(doc: Doc, runs: readonly Run[], x: number, y: number, width: number, size: number): void {
  runs.forEach((run, i) => {
    doc.font(run.font).fontSize(size).fillColor(run.color);
    const continued = i < runs.length - 1;
    if (i === 0) {
      doc.text(run.text, x, y, { width, continued, lineGap: 2 });
    } else {
      doc.text(run.text, { continued, lineGap: 2 });
    }
  });
}

function newDocument(info: PDFKit.DocumentInfo = {}): Doc {
  const doc = new PDFDocument({ size: "A4", margin: 0, info });
  doc.registerFont("regular", REGULAR);
  doc.registerFont("bold", BOLD);
  return doc;
}

/**
 * Height of a mixed-font paragraph: pdfkit cannot measure continued text, so it is laid out on a
 * scratch document and the cursor read back.
 */
function runsHeight(runs: readonly Run[], width: number, size: number): number {
  const scratch = newDocument();
  writeRuns(scratch, runs, 0, 0, width, size);
  const h = scratch.y;
  scratch.end();
  return h;
}

const STEPS = [
  "Mở camera điện thoại hoặc Zalo (chọn Quét mã QR) và quét mã ở trên.",
  "Đọc giới thiệu: nhóm dùng để làm gì và nội quy của nhóm.",
  "Đánh dấu đồng ý và bấm Gửi.",
  "Cảnh sát khu vực xác nhận hộ gia đình của bạn, rồi thêm bạn vào nhóm.",
];
const STEP_INDENT = 36;
const BOX_PAD = 14;
const FOOTER_Y = PAGE_H - 44;
const QR_MIN = 8 * CM;
const QR_MAX = 10 * CM;

export async function renderJoinPoster(input: JoinPosterInput): Promise<Buffer> {
  const commune = nfc(input.communeName).trim();
  const hamlet = nfc(input.hamletName).trim();
  const province = nfc(input.provinceName).trim();
  const groupName = nfc(input.groupName).trim();
  const leaderName = nfc(input.leaderName).trim();
  const leaderPhone = displayPhone(nfc(input.leaderPhone).trim());
  const url = input.joinUrl.trim();

  // Error correction M survives a smudge or a drawing pin and keeps the modules large.
  const qr = await QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 1, width: 900 });

  const doc = newDocument({
    Title: `Tham gia nhóm Zalo kết nối bình yên – ${hamlet}`,
    Author: `Công an ${communeLabel(commune)}`,
    Subject: "Áp phích mời hộ gia đình tham gia nhóm",
    Creator: "Bình Yên",
    CreationDate: input.generatedAt,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  // Measure first, so the QR code takes the height that is left (8 to 10 cm) and nothing ever
  // spills onto a second page. Long names shrink their own line, not the rest of the poster.
  const headerTitle = `CÔNG AN ${communeLabel(commune)}`.toLocaleUpperCase("vi");
  const headerSize = fitSize(doc, headerTitle, "bold", 22, 10, CONTENT_W, 1);
  const hamletUpper = hamlet.toLocaleUpperCase("vi");
  const hamletSize = fitSize(doc, hamletUpper, "bold", 38, 16, CONTENT_W, 2);
  const place = [groupName, [communeLabel(commune), province].filter((v) => v !== "").join(", ")]
    .filter((v) => v !== "")
    .join(" · ");
  const placeSize = fitSize(doc, place, "regular", 12, 8, CONTENT_W, 1);
  const urlSize = fitSize(doc, url, "regular", 12, 7, CONTENT_W, 1);
  const leader = [leaderName, leaderPhone].filter((v) => v !== "").join(" – ");
  const note: Run[] = [
    { text: "Thông tin tố giác, tin báo về tội phạm: ", font: "bold", color: TEXT },
    { text: "KHÔNG", font: "bold", color: RED },
    { text: " đăng trong nhóm — ", font: "regular", color: TEXT },
    {
      text: `nhắn riêng hoặc gọi cho Trưởng nhóm (Cảnh sát khu vực)${leader ? ` ${leader}` : ""}. `,
      font: "regular",
      color: TEXT,
    },
    { text: "Khẩn cấp gọi 113.", font: "bold", color: RED },
  ];
  const household = "Mỗi hộ gia đình cử ít nhất 01 người tham gia nhóm";
  const householdSize = fitSize(doc, household, "bold", 16, 10, CONTENT_W - 2 * BOX_PAD, 1);

  const height = (text: string, font: Font, size: number, width = CONTENT_W) =>
    doc.font(font).fontSize(size).heightOfString(text, { width, align: "center" });
  const headerH = 24 + height(headerTitle, "bold", headerSize) + 8 + height("M", "bold", 15) + 20;
  const titleH =
    18 +
    height("THAM GIA NHÓM", "bold", 22) +
    2 +
    Math.min(
      height(hamletUpper, "bold", hamletSize),
      2 * doc.font("bold").fontSize(hamletSize).currentLineHeight(true),
    );
  const placeH = 4 + doc.font("regular").fontSize(placeSize).currentLineHeight(true);
  const urlH = height(url, "regular", urlSize);
  let stepSize = 13;
  let stepHeights: number[] = [];
  let noteH = 0;
  let slack = 0;
  // Normal names fit at 13 pt with room to spare; only extreme ones need the smaller sizes.
  for (stepSize of [13, 12, 11]) {
    doc.font("regular").fontSize(stepSize);
    stepHeights = STEPS.map((step) =>
      Math.max(doc.heightOfString(step, { width: CONTENT_W - STEP_INDENT }), 24),
    );
    noteH = runsHeight(note, CONTENT_W - 2 * BOX_PAD, stepSize) + 2 * BOX_PAD;
    const fixed =
      headerH +
      titleH +
      placeH +
      (20 + QR_MIN + 18 + urlH) +
      (14 + 24 + stepHeights.reduce((sum, h) => sum + h + 6, 0)) +
      (12 + 40) +
      (12 + noteH);
    slack = FOOTER_Y - 12 - fixed;
    if (slack >= 0) {
      break;
    }
  }
  const qrSize = QR_MIN + Math.min(Math.max(slack, 0) * 0.6, QR_MAX - QR_MIN);
  const spare = Math.max(slack, 0) - (qrSize - QR_MIN);
  const gap = Math.min(spare / 3, 16);

  // Header band.
  doc.rect(0, 0, PAGE_W, headerH).fill(BLUE);
  doc.rect(0, headerH, PAGE_W, 4).fill(YELLOW);
  let y = centred(doc, headerTitle, 24, { font: "bold", size: headerSize, color: WHITE });
  centred(doc, "MÔ HÌNH “ZALO KẾT NỐI BÌNH YÊN”", y + 8, { font: "bold", size: 15, color: YELLOW });

  // Title: the hamlet name is the biggest thing on the page.
  y = centred(doc, "THAM GIA NHÓM", headerH + 18 + gap, { font: "bold", size: 22, color: BLUE });
  y = centred(doc, hamletUpper, y + 2, { font: "bold", size: hamletSize, color: BLUE, maxLines: 2 });
  y = centred(doc, place, y + 4, { font: "regular", size: placeSize, color: GREY, maxLines: 1 });

  // QR code with the link under it (at least 8 cm: it is scanned off a wall at arm's length).
  const qrX = (PAGE_W - qrSize) / 2;
  const qrY = y + 20 + gap;
  doc
    .lineWidth(2)
    .roundedRect(qrX - 10, qrY - 10, qrSize + 20, qrSize + 20, 12)
    .stroke(BLUE);
  doc.image(qr, qrX, qrY, { width: qrSize, height: qrSize });
  y = centred(doc, url, qrY + qrSize + 18, { font: "regular", size: urlSize, color: TEXT });

  // Steps.
  y += 14 + gap;
  doc.font("bold").fontSize(14).fillColor(BLUE).text("CÁCH THAM GIA", MARGIN, y, { width: CONTENT_W });
  y += 24;
  STEPS.forEach((step, i) => {
    doc.circle(MARGIN + 12, y + 10, 12).fill(BLUE);
    doc
      .font("bold")
      .fontSize(12)
      .fillColor(WHITE)
      .text(String(i + 1), MARGIN, y + 3, { width: 24, align: "center" });
    doc
      .font("regular")
      .fontSize(stepSize)
      .fillColor(TEXT)
      .text(step, MARGIN + STEP_INDENT, y + 3, { width: CONTENT_W - STEP_INDENT });
    y += (stepHeights[i] ?? 24) + 6;
  });

  // One person per household.
  y += 12;
  doc.lineWidth(1.5).roundedRect(MARGIN, y, CONTENT_W, 40, 8).fillAndStroke(LIGHT_BLUE, BLUE);
  const householdTextH = height(household, "bold", householdSize, CONTENT_W - 2 * BOX_PAD);
  centred(doc, household, y + (40 - householdTextH) / 2 + 1, {
    font: "bold",
    size: householdSize,
    color: BLUE,
    width: CONTENT_W - 2 * BOX_PAD,
  });
  y += 40 + 12;

  // Confidentiality: tips go to the area officer privately, never into the group.
  doc.lineWidth(1.5).roundedRect(MARGIN, y, CONTENT_W, noteH, 8).fillAndStroke(LIGHT_RED, RED);
  writeRuns(doc, note, MARGIN + BOX_PAD, y + BOX_PAD, CONTENT_W - 2 * BOX_PAD, stepSize);

  // Footer, pinned to the bottom of the page.
  const footer = `Công an ${communeLabel(commune)}${province ? `, ${province}` : ""} · In ngày ${vnDate(input.generatedAt)}`;
  doc
    .lineWidth(0.5)
    .moveTo(MARGIN, FOOTER_Y)
    .lineTo(PAGE_W - MARGIN, FOOTER_Y)
    .stroke(GREY);
  centred(doc, footer, FOOTER_Y + 10, {
    font: "regular",
    size: fitSize(doc, footer, "regular", 9, 6, CONTENT_W, 1),
    color: GREY,
    maxLines: 1,
  });

  doc.end();
  return done;
}
