/** Shared code enums. Values are stable API codes; labels live in the web app's i18n tables. */

export const Role = {
  PROVINCE_OFFICER: "PROVINCE_OFFICER",
  COMMUNE_CHIEF: "COMMUNE_CHIEF",
  COMMUNE_DEPUTY: "COMMUNE_DEPUTY",
  GROUP_LEADER: "GROUP_LEADER",
  GROUP_DEPUTY: "GROUP_DEPUTY",
  GROUP_MEMBER: "GROUP_MEMBER",
} as const;
export type TRole = (typeof Role)[keyof typeof Role];
export const ROLES = Object.values(Role) as [TRole, ...TRole[]];

/** Roles held by police officers (Công an); TOTP applies to these. */
export const POLICE_ROLES: readonly TRole[] = [
  Role.PROVINCE_OFFICER,
  Role.COMMUNE_CHIEF,
  Role.COMMUNE_DEPUTY,
  Role.GROUP_LEADER,
];

export const CommuneKind = { XA: "XA", PHUONG: "PHUONG", DAC_KHU: "DAC_KHU" } as const;
export type TCommuneKind = (typeof CommuneKind)[keyof typeof CommuneKind];
export const COMMUNE_KINDS = Object.values(CommuneKind) as [TCommuneKind, ...TCommuneKind[]];

export const HamletKind = { AP: "AP", THON: "THON", KHU_PHO: "KHU_PHO", TO_DAN_PHO: "TO_DAN_PHO" } as const;
export type THamletKind = (typeof HamletKind)[keyof typeof HamletKind];
export const HAMLET_KINDS = Object.values(HamletKind) as [THamletKind, ...THamletKind[]];

export const PostingMode = {
  OPEN: "open",
  PREMODERATED: "premoderated",
  ANNOUNCEMENTS_ONLY: "announcements_only",
} as const;
export type TPostingMode = (typeof PostingMode)[keyof typeof PostingMode];
export const POSTING_MODES = Object.values(PostingMode) as [TPostingMode, ...TPostingMode[]];

export const MemberKind = {
  HOUSEHOLD_REP: "HOUSEHOLD_REP",
  HAMLET_BOARD: "HAMLET_BOARD",
  SECURITY_TEAM: "SECURITY_TEAM",
  OTHER: "OTHER",
} as const;
export type TMemberKind = (typeof MemberKind)[keyof typeof MemberKind];
export const MEMBER_KINDS = Object.values(MemberKind) as [TMemberKind, ...TMemberKind[]];

/** Titles of group deputies (Phó nhóm) named by the plan, II.5.1. */
export const DeputyTitle = {
  PARTY_SECRETARY: "PARTY_SECRETARY",
  HAMLET_HEAD: "HAMLET_HEAD",
  SECURITY_TEAM_HEAD: "SECURITY_TEAM_HEAD",
  OTHER: "OTHER",
} as const;
export type TDeputyTitle = (typeof DeputyTitle)[keyof typeof DeputyTitle];
export const DEPUTY_TITLES = Object.values(DeputyTitle) as [TDeputyTitle, ...TDeputyTitle[]];

export const AnnouncementCategory = {
  LAW_POLICY: "LAW_POLICY",
  SECURITY_SITUATION: "SECURITY_SITUATION",
  CRIME_METHODS: "CRIME_METHODS",
  FIRE_SAFETY: "FIRE_SAFETY",
  TRAFFIC_SAFETY: "TRAFFIC_SAFETY",
  GOOD_EXAMPLE: "GOOD_EXAMPLE",
  ADMIN_PROCEDURE: "ADMIN_PROCEDURE",
  FOREIGNER_REVIEW: "FOREIGNER_REVIEW",
  WANTED_PERSON: "WANTED_PERSON",
  MISSING_PERSON: "MISSING_PERSON",
  DISASTER_EPIDEMIC: "DISASTER_EPIDEMIC",
  OTHER_DIRECTIVE: "OTHER_DIRECTIVE",
} as const;
export type TAnnouncementCategory = (typeof AnnouncementCategory)[keyof typeof AnnouncementCategory];

export const ReportCategory = {
  NATIONAL_SECURITY: "NATIONAL_SECURITY",
  CRIME: "CRIME",
  SOCIAL_EVIL: "SOCIAL_EVIL",
  LAW_VIOLATION: "LAW_VIOLATION",
  TRAFFIC_ACCIDENT: "TRAFFIC_ACCIDENT",
  FIRE_EXPLOSION: "FIRE_EXPLOSION",
  RESIDENT_DISPUTE: "RESIDENT_DISPUTE",
  POLICE_CONDUCT: "POLICE_CONDUCT",
  OTHER: "OTHER",
} as const;
export type TReportCategory = (typeof ReportCategory)[keyof typeof ReportCategory];

export const ReportKind = {
  TO_GIAC: "TO_GIAC",
  TIN_BAO: "TIN_BAO",
  TIN_BAO_NAC_DANH: "TIN_BAO_NAC_DANH",
  PHAN_ANH_KIEN_NGHI: "PHAN_ANH_KIEN_NGHI",
  KHIEU_NAI: "KHIEU_NAI",
  TO_CAO: "TO_CAO",
  OTHER: "OTHER",
} as const;
export type TReportKind = (typeof ReportKind)[keyof typeof ReportKind];

export const ErrorCode = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  TOTP_REQUIRED: "TOTP_REQUIRED",
  VALIDATION_FAILED: "VALIDATION_FAILED",
  CONFLICT: "CONFLICT",
  INVALID_TRANSITION: "INVALID_TRANSITION",
  CONTENT_BLOCKED: "CONTENT_BLOCKED",
  RATE_LIMITED: "RATE_LIMITED",
  PROOF_OF_WORK_REQUIRED: "PROOF_OF_WORK_REQUIRED",
  CHANNEL_UNAVAILABLE: "CHANNEL_UNAVAILABLE",
  INTERNAL: "INTERNAL",
} as const;
export type TErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What the signed-in person may do; the web app shows screens and buttons from these. */
export const Ability = {
  VIEW_PROVINCE_SUMMARY: "VIEW_PROVINCE_SUMMARY",
  VIEW_COMMUNE: "VIEW_COMMUNE",
  MANAGE_HAMLETS: "MANAGE_HAMLETS",
  ASSIGN_LEADERS: "ASSIGN_LEADERS",
  MANAGE_OFFICERS: "MANAGE_OFFICERS",
  MANAGE_COMMUNE_SETTINGS: "MANAGE_COMMUNE_SETTINGS",
  VIEW_GROUP: "VIEW_GROUP",
  EDIT_GROUP_PROFILE: "EDIT_GROUP_PROFILE",
  MANAGE_GROUP_DEPUTIES: "MANAGE_GROUP_DEPUTIES",
  SETUP_TOTP: "SETUP_TOTP",
} as const;
export type TAbility = (typeof Ability)[keyof typeof Ability];

export const HouseholdStatus = { ACTIVE: "active", MOVED: "moved", DISSOLVED: "dissolved" } as const;
export type THouseholdStatus = (typeof HouseholdStatus)[keyof typeof HouseholdStatus];
export const HOUSEHOLD_STATUSES = Object.values(HouseholdStatus) as [THouseholdStatus, ...THouseholdStatus[]];

/** Outreach state of a household that no member represents yet. */
export const ContactStatus = {
  NOT_CONTACTED: "not_contacted",
  INVITED: "invited",
  DECLINED: "declined",
  UNREACHABLE: "unreachable",
} as const;
export type TContactStatus = (typeof ContactStatus)[keyof typeof ContactStatus];
export const CONTACT_STATUSES = Object.values(ContactStatus) as [TContactStatus, ...TContactStatus[]];

/**
 * Consent purposes (req. 16): shown unticked; the required ones must be ticked to join. A new
 * wording gets a new version; members keep the version they agreed to.
 */
export const CONSENT_VERSION = "2026-01";
export const ConsentPurpose = {
  GROUP_MEMBERSHIP: "GROUP_MEMBERSHIP",
  HOUSEHOLD_REPRESENTATIVE: "HOUSEHOLD_REPRESENTATIVE",
  OFFICER_CONTACT: "OFFICER_CONTACT",
} as const;
export type TConsentPurpose = (typeof ConsentPurpose)[keyof typeof ConsentPurpose];
export const CONSENT_PURPOSES: { code: TConsentPurpose; required: boolean }[] = [
  { code: "GROUP_MEMBERSHIP", required: true },
  { code: "HOUSEHOLD_REPRESENTATIVE", required: true },
  { code: "OFFICER_CONTACT", required: false },
];

/** The three grounds of CPC art. 148 for suspending the resolution of a tip (req. 6). */
export const SuspensionGround = {
  EXPERT_OR_VALUATION_OR_LEGAL_ASSISTANCE_PENDING: "EXPERT_OR_VALUATION_OR_LEGAL_ASSISTANCE_PENDING",
  DOCUMENTS_PENDING: "DOCUMENTS_PENDING",
  DISASTER_OR_EPIDEMIC: "DISASTER_OR_EPIDEMIC",
} as const;
export type TSuspensionGround = (typeof SuspensionGround)[keyof typeof SuspensionGround];
export const SUSPENSION_GROUNDS = Object.values(SuspensionGround) as [
  TSuspensionGround,
  ...TSuspensionGround[],
];
