import type { THandoverSnapshot } from "@binhyen/contracts";
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { VN_OFFSET_MS } from "../../core/vn-time";

/**
 * The biên bản bàn giao as DOCX (pure: data in, bytes out). Layout after Decree 30/2020 Appendix I
 * (domain-vn §3, req. 24): A4 portrait, margins 20/20/30/15 mm, Times New Roman everywhere, body
 * 14 pt, the two-column national header, page numbers from page 2. It carries no informant identity
 * and no report description: reports appear by short id, category, state and date only.
 */
export type HandoverRecordInput = {
  provinceName: string;
  communeName: string;
  /** XA | PHUONG | DAC_KHU */
  communeKind: string;
  hamletName: string;
  /** AP | THON | KHU_PHO | TO_DAN_PHO */
  hamletKind: string;
  groupName: string;
  createdAt: Date;
  reason: string;
  fromName: string | null;
  toName: string;
  createdByName: string;
  chiefName: string | null;
  snapshot: THandoverSnapshot;
  confirmations: { from: Date | null; to: Date | null; chief: Date | null };
};

const FONT = "Times New Roman";
/** Half-points, as DOCX counts font sizes. */
const PT13 = 26;
const PT14 = 28;
/** A4 and the margins of Decree 30 in twips (1 mm ≈ 56.7 twips). */
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 851 };
const CONTENT_W = PAGE.width - MARGIN.left - MARGIN.right;

const COMMUNE_WORD: Record<string, string> = { XA: "xã", PHUONG: "phường", DAC_KHU: "đặc khu" };
const HAMLET_WORD: Record<string, string> = {
  AP: "Ấp",
  THON: "Thôn",
  KHU_PHO: "Khu phố",
  TO_DAN_PHO: "Tổ dân phố",
};

export const CATEGORY_LABEL: Record<string, string> = {
  NATIONAL_SECURITY: "An ninh quốc gia",
  CRIME: "Tội phạm",
  SOCIAL_EVIL: "Tệ nạn xã hội",
  LAW_VIOLATION: "Vi phạm pháp luật",
  TRAFFIC_ACCIDENT: "Tai nạn giao thông",
  FIRE_EXPLOSION: "Cháy, nổ",
  RESIDENT_DISPUTE: "Mâu thuẫn trong dân",
  POLICE_CONDUCT: "Phản ánh về cán bộ công an",
  OTHER: "Khác",
};

export const STATE_LABEL: Record<string, string> = {
  RECEIVED: "Đã tiếp nhận",
  ACKNOWLEDGED: "Đã xác nhận tiếp nhận",
  VERIFYING: "Đang kiểm tra, xác minh",
  FORWARDED: "Đã chuyển cơ quan có thẩm quyền",
  HANDLED_IN_COMMUNE: "Giải quyết tại xã",
  NOT_POLICE_MATTER: "Không thuộc thẩm quyền Công an",
  SUSPENDED: "Tạm đình chỉ",
  OUTCOME_RECORDED: "Đã ghi nhận kết quả",
};

const upper = (s: string) => s.toLocaleUpperCase("vi");

/** "xã Đồng Tâm" from ("Đồng Tâm", XA), and a name that already says its kind stays as it is. */
export function communeLabel(name: string, kind: string): { word: string; full: string; place: string } {
  const m = /^(xã|phường|đặc khu|thị trấn)\s+/iu.exec(name);
  const word = m?.[1]?.toLocaleLowerCase("vi") ?? COMMUNE_WORD[kind] ?? "xã";
  const place = m ? name.slice(m[0].length) : name;
  return { word, full: `${word} ${place}`, place };
}

export function provinceLabel(name: string): string {
  return /^(tỉnh|thành phố)\s+/iu.test(name) ? name : `tỉnh ${name}`;
}

export function hamletLabel(name: string, kind: string): string {
  return /^(ấp|thôn|khu phố|tổ dân phố)\s/iu.test(name) ? name : `${HAMLET_WORD[kind] ?? ""} ${name}`.trim();
}

/** Parts of an instant on the Vietnamese wall clock (UTC+7 all year). */
function vnParts(at: Date) {
  const d = new Date(at.getTime() + VN_OFFSET_MS);
  return {
    day: d.getUTCDate(),
    month: d.getUTCMonth() + 1,
    year: d.getUTCFullYear(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Decree 30 date line: the day gets a leading zero below 10, the month only for January and
 * February (domain-vn req. 25): "Đồng Tâm, ngày 05 tháng 01 năm 2026", "…ngày 29 tháng 9 năm 2025".
 */
export function vnDateLine(place: string, at: Date): string {
  const p = vnParts(at);
  const month = p.month <= 2 ? pad(p.month) : String(p.month);
  return `${place}, ngày ${pad(p.day)} tháng ${month} năm ${p.year}`;
}

/** "14 giờ 05 phút, ngày 03/02/2026" */
export function vnDateTime(at: Date): string {
  const p = vnParts(at);
  return `${pad(p.hour)} giờ ${pad(p.minute)} phút, ngày ${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

const vnDay = (at: Date) => {
  const p = vnParts(at);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
};

type RunStyle = { bold?: boolean; italics?: boolean; size?: number };

const run = (text: string, s: RunStyle = {}) =>
  new TextRun({ text, font: FONT, size: s.size ?? PT14, bold: s.bold ?? false, italics: s.italics ?? false });

const para = (
  text: string | TextRun[],
  opts: RunStyle & {
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    indent?: boolean;
    after?: number;
    rule?: { inset: number };
  } = {},
) =>
  new Paragraph({
    children: typeof text === "string" ? [run(text, opts)] : text,
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: { after: opts.after ?? 120, line: 300 },
    ...(opts.indent ? { indent: { firstLine: 567 } } : {}),
    // A short rule under a header line: the paragraph's bottom border, narrowed by equal insets.
    ...(opts.rule
      ? {
          border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
          indent: { left: opts.rule.inset, right: opts.rule.inset },
        }
      : {}),
  });

const cell = (children: Paragraph[], width: number, shade = false) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    ...(shade ? { shading: { fill: "EDEDED" } } : {}),
    children,
  });

const cellText = (text: string, width: number, s: RunStyle & { center?: boolean } = {}) =>
  cell(
    [
      new Paragraph({
        alignment: s.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { before: 40, after: 40 },
        children: [run(text, { size: PT13, ...s })],
      }),
    ],
    width,
    s.bold === true,
  );

/** A bordered data table: a bold header row, then one row per item. */
function dataTable(widths: number[], head: string[], rows: string[][], centred: boolean[]): Table {
  return new Table({
    width: { size: CONTENT_W, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: head.map((h, i) => cellText(h, widths[i] ?? 0, { bold: true, center: true })),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.map((v, i) => cellText(v, widths[i] ?? 0, { center: centred[i] ?? false })),
          }),
      ),
    ],
  });
}

function nationalHeader(input: HandoverRecordInput): Table {
  const left = 3900;
  const right = CONTENT_W - left;
  const commune = communeLabel(input.communeName, input.communeKind);
  const parent = upper(`Công an ${provinceLabel(input.provinceName)}`);
  const issuer = upper(`Công an ${commune.full}`);
  const center = AlignmentType.CENTER;
  return new Table({
    width: { size: CONTENT_W, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              para(parent, { size: PT13, align: center, after: 0 }),
              para(issuer, { size: PT13, bold: true, align: center, after: 0, rule: { inset: 1100 } }),
            ],
            left,
          ),
          cell(
            [
              para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { size: PT13, bold: true, align: center, after: 0 }),
              para("Độc lập - Tự do - Hạnh phúc", {
                bold: true,
                align: center,
                after: 0,
                rule: { inset: 1250 },
              }),
            ],
            right,
          ),
        ],
      }),
      new TableRow({
        children: [
          cell([para("", { size: PT13, align: center })], left),
          cell(
            [para(vnDateLine(commune.place, input.createdAt), { italics: true, align: center, after: 0 })],
            right,
          ),
        ],
      }),
    ],
  });
}

function signatures(input: HandoverRecordInput, chiefTitle: string): Table {
  const w = Math.floor(CONTENT_W / 3);
  const column = (title: string, name: string | null, at: Date | null) =>
    cell(
      [
        para(title, { bold: true, align: AlignmentType.CENTER, after: 0 }),
        para(at ? `(Đã xác nhận lúc ${vnDateTime(at)})` : "(Chưa xác nhận)", {
          italics: true,
          size: PT13,
          align: AlignmentType.CENTER,
          after: 0,
        }),
        para("", { after: 0 }),
        para("", { after: 0 }),
        para("", { after: 0 }),
        para(name ?? "", { bold: true, align: AlignmentType.CENTER, after: 0 }),
      ],
      w,
    );
  return new Table({
    width: { size: CONTENT_W, type: WidthType.DXA },
    columnWidths: [w, w, CONTENT_W - 2 * w],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          column("NGƯỜI GIAO", input.fromName, input.confirmations.from),
          column("NGƯỜI NHẬN", input.toName, input.confirmations.to),
          column(chiefTitle, input.chiefName, input.confirmations.chief),
        ],
      }),
    ],
  });
}

export function recordTitle(input: Pick<HandoverRecordInput, "hamletName" | "hamletKind">): string {
  return upper(
    `Biên bản bàn giao nhóm Zalo kết nối bình yên ${hamletLabel(input.hamletName, input.hamletKind)}`,
  );
}

export async function buildHandoverRecord(input: HandoverRecordInput): Promise<Buffer> {
  const s = input.snapshot;
  const commune = communeLabel(input.communeName, input.communeKind);
  const hamlet = hamletLabel(input.hamletName, input.hamletKind);
  const communePolice = `Công an ${commune.full}`;
  const chiefTitle = upper(`Trưởng Công an ${commune.word}`);
  const center = AlignmentType.CENTER;
  const heading = (text: string) => para(text, { bold: true, after: 120 });

  const reportRows = s.openReports.items.map((r, i) => [
    String(i + 1),
    r.shortId,
    CATEGORY_LABEL[r.category] ?? r.category,
    STATE_LABEL[r.state] ?? r.state,
    vnDay(new Date(r.receivedAt)),
  ]);
  const memberRows = s.members.householdRepresentatives.map((name, i) => [String(i + 1), name]);

  const body = [
    nationalHeader(input),
    para("", { after: 240 }),
    para(recordTitle(input), { bold: true, align: center, after: 240 }),
    para(
      `Hôm nay, vào lúc ${vnDateTime(input.createdAt)}, tại ${communePolice}, thực hiện việc bàn giao nhóm ` +
        `"${input.groupName}", chúng tôi gồm:`,
      { indent: true },
    ),
    para(
      `- Người giao: ${input.fromName ?? "(nhóm chưa có Trưởng nhóm)"}, Trưởng nhóm (Cảnh sát khu vực) ${hamlet};`,
      {
        indent: true,
      },
    ),
    para(`- Người nhận: ${input.toName}, cán bộ ${communePolice}, được phân công làm Trưởng nhóm;`, {
      indent: true,
    }),
    para(
      `- Chứng kiến: ${input.chiefName ?? "…"}, Trưởng ${communePolice}; người tổ chức bàn giao: ${input.createdByName}.`,
      { indent: true },
    ),
    para(`Lý do bàn giao: ${input.reason}`, { indent: true }),
    heading("I. TÌNH HÌNH NHÓM TẠI THỜI ĐIỂM BÀN GIAO"),
    dataTable(
      [700, CONTENT_W - 700 - 1800, 1800],
      ["STT", "Nội dung", "Số lượng"],
      [
        ["1", "Thành viên đang tham gia nhóm", String(s.members.count)],
        ["2", "Trong đó: đại diện hộ gia đình", String(s.members.householdRepresentatives.length)],
        ["3", "Tin báo, hồ sơ đang xử lý", String(s.openReports.count)],
        ["4", "Hồ sơ chuyển từ người giao sang người nhận", String(s.movedReports)],
        ["5", "Bài viết của thành viên đang chờ duyệt", String(s.heldPosts)],
        ["6", "Lời mời hộ gia đình còn hiệu lực, chưa sử dụng", String(s.pendingInvites)],
        ["7", "Yêu cầu tham gia nhóm đang chờ xử lý", String(s.pendingJoinRequests)],
      ],
      [true, false, true],
    ),
    para("", { after: 120 }),
    heading("II. TIN BÁO, HỒ SƠ ĐANG XỬ LÝ"),
    para(
      "Biên bản không ghi danh tính người báo tin và nội dung tin báo; chi tiết từng hồ sơ xem trên hệ thống theo mã hồ sơ.",
      { italics: true, indent: true, size: PT13 },
    ),
    ...(reportRows.length > 0
      ? [
          dataTable(
            [700, 1500, 2500, CONTENT_W - 700 - 1500 - 2500 - 1700, 1700],
            ["STT", "Mã hồ sơ", "Loại tin", "Trạng thái", "Ngày tiếp nhận"],
            reportRows,
            [true, true, false, false, true],
          ),
        ]
      : [para("Không có tin báo, hồ sơ đang xử lý.", { indent: true })]),
    para("", { after: 120 }),
    heading("III. DANH SÁCH ĐẠI DIỆN HỘ GIA ĐÌNH TRONG NHÓM"),
    ...(memberRows.length > 0
      ? [dataTable([700, CONTENT_W - 700], ["STT", "Họ và tên"], memberRows, [true, false])]
      : [para("Chưa có đại diện hộ gia đình nào tham gia nhóm.", { indent: true })]),
    para("", { after: 120 }),
    heading("IV. TRÁCH NHIỆM SAU BÀN GIAO"),
    para(
      "Kể từ thời điểm bàn giao, người nhận chịu trách nhiệm quản lý nhóm, duyệt bài viết, tiếp nhận và xử lý " +
        "các tin báo, hồ sơ nêu trên; người giao không còn quyền truy cập tin báo của nhóm.",
      { indent: true },
    ),
    para(
      `Biên bản được lập trên hệ thống Bình Yên lúc ${vnDateTime(input.createdAt)}; các bên xác nhận trên hệ ` +
        "thống, thời điểm xác nhận ghi dưới chữ ký.",
      { indent: true, after: 240 },
    ),
    signatures(input, chiefTitle),
  ];

  const doc = new Document({
    creator: "Bình Yên",
    title: recordTitle(input),
    description: `Biên bản bàn giao nhóm ${input.groupName}`,
    styles: { default: { document: { run: { font: FONT, size: PT14 } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: PAGE, margin: { ...MARGIN, header: 567, footer: 567 } },
        },
        headers: {
          // Decree 30: page numbers centred in the top margin, from page 2 on.
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: center,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: PT13 })],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
