import type { TAnnouncementStats } from "@binhyen/contracts";
import { ChartSvg } from "../../components/chart-svg";
import { formatNumber, formatPercent } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { deliveryChannelLabel } from "./announcement-labels";

const ROW = 58;
const BAR = 12;

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/**
 * Delivery figures: households reached, read, acknowledged; a bar pair per group (read and
 * acknowledged shares) and a stacked bar per channel (delivered, waiting, failed). SVG with
 * percentage widths, as the coverage charts: no inline styles under the CSP.
 */
export function DeliveryStats({ stats, requiresAck }: { stats: TAnnouncementStats; requiresAck: boolean }) {
  const { t, locale } = useI18n();
  const n = (value: number) => formatNumber(value, locale);
  const p = (part: number, whole: number) => formatPercent(pct(part, whole), locale);

  return (
    <section className="card" data-testid="delivery-stats">
      <h2 className="card__title">{t("stats.title")}</h2>
      <ul className="stats stats--compact">
        <li className="stats__item">
          <span className="stats__value" data-testid="stats-recipients">
            {n(stats.recipients)}
          </span>
          <span className="stats__label">{t("stats.recipients")}</span>
        </li>
        <li className="stats__item">
          <span className="stats__value" data-testid="stats-delivered">
            {n(stats.delivered)}
          </span>
          <span className="stats__label">{t("stats.delivered")}</span>
        </li>
        <li className="stats__item">
          <span className="stats__value" data-testid="stats-read">
            {n(stats.read)} <span className="stats__sub">({p(stats.read, stats.recipients)})</span>
          </span>
          <span className="stats__label">{t("stats.read")}</span>
        </li>
        {requiresAck ? (
          <li className="stats__item">
            <span className="stats__value" data-testid="stats-acknowledged">
              {n(stats.acknowledged)}{" "}
              <span className="stats__sub">({p(stats.acknowledged, stats.recipients)})</span>
            </span>
            <span className="stats__label">{t("stats.acknowledged")}</span>
          </li>
        ) : null}
      </ul>

      {stats.byGroup.length > 0 ? (
        <>
          <h3 className="section-label delivery__label">{t("stats.byGroup")}</h3>
          <ChartSvg
            title={t("stats.byGroup")}
            description={requiresAck ? t("stats.byGroupDescAck") : t("stats.byGroupDesc")}
            height={stats.byGroup.length * ROW + 4}
            testId="stats-group-chart"
          >
            {stats.byGroup.map((group, index) => {
              const y = index * ROW + 2;
              const read = pct(group.read, group.recipients);
              const acked = pct(group.acknowledged, group.recipients);
              const label = requiresAck
                ? t("stats.groupValueAck", {
                    read: n(group.read),
                    acked: n(group.acknowledged),
                    total: n(group.recipients),
                  })
                : t("stats.groupValue", { read: n(group.read), total: n(group.recipients) });
              return (
                <g key={group.groupId} className="chart__row">
                  <text className="chart__label" x="0" y={y + 10} dominantBaseline="central">
                    {group.name}
                  </text>
                  <text
                    className="chart__value"
                    x="100%"
                    y={y + 10}
                    textAnchor="end"
                    dominantBaseline="central"
                  >
                    {label}
                  </text>
                  <rect className="chart__track" x="0" y={y + 22} width="100%" height={BAR} rx="3" />
                  {read > 0 ? (
                    <rect
                      className="chart__bar bar--read"
                      x="0"
                      y={y + 22}
                      width={`${read}%`}
                      height={BAR}
                      rx="3"
                    />
                  ) : null}
                  {requiresAck ? (
                    <>
                      <rect className="chart__track" x="0" y={y + 38} width="100%" height={BAR} rx="3" />
                      {acked > 0 ? (
                        <rect
                          className="chart__bar bar--acked"
                          x="0"
                          y={y + 38}
                          width={`${acked}%`}
                          height={BAR}
                          rx="3"
                        />
                      ) : null}
                    </>
                  ) : null}
                </g>
              );
            })}
          </ChartSvg>
          <ul className="legend">
            <li className="legend__item">
              <svg className="legend__swatch" width="14" height="14" aria-hidden="true">
                <rect className="chart__bar bar--read" x="0" y="0" width="14" height="14" rx="3" />
              </svg>
              {t("stats.read")}
            </li>
            {requiresAck ? (
              <li className="legend__item">
                <svg className="legend__swatch" width="14" height="14" aria-hidden="true">
                  <rect className="chart__bar bar--acked" x="0" y="0" width="14" height="14" rx="3" />
                </svg>
                {t("stats.acknowledged")}
              </li>
            ) : null}
          </ul>
        </>
      ) : null}

      {stats.byChannel.length > 0 ? (
        <>
          <h3 className="section-label delivery__label">{t("stats.byChannel")}</h3>
          <ChartSvg
            title={t("stats.byChannel")}
            description={t("stats.byChannelDesc")}
            height={stats.byChannel.length * 42 + 4}
            testId="stats-channel-chart"
          >
            {stats.byChannel.map((channel, index) => {
              const y = index * 42 + 2;
              const total = channel.delivered + channel.pending + channel.failed;
              const delivered = pct(channel.delivered, total);
              const pending = pct(channel.pending, total);
              const failed = Math.max(0, 100 - delivered - pending);
              return (
                <g key={channel.channel} className="chart__row">
                  <text className="chart__label" x="0" y={y + 10} dominantBaseline="central">
                    {deliveryChannelLabel(channel.channel, t)}
                  </text>
                  <text
                    className="chart__value"
                    x="100%"
                    y={y + 10}
                    textAnchor="end"
                    dominantBaseline="central"
                  >
                    {t("stats.channelValue", {
                      delivered: n(channel.delivered),
                      pending: n(channel.pending),
                      failed: n(channel.failed),
                    })}
                  </text>
                  <rect className="chart__track" x="0" y={y + 22} width="100%" height={BAR} rx="3" />
                  {total > 0 && delivered > 0 ? (
                    <rect
                      className="chart__bar bar--delivered"
                      x="0"
                      y={y + 22}
                      width={`${delivered}%`}
                      height={BAR}
                    />
                  ) : null}
                  {total > 0 && pending > 0 ? (
                    <rect
                      className="chart__bar bar--pending"
                      x={`${delivered}%`}
                      y={y + 22}
                      width={`${pending}%`}
                      height={BAR}
                    />
                  ) : null}
                  {total > 0 && channel.failed > 0 ? (
                    <rect
                      className="chart__bar bar--failed"
                      x={`${delivered + pending}%`}
                      y={y + 22}
                      width={`${failed}%`}
                      height={BAR}
                    />
                  ) : null}
                </g>
              );
            })}
          </ChartSvg>
          <ul className="legend">
            {(["delivered", "pending", "failed"] as const).map((kind) => (
              <li key={kind} className="legend__item">
                <svg className="legend__swatch" width="14" height="14" aria-hidden="true">
                  <rect className={`chart__bar bar--${kind}`} x="0" y="0" width="14" height="14" rx="3" />
                </svg>
                {t(`stats.${kind}Legend`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
