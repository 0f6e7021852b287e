/**
 * JSON parsing and lenient field coercion for Zalo responses.
 *
 * Zalo ids (user_id, oa_id, group_id, msg_id …) are 18–19-digit decimals, above 2^53. Zalo sends
 * them as strings today, but some endpoints and older copies of the docs show bare JSON numbers;
 * `JSON.parse` would silently round those. Node 20 has no `JSON.parse` source access, so
 * `parseJsonKeepingIds` quotes every integer literal that is not a safe integer *before*
 * parsing, with a scanner that skips string literals. Floats and safe integers stay numbers.
 */

const DIGIT_OR_MINUS = /[-0-9]/;
const NUMBER_TOKEN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const INTEGER = /^-?\d+$/;

/** `JSON.parse`, except that integers outside ±(2^53 − 1) come back as their exact decimal string. */
export function parseJsonKeepingIds(text: string): unknown {
  let out = "";
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"') {
      // Skip a string literal, honouring backslash escapes.
      i++;
      while (i < text.length && text[i] !== '"') {
        i += text[i] === "\\" ? 2 : 1;
      }
      i++;
      continue;
    }
    if (DIGIT_OR_MINUS.test(ch)) {
      NUMBER_TOKEN.lastIndex = i;
      const match = NUMBER_TOKEN.exec(text);
      if (!match) {
        // Malformed; let JSON.parse report it.
        i++;
        continue;
      }
      const token = match[0];
      if (INTEGER.test(token) && !Number.isSafeInteger(Number(token))) {
        out += `${text.slice(copiedUpTo, i)}"${token}"`;
        copiedUpTo = i + token.length;
      }
      i += token.length;
      continue;
    }
    i++;
  }
  return JSON.parse(copiedUpTo === 0 ? text : out + text.slice(copiedUpTo));
}

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): JsonRecord {
  return isRecord(value) ? value : {};
}

/** An id or other token: strings kept, numbers (already precision-safe) rendered in decimal. */
export function toStr(value: unknown): string | null {
  if (typeof value === "string") {
    return value;
  }
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "bigint") {
    return String(value);
  }
  return null;
}

export function toNum(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return null;
}

export function toBool(value: unknown): boolean | null {
  if (typeof value === "boolean") {
    return value;
  }
  if (value === 1 || value === "1" || value === "true") {
    return true;
  }
  if (value === 0 || value === "0" || value === "false") {
    return false;
  }
  return null;
}

/** Below this an epoch value is read as seconds, above as milliseconds (1e11 s is year 5138). */
const SECONDS_THRESHOLD = 1e11;
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * Zalo dates arrive as epoch ms numbers, epoch ms strings, sometimes epoch seconds, "DD/MM/YYYY"
 * (user_last_interaction_date) or ISO-ish strings. Anything unreadable is null rather than a throw.
 * Day-only dates are taken at midnight UTC+7 (Vietnam has no DST).
 */
export function toDate(value: unknown): Date | null {
  const n = toNum(value);
  if (n !== null) {
    if (n <= 0) {
      return null;
    }
    return new Date(n < SECONDS_THRESHOLD ? n * 1000 : n);
  }
  if (typeof value !== "string" || value.trim() === "") {
    return null;
  }
  const dmy = DMY.exec(value.trim());
  if (dmy) {
    const [, d, m, y] = dmy;
    const ms = Date.UTC(Number(y), Number(m) - 1, Number(d)) - 7 * 60 * 60 * 1000;
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

export function toArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
