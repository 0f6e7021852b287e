/** Vietnam keeps UTC+7 all year (no daylight saving): Asia/Ho_Chi_Minh without a tz database. */
export const VN_OFFSET_MS = 7 * 3600_000;

/** The Asia/Ho_Chi_Minh calendar day of an instant, as YYYY-MM-DD — whatever the process time zone. */
export const vnDate = (at: Date): string => new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);

const DATE_TIME = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
/** "HH:mm dd/mm/yyyy" in Asia/Ho_Chi_Minh, as messages and alerts show it. */
export const vnDateTime = (at: Date): string => DATE_TIME.format(at);
