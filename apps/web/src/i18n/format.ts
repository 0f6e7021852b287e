import type { Locale } from "./i18n-context";

/** All times are shown in Vietnam's time zone, whatever the device's zone is. */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

const dateParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(value: string | Date): Record<string, string> | null {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) {
    return null;
  }
  const out: Record<string, string> = {};
  for (const part of dateParts.formatToParts(date)) {
    out[part.type] = part.value;
  }
  return out;
}

/** dd/mm/yyyy. A plain calendar date ("2025-07-01") is shown as is, without a time-zone shift. */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === "") {
    return "";
  }
  if (typeof value === "string") {
    const m = DATE_ONLY.exec(value);
    if (m) {
      return `${m[3]}/${m[2]}/${m[1]}`;
    }
  }
  const p = parts(value);
  return p ? `${p.day}/${p.month}/${p.year}` : "";
}

/** HH:mm dd/mm/yyyy in Asia/Ho_Chi_Minh. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === "") {
    return "";
  }
  const p = parts(value);
  return p ? `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}` : "";
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB").format(value);
}

/** A percentage with one decimal, as the server computes it: "91,6%" in Vietnamese, "91.6%" in English. */
export function formatPercent(value: number, locale: Locale): string {
  const number = new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value);
  return `${number}%`;
}

/** dd/mm for chart axes (a calendar date "2026-01-31" or an instant in Asia/Ho_Chi_Minh). */
export function formatDayMonth(value: string): string {
  const full = formatDate(value);
  return full.slice(0, 5);
}

/**
 * A deadline as the law reads it: a limit in days ends "at 24:00 of the last day", which the
 * server sends as 00:00 of the next day; that instant is shown as 24:00 of the day before.
 * "30/09 10:00", or with the year "30/09/2025 10:00"; "18/10 24:00" for the end of 18/10.
 */
export function formatDeadline(value: string | Date | null | undefined, withYear = false): string {
  if (value === null || value === undefined || value === "") {
    return "";
  }
  const date = typeof value === "string" ? new Date(value) : value;
  let p = parts(date);
  if (!p) {
    return "";
  }
  let time = `${p.hour}:${p.minute}`;
  if (time === "00:00") {
    const dayBefore = parts(new Date(date.getTime() - 60_000));
    if (dayBefore) {
      p = dayBefore;
      time = "24:00";
    }
  }
  const day = withYear ? `${p.day}/${p.month}/${p.year}` : `${p.day}/${p.month}`;
  return `${day} ${time}`;
}
