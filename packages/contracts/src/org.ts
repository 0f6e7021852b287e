import { z } from "zod";
import { zId, zPhoneInput, zRequiredText, zText } from "./common";
import { COMMUNE_KINDS, DEPUTY_TITLES, HAMLET_KINDS, MEMBER_KINDS, POSTING_MODES, ROLES } from "./enums";

export const ZPersonRef = z.object({ userId: z.string(), name: z.string(), phone: z.string() });
export type TPersonRef = z.infer<typeof ZPersonRef>;

export const ZDeputy = ZPersonRef.extend({ title: z.enum(DEPUTY_TITLES) });
export type TDeputy = z.infer<typeof ZDeputy>;

export const ZGroupSummary = z.object({
  id: z.string(),
  name: z.string(),
  postingMode: z.enum(POSTING_MODES),
  leader: ZPersonRef.nullable(),
  deputies: z.array(ZDeputy),
  memberCount: z.number().int(),
});
export type TGroupSummary = z.infer<typeof ZGroupSummary>;

export const ZHamlet = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(HAMLET_KINDS),
  remote: z.boolean(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  group: ZGroupSummary,
});
export type THamlet = z.infer<typeof ZHamlet>;

export const ZCommuneDetail = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(COMMUNE_KINDS),
  code: z.string().nullable(),
  province: z.object({ id: z.string(), name: z.string() }),
  remote: z.boolean(),
  requireTotp: z.boolean(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  hamlets: z.array(ZHamlet),
});
export type TCommuneDetail = z.infer<typeof ZCommuneDetail>;

export const ZCreateHamletRequest = z.object({
  name: zRequiredText(120),
  kind: z.enum(HAMLET_KINDS),
  leaderUserId: zId,
  remote: z.boolean().optional(),
  validFrom: z.iso.date().optional(),
});
export type TCreateHamletRequest = z.infer<typeof ZCreateHamletRequest>;

export const ZCreateHamletResponse = z.object({ hamletId: z.string(), groupId: z.string() });

export const ZUpdateCommuneSettingsRequest = z.object({ requireTotp: z.boolean() });
export type TUpdateCommuneSettingsRequest = z.infer<typeof ZUpdateCommuneSettingsRequest>;

export const ZGroupDetail = ZGroupSummary.extend({
  communeId: z.string(),
  hamlet: z.object({ id: z.string(), name: z.string(), kind: z.enum(HAMLET_KINDS) }),
  description: z.string(),
  rules: z.string(),
  deputiesSeePhones: z.boolean(),
  avatarUrl: z.string().nullable(),
  backgroundUrl: z.string().nullable(),
  updatedAt: z.string(),
});
export type TGroupDetail = z.infer<typeof ZGroupDetail>;

export const ZUpdateGroupRequest = z
  .object({
    name: zRequiredText(120).optional(),
    description: zText(2000).optional(),
    rules: zText(10_000).optional(),
    postingMode: z.enum(POSTING_MODES).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to update" });
export type TUpdateGroupRequest = z.infer<typeof ZUpdateGroupRequest>;

export const ZGroupMember = z.object({
  id: z.string(),
  name: z.string(),
  /** Shown only to officers; group deputies and members see null. */
  phone: z.string().nullable(),
  kind: z.enum(MEMBER_KINDS),
  householdId: z.string().nullable(),
  /** false while the leader has not confirmed which household the member represents. */
  householdConfirmed: z.boolean(),
  joinedAt: z.string(),
});
export type TGroupMember = z.infer<typeof ZGroupMember>;

export const ZListQuery = z.object({
  q: zText(100).optional(),
  /** Only members whose household the leader still has to confirm. */
  unconfirmed: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ZGroupMembersResponse = z.object({
  total: z.number().int(),
  items: z.array(ZGroupMember),
});
export type TGroupMembersResponse = z.infer<typeof ZGroupMembersResponse>;

export const ZAssignLeaderRequest = z.object({ userId: zId });
export type TAssignLeaderRequest = z.infer<typeof ZAssignLeaderRequest>;

export const ZAddDeputyRequest = z.object({
  name: zRequiredText(120),
  phone: zPhoneInput,
  title: z.enum(DEPUTY_TITLES),
});
export type TAddDeputyRequest = z.infer<typeof ZAddDeputyRequest>;

export const ZAddDeputyResponse = z.object({
  userId: z.string(),
  /** Set only when a new account was created: shown once, to hand to the person. */
  temporaryPassword: z.string().nullable(),
});

export const ZOfficer = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  status: z.enum(["active", "disabled"]),
  totpEnabled: z.boolean(),
  roles: z.array(
    z.object({
      role: z.enum(ROLES),
      groupId: z.string().optional(),
      hamletName: z.string().optional(),
    }),
  ),
});
export type TOfficer = z.infer<typeof ZOfficer>;

export const ZOfficersResponse = z.object({ items: z.array(ZOfficer) });

export const ZCreateOfficerRequest = z.object({
  name: zRequiredText(120),
  phone: zPhoneInput,
  /** Management-team deputy (Phó Trưởng Công an xã), or a plain officer who can then lead groups. */
  communeDeputy: z.boolean().optional(),
});
export type TCreateOfficerRequest = z.infer<typeof ZCreateOfficerRequest>;

export const ZCreateOfficerResponse = z.object({ userId: z.string(), temporaryPassword: z.string() });

export const ZUpdateOfficerRequest = z.object({
  status: z.enum(["active", "disabled"]).optional(),
  resetPassword: z.literal(true).optional(),
});
export type TUpdateOfficerRequest = z.infer<typeof ZUpdateOfficerRequest>;

export const ZUpdateOfficerResponse = z.object({ temporaryPassword: z.string().nullable() });

export const ZProvinceSummary = z.object({
  province: z.object({ id: z.string(), name: z.string() }),
  communes: z.array(
    z.object({
      communeId: z.string(),
      name: z.string(),
      hamlets: z.number().int(),
      groups: z.number().int(),
      groupsWithLeader: z.number().int(),
      members: z.number().int(),
    }),
  ),
});
export type TProvinceSummary = z.infer<typeof ZProvinceSummary>;
