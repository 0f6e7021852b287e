import type { TReviewNarrative, TReviewReportSettings } from "@binhyen/contracts";
import type { ReviewData } from "./review-report-data";

/** A commune's year in numbers, for unit tests and the bench (no database). */
export function sampleReviewData(hamlets = 6): ReviewData {
  const rows = Array.from({ length: hamlets }, (_, i) => {
    const total = 150 + i * 23;
    const covered = i === hamlets - 1 ? 0 : Math.round(total * (0.45 + 0.08 * i));
    return {
      hamletId: `hamlet-${i + 1}`,
      name: `Ấp ${i + 1}`,
      hasGroup: i !== hamlets - 1,
      groups: i === hamlets - 1 ? 0 : 1,
      members: i === hamlets - 1 ? 0 : covered + 12 + i,
      householdsCovered: covered,
      householdsTotal: total,
      coveragePct: Math.round((covered / total) * 1000) / 10,
      announcements: 10 + i * 3,
      reports: 4 + i,
    };
  });
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
  const covered = sum((r) => r.householdsCovered);
  const total = sum((r) => r.householdsTotal);
  return {
    communeName: "Đồng Tâm",
    communeKind: "XA",
    provinceName: "Đồng Nai",
    period: { from: "2025-01-01", to: "2025-12-31" },
    previousPeriod: { from: "2024-01-01", to: "2024-12-31" },
    hamlets: rows,
    totals: [
      {
        key: "hamletsWithGroup",
        label: "Ấp, thôn có nhóm / tổng số",
        current: hamlets - 1,
        previous: hamlets - 2,
        unit: "share",
        currentOf: hamlets,
        previousOf: hamlets,
      },
      { key: "groups", label: "Số nhóm", current: hamlets - 1, previous: hamlets - 2 },
      { key: "members", label: "Thành viên", current: sum((r) => r.members), previous: 640 },
      {
        key: "householdsCovered",
        label: "Hộ gia đình tham gia / tổng số hộ",
        current: covered,
        previous: 560,
        unit: "share",
        currentOf: total,
        previousOf: total - 20,
      },
      {
        key: "coveragePct",
        label: "Tỷ lệ hộ tham gia",
        current: Math.round((covered / total) * 1000) / 10,
        previous: 52.4,
        unit: "percent",
      },
      {
        key: "announcements",
        label: "Thông báo đã đăng",
        current: sum((r) => r.announcements),
        previous: 80,
      },
      { key: "reports", label: "Tin báo, phản ánh tiếp nhận", current: sum((r) => r.reports), previous: 30 },
      { key: "valuableReports", label: "Tin có giá trị", current: 11, previous: 7 },
      {
        key: "forwardedWithinSlaPct",
        label: "Tin tố giác, tin báo chuyển đúng hạn",
        current: 92.3,
        previous: 88,
        unit: "percent",
      },
      { key: "forwardedLate", label: "Tin về tội phạm chuyển quá hạn", current: 1, previous: 2 },
      {
        key: "medianFirstResponseMinutes",
        label: "Thời gian phản hồi đầu tiên (trung vị)",
        current: 150,
        previous: 240,
        unit: "minutes",
      },
      { key: "overdue", label: "Tin quá hạn giải quyết cuối kỳ", current: 0, previous: 1 },
    ],
    announcementsByTopic: [
      { key: "LAW_POLICY", label: "Pháp luật, chính sách", current: 21, previous: 18 },
      { key: "CRIME_METHODS", label: "Cảnh báo tội phạm, lừa đảo", current: 34, previous: 25 },
      { key: "FIRE_SAFETY", label: "Phòng cháy, chữa cháy", current: 14, previous: 12 },
      { key: "TRAFFIC_SAFETY", label: "An toàn giao thông", current: 12, previous: 11 },
      { key: "ADMIN_PROCEDURE", label: "Thủ tục hành chính, Đề án 06", current: 9, previous: 8 },
      { key: "WANTED_PERSON", label: "Truy nã", current: 3, previous: 2 },
      { key: "OTHER", label: "Khác", current: 12, previous: 4 },
    ],
    reportsByKind: [
      { key: "TO_GIAC", label: "Tố giác về tội phạm", current: 6, previous: 5 },
      { key: "TIN_BAO", label: "Tin báo về tội phạm", current: 9, previous: 8 },
      { key: "TIN_BAO_NAC_DANH", label: "Tin báo nặc danh", current: 7, previous: 4 },
      { key: "PHAN_ANH_KIEN_NGHI", label: "Phản ánh, kiến nghị", current: 11, previous: 10 },
      { key: "KHIEU_NAI", label: "Khiếu nại", current: 1, previous: 1 },
      { key: "TO_CAO", label: "Tố cáo", current: 1, previous: 0 },
      { key: "OTHER", label: "Khác", current: 4, previous: 2 },
    ],
    outcomes: [
      { key: "KHOI_TO", label: "Khởi tố vụ án", current: 2, previous: 1 },
      { key: "XU_PHAT_HANH_CHINH", label: "Xử phạt vi phạm hành chính", current: 5, previous: 3 },
      { key: "BAT_GIU", label: "Bắt giữ, bắt quả tang", current: 3, previous: 2 },
      { key: "TRUY_NA_FOUND", label: "Đối tượng truy nã bị phát hiện", current: 1, previous: 0 },
      { key: "TAI_SAN_TRA_LAI", label: "Người, tài sản thất lạc được trả lại", current: 4, previous: 2 },
      { key: "NGAN_CHAN_LUA_DAO", label: "Vụ lừa đảo được ngăn chặn", current: 6, previous: 1 },
    ],
    moderation: [
      { key: "postsRemoved", label: "Bài viết sai sự thật, vi phạm bị gỡ", current: 7, previous: 9 },
      { key: "membersRemoved", label: "Thành viên bị mời ra khỏi nhóm", current: 2, previous: 1 },
    ],
    commendations: [
      { key: "individuals", label: "Cá nhân được khen thưởng", current: 5, previous: 2 },
      { key: "collectives", label: "Tập thể được khen thưởng", current: 1, previous: 0 },
    ],
    trend: Array.from({ length: 12 }, (_, i) => ({
      label: `${String(i + 1).padStart(2, "0")}/2025`,
      from: `2025-${String(i + 1).padStart(2, "0")}-01`,
      to: new Date(Date.UTC(2025, i + 1, 0)).toISOString().slice(0, 10),
      reports: 2 + ((i * 7) % 5),
      announcements: 6 + ((i * 5) % 7),
    })),
  };
}

export function sampleSettings(): TReviewReportSettings {
  return {
    parentAgency: "CÔNG AN TỈNH ĐỒNG NAI",
    issuingAgency: "CÔNG AN XÃ ĐỒNG TÂM",
    symbol: "BC-CAX",
    place: "Đồng Tâm",
    summary: "Sơ kết 01 năm thực hiện mô hình “Zalo kết nối bình yên”",
    signer: { prefix: null, authority: "TRƯỞNG CÔNG AN", title: "", name: "Lê Minh Trưởng" },
    recipients: ["Công an tỉnh (PV01)", "Đảng ủy xã", "UBND xã"],
    archiveUnit: "CAX",
    margins: { top: 20, bottom: 20, left: 30, right: 15 },
  };
}

export function sampleNarrative(): TReviewNarrative {
  return {
    results: "Kết quả đạt được.",
    shortcomings: "Tồn tại.",
    causes: "Nguyên nhân.",
    lessons: "Bài học.",
    directions: "Phương hướng.",
  };
}
