import { OaError, ZaloApiError } from "./errors";

/** Parameter readers for API bodies: anything malformed is -201, anything too large -210. */
export type Body = Record<string, unknown>;

const invalid = (key: string) => new ZaloApiError(OaError.INVALID_PARAM, `${key} is invalid`);

export function asBody(value: unknown): Body {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Body) : {};
}

export function reqString(body: Body, key: string): string {
  const value = body[key];
  if (typeof value !== "string" || value.trim() === "") {
    throw invalid(key);
  }
  return value;
}

export function optString(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== "string") {
    throw invalid(key);
  }
  return value;
}

export function optBool(body: Body, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === "boolean") {
    return value;
  }
  if (value === "true" || value === "false") {
    return value === "true";
  }
  throw invalid(key);
}

/** An integer given as a number or a numeric string (GMF query params are strings). */
export function optInt(body: Body, key: string, fallback: number, max: number): number {
  const value = body[key];
  if (value === undefined || value === null || value === "") {
    return fallback;
  }
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 0) {
    throw invalid(key);
  }
  if (n > max) {
    throw new ZaloApiError(OaError.OVER_LIMIT, `${key} must not exceed ${max}`);
  }
  return n;
}

export function idList(body: Body, key: string, min: number, max: number): string[] {
  const value = body[key];
  if (!Array.isArray(value) || value.length < min || !value.every((v) => typeof v === "string" && v !== "")) {
    throw invalid(key);
  }
  if (value.length > max) {
    throw new ZaloApiError(OaError.OVER_LIMIT, `${key} must hold at most ${max} ids`);
  }
  return [...new Set(value as string[])];
}

/** Message text: 1–2000 characters (-201 when empty, -210 when longer). */
export function messageText(value: unknown, required: boolean): string | null {
  if (value === undefined || value === null || value === "") {
    if (required) {
      throw invalid("message.text");
    }
    return null;
  }
  if (typeof value !== "string") {
    throw invalid("message.text");
  }
  if ([...value].length > 2000) {
    throw new ZaloApiError(OaError.OVER_LIMIT, "message.text must not exceed 2000 characters");
  }
  return value;
}
