import { z } from "zod";
import { ErrorCode } from "./enums";

/** Trimmed, NFC-normalised text (requirement 36: every inbound string is NFC before storage). */
export const zText = (max: number) =>
  z
    .string()
    .max(max * 4)
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().max(max));

export const zRequiredText = (max: number) =>
  z
    .string()
    .max(max * 4)
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().min(1).max(max));

export const zId = z.uuid();
export const ZId = zId;
export const zIsoDate = z.iso.date();
export const zPhoneInput = z.string().min(1).max(40);

export const ZErrorResponse = z.object({
  error: z.object({
    code: z.enum(Object.values(ErrorCode) as [string, ...string[]]),
    message: z.string(),
    requestId: z.string(),
    details: z.unknown().optional(),
  }),
});
export type TErrorResponse = z.infer<typeof ZErrorResponse>;

export const ZHealthResponse = z.object({
  status: z.literal("ok"),
  database: z.enum(["pglite", "postgres"]),
  version: z.string(),
});
export type THealthResponse = z.infer<typeof ZHealthResponse>;

export const ZOk = z.object({ ok: z.literal(true) });
