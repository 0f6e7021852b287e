import type { TReviewFigure, TReviewIndicatorValue, TReviewUnit } from "@binhyen/contracts";
import { formatNumber, formatPercent } from "../../i18n/format";
import type { Locale, Translate } from "../../i18n/i18n-context";
import { LOWER_IS_BETTER } from "./review-labels";

/** A median of minutes in words: "45 phút", "5 giờ", "2 giờ 05 phút", "1 ngày 3 giờ". */
export function durationText(minutes: number, t: Translate): string {
  const m = Math.round(minutes);
  if (m < 60) {
    return t("review.duration.minutes", { m });
  }
  if (m < 24 * 60) {
    const rest = m % 60;
    return rest === 0
      ? t("review.duration.hours", { h: Math.floor(m / 60) })
      : t("review.duration.hoursMinutes", { h: Math.floor(m / 60), m: String(rest).padStart(2, "0") });
  }
  const hours = Math.round(m / 60);
  return hours % 24 === 0
    ? t("review.duration.days", { d: hours / 24 })
    : t("review.duration.daysHours", { d: Math.floor(hours / 24), h: hours % 24 });
}

/** A figure as shown: "12", "7/7", "64,0%", "5 giờ"; "—" when there is no data. */
export function figureText(
  figure: TReviewFigure | undefined,
  unit: TReviewUnit,
  locale: Locale,
  t: Translate,
): string {
  if (!figure || figure.value === null) {
    return "—";
  }
  switch (unit) {
    case "share":
      return figure.denominator === null
        ? formatNumber(figure.value, locale)
        : `${formatNumber(figure.numerator ?? figure.value, locale)}/${formatNumber(figure.denominator, locale)}`;
    case "percent":
      return formatPercent(figure.value, locale);
    case "minutes":
      return durationText(figure.value, t);
    default:
      return formatNumber(figure.value, locale);
  }
}

export type ChangeDirection = "up" | "down" | "same" | "none";

export interface ChangeView {
  direction: ChangeDirection;
  /** ▲ ▼ = or nothing. */
  arrow: string;
  /** "7 (+12,5%)", "3 điểm %", "30 phút", "không đổi", "—". */
  text: string;
  /** Read out in full: "Tăng 7 (+12,5%) so với kỳ trước". */
  spoken: string;
  /** good: the change is welcome (more reports, fewer overdue ones); bad: the opposite. */
  tone: "good" | "bad" | "neutral";
}

const signed = (value: number, locale: Locale) =>
  `${value > 0 ? "+" : "−"}${formatPercent(Math.abs(value), locale)}`;

/** The change against the previous period, absolute and in percent (▲ 7 (+12,5%)). */
export function changeView(
  value: Pick<TReviewIndicatorValue, "code" | "change" | "changePercent">,
  unit: TReviewUnit,
  locale: Locale,
  t: Translate,
): ChangeView {
  const change = value.change;
  if (change === null) {
    return { direction: "none", arrow: "", text: "—", spoken: t("review.change.none"), tone: "neutral" };
  }
  if (change === 0) {
    const text = t("review.change.same");
    return { direction: "same", arrow: "=", text, spoken: text, tone: "neutral" };
  }
  const direction = change > 0 ? "up" : "down";
  const abs = Math.abs(change);
  let text: string;
  if (unit === "percent") {
    text = t("review.change.points", {
      value: new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB", {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(abs),
    });
  } else if (unit === "minutes") {
    text = durationText(abs, t);
  } else {
    const number = formatNumber(abs, locale);
    text = value.changePercent === null ? number : `${number} (${signed(value.changePercent, locale)})`;
  }
  const better = LOWER_IS_BETTER.has(value.code) ? direction === "down" : direction === "up";
  // Moderation counts are neither good nor bad news by themselves.
  const neutral = value.code.startsWith("MODERATION_");
  return {
    direction,
    arrow: direction === "up" ? "▲" : "▼",
    text,
    spoken: t(direction === "up" ? "review.change.up" : "review.change.down", { change: text }),
    tone: neutral ? "neutral" : better ? "good" : "bad",
  };
}

/** "dd/mm/yyyy – dd/mm/yyyy". */
export function periodText(period: { from: string; to: string }, formatDate: (d: string) => string): string {
  return `${formatDate(period.from)} – ${formatDate(period.to)}`;
}

/** The value of an indicator in a list of values, by code. */
export function findValue(
  list: readonly TReviewIndicatorValue[],
  code: string,
): TReviewIndicatorValue | undefined {
  return list.find((v) => v.code === code);
}
