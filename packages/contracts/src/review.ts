import { z } from "zod";
import { zId, zIsoDate, zRequiredText, zText } from "./common";

// ---------------------------------------------------------------------------------------------
// Review indicators (sơ kết, plan II.6 / III.2; domain-vn req. 39–40) and commendations.
//
// Labels: the server sends each indicator's Vietnamese label (the wording of the sơ kết report)
// with its definition, so the web page, the DOCX/PDF report and the province table all use the
// same words and a change to the list (Guidance 579) is made in one table on the server. The web
// app may translate by `code` for its English locale. Codes are stable API values.
// ---------------------------------------------------------------------------------------------

/** Indicator codes known today (the server's definition table is the source; adding one adds a code). */
export const ReviewIndicatorCode = {
  HAMLETS_WITH_GROUP: "HAMLETS_WITH_GROUP",
  GROUPS: "GROUPS",
  MEMBERS: "MEMBERS",
  HOUSEHOLDS_COVERED: "HOUSEHOLDS_COVERED",
  COVERAGE_PERCENT: "COVERAGE_PERCENT",
  ANNOUNCEMENTS_TOTAL: "ANNOUNCEMENTS_TOTAL",
  ANNOUNCEMENTS_LAW: "ANNOUNCEMENTS_LAW",
  ANNOUNCEMENTS_CRIME_FRAUD: "ANNOUNCEMENTS_CRIME_FRAUD",
  ANNOUNCEMENTS_FIRE: "ANNOUNCEMENTS_FIRE",
  ANNOUNCEMENTS_TRAFFIC: "ANNOUNCEMENTS_TRAFFIC",
  ANNOUNCEMENTS_ADMIN_PROCEDURE: "ANNOUNCEMENTS_ADMIN_PROCEDURE",
  ANNOUNCEMENTS_WANTED: "ANNOUNCEMENTS_WANTED",
  ANNOUNCEMENTS_OTHER: "ANNOUNCEMENTS_OTHER",
  REPORTS_RECEIVED: "REPORTS_RECEIVED",
  REPORTS_KIND_TO_GIAC: "REPORTS_KIND_TO_GIAC",
  REPORTS_KIND_TIN_BAO: "REPORTS_KIND_TIN_BAO",
  REPORTS_KIND_TIN_BAO_NAC_DANH: "REPORTS_KIND_TIN_BAO_NAC_DANH",
  REPORTS_KIND_PHAN_ANH_KIEN_NGHI: "REPORTS_KIND_PHAN_ANH_KIEN_NGHI",
  REPORTS_KIND_KHIEU_NAI: "REPORTS_KIND_KHIEU_NAI",
  REPORTS_KIND_TO_CAO: "REPORTS_KIND_TO_CAO",
  REPORTS_KIND_OTHER: "REPORTS_KIND_OTHER",
  REPORTS_SPAM_OR_DUPLICATE: "REPORTS_SPAM_OR_DUPLICATE",
  REPORTS_FORWARDED_ON_TIME: "REPORTS_FORWARDED_ON_TIME",
  REPORTS_FORWARDED_LATE: "REPORTS_FORWARDED_LATE",
  REPORTS_FIRST_RESPONSE_MEDIAN: "REPORTS_FIRST_RESPONSE_MEDIAN",
  REPORTS_OVERDUE: "REPORTS_OVERDUE",
  REPORTS_VALUABLE: "REPORTS_VALUABLE",
  REPORTS_KHOI_TO: "REPORTS_KHOI_TO",
  REPORTS_XU_PHAT_HANH_CHINH: "REPORTS_XU_PHAT_HANH_CHINH",
  REPORTS_BAT_GIU: "REPORTS_BAT_GIU",
  REPORTS_TRUY_NA_FOUND: "REPORTS_TRUY_NA_FOUND",
  REPORTS_TAI_SAN_TRA_LAI: "REPORTS_TAI_SAN_TRA_LAI",
  REPORTS_NGAN_CHAN_LUA_DAO: "REPORTS_NGAN_CHAN_LUA_DAO",
  MODERATION_POSTS_HIDDEN: "MODERATION_POSTS_HIDDEN",
  MODERATION_POSTS_REJECTED: "MODERATION_POSTS_REJECTED",
  MODERATION_MEMBERS_REMOVED: "MODERATION_MEMBERS_REMOVED",
  COMMENDATIONS_INDIVIDUALS: "COMMENDATIONS_INDIVIDUALS",
  COMMENDATIONS_COLLECTIVES: "COMMENDATIONS_COLLECTIVES",
} as const;
export type TReviewIndicatorCode = (typeof ReviewIndicatorCode)[keyof typeof ReviewIndicatorCode];
export const REVIEW_INDICATOR_CODES = Object.values(ReviewIndicatorCode) as [
  TReviewIndicatorCode,
  ...TReviewIndicatorCode[],
];

export const ReviewSection = {
  COVERAGE: "COVERAGE",
  COMMUNICATION: "COMMUNICATION",
  INTAKE: "INTAKE",
  OUTCOMES: "OUTCOMES",
  MODERATION: "MODERATION",
  RECOGNITION: "RECOGNITION",
} as const;
export type TReviewSection = (typeof ReviewSection)[keyof typeof ReviewSection];
export const REVIEW_SECTIONS = Object.values(ReviewSection) as [TReviewSection, ...TReviewSection[]];

/**
 * count: a number; share: "X/Y" (value = X, denominator = Y); percent: one decimal (numerator and
 * denominator given); minutes: a median (denominator = how many reports it was measured on).
 */
export const REVIEW_UNITS = ["count", "share", "percent", "minutes"] as const;
export type TReviewUnit = (typeof REVIEW_UNITS)[number];

/** Days of the Asia/Ho_Chi_Minh calendar, both inclusive; at most two years. */
export const REVIEW_MAX_DAYS = 731;
export const ZReviewPeriodQuery = z
  .object({ from: zIsoDate, to: zIsoDate })
  .refine((q) => q.from <= q.to, { message: "from phải trước hoặc bằng to", path: ["to"] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < REVIEW_MAX_DAYS, {
    message: `Kỳ báo cáo dài tối đa ${REVIEW_MAX_DAYS} ngày`,
    path: ["to"],
  });
export type TReviewPeriodQuery = z.infer<typeof ZReviewPeriodQuery>;

export const ZReviewPeriod = z.object({ from: zIsoDate, to: zIsoDate, days: z.number().int() });

export const ZReviewIndicatorDefinition = z.object({
  code: z.string(),
  section: z.enum(REVIEW_SECTIONS),
  /** Vietnamese, as printed in the sơ kết report. */
  label: z.string(),
  unit: z.enum(REVIEW_UNITS),
  /** "state": measured at the end of the period (coverage); "flow": counted over the period. */
  measure: z.enum(["state", "flow"]),
  /** Computed per hamlet too (false: commune/province level only, hamlet rows carry null). */
  perHamlet: z.boolean(),
  /** The report ids behind it can be listed (GET …/indicators/:code/reports). */
  drilldown: z.boolean(),
});
export type TReviewIndicatorDefinition = z.infer<typeof ZReviewIndicatorDefinition>;

export const ZReviewFigure = z.object({
  /** null: no data for that period (e.g. no coverage snapshot that far back). */
  value: z.number().nullable(),
  numerator: z.number().int().nullable(),
  denominator: z.number().int().nullable(),
});
export type TReviewFigure = z.infer<typeof ZReviewFigure>;

export const ZReviewIndicatorValue = z.object({
  code: z.string(),
  current: ZReviewFigure,
  /**
   * The previous period of equal length, ending the day before `from` (whole calendar months are
   * compared with the same number of whole months: 2025 with 2024).
   */
  previous: ZReviewFigure,
  /** current − previous, in the indicator's unit (percentage points for percents). */
  change: z.number().nullable(),
  /** change ÷ previous × 100, one decimal; null when previous is 0 or unknown. */
  changePercent: z.number().nullable(),
});
export type TReviewIndicatorValue = z.infer<typeof ZReviewIndicatorValue>;

export const ZReviewTrendPoint = z.object({
  from: zIsoDate,
  to: zIsoDate,
  reportsReceived: z.number().int(),
  announcementsPublished: z.number().int(),
  /** Coverage at the end of the bucket (live for the bucket holding today, else the day's snapshot). */
  households: z.number().int().nullable(),
  covered: z.number().int().nullable(),
  coveragePercent: z.number().nullable(),
});
export const ZReviewTrend = z.object({
  /** Weeks (7 days from `from`) up to 120 days, calendar months beyond. */
  granularity: z.enum(["week", "month"]),
  points: z.array(ZReviewTrendPoint),
});
export type TReviewTrend = z.infer<typeof ZReviewTrend>;

const reviewHeader = {
  period: ZReviewPeriod,
  previousPeriod: ZReviewPeriod,
  generatedAt: z.string(),
  definitions: z.array(ZReviewIndicatorDefinition),
  trend: ZReviewTrend,
};

/** GET /api/communes/:communeId/review/indicators — counts only (req. 13). */
export const ZReviewIndicators = z.object({
  communeId: z.string(),
  communeName: z.string(),
  ...reviewHeader,
  commune: z.array(ZReviewIndicatorValue),
  /** hamletId null: reports or posts not tied to a hamlet (shown only when there are any). */
  hamlets: z.array(
    z.object({
      hamletId: z.string().nullable(),
      name: z.string(),
      indicators: z.array(ZReviewIndicatorValue),
    }),
  ),
});
export type TReviewIndicators = z.infer<typeof ZReviewIndicators>;

/** GET /api/provinces/:provinceId/review/indicators — counts only. */
export const ZProvinceReviewIndicators = z.object({
  provinceId: z.string(),
  provinceName: z.string(),
  ...reviewHeader,
  province: z.array(ZReviewIndicatorValue),
  communes: z.array(
    z.object({ communeId: z.string(), name: z.string(), indicators: z.array(ZReviewIndicatorValue) }),
  ),
});
export type TProvinceReviewIndicators = z.infer<typeof ZProvinceReviewIndicators>;

/** The reports behind an indicator: ids and classification only, never identities or content. */
export const ZReviewIndicatorReports = z.object({
  code: z.string(),
  period: ZReviewPeriod,
  items: z.array(
    z.object({
      id: z.string(),
      /** The first 8 characters of the id, as officers quote a case ("hồ sơ 1a2b3c4d"). */
      shortId: z.string(),
      category: z.string(),
      kind: z.string(),
      state: z.string(),
      receivedAt: z.string(),
      hamletId: z.string().nullable(),
    }),
  ),
  /** Counted in the indicator but not readable by the caller (e.g. chief-only conduct reports). */
  withheld: z.number().int(),
});
export type TReviewIndicatorReports = z.infer<typeof ZReviewIndicatorReports>;

// --- commendations (khen thưởng) ---------------------------------------------------------------

export const COMMENDATION_RECIPIENT_KINDS = ["individual", "collective", "anonymous_reporter"] as const;
export type TCommendationRecipientKind = (typeof COMMENDATION_RECIPIENT_KINDS)[number];
export const COMMENDATION_STATUSES = ["proposed", "decided", "rejected"] as const;
/** What the server stores as the name of an anonymous reporter: never who they are. */
export const ANONYMOUS_REPORTER_NAME = "Người báo tin ẩn danh";

export const ZCreateCommendation = z
  .object({
    recipientKind: z.enum(COMMENDATION_RECIPIENT_KINDS),
    /** Required for individuals and collectives; must be absent for an anonymous reporter. */
    recipientName: zRequiredText(200).optional(),
    /** Required for an anonymous reporter: a report of the commune whose outcome is valuable. */
    reportId: zId.optional(),
    reason: zRequiredText(2000),
    /** Giấy khen, bằng khen, thư khen, tiền thưởng … */
    form: zRequiredText(200),
    amountVnd: z.number().int().min(0).max(2_000_000_000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.recipientKind === "anonymous_reporter") {
      if (!v.reportId) {
        ctx.addIssue({ code: "custom", path: ["reportId"], message: "Cần chọn tin báo được khen thưởng." });
      }
      if (v.recipientName !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["recipientName"],
          message: "Không ghi tên người báo tin ẩn danh.",
        });
      }
    } else if (!v.recipientName) {
      ctx.addIssue({ code: "custom", path: ["recipientName"], message: "Cần ghi tên cá nhân hoặc tập thể." });
    }
  });
export type TCreateCommendation = z.infer<typeof ZCreateCommendation>;

export const ZCommendationDecision = z
  .object({
    decision: z.enum(["decided", "rejected"]),
    /** The number of the decision (quyết định khen thưởng), e.g. "12/QĐ-CAX". */
    decisionNumber: zText(60).optional(),
  })
  .refine((v) => v.decision === "rejected" || (v.decisionNumber ?? "") !== "", {
    message: "Cần ghi số quyết định khen thưởng.",
    path: ["decisionNumber"],
  });
export type TCommendationDecision = z.infer<typeof ZCommendationDecision>;

export const ZCommendation = z.object({
  id: z.string(),
  communeId: z.string(),
  recipientKind: z.enum(COMMENDATION_RECIPIENT_KINDS),
  recipientName: z.string(),
  reportId: z.string().nullable(),
  reason: z.string(),
  form: z.string(),
  amountVnd: z.number().int().nullable(),
  status: z.enum(COMMENDATION_STATUSES),
  decisionNumber: z.string().nullable(),
  decidedAt: z.string().nullable(),
  claimedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TCommendation = z.infer<typeof ZCommendation>;
export const ZCommendationList = z.object({ items: z.array(ZCommendation) });

/** What the anonymous reporter sees with the receipt code: the decision and how to claim it. */
export const ZReceiptCommendation = z.object({
  form: z.string(),
  amountVnd: z.number().int().nullable(),
  decisionNumber: z.string(),
  decidedAt: z.string(),
  howToClaim: z.string(),
  claimed: z.boolean(),
  claimedAt: z.string().nullable(),
});
export type TReceiptCommendation = z.infer<typeof ZReceiptCommendation>;

/** The claim reference is shown once; only its keyed hash is kept. */
export const ZCommendationClaim = z.object({
  claimReference: z.string(),
  claimedAt: z.string(),
  howToClaim: z.string(),
});
export type TCommendationClaim = z.infer<typeof ZCommendationClaim>;

// --- review documents ---
/*
 * Review report documents (issue #8, báo cáo sơ kết; Decree 30/2020 layout, domain-vn §3, req. 24–27):
 *   POST  /api/communes/:communeId/review-reports  ZCreateReviewReportRequest → 201 ZReviewReport (chief, deputies)
 *   GET   /api/communes/:communeId/review-reports  → ZReviewReportList (chief, deputies, province)
 *   GET   /api/review-reports/:reportId             → ZReviewReport (chief, deputies, province)
 *   PATCH /api/review-reports/:reportId             ZUpdateReviewReportRequest → ZReviewReport (chief, deputies; 409 once issued)
 *   POST  /api/review-reports/:reportId/issue       → ZReviewReport (chief, deputies; next number of the agency's year; 409 once issued)
 *   GET   /api/review-reports/:reportId/report.docx | report.pdf | tables.xlsx | dossier.zip (chief, deputies, province)
 * Counts only: a review report never carries an informant's or a suspect's name, phone or address (req. 13).
 */

/** Stable reasons in `error.details.reason`. */
export const ReviewReportProblem = {
  /** The report already has its number and date; it can no longer change (409). */
  ALREADY_ISSUED: "ALREADY_ISSUED",
  /** The signer's name carries an academic title, or a prefix lacks the signer's own title (400). */
  BAD_SIGNATURE: "BAD_SIGNATURE",
} as const;
export type TReviewReportProblem = (typeof ReviewReportProblem)[keyof typeof ReviewReportProblem];

/** Signing authority prefixes (req. 27): thay mặt, ký thay, quyền, thừa lệnh, thừa ủy quyền. */
export const REVIEW_SIGNER_PREFIXES = ["TM.", "KT.", "Q.", "TL.", "TUQ."] as const;
export type TReviewSignerPrefix = (typeof REVIEW_SIGNER_PREFIXES)[number];

const zUpperText = (max: number) => zRequiredText(max).transform((s) => s.toLocaleUpperCase("vi"));

/** The period of a new review report: the same rule as the indicators' query (≤ two years). */
export const ZCreateReviewReportRequest = ZReviewPeriodQuery;
export type TCreateReviewReportRequest = z.infer<typeof ZCreateReviewReportRequest>;

/** Margins in millimetres; Decree 30 allows top/bottom 20–25, left 30–35, right 15–20. */
export const ZReviewMargins = z.object({
  top: z.number().min(20).max(25),
  bottom: z.number().min(20).max(25),
  left: z.number().min(30).max(35),
  right: z.number().min(15).max(20),
});

export const ZReviewSigner = z.object({
  prefix: z.enum(REVIEW_SIGNER_PREFIXES).nullable(),
  /** "TRƯỞNG CÔNG AN" */
  authority: zUpperText(120),
  /** The signer's own title after a prefix, e.g. "PHÓ TRƯỞNG CÔNG AN"; "" without a prefix. */
  title: zText(120).transform((s) => s.toLocaleUpperCase("vi")),
  /** Normal case, no academic title (Decree 30). */
  name: zRequiredText(120),
});

export const ZReviewReportSettings = z.object({
  /** Cơ quan chủ quản, e.g. "CÔNG AN TỈNH ĐỒNG NAI". */
  parentAgency: zUpperText(160),
  /** Cơ quan ban hành, e.g. "CÔNG AN XÃ ĐỒNG TÂM". */
  issuingAgency: zUpperText(160),
  /** "BC-CAX": the type and the agency abbreviation joined by "-", no spaces (req. 26). */
  symbol: z
    .string()
    .max(40)
    .transform((s) => s.normalize("NFC").trim().toLocaleUpperCase("vi"))
    .pipe(z.string().regex(/^BC(-[A-ZĐ0-9]+)+$/u, "Ký hiệu dạng BC-CAX")),
  /** Địa danh of the date line. */
  place: zRequiredText(80),
  /** Trích yếu under "BÁO CÁO". */
  summary: zRequiredText(300),
  signer: ZReviewSigner,
  /** "Nơi nhận" lines without the "- " and ";" (added when printed). */
  recipients: z.array(zRequiredText(200)).max(30),
  /** The drafting unit in the last line, "- Lưu: VT, <unit>." */
  archiveUnit: zRequiredText(40),
  margins: ZReviewMargins,
});
export type TReviewReportSettings = z.infer<typeof ZReviewReportSettings>;

export const ZReviewNarrative = z.object({
  /** Kết quả đạt được */
  results: zText(20000),
  /** Tồn tại, hạn chế */
  shortcomings: zText(20000),
  /** Nguyên nhân */
  causes: zText(20000),
  /** Bài học kinh nghiệm */
  lessons: zText(20000),
  /** Phương hướng, nhiệm vụ thời gian tới */
  directions: zText(20000),
});
export type TReviewNarrative = z.infer<typeof ZReviewNarrative>;

export const ZUpdateReviewReportRequest = z.object({
  narrative: ZReviewNarrative.partial().optional(),
  settings: ZReviewReportSettings.partial().optional(),
});
export type TUpdateReviewReportRequest = z.infer<typeof ZUpdateReviewReportRequest>;

/** The settings as answered (plain values: a response schema carries no transforms). */
export const ZReviewReportSettingsView = z.object({
  parentAgency: z.string(),
  issuingAgency: z.string(),
  symbol: z.string(),
  place: z.string(),
  summary: z.string(),
  signer: z.object({
    prefix: z.enum(REVIEW_SIGNER_PREFIXES).nullable(),
    authority: z.string(),
    title: z.string(),
    name: z.string(),
  }),
  recipients: z.array(z.string()),
  archiveUnit: z.string(),
  margins: z.object({ top: z.number(), bottom: z.number(), left: z.number(), right: z.number() }),
});

export const ZReviewReport = z.object({
  id: z.string(),
  communeId: z.string(),
  period: z.object({ from: zIsoDate, to: zIsoDate }),
  status: z.enum(["DRAFT", "ISSUED"]),
  /** Set at issue: the number in the agency's year, as printed ("Số: 05/BC-CAX"), and the date. */
  number: z.number().int().nullable(),
  numberText: z.string().nullable(),
  issuedOn: z.string().nullable(),
  narrative: z.object({
    results: z.string(),
    shortcomings: z.string(),
    causes: z.string(),
    lessons: z.string(),
    directions: z.string(),
  }),
  settings: ZReviewReportSettingsView,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TReviewReport = z.infer<typeof ZReviewReport>;

export const ZReviewReportList = z.object({
  items: z.array(ZReviewReport.omit({ narrative: true, settings: true }).extend({ summary: z.string() })),
});
export type TReviewReportList = z.infer<typeof ZReviewReportList>;
