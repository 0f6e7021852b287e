/**
 * Dates and times as people type them, read in Vietnam's time (UTC+7 all year). Native date
 * pickers follow the browser's language (mm/dd/yyyy on an English phone); these fields always
 * take dd/mm/yyyy and a 24-hour time, and forgive the usual ways of writing them.
 */

// Number pads often lack "/": dots, commas, dashes, spaces or no separator at all ("05012026") do.
const DATE = /^(\d{1,2})\s*[/.,\-\s]\s*(\d{1,2})\s*[/.,\-\s]\s*(\d{4})$/;
const DATE_COMPACT = /^(\d{2})(\d{2})(\d{4})$/;
// "20:30", "20h30", "20h", "20g30", "20.30", "20,30", "20 30", "2030", "8:05".
const TIME = /^(\d{1,2})(?:\s*[:hHgG.,\s]\s*(\d{2})?|(\d{2}))?\s*$/;

const pad = (n: number) => String(n).padStart(2, "0");

/** "5/1/2026", "05-01-2026" or "05.01.2026" → "2026-01-05"; null when it is no real day. */
export function parseVnDate(text: string): string | null {
  const m = DATE.exec(text.trim()) ?? DATE_COMPACT.exec(text.trim());
  if (!m) {
    return null;
  }
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return null;
  }
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** "20h30" → "20:30"; null when it is no time of day. */
export function parseVnTime(text: string): string | null {
  const m = TIME.exec(text.trim());
  if (!m) {
    return null;
  }
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? m[3] ?? "0");
  if (hour > 23 || minute > 59) {
    return null;
  }
  return `${pad(hour)}:${pad(minute)}`;
}

export type DateTimeCheck =
  | { ok: true; iso: string | null }
  | { ok: false; reason: "date" | "time" | "timeMissing" | "dateMissing" };

/**
 * Both empty: no time given (ok, null). Otherwise both must read, and the answer is the instant as
 * ISO with Vietnam's offset: ("05/01/2026", "20h") → "2026-01-05T20:00:00+07:00".
 */
export function vnDateTimeToIso(dateText: string, timeText: string): DateTimeCheck {
  const hasDate = dateText.trim() !== "";
  const hasTime = timeText.trim() !== "";
  if (!hasDate && !hasTime) {
    return { ok: true, iso: null };
  }
  if (!hasDate) {
    return { ok: false, reason: "dateMissing" };
  }
  const date = parseVnDate(dateText);
  if (!date) {
    return { ok: false, reason: "date" };
  }
  if (!hasTime) {
    return { ok: false, reason: "timeMissing" };
  }
  const time = parseVnTime(timeText);
  if (!time) {
    return { ok: false, reason: "time" };
  }
  return { ok: true, iso: `${date}T${time}:00+07:00` };
}
