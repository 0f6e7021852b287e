import {
  AnnouncementCategory,
  ReportKind,
  type TAnnouncementCategory,
  type TReportKind,
  type TReviewFigure,
  type TReviewIndicatorCode,
  type TReviewIndicatorDefinition,
  type TReviewSection,
  type TReviewUnit,
} from "@binhyen/contracts";

/**
 * The indicators of the yearly review (sơ kết), domain-vn req. 39–40, as ONE table of data. Each row
 * names the facts it is computed from; the service computes every fact once per period and level
 * (hamlet, commune, province), and the drill-down lists the reports behind a row's facts. To follow
 * Guidance 579/HD-CAT-PV01 once its text is known, edit this table (and add the code to the
 * contracts): the queries do not change unless a new kind of fact is needed.
 *
 * Facts (keys):
 *   state, at the end of the period (additive over hamlets):
 *     hamlets, hamlets:withGroup, groups, members, households, households:covered
 *   flow, counted over the period:
 *     received:<KIND>   reports received (by their legal kind), spam and merged duplicates apart: junk
 *     routed:ontime | routed:late   criminal tips forwarded or taken for in-commune handling in the
 *                       period, within or after the 24 h (remote: 48 h) limit of req. 3
 *     outcome:<CODE>, valuable   outcomes recorded by an officer in the period (audit row of
 *                       RECORD_OUTCOME, req. 40)
 *     overdue           open at the end of the period with a legal deadline passed (state-like)
 *     announcements:<CATEGORY>   announcements published in the period (reaching the hamlet's group)
 *     mod:hidden, mod:rejected, mod:removed   moderation in the period
 *     commend:individual, commend:collective   commendations decided in the period
 *     response:median, response:n   median minutes from receipt to the first response, and on how many
 *   A key ending in ":*" means every key with that prefix.
 */

export type Measure =
  | { type: "count"; keys: readonly string[] }
  | { type: "share"; num: readonly string[]; den: readonly string[] }
  | { type: "percent"; num: readonly string[]; den: readonly string[] }
  | { type: "median"; value: string; n: string };

export type IndicatorDefinition = {
  code: TReviewIndicatorCode;
  section: TReviewSection;
  label: string;
  measure: "state" | "flow";
  perHamlet: boolean;
  compute: Measure;
};

/** Announcement topics of req. 39 over the plan's 12 categories (II.4.1). */
export const ANNOUNCEMENT_TOPICS = {
  ANNOUNCEMENTS_LAW: ["LAW_POLICY"],
  ANNOUNCEMENTS_CRIME_FRAUD: ["SECURITY_SITUATION", "CRIME_METHODS"],
  ANNOUNCEMENTS_FIRE: ["FIRE_SAFETY"],
  ANNOUNCEMENTS_TRAFFIC: ["TRAFFIC_SAFETY"],
  ANNOUNCEMENTS_ADMIN_PROCEDURE: ["ADMIN_PROCEDURE"],
  ANNOUNCEMENTS_WANTED: ["WANTED_PERSON"],
  ANNOUNCEMENTS_OTHER: [
    "GOOD_EXAMPLE",
    "FOREIGNER_REVIEW",
    "MISSING_PERSON",
    "DISASTER_EPIDEMIC",
    "OTHER_DIRECTIVE",
  ],
} as const satisfies Record<string, readonly TAnnouncementCategory[]>;

const topic = (code: keyof typeof ANNOUNCEMENT_TOPICS, label: string): IndicatorDefinition => ({
  code,
  section: "COMMUNICATION",
  label,
  measure: "flow",
  perHamlet: true,
  compute: { type: "count", keys: ANNOUNCEMENT_TOPICS[code].map((c) => `announcements:${c}`) },
});

const KIND_LABEL: Record<TReportKind, string> = {
  TO_GIAC: "Tố giác về tội phạm",
  TIN_BAO: "Tin báo về tội phạm",
  TIN_BAO_NAC_DANH: "Tin báo nặc danh",
  PHAN_ANH_KIEN_NGHI: "Phản ánh, kiến nghị",
  KHIEU_NAI: "Khiếu nại",
  TO_CAO: "Tố cáo",
  OTHER: "Loại khác",
};

const byKind = (kind: TReportKind): IndicatorDefinition => ({
  code: `REPORTS_KIND_${kind}` as TReviewIndicatorCode,
  section: "INTAKE",
  label: `— ${KIND_LABEL[kind]}`,
  measure: "flow",
  perHamlet: true,
  compute: { type: "count", keys: [`received:${kind}`] },
});

const outcome = (code: string, label: string): IndicatorDefinition => ({
  code: `REPORTS_${code}` as TReviewIndicatorCode,
  section: "OUTCOMES",
  label,
  measure: "flow",
  perHamlet: true,
  compute: { type: "count", keys: [`outcome:${code}`] },
});

const flow = (
  code: TReviewIndicatorCode,
  section: TReviewSection,
  label: string,
  keys: readonly string[],
  perHamlet = true,
): IndicatorDefinition => ({
  code,
  section,
  label,
  measure: "flow",
  perHamlet,
  compute: { type: "count", keys },
});

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    code: "HAMLETS_WITH_GROUP",
    section: "COVERAGE",
    label: "Ấp, khu phố đã có nhóm Zalo / tổng số",
    measure: "state",
    perHamlet: true,
    compute: { type: "share", num: ["hamlets:withGroup"], den: ["hamlets"] },
  },
  {
    code: "GROUPS",
    section: "COVERAGE",
    label: "Số nhóm Zalo",
    measure: "state",
    perHamlet: true,
    compute: { type: "count", keys: ["groups"] },
  },
  {
    code: "MEMBERS",
    section: "COVERAGE",
    label: "Số thành viên (đã đồng ý tham gia)",
    measure: "state",
    perHamlet: true,
    compute: { type: "count", keys: ["members"] },
  },
  {
    code: "HOUSEHOLDS_COVERED",
    section: "COVERAGE",
    label: "Hộ gia đình có thành viên tham gia / tổng số hộ",
    measure: "state",
    perHamlet: true,
    compute: { type: "share", num: ["households:covered"], den: ["households"] },
  },
  {
    code: "COVERAGE_PERCENT",
    section: "COVERAGE",
    label: "Tỷ lệ hộ gia đình tham gia (%)",
    measure: "state",
    perHamlet: true,
    compute: { type: "percent", num: ["households:covered"], den: ["households"] },
  },
  flow("ANNOUNCEMENTS_TOTAL", "COMMUNICATION", "Tổng số tin, bài tuyên truyền đã đăng", ["announcements:*"]),
  topic("ANNOUNCEMENTS_LAW", "— Tuyên truyền pháp luật, chính sách"),
  topic("ANNOUNCEMENTS_CRIME_FRAUD", "— Cảnh báo tội phạm, lừa đảo, tình hình an ninh trật tự"),
  topic("ANNOUNCEMENTS_FIRE", "— Phòng cháy, chữa cháy (PCCC)"),
  topic("ANNOUNCEMENTS_TRAFFIC", "— An toàn giao thông (ATGT)"),
  topic("ANNOUNCEMENTS_ADMIN_PROCEDURE", "— Hướng dẫn thủ tục hành chính, Đề án 06"),
  topic("ANNOUNCEMENTS_WANTED", "— Thông báo truy nã"),
  topic("ANNOUNCEMENTS_OTHER", "— Nội dung khác"),
  flow("REPORTS_RECEIVED", "INTAKE", "Tổng số tin báo, tố giác, phản ánh tiếp nhận", ["received:*"]),
  ...(Object.values(ReportKind) as TReportKind[]).map(byKind),
  flow("REPORTS_SPAM_OR_DUPLICATE", "INTAKE", "Tin rác, tin trùng lặp (không tính vào tổng)", ["junk"]),
  {
    code: "REPORTS_FORWARDED_ON_TIME",
    section: "INTAKE",
    label: "Tỷ lệ tin về tội phạm được chuyển hoặc thụ lý đúng thời hạn (%)",
    measure: "flow",
    perHamlet: true,
    compute: { type: "percent", num: ["routed:ontime"], den: ["routed:*"] },
  },
  flow("REPORTS_FORWARDED_LATE", "INTAKE", "Tin về tội phạm chuyển quá thời hạn", ["routed:late"]),
  {
    code: "REPORTS_FIRST_RESPONSE_MEDIAN",
    section: "INTAKE",
    label: "Thời gian phản hồi đầu tiên (trung vị, phút)",
    measure: "flow",
    perHamlet: true,
    compute: { type: "median", value: "response:median", n: "response:n" },
  },
  {
    code: "REPORTS_OVERDUE",
    section: "INTAKE",
    label: "Tin quá hạn giải quyết tại thời điểm cuối kỳ",
    measure: "state",
    perHamlet: true,
    compute: { type: "count", keys: ["overdue"] },
  },
  flow("REPORTS_VALUABLE", "INTAKE", "Tin có giá trị", ["valuable"]),
  outcome("KHOI_TO", "Tin dẫn đến khởi tố vụ án"),
  outcome("XU_PHAT_HANH_CHINH", "Tin dẫn đến xử phạt vi phạm hành chính"),
  outcome("BAT_GIU", "Tin giúp bắt giữ, bắt quả tang đối tượng"),
  outcome("TRUY_NA_FOUND", "Tin giúp phát hiện đối tượng truy nã"),
  outcome("TAI_SAN_TRA_LAI", "Tin giúp tìm lại người, trả lại tài sản"),
  outcome("NGAN_CHAN_LUA_DAO", "Tin giúp ngăn chặn lừa đảo"),
  flow("MODERATION_POSTS_HIDDEN", "MODERATION", "Bài viết sai sự thật, vi phạm bị gỡ (ẩn)", ["mod:hidden"]),
  flow("MODERATION_POSTS_REJECTED", "MODERATION", "Bài viết bị từ chối đăng", ["mod:rejected"]),
  flow("MODERATION_MEMBERS_REMOVED", "MODERATION", "Thành viên bị mời ra khỏi nhóm", ["mod:removed"]),
  flow("COMMENDATIONS_INDIVIDUALS", "RECOGNITION", "Cá nhân được khen thưởng", ["commend:individual"], false),
  flow("COMMENDATIONS_COLLECTIVES", "RECOGNITION", "Tập thể được khen thưởng", ["commend:collective"], false),
];

/** Fact families whose entities are reports: an indicator made only of these can be drilled into. */
export const REPORT_FACT_PREFIXES = ["received:", "junk", "routed:", "outcome:", "valuable", "overdue"];
const isReportKey = (k: string) => REPORT_FACT_PREFIXES.some((p) => k === p || k.startsWith(p));

/** The keys whose reports make up the indicator (percent: its denominator, the reports counted). */
export function drillKeys(d: IndicatorDefinition): readonly string[] | null {
  const m = d.compute;
  const keys = m.type === "count" ? m.keys : m.type === "percent" ? m.den : null;
  return keys && keys.length > 0 && keys.every(isReportKey) ? keys : null;
}

const UNIT: Record<Measure["type"], TReviewUnit> = {
  count: "count",
  share: "share",
  percent: "percent",
  median: "minutes",
};

export function publicDefinition(d: IndicatorDefinition): TReviewIndicatorDefinition {
  return {
    code: d.code,
    section: d.section,
    label: d.label,
    unit: UNIT[d.compute.type],
    measure: d.measure,
    perHamlet: d.perHamlet,
    drilldown: drillKeys(d) !== null,
  };
}

export const findIndicator = (code: string) => INDICATORS.find((d) => d.code === code);

/** Facts of one level and period; null = unknown (no data), a missing key = 0. */
export type Facts = ReadonlyMap<string, number | null>;

/** The sum of the keys (prefix keys "x:*" expanded), null when any matched key is unknown. */
export function sumKeys(facts: Facts, keys: readonly string[]): number | null {
  let total = 0;
  for (const key of keys) {
    if (key.endsWith("*")) {
      const prefix = key.slice(0, -1);
      for (const [k, v] of facts) {
        if (k.startsWith(prefix)) {
          if (v === null) {
            return null;
          }
          total += v;
        }
      }
    } else {
      const v = facts.get(key);
      if (v === null) {
        return null;
      }
      total += v ?? 0;
    }
  }
  return total;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const nothing: TReviewFigure = { value: null, numerator: null, denominator: null };

export function figure(m: Measure, facts: Facts): TReviewFigure {
  switch (m.type) {
    case "count":
      return { value: sumKeys(facts, m.keys), numerator: null, denominator: null };
    case "share": {
      const num = sumKeys(facts, m.num);
      const den = sumKeys(facts, m.den);
      return num === null || den === null ? nothing : { value: num, numerator: num, denominator: den };
    }
    case "percent": {
      const num = sumKeys(facts, m.num);
      const den = sumKeys(facts, m.den);
      if (num === null || den === null) {
        return nothing;
      }
      return { value: den === 0 ? null : round1((num * 100) / den), numerator: num, denominator: den };
    }
    case "median": {
      const n = facts.get(m.n) ?? 0;
      const v = facts.get(m.value);
      return {
        value: n === 0 || v === undefined || v === null ? null : round1(v),
        numerator: null,
        denominator: n,
      };
    }
    default: {
      const unreachable: never = m;
      return unreachable;
    }
  }
}

/** current vs previous: absolute change in the unit, and relative change in percent. */
export function compare(current: TReviewFigure, previous: TReviewFigure) {
  if (current.value === null || previous.value === null) {
    return { change: null, changePercent: null };
  }
  const change = round1(current.value - previous.value);
  return {
    change,
    changePercent: previous.value === 0 ? null : round1((change * 100) / previous.value),
  };
}

/** Every announcement category is mapped to exactly one topic (checked by the unit test). */
export const ALL_ANNOUNCEMENT_CATEGORIES = Object.values(AnnouncementCategory) as TAnnouncementCategory[];
