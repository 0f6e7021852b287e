/**
 * What the report pages keep on this device (localStorage), and nothing else:
 * - the draft being written (text and choices, not photos), kept until the server has accepted it,
 *   so a dead battery or a lost connection does not lose it; `queued` marks one waiting for the
 *   network;
 * - the receipt codes sent from here, so a reporter can open them again, each with a "forget";
 * - the commune and hamlet of the last hamlet link opened here, so the report button of the
 *   sign-in page (which knows no place) works for someone who came through their group before.
 * Without storage (private mode, full disk) the pages still work; they just remember nothing.
 */
const DRAFT_KEY = "binhyen.reportDraft";
const RECEIPTS_KEY = "binhyen.reportReceipts";
const PLACE_KEY = "binhyen.reportPlace";
const MAX_RECEIPTS = 10;

export interface ReportDraft {
  communeId: string;
  hamletId: string;
  category: string;
  description: string;
  /** When it happened, as typed: dd/mm/yyyy and hh:mm in Vietnam's time, or "". */
  occurredDate: string;
  occurredTime: string;
  location: string;
  /** "Việc đang xảy ra, cần công an đến ngay": the officers are alerted at once. */
  urgent: boolean;
  anonymous: boolean;
  name: string;
  phone: string;
  address: string;
  /** Sending failed for want of a network: send again as soon as the device is online. */
  queued: boolean;
  /** Idempotency key of this draft: every attempt to send it carries the same one. */
  sendKey: string;
}

export const EMPTY_DRAFT: ReportDraft = {
  communeId: "",
  hamletId: "",
  category: "",
  description: "",
  occurredDate: "",
  occurredTime: "",
  location: "",
  urgent: false,
  anonymous: true,
  name: "",
  phone: "",
  address: "",
  queued: false,
  sendKey: "",
};

function readJson(key: string): unknown {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

function writeJson(key: string, value: unknown): boolean {
  try {
    if (value === null) {
      window.localStorage.removeItem(key);
    } else {
      window.localStorage.setItem(key, JSON.stringify(value));
    }
    return true;
  } catch {
    return false;
  }
}

const str = (value: unknown): string => (typeof value === "string" ? value : "");

export function readDraft(): ReportDraft | null {
  const raw = readJson(DRAFT_KEY);
  if (!raw || typeof raw !== "object") {
    return null;
  }
  const r = raw as Record<string, unknown>;
  return {
    communeId: str(r.communeId),
    hamletId: str(r.hamletId),
    category: str(r.category),
    description: str(r.description),
    occurredDate: str(r.occurredDate),
    occurredTime: str(r.occurredTime),
    location: str(r.location),
    urgent: r.urgent === true,
    anonymous: r.anonymous !== false,
    name: str(r.name),
    phone: str(r.phone),
    address: str(r.address),
    queued: r.queued === true,
    sendKey: str(r.sendKey),
  };
}

/** True when the draft holds something the person wrote (not just the preselected place). */
export function draftHasContent(draft: ReportDraft): boolean {
  return Boolean(
    draft.category || draft.description.trim() || draft.location.trim() || draft.occurredDate || draft.name,
  );
}

export function writeDraft(draft: ReportDraft): void {
  writeJson(DRAFT_KEY, draftHasContent(draft) ? draft : null);
}

export function clearDraft(): void {
  writeJson(DRAFT_KEY, null);
}

export interface SavedReceipt {
  code: string;
  category: string;
  savedAt: string;
}

export function readReceipts(): SavedReceipt[] {
  const raw = readJson(RECEIPTS_KEY);
  if (!Array.isArray(raw)) {
    return [];
  }
  return raw.filter(
    (item): item is SavedReceipt =>
      Boolean(item) &&
      typeof item === "object" &&
      typeof item.code === "string" &&
      typeof item.category === "string" &&
      typeof item.savedAt === "string",
  );
}

/** Remembers a receipt code on this device; false when storage is unavailable. */
export function saveReceipt(code: string, category: string): boolean {
  const others = readReceipts().filter((item) => item.code !== code);
  const next = [{ code, category, savedAt: new Date().toISOString() }, ...others].slice(0, MAX_RECEIPTS);
  return writeJson(RECEIPTS_KEY, next);
}

export function forgetReceipt(code: string): SavedReceipt[] {
  const next = readReceipts().filter((item) => item.code !== code);
  writeJson(RECEIPTS_KEY, next.length > 0 ? next : null);
  return next;
}

export interface LastPlace {
  communeId: string;
  hamletId: string;
}

export function readLastPlace(): LastPlace | null {
  const raw = readJson(PLACE_KEY);
  if (!raw || typeof raw !== "object") {
    return null;
  }
  const r = raw as Record<string, unknown>;
  return str(r.communeId) ? { communeId: str(r.communeId), hamletId: str(r.hamletId) } : null;
}

export function writeLastPlace(place: LastPlace): void {
  writeJson(PLACE_KEY, place.communeId ? place : null);
}
