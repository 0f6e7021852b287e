import { z } from "zod";
import { zPhoneInput, zText } from "./common";
import { ROLES } from "./enums";

export const ZLoginRequest = z.object({
  phone: zPhoneInput,
  password: z.string().min(1).max(200),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZLoginResponse = z.object({
  csrfToken: z.string(),
  /** The commune requires two-factor sign-in and this officer has not turned it on yet. */
  totpSetupRequired: z.boolean(),
});
export type TLoginResponse = z.infer<typeof ZLoginResponse>;

export const ZRoleAssignment = z.object({
  role: z.enum(ROLES),
  provinceId: z.string().optional(),
  communeId: z.string().optional(),
  hamletId: z.string().optional(),
  groupId: z.string().optional(),
  title: z.string().optional(),
});
export type TRoleAssignment = z.infer<typeof ZRoleAssignment>;

export const ZMeResponse = z.object({
  user: z.object({
    id: z.string(),
    name: z.string(),
    phone: z.string(),
    locale: z.enum(["vi", "en"]),
    totpEnabled: z.boolean(),
    isOfficer: z.boolean(),
  }),
  roles: z.array(ZRoleAssignment),
  abilities: z.array(z.string()),
  totpSetupRequired: z.boolean(),
  csrfToken: z.string(),
});
export type TMeResponse = z.infer<typeof ZMeResponse>;

export const ZTotpSetupResponse = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrDataUrl: z.string(),
});
export type TTotpSetupResponse = z.infer<typeof ZTotpSetupResponse>;

export const ZTotpCodeRequest = z.object({ code: z.string().regex(/^\d{6}$/) });
export type TTotpCodeRequest = z.infer<typeof ZTotpCodeRequest>;

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(10).max(200),
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZUpdateMeRequest = z.object({
  locale: z.enum(["vi", "en"]).optional(),
  name: zText(120).optional(),
});
export type TUpdateMeRequest = z.infer<typeof ZUpdateMeRequest>;
