import { shortDate } from "./document-format";
import {
  change,
  metric,
  type ReviewData,
  type ReviewMetric,
  round1,
  sumCurrent,
  vnNumber,
} from "./review-report-data";

/**
 * The narrative sections pre-filled from the data, in plain Vietnamese with the numbers and the
 * comparison with the previous period. Officers edit them before issuing; nothing here names a
 * person (the data holds counts only).
 */
export const NARRATIVE_SECTIONS = ["results", "shortcomings", "causes", "lessons", "directions"] as const;
export type TNarrativeSection = (typeof NARRATIVE_SECTIONS)[number];
export type Narrative = Record<TNarrativeSection, string>;

export const NARRATIVE_HEADINGS: Record<TNarrativeSection, string> = {
  results: "Kết quả đạt được",
  shortcomings: "Tồn tại, hạn chế",
  causes: "Nguyên nhân",
  lessons: "Bài học kinh nghiệm",
  directions: "Phương hướng, nhiệm vụ thời gian tới",
};

const pct1 = (n: number) =>
  `${new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n)}%`;
/** "45 phút", "2 giờ 05 phút", "1 ngày 3 giờ". */
export function minutesText(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) {
    return `${m} phút`;
  }
  if (m < 24 * 60) {
    const rest = m % 60;
    return rest === 0
      ? `${Math.floor(m / 60)} giờ`
      : `${Math.floor(m / 60)} giờ ${String(rest).padStart(2, "0")} phút`;
  }
  const hours = Math.round(m / 60);
  return hours % 24 === 0 ? `${hours / 24} ngày` : `${Math.floor(hours / 24)} ngày ${hours % 24} giờ`;
}

const lowerFirst = (s: string) => (s ? s.charAt(0).toLocaleLowerCase("vi") + s.slice(1) : s);

/**
 * "tăng 12 (16,2%) so với kỳ trước", "giảm 3 so với kỳ trước" (base 0 has no percent), "bằng kỳ
 * trước", or "" without a previous period. Percent values compare in percentage points.
 */
export function comparison(
  current: number,
  previous: number | null,
  unit: ReviewMetric["unit"] = "count",
): string {
  const c = change(current, previous);
  if (c.delta === null) {
    return "";
  }
  if (c.delta === 0) {
    return "bằng kỳ trước";
  }
  const word = c.delta > 0 ? "tăng" : "giảm";
  const abs = Math.abs(c.delta);
  if (unit === "percent") {
    return `${word} ${vnNumber(round1(abs))} điểm phần trăm so với kỳ trước`;
  }
  if (unit === "minutes") {
    return `${c.delta > 0 ? "chậm hơn" : "nhanh hơn"} ${minutesText(abs)} so với kỳ trước`;
  }
  return c.pct === null
    ? `${word} ${vnNumber(abs)} so với kỳ trước`
    : `${word} ${vnNumber(abs)}, tương đương ${pct1(Math.abs(c.pct))} so với kỳ trước`;
}

const withComparison = (text: string, m: ReviewMetric | undefined) => {
  const c = m ? comparison(m.current, m.previous, m.unit) : "";
  return c ? `${text} (${c})` : text;
};

function periodMonths(from: string, to: string): string {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000) + 1;
  const months = Math.round(days / 30.44);
  return months >= 1 ? `${months} tháng` : `${days} ngày`;
}

/** Outcome phrases by indicator key (the report outcome codes). */
const OUTCOME_PHRASE: Record<string, (n: string) => string> = {
  KHOI_TO: (n) => `khởi tố ${n} vụ án`,
  XU_PHAT_HANH_CHINH: (n) => `xử phạt vi phạm hành chính ${n} trường hợp`,
  BAT_GIU: (n) => `bắt giữ, bắt quả tang ${n} trường hợp`,
  TRUY_NA_FOUND: (n) => `phát hiện ${n} đối tượng truy nã`,
  TAI_SAN_TRA_LAI: (n) => `tìm lại, trả lại ${n} trường hợp người, tài sản thất lạc`,
  NGAN_CHAN_LUA_DAO: (n) => `ngăn chặn kịp thời ${n} vụ lừa đảo`,
};

const COMMENDED: Record<string, string> = { individuals: "cá nhân", collectives: "tập thể" };

const joinVi = (parts: string[]) =>
  parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} và ${parts[parts.length - 1]}`;

function results(d: ReviewData): string {
  const t = (k: string) => metric(d.totals, k);
  const paras: string[] = [];
  const withGroup = t("hamletsWithGroup");
  const groups = t("groups");
  const members = t("members");
  const covered = t("householdsCovered");
  const coverage = t("coveragePct");

  const size: string[] = [];
  if (groups) {
    size.push(`${vnNumber(groups.current)} nhóm`);
  }
  if (members) {
    size.push(withComparison(`${vnNumber(members.current)} thành viên`, members));
  }
  let first =
    `Qua ${periodMonths(d.period.from, d.period.to)} triển khai (từ ngày ${shortDate(d.period.from)} đến ngày ` +
    `${shortDate(d.period.to)}), mô hình “Zalo kết nối bình yên” đã được triển khai`;
  if (withGroup?.currentOf) {
    first += ` tại ${withGroup.current}/${withGroup.currentOf} ấp, thôn`;
  }
  first += size.length > 0 ? ` với ${size.join(", ")}.` : ".";
  if (covered?.currentOf) {
    const pct = coverage ? `, đạt ${pct1(coverage.current)}` : "";
    first += ` Có ${vnNumber(covered.current)}/${vnNumber(covered.currentOf)} hộ gia đình có ít nhất một thành viên tham gia nhóm${pct}`;
    const c = coverage ? comparison(coverage.current, coverage.previous, "percent") : "";
    first += c ? ` (${c}).` : ".";
  }
  paras.push(first);

  const ann = t("announcements");
  const annCount = ann?.current ?? sumCurrent(d.announcementsByTopic);
  const topics = [...d.announcementsByTopic]
    .filter((m) => m.current > 0)
    .sort((a, b) => b.current - a.current)
    .slice(0, 3)
    .map((m) => `${lowerFirst(m.label)} (${vnNumber(m.current)})`);
  if (annCount > 0) {
    paras.push(
      `Công tác tuyên truyền được đẩy mạnh: Công an xã đã đăng ${withComparison(`${vnNumber(annCount)} thông báo, bài tuyên truyền`, ann)}` +
        (topics.length > 0 ? `, tập trung vào ${joinVi(topics)}.` : "."),
    );
  } else {
    paras.push("Trong kỳ chưa đăng thông báo, bài tuyên truyền nào qua nhóm.");
  }

  const reports = t("reports");
  const repCount = reports?.current ?? sumCurrent(d.reportsByKind);
  const intake: string[] = [
    `Qua nhóm và các kênh của mô hình, Công an xã đã tiếp nhận ${withComparison(`${vnNumber(repCount)} tin báo, phản ánh của Nhân dân`, reports)}`,
  ];
  const valuable = t("valuableReports");
  if (valuable && repCount > 0) {
    intake.push(`trong đó có ${withComparison(`${vnNumber(valuable.current)} tin có giá trị`, valuable)}`);
  }
  const sla = t("forwardedWithinSlaPct");
  if (sla) {
    intake.push(`${pct1(sla.current)} tin tố giác, tin báo về tội phạm được chuyển hoặc xử lý đúng thời hạn`);
  }
  const median = t("medianFirstResponseMinutes");
  if (median && repCount > 0) {
    intake.push(`thời gian phản hồi đầu tiên (trung vị) là ${minutesText(median.current)}`);
  }
  paras.push(`${intake.join("; ")}.`);

  const outcomes = d.outcomes
    .filter((m) => m.current > 0)
    .map((m) =>
      (OUTCOME_PHRASE[m.key] ?? ((n: string) => `${lowerFirst(m.label)}: ${n}`))(vnNumber(m.current)),
    );
  paras.push(
    outcomes.length > 0
      ? `Từ nguồn tin do Nhân dân cung cấp, lực lượng Công an đã ${joinVi(outcomes)}.`
      : "Trong kỳ chưa ghi nhận kết quả xử lý vụ việc từ nguồn tin do Nhân dân cung cấp.",
  );

  const moderation = d.moderation
    .filter((m) => m.current > 0)
    .map((m) => `${lowerFirst(m.label)}: ${vnNumber(m.current)}`);
  if (moderation.length > 0) {
    paras.push(`Công tác quản lý nội dung trong nhóm được duy trì thường xuyên (${moderation.join("; ")}).`);
  }
  const rewarded = d.commendations
    .filter((m) => m.current > 0)
    .map((m) => `${vnNumber(m.current)} ${COMMENDED[m.key] ?? lowerFirst(m.label)}`);
  if (rewarded.length > 0) {
    paras.push(
      `Công an xã đã đề nghị khen thưởng, biểu dương ${joinVi(rewarded)} có thành tích trong phong trào.`,
    );
  }
  return paras.join("\n");
}

function weakHamlets(d: ReviewData) {
  const real = d.hamlets.filter((h) => !h.unassigned);
  const without = real.filter((h) => !h.hasGroup).map((h) => h.name);
  const low = real
    .filter((h) => h.hasGroup && h.coveragePct !== null && h.coveragePct < 50)
    .map((h) => `${h.name} (${pct1(h.coveragePct ?? 0)})`);
  return { without, low };
}

function shortcomings(d: ReviewData): string {
  const paras: string[] = [];
  const { without, low } = weakHamlets(d);
  if (without.length > 0) {
    const all = d.hamlets.filter((h) => !h.unassigned).length;
    paras.push(`Còn ${without.length}/${all} ấp, thôn chưa thành lập nhóm (${without.join(", ")}).`);
  }
  if (low.length > 0) {
    paras.push(`Tỷ lệ hộ gia đình tham gia ở một số ấp, thôn còn thấp, dưới 50%: ${low.join(", ")}.`);
  }
  const sla = metric(d.totals, "forwardedWithinSlaPct");
  if (sla && sla.current < 100) {
    paras.push(
      `Vẫn còn ${pct1(round1(100 - sla.current))} tin tố giác, tin báo về tội phạm chưa được chuyển hoặc xử lý đúng thời hạn.`,
    );
  }
  const overdue = metric(d.totals, "overdue");
  if (overdue && overdue.current > 0) {
    paras.push(`Đến cuối kỳ còn ${vnNumber(overdue.current)} tin báo, phản ánh quá hạn giải quyết.`);
  }
  const reports = metric(d.totals, "reports");
  if (reports && reports.previous !== null && reports.current < reports.previous) {
    paras.push(
      `Số tin báo, phản ánh tiếp nhận qua mô hình ${comparison(reports.current, reports.previous)}.`,
    );
  }
  paras.push(
    "Một bộ phận thành viên chưa thường xuyên theo dõi, tương tác với thông tin trong nhóm; việc cập nhật, " +
      "sàng lọc thành viên khi hộ gia đình thay đổi nơi cư trú có lúc chưa kịp thời.",
  );
  return paras.join("\n");
}

function causes(d: ReviewData): string {
  const { without, low } = weakHamlets(d);
  const objective =
    "Nguyên nhân khách quan: địa bàn rộng, dân cư phân tán; một bộ phận người dân, nhất là người cao tuổi, " +
    "chưa sử dụng điện thoại thông minh hoặc còn e ngại khi cung cấp thông tin.";
  const subjective =
    "Nguyên nhân chủ quan: lực lượng Công an xã còn mỏng, cùng lúc thực hiện nhiều nhiệm vụ" +
    (without.length + low.length > 0
      ? "; công tác vận động hộ gia đình tham gia ở một số ấp, thôn chưa được quan tâm đúng mức"
      : "") +
    "; sự phối hợp với các ban, ngành, đoàn thể ở một số thời điểm chưa chặt chẽ.";
  return `${objective}\n${subjective}`;
}

function lessons(): string {
  return [
    "Một là, phải có sự lãnh đạo, chỉ đạo sát sao của cấp ủy, chính quyền và Công an cấp trên; phát huy vai trò của Trưởng ấp, Bí thư chi bộ và Tổ bảo vệ an ninh, trật tự ở cơ sở.",
    "Hai là, thông tin đăng trong nhóm phải ngắn gọn, chính xác, kịp thời, gắn với tình hình thực tế tại địa phương; tuyệt đối bảo mật danh tính người cung cấp thông tin.",
    "Ba là, mọi tin báo, phản ánh của Nhân dân phải được tiếp nhận, phản hồi và xử lý đúng thời hạn, thông báo kết quả để tạo niềm tin.",
  ].join("\n");
}

function directions(d: ReviewData): string {
  const paras: string[] = [];
  const { without } = weakHamlets(d);
  const coverage = metric(d.totals, "coveragePct");
  const target =
    coverage && coverage.current < 90 ? Math.min(95, Math.ceil((coverage.current + 10) / 5) * 5) : 95;
  paras.push(
    (without.length > 0
      ? "Hoàn thành việc thành lập nhóm tại 100% ấp, thôn; "
      : "Tiếp tục duy trì hoạt động của các nhóm; ") +
      `phấn đấu nâng tỷ lệ hộ gia đình có thành viên tham gia nhóm lên ${target}% trở lên.`,
  );
  paras.push(
    "Tăng cường tuyên truyền, cảnh báo phương thức, thủ đoạn của tội phạm, nhất là tội phạm lừa đảo chiếm đoạt tài sản qua mạng; phòng cháy, chữa cháy và an toàn giao thông.",
  );
  paras.push(
    "Tiếp nhận, xử lý kịp thời, đúng quy định mọi tin báo, phản ánh của Nhân dân; bảo đảm 100% tin tố giác, tin báo về tội phạm được chuyển hoặc giải quyết đúng thời hạn.",
  );
  paras.push(
    "Kịp thời đề xuất khen thưởng tập thể, cá nhân có thành tích; định kỳ sơ kết, rút kinh nghiệm việc thực hiện mô hình.",
  );
  return paras.join("\n");
}

export function prefillNarrative(d: ReviewData): Narrative {
  return {
    results: results(d),
    shortcomings: shortcomings(d),
    causes: causes(d),
    lessons: lessons(),
    directions: directions(d),
  };
}
