import JSZip from "jszip";
/**
 * The dossier (hồ sơ) sent to the province with the review report: the report as DOCX and PDF, the
 * tables as XLSX, and the list of the commune's groups (hamlet, group, leader, members, coverage) as
 * CSV. Pure: bytes and rows in, ZIP bytes out. The list names only the leaders (officers' work
 * names); members are counted, never listed.
 */
export type DossierGroupRow = {
  hamletName: string;
  groupName: string;
  leaderName: string | null;
  members: number;
  householdsCovered: number;
  householdsTotal: number;
  coveragePct: number | null;
};

export type DossierInput = {
  fileStem: string;
  docx: Buffer;
  pdf: Buffer;
  xlsx: Buffer;
  groups: DossierGroupRow[];
  /** Fixed timestamps inside the archive (the issue date), so a dossier rebuilds byte-identical. */
  date: Date;
};

const GROUP_HEADERS = [
  "STT",
  "Ấp, thôn",
  "Nhóm",
  "Trưởng nhóm",
  "Số thành viên",
  "Hộ tham gia",
  "Tổng số hộ",
  "Tỷ lệ bao phủ (%)",
];

/** RFC 4180 quoting; a leading = + - @ is neutralised so that a spreadsheet never runs it as a formula. */
export function csvField(value: string | number | null): string {
  let s = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) {
    s = `'${s}`;
  }
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a byte-order mark (Excel otherwise reads Vietnamese as Windows-1258 mojibake), CRLF. */
export function groupsCsv(rows: readonly DossierGroupRow[]): Buffer {
  const lines = [GROUP_HEADERS.map(csvField).join(",")];
  rows.forEach((r, i) => {
    lines.push(
      [
        i + 1,
        r.hamletName,
        r.groupName,
        r.leaderName ?? "",
        r.members,
        r.householdsCovered,
        r.householdsTotal,
        // A dot decimal: the CSV is read by programs as much as by people.
        r.coveragePct === null ? "" : r.coveragePct.toFixed(1),
      ]
        .map(csvField)
        .join(","),
    );
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8")]);
}

export function dossierFileNames(stem: string) {
  return {
    docx: `${stem}.docx`,
    pdf: `${stem}.pdf`,
    xlsx: `${stem}-bang-so-lieu.xlsx`,
    groups: "danh-sach-nhom.csv",
  };
}

export async function buildDossier(input: DossierInput): Promise<Buffer> {
  const zip = new JSZip();
  const names = dossierFileNames(input.fileStem);
  const opts = { date: input.date, binary: true } as const;
  zip.file(names.docx, input.docx, opts);
  zip.file(names.pdf, input.pdf, opts);
  zip.file(names.xlsx, input.xlsx, opts);
  zip.file(names.groups, groupsCsv(input.groups), opts);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
