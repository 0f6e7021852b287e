import { z } from "zod";
import { zId, zPhoneInput, zRequiredText, zText } from "./common";
import { ReportCategory, ReportKind } from "./enums";

const CATEGORIES = Object.values(ReportCategory) as [string, ...string[]];
const KINDS = Object.values(ReportKind) as [string, ...string[]];

export const ZCreateReportRequest = z
  .object({
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
  })
  .refine((r) => r.anonymous || r.reporter !== undefined, {
    message: "Cần họ tên và số điện thoại, hoặc chọn báo tin nặc danh.",
    path: ["reporter"],
  });
export type TCreateReportRequest = z.infer<typeof ZCreateReportRequest>;

export const ZCreateReportResponse = z.object({ receiptCode: z.string() });

/** What the reporter sees with the receipt code: never internal notes, never officers' names. */
export const ZReceiptView = z.object({
  category: z.string(),
  state: z.string(),
  receivedAt: z.string(),
  closed: z.boolean(),
  result: z.string().nullable(),
  messages: z.array(z.object({ author: z.enum(["reporter", "officer"]), body: z.string(), createdAt: z.string() })),
});
export type TReceiptView = z.infer<typeof ZReceiptView>;

export const ZMessageRequest = z.object({ body: zRequiredText(5000) });
export const ZOfficerMessageRequest = z.object({ body: zRequiredText(5000), internal: z.boolean().default(false) });

export const ZCaseListItem = z.object({
  id: z.string(),
  category: z.enum(CATEGORIES),
  kind: z.enum(KINDS),
  state: z.string(),
  anonymous: z.boolean(),
  urgent: z.boolean(),
  hamlet: z.object({ id: z.string(), name: z.string() }).nullable(),
  receivedAt: z.string(),
  excerpt: z.string(),
  assigneeUserId: z.string().nullable(),
});
export type TCaseListItem = z.infer<typeof ZCaseListItem>;

export const ZCaseList = z.object({ total: z.number().int(), items: z.array(ZCaseListItem) });

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
});
export type TCaseDetail = z.infer<typeof ZCaseDetail>;

export const ZRevealedIdentity = z.object({ name: z.string(), phone: z.string(), address: z.string() });
export type TRevealedIdentity = z.infer<typeof ZRevealedIdentity>;

export const ZGrantIdentityRequest = z.object({ userId: zId });
