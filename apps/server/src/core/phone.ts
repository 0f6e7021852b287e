import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { AppError } from "./errors";
import prefixes from "./phone-prefixes.json" with { type: "json" };

/**
 * Vietnamese phone numbers (requirements 28–32 of domain-vn). Our prefix table decides mobile
 * validity (libphonenumber's metadata lags new prefixes and cannot know the 2018 legacy mapping);
 * libphonenumber-js/max classifies landlines and formats E.164.
 */
export type NormalizedPhone = {
  national: string;
  e164: string;
  type: "mobile" | "landline";
  legacy: boolean;
  /** A hint only: subscribers keep their number when they change carrier (req. 32). */
  carrierHint: string | undefined;
};

export type PhoneError = { error: "EMPTY" | "INVALID_CHARACTERS" | "INVALID_NUMBER"; message: string };

const MOBILE = new Set<string>(prefixes.mobile);
const LEGACY = prefixes.legacy as Record<string, string>;
const CARRIER = Object.entries(prefixes.carrierHint as Record<string, string[]>);

function toNationalDigits(input: string): string | PhoneError {
  const stripped = input.normalize("NFC").replace(/[\s.\-()]/g, "");
  if (stripped === "") {
    return { error: "EMPTY", message: "Số điện thoại trống." };
  }
  if (!/^\+?\d+$/.test(stripped)) {
    return { error: "INVALID_CHARACTERS", message: "Số điện thoại chỉ gồm chữ số." };
  }
  if (stripped.startsWith("+84")) {
    return `0${stripped.slice(3)}`;
  }
  if (stripped.startsWith("+")) {
    return { error: "INVALID_NUMBER", message: "Chỉ nhận số điện thoại Việt Nam." };
  }
  if (stripped.startsWith("0084")) {
    return `0${stripped.slice(4)}`;
  }
  // A bare "84" is a country code only for 84 + 9 (mobile) or 84 + 10 (landline) digits. A string
  // that starts with "0" is national already: "0841234567" is a Vinaphone 084 number.
  if (stripped.startsWith("84") && (stripped.length === 11 || stripped.length === 12)) {
    return `0${stripped.slice(2)}`;
  }
  if (!stripped.startsWith("0") && stripped.length === 9) {
    return `0${stripped}`;
  }
  return stripped;
}

export function normalizePhone(input: string): NormalizedPhone | PhoneError {
  const digits = toNationalDigits(input);
  if (typeof digits !== "string") {
    return digits;
  }
  let national = digits;
  let legacy = false;
  if (national.length === 11 && national.startsWith("01")) {
    const mapped = LEGACY[national.slice(0, 4)];
    if (mapped) {
      national = `${mapped}${national.slice(4)}`;
      legacy = true;
    }
  }
  const invalid: PhoneError = {
    error: "INVALID_NUMBER",
    message: `Số điện thoại không hợp lệ: ${input.trim()}`,
  };
  if (national.length === 10 && MOBILE.has(national.slice(0, 3))) {
    const prefix = national.slice(0, 3);
    return {
      national,
      e164: `+84${national.slice(1)}`,
      type: "mobile",
      legacy,
      carrierHint: CARRIER.find(([, list]) => list.includes(prefix))?.[0],
    };
  }
  if (national.length === 11 && national.startsWith("02")) {
    const parsed = parsePhoneNumberFromString(national, "VN");
    if (parsed?.isValid() && parsed.getType() === "FIXED_LINE") {
      return { national, e164: parsed.number, type: "landline", legacy: false, carrierHint: undefined };
    }
  }
  return invalid;
}

export function isPhoneError(v: NormalizedPhone | PhoneError): v is PhoneError {
  return "error" in v;
}

/** Normalises or throws VALIDATION_FAILED naming the field — for services taking a phone as input. */
export function requirePhone(input: string, path: string): NormalizedPhone {
  const phone = normalizePhone(input);
  if (isPhoneError(phone)) {
    throw new AppError("VALIDATION_FAILED", phone.message, [{ path, message: phone.message }]);
  }
  return phone;
}
