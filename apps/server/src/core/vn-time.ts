/** Vietnam keeps UTC+7 all year (no daylight saving): Asia/Ho_Chi_Minh without a tz database. */
export const VN_OFFSET_MS = 7 * 3600_000;

/** The Asia/Ho_Chi_Minh calendar day of an instant, as YYYY-MM-DD — whatever the process time zone. */
export const vnDate = (at: Date): string => new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
