import { z } from "zod";
import { zId, zPhoneInput, zRequiredText, zText } from "./common";
import { ReportCategory, ReportKind, SUSPENSION_GROUNDS } from "./enums";

const CATEGORIES = Object.values(ReportCategory) as [string, ...string[]];
const KINDS = Object.values(ReportKind) as [string, ...string[]];

/** What a report says, however it arrives (web form, officer logging a call, later Zalo). */
const reportFields = {
  communeId: zId,
  hamletId: zId.optional(),
  category: z.enum(CATEGORIES),
  description: zRequiredText(5000),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  location: zText(300).optional(),
  anonymous: z.boolean(),
  reporter: z
    .object({ name: zRequiredText(120), phone: zPhoneInput, address: zText(300).optional() })
    .optional(),
  /** "Đang xảy ra, cần công an ngay": alerts the officers at once and escalates until acknowledged. */
  urgent: z.boolean().optional(),
  /** The wanted/missing notice the reporter answers ("Báo tin cho công an" on the notice). */
  announcementId: zId.optional(),
};
const namedUnlessAnonymous = (r: { anonymous: boolean; reporter?: unknown }) =>
  r.anonymous || r.reporter !== undefined;
const NAME_REQUIRED = {
  message: "Cần họ tên và số điện thoại, hoặc chọn báo tin nặc danh.",
  path: ["reporter"],
};

export const ZCreateReportRequest = z.object(reportFields).refine(namedUnlessAnonymous, NAME_REQUIRED);
export type TCreateReportRequest = z.infer<typeof ZCreateReportRequest>;

export const ZCreateReportResponse = z.object({ receiptCode: z.string() });

/** Names a reporter needs to choose the place, public (no personal data). */
export const ZReportPlaces = z.object({
  communeId: z.string(),
  name: z.string(),
  hamlets: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type TReportPlaces = z.infer<typeof ZReportPlaces>;

/** What the reporter sees with the receipt code: never internal notes, never officers' names. */
export const ZReceiptView = z.object({
  category: z.string(),
  /** The reporter may rate the handling once the case is closed. */
  canRate: z.boolean(),
  state: z.string(),
  receivedAt: z.string(),
  closed: z.boolean(),
  result: z.string().nullable(),
  messages: z.array(
    z.object({ author: z.enum(["reporter", "officer"]), body: z.string(), createdAt: z.string() }),
  ),
});
export type TReceiptView = z.infer<typeof ZReceiptView>;

export const ZMessageRequest = z.object({ body: zRequiredText(5000) });
export const ZOfficerMessageRequest = z.object({
  body: zRequiredText(5000),
  internal: z.boolean().default(false),
});

export const ZCaseListItem = z.object({
  id: z.string(),
  communeId: z.string(),
  category: z.enum(CATEGORIES),
  kind: z.enum(KINDS),
  state: z.string(),
  anonymous: z.boolean(),
  urgent: z.boolean(),
  hamlet: z.object({ id: z.string(), name: z.string() }).nullable(),
  receivedAt: z.string(),
  excerpt: z.string(),
  assigneeUserId: z.string().nullable(),
  /** Marked by an officer as spam, abuse or an obvious duplicate. */
  flaggedSpam: z.boolean(),
  /** The earliest deadline still running, for "quá hạn" / "sắp đến hạn" in lists. */
  nextDeadline: z
    .object({ code: z.string(), legal: z.string(), status: z.enum(["ok", "due_soon", "overdue"]) })
    .nullable(),
});
export type TCaseListItem = z.infer<typeof ZCaseListItem>;

export const ZCaseList = z.object({ total: z.number().int(), items: z.array(ZCaseListItem) });

/** A report received by phone or in person, logged by an officer (plan II.4.2 "gọi điện trực tiếp"). */
export const ZLogReportRequest = z
  .object({ ...reportFields, channel: z.enum(["phone", "in_person"]) })
  .refine(namedUnlessAnonymous, NAME_REQUIRED);
export type TLogReportRequest = z.infer<typeof ZLogReportRequest>;

export const ZCaseDetail = ZCaseListItem.extend({
  description: z.string(),
  occurredAt: z.string().nullable(),
  location: z.string(),
  channel: z.string(),
  /** The reporter is shown as "[ẩn]" until revealed through the audited reveal action. */
  reporter: z.object({ anonymous: z.boolean(), canReveal: z.boolean() }),
  messages: z.array(
    z.object({
      id: z.string(),
      author: z.enum(["reporter", "officer"]),
      authorName: z.string().nullable(),
      body: z.string(),
      internal: z.boolean(),
      createdAt: z.string(),
    }),
  ),
  attachments: z.array(z.object({ id: z.string(), contentType: z.string() })),
  allowedEvents: z.array(z.string()),
  assignee: z.object({ userId: z.string(), name: z.string() }).nullable(),
  /** The notice this report answers, if any. */
  announcement: z.object({ id: z.string(), title: z.string() }).nullable(),
  outcome: z.object({ code: z.string(), valuable: z.boolean(), summary: z.string() }).nullable(),
  deadlines: z.array(z.lazy(() => ZCaseDeadline)),
  /** Who did what, from the audit log (never what an identity reveal showed). */
  history: z.array(z.object({ action: z.string(), at: z.string(), actorName: z.string().nullable() })),
});
export type TCaseDetail = z.infer<typeof ZCaseDetail>;

export const ZRevealedIdentity = z.object({ name: z.string(), phone: z.string(), address: z.string() });
export type TRevealedIdentity = z.infer<typeof ZRevealedIdentity>;

export const ZGrantIdentityRequest = z.object({ userId: zId });

export const OUTCOME_CODE_LIST = [
  "KHOI_TO",
  "XU_PHAT_HANH_CHINH",
  "BAT_GIU",
  "TRUY_NA_FOUND",
  "TAI_SAN_TRA_LAI",
  "NGAN_CHAN_LUA_DAO",
  "KHONG_CO_CAN_CU",
  "CHUYEN_CO_QUAN_KHAC",
  "KHAC",
] as const;

export const ZCaseEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ACKNOWLEDGE") }),
  z.object({ type: z.literal("START_VERIFICATION") }),
  z.object({ type: z.literal("FORWARD"), agency: zRequiredText(200) }),
  z.object({ type: z.literal("HANDLE_IN_COMMUNE"), investigatorUserId: zId }),
  z.object({ type: z.literal("MARK_NOT_POLICE_MATTER"), reason: zRequiredText(1000) }),
  z.object({
    type: z.literal("SUSPEND"),
    ground: z.enum(SUSPENSION_GROUNDS),
    note: zText(1000).optional(),
  }),
  z.object({ type: z.literal("RESUME") }),
  z.object({
    type: z.literal("RECORD_OUTCOME"),
    outcome: z.object({
      code: z.enum(OUTCOME_CODE_LIST),
      valuable: z.boolean(),
      summary: zRequiredText(5000),
    }),
  }),
  z.object({
    type: z.literal("CLOSE"),
    reporterNotified: z
      .object({ at: z.iso.datetime({ offset: true }), channel: zRequiredText(60) })
      .nullable(),
    /** What the reporter reads with the receipt code (CPC art. 56). */
    publicResult: zText(2000).optional(),
  }),
  z.object({ type: z.literal("MERGE_INTO"), targetCaseId: zId }),
  z.object({ type: z.literal("REASSIGN"), toUserId: zId, reason: zRequiredText(500) }),
  z.object({ type: z.literal("CHANGE_KIND"), to: z.enum(KINDS), reason: zRequiredText(500) }),
]);
export type TCaseEvent = z.infer<typeof ZCaseEvent>;

export const ZTransitionRequest = z.object({ event: ZCaseEvent });

export const ZCaseDeadline = z.object({
  code: z.string(),
  legal: z.string(),
  internal: z.string(),
  basis: z.string(),
  status: z.enum(["ok", "due_soon", "overdue"]),
});

export const ZRatingRequest = z.object({
  rating: z.number().int().min(1).max(5),
  comment: zText(1000).optional(),
});

export const ZFlagCaseRequest = z.object({ spam: z.boolean() });
/** Optional header on POST /api/reports: the same key within a day returns the same receipt. */
export const ZIntakeHeaders = z.object({
  "idempotency-key": z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/)
    .optional(),
  /** "<challenge>:<nonce>" when the server asked for a proof of work (428). */
  "x-proof-of-work": z.string().max(200).optional(),
});

/** GET /api/reports/challenge: a proof-of-work challenge; `required` says whether intake asks for it now. */
export const ZPowChallenge = z.object({
  challenge: z.string(),
  bits: z.number().int(),
  required: z.boolean(),
});

/** A person the report is about (a suspect), recorded by an officer; sealed like the reporter. */
export const ZSuspectRequest = z.object({
  name: zRequiredText(120),
  phone: zPhoneInput.optional(),
  note: zText(500).optional(),
});
export type TSuspectRequest = z.infer<typeof ZSuspectRequest>;
