import { z } from "zod";
import { zId, zPhoneInput, zRequiredText, zText } from "./common";
import { CONTACT_STATUSES, HOUSEHOLD_STATUSES, MEMBER_KINDS } from "./enums";

export const ZHousehold = z.object({
  id: z.string(),
  hamletId: z.string(),
  code: z.string().nullable(),
  headName: z.string(),
  address: z.string(),
  /** Empty when the caller may not see phone numbers (phonesHidden). */
  phones: z.array(z.string()),
  phonesHidden: z.boolean(),
  memberCount: z.number().int(),
  status: z.enum(HOUSEHOLD_STATUSES),
  contactStatus: z.enum(CONTACT_STATUSES),
  covered: z.boolean(),
  representatives: z.array(z.object({ memberId: z.string(), name: z.string() })),
  updatedAt: z.string(),
});
export type THousehold = z.infer<typeof ZHousehold>;

export const ZHouseholdListQuery = z.object({
  q: zText(100).optional(),
  status: z.enum(HOUSEHOLD_STATUSES).optional(),
  /** "no": active households without a consenting member (not yet reached). */
  reached: z.enum(["yes", "no"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type THouseholdListQuery = z.infer<typeof ZHouseholdListQuery>;

export const ZHouseholdListResponse = z.object({ total: z.number().int(), items: z.array(ZHousehold) });
export type THouseholdListResponse = z.infer<typeof ZHouseholdListResponse>;

export const ZCreateHouseholdRequest = z.object({
  code: zText(40).optional(),
  headName: zRequiredText(120),
  address: zText(300).optional(),
  phones: z.array(zPhoneInput).max(5).default([]),
  memberCount: z.number().int().min(1).max(100).optional(),
});
export type TCreateHouseholdRequest = z.infer<typeof ZCreateHouseholdRequest>;

export const ZUpdateHouseholdRequest = z
  .object({
    code: zText(40).nullable().optional(),
    address: zText(300).optional(),
    phones: z.array(zPhoneInput).max(5).optional(),
    memberCount: z.number().int().min(1).max(100).optional(),
    contactStatus: z.enum(CONTACT_STATUSES).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to update" });
export type TUpdateHouseholdRequest = z.infer<typeof ZUpdateHouseholdRequest>;

/** Changing the head (chủ hộ) is its own action (req. 34). */
export const ZChangeHeadRequest = z.object({ headName: zRequiredText(120), reason: zText(300).optional() });
export type TChangeHeadRequest = z.infer<typeof ZChangeHeadRequest>;

export const ZSetHouseholdStatusRequest = z.object({
  status: z.enum(HOUSEHOLD_STATUSES),
  note: zText(300).optional(),
});
export type TSetHouseholdStatusRequest = z.infer<typeof ZSetHouseholdStatusRequest>;

export const ZImportError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export type TImportError = z.infer<typeof ZImportError>;

export const ImportRowAction = {
  CREATE: "create",
  UPDATE: "update",
  UNCHANGED: "unchanged",
  REJECT: "reject",
} as const;
export type TImportRowAction = (typeof ImportRowAction)[keyof typeof ImportRowAction];

export const ZImportPreviewRow = z.object({
  row: z.number().int(),
  action: z.enum(["create", "update", "unchanged", "reject"]),
  headName: z.string(),
  code: z.string().nullable(),
  phones: z.array(z.string()),
  address: z.string(),
  memberCount: z.number().int().nullable(),
  /** For updates: the fields that change. */
  changes: z.array(z.string()),
  /** For rejects: why, in Vietnamese. */
  message: z.string().nullable(),
});
export type TImportPreviewRow = z.infer<typeof ZImportPreviewRow>;

/** DESIGN §4 shape ({ imported, updated, rejected, errors }) plus what a preview needs. */
export const ZImportPreviewResponse = z.object({
  dryRun: z.literal(true),
  format: z.enum(["csv", "xlsx"]),
  total: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(ZImportError),
  /** The first 1,000 rows, for the preview table. */
  rows: z.array(ZImportPreviewRow),
});
export type TImportPreviewResponse = z.infer<typeof ZImportPreviewResponse>;

export const ZImportStatus = z.object({
  importId: z.string(),
  hamletId: z.string(),
  status: z.enum(["running", "done", "failed"]),
  fileName: z.string(),
  sha256: z.string(),
  total: z.number().int(),
  processed: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(ZImportError),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Who ran it (null when the account no longer exists). */
  createdBy: z.object({ userId: z.string(), name: z.string() }).nullable(),
});
export type TImportStatus = z.infer<typeof ZImportStatus>;

export const ZImportList = z.object({ items: z.array(ZImportStatus) });

export const ZMembersByKind = z.object(
  Object.fromEntries(MEMBER_KINDS.map((k) => [k, z.number().int()])) as Record<
    (typeof MEMBER_KINDS)[number],
    z.ZodNumber
  >,
);
export type TMembersByKind = z.infer<typeof ZMembersByKind>;

export const ZNotReached = z.object({
  not_contacted: z.number().int(),
  invited: z.number().int(),
  declined: z.number().int(),
  unreachable: z.number().int(),
});

export const ZHamletCoverage = z.object({
  hamletId: z.string(),
  name: z.string(),
  groupId: z.string(),
  households: z.number().int(),
  covered: z.number().int(),
  /** One decimal, e.g. 91.6 */
  percent: z.number(),
  members: ZMembersByKind,
  notReached: ZNotReached,
});
export type THamletCoverage = z.infer<typeof ZHamletCoverage>;

export const ZCoverageResponse = z.object({
  communeId: z.string(),
  households: z.number().int(),
  covered: z.number().int(),
  percent: z.number(),
  members: ZMembersByKind,
  notReached: ZNotReached,
  /** Ranked by percent, highest first. */
  hamlets: z.array(ZHamletCoverage),
  trend: z.array(
    z.object({
      day: z.string(),
      households: z.number().int(),
      covered: z.number().int(),
      percent: z.number(),
    }),
  ),
});
export type TCoverageResponse = z.infer<typeof ZCoverageResponse>;

export const ZHouseholdInvite = z.object({
  inviteId: z.string(),
  url: z.string(),
  qrDataUrl: z.string(),
  expiresAt: z.string(),
});
export type THouseholdInvite = z.infer<typeof ZHouseholdInvite>;

export const ZSendInviteRequest = z.object({ channel: z.string().min(1).max(40) });

export const ZConsentInput = z.object({
  version: z.string().min(1).max(20),
  purposes: z.array(z.enum(["GROUP_MEMBERSHIP", "HOUSEHOLD_REPRESENTATIVE", "OFFICER_CONTACT"])).max(10),
});

export const ZJoinInfo = z.object({
  kind: z.enum(["household", "group"]),
  group: z.object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    rules: z.string(),
    hamletName: z.string(),
    communeName: z.string(),
    leaderName: z.string().nullable(),
  }),
  /** For a personal invite: the household, with the head's name shortened. */
  household: z.object({ headName: z.string() }).nullable(),
  consent: z.object({
    version: z.string(),
    purposes: z.array(z.object({ code: z.string(), required: z.boolean() })),
  }),
});
export type TJoinInfo = z.infer<typeof ZJoinInfo>;

export const ZJoinRequest = z.object({
  name: zRequiredText(120),
  phone: zPhoneInput,
  address: zText(300).optional(),
  note: zText(500).optional(),
  consent: ZConsentInput,
});
export type TJoinRequest = z.infer<typeof ZJoinRequest>;

export const ZJoinResult = z.object({
  /** joined: a member now; pending: the leader decides (no personal invite, or household unclear). */
  status: z.enum(["joined", "pending"]),
  /** Keep it: the personal link to see, leave or withdraw consent later. */
  manageToken: z.string(),
});
export type TJoinResult = z.infer<typeof ZJoinResult>;

export const ZMembership = z.object({
  groupName: z.string(),
  hamletName: z.string(),
  status: z.enum(["pending", "active", "left", "withdrawn", "rejected"]),
  name: z.string(),
  consentVersion: z.string().nullable(),
  purposes: z.array(z.string()),
  joinedAt: z.string().nullable(),
});
export type TMembership = z.infer<typeof ZMembership>;

export const ZJoinRequestItem = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  address: z.string(),
  note: z.string(),
  /** web: the join page; zalo: a request to join the group's Zalo twin (decided here, carried out on Zalo). */
  source: z.enum(["web", "zalo"]),
  createdAt: z.string(),
  /** Households of the hamlet whose phone or head name matches, best first. */
  suggestions: z.array(z.object({ householdId: z.string(), headName: z.string(), address: z.string() })),
});
export type TJoinRequestItem = z.infer<typeof ZJoinRequestItem>;

export const ZJoinRequestList = z.object({ items: z.array(ZJoinRequestItem) });

export const ZDecideJoinRequest = z.object({
  action: z.enum(["approve", "reject"]),
  householdId: zId.nullable().optional(),
  kind: z.enum(MEMBER_KINDS).optional(),
  reason: zText(300).optional(),
});
export type TDecideJoinRequest = z.infer<typeof ZDecideJoinRequest>;

export const ZConfirmHouseholdRequest = z.object({ householdId: zId.nullable() });

export const ZUpdateGroupSettingsRequest = z.object({ deputiesSeePhones: z.boolean() });
