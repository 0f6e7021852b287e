import {
  changeText,
  metric,
  metricValue,
  type ReviewData,
  type ReviewMetric,
  round1,
  sumCurrent,
  sumPrevious,
} from "./review-report-data";

/**
 * The indicator tables of the review report, built once from the data and printed by every format:
 * the DOCX and the PDF print `text`, the spreadsheet writes `value` (numbers stay numbers). So the
 * three files cannot disagree on a number.
 */
export type TableCell = { text: string; value: number | string | null; unit?: ReviewMetric["unit"] };
export type TableColumn = { header: string; weight: number; align: "left" | "center" | "right" };
export type ReviewTable = {
  key: string;
  /** "Bảng 1. …" */
  title: string;
  /** Spreadsheet tab (≤ 31 characters, no []:*?/\). */
  sheet: string;
  columns: TableColumn[];
  rows: TableCell[][];
  /** A bold last row (the commune total), when the table has one. */
  total?: TableCell[];
};

const num = (n: number | null, unit: ReviewMetric["unit"] = "count"): TableCell => ({
  text: metricValue(n, unit),
  value: n,
  unit,
});
/** "X/Y" prints as such and stays text in the spreadsheet (a fraction is not a number to add up). */
const share = (n: number | null, of: number | null | undefined): TableCell =>
  n === null || of === null || of === undefined ? num(n) : txt(metricValue(n, "share", of));
const valueCell = (n: number | null, unit: ReviewMetric["unit"], of: number | null | undefined) =>
  unit === "share" ? share(n, of) : num(n, unit);
const txt = (s: string): TableCell => ({ text: s, value: s });

const METRIC_COLUMNS: TableColumn[] = [
  { header: "STT", weight: 7, align: "center" },
  { header: "Chỉ tiêu", weight: 45, align: "left" },
  { header: "Kỳ này", weight: 14, align: "center" },
  { header: "Kỳ trước", weight: 14, align: "center" },
  { header: "Tăng (+), giảm (-)", weight: 20, align: "center" },
];

function metricRows(list: readonly ReviewMetric[]): TableCell[][] {
  return list.map((m, i) => [
    num(i + 1),
    txt(m.label),
    valueCell(m.current, m.unit, m.currentOf),
    valueCell(m.previous, m.unit, m.previousOf),
    txt(changeText(m.current, m.previous, m.unit)),
  ]);
}

function metricTable(
  key: string,
  title: string,
  sheet: string,
  list: readonly ReviewMetric[],
  withTotal: boolean,
): ReviewTable {
  const table: ReviewTable = { key, title, sheet, columns: METRIC_COLUMNS, rows: metricRows(list) };
  if (withTotal && list.length > 1) {
    const cur = sumCurrent(list);
    const prev = sumPrevious(list);
    table.total = [txt(""), txt("Tổng cộng"), num(cur), num(prev), txt(changeText(cur, prev))];
  }
  return table;
}

export function hamletTable(data: ReviewData): ReviewTable {
  const rows = data.hamlets.map((h, i) => [
    num(i + 1),
    txt(h.name),
    txt(h.unassigned ? "—" : h.hasGroup ? "Có" : "Chưa"),
    h.unassigned ? txt("—") : num(h.members),
    h.unassigned ? txt("—") : share(h.householdsCovered, h.householdsTotal),
    h.unassigned ? txt("—") : num(h.coveragePct, "percent"),
    num(h.announcements),
    num(h.reports),
  ]);
  const sum = (f: (h: ReviewData["hamlets"][number]) => number) => data.hamlets.reduce((s, h) => s + f(h), 0);
  const real = data.hamlets.filter((h) => !h.unassigned);
  // The commune's own figures where it has them: an announcement to the whole commune reaches every
  // hamlet's group and counts once per hamlet, but once for the commune.
  const total = (key: string, fallback: number) => metric(data.totals, key)?.current ?? fallback;
  const households = metric(data.totals, "householdsCovered");
  const covered = households?.current ?? sum((h) => h.householdsCovered);
  const totalHouseholds = households?.currentOf ?? sum((h) => h.householdsTotal);
  const withGroup = total("hamletsWithGroup", real.filter((h) => h.hasGroup).length);
  const hamletCount = metric(data.totals, "hamletsWithGroup")?.currentOf ?? real.length;
  return {
    key: "hamlets",
    title: "Bảng 1. Kết quả triển khai mô hình theo ấp, thôn",
    sheet: "Theo ấp",
    columns: [
      { header: "STT", weight: 7, align: "center" },
      { header: "Ấp, thôn", weight: 19, align: "left" },
      { header: "Có nhóm", weight: 11, align: "center" },
      { header: "Thành viên", weight: 12, align: "center" },
      { header: "Hộ tham gia / tổng số hộ", weight: 15, align: "center" },
      { header: "Tỷ lệ hộ (%)", weight: 12, align: "center" },
      { header: "Thông báo", weight: 12, align: "center" },
      { header: "Tin báo", weight: 12, align: "center" },
    ],
    rows,
    total: [
      txt(""),
      txt("Toàn xã"),
      txt(`${withGroup}/${hamletCount}`),
      num(
        total(
          "members",
          sum((h) => h.members),
        ),
      ),
      share(covered, totalHouseholds),
      num(totalHouseholds > 0 ? round1((covered / totalHouseholds) * 100) : null, "percent"),
      num(
        total(
          "announcements",
          sum((h) => h.announcements),
        ),
      ),
      num(
        total(
          "reports",
          sum((h) => h.reports),
        ),
      ),
    ],
  };
}

export function reviewTables(data: ReviewData): ReviewTable[] {
  return [
    hamletTable(data),
    {
      key: "totals",
      title: "Bảng 2. Chỉ tiêu toàn xã so với kỳ trước",
      sheet: "Tổng hợp toàn xã",
      columns: METRIC_COLUMNS,
      rows: metricRows(data.totals),
    },
    metricTable(
      "topics",
      "Bảng 3. Thông báo, tuyên truyền theo chủ đề",
      "Tuyên truyền",
      data.announcementsByTopic,
      true,
    ),
    metricTable(
      "kinds",
      "Bảng 4. Tin báo, phản ánh tiếp nhận theo loại",
      "Tin báo",
      data.reportsByKind,
      true,
    ),
    metricTable("outcomes", "Bảng 5. Kết quả từ nguồn tin của Nhân dân", "Kết quả", data.outcomes, false),
    metricTable(
      "moderation",
      "Bảng 6. Quản lý nội dung, thành viên nhóm",
      "Quản lý nhóm",
      data.moderation,
      false,
    ),
    metricTable("commendations", "Bảng 7. Khen thưởng", "Khen thưởng", data.commendations, false),
  ];
}
