import type { TZaloStatus } from "@binhyen/contracts";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";

/** What came from Zalo in the last 24 hours, what waits in the queue, and the hamlet groups linked. */
export function ZaloActivityCard({ status }: { status: TZaloStatus }) {
  const { t, locale } = useI18n();
  const n = (value: number) => formatNumber(value, locale);
  const items = [
    { key: "events", value: n(status.events.last24h), label: t("zalo.activity.events24h") },
    { key: "failed", value: n(status.events.failed24h), label: t("zalo.activity.failed24h") },
    { key: "pending", value: n(status.queue.pending), label: t("zalo.activity.queuePending") },
    { key: "queue-failed", value: n(status.queue.failed), label: t("zalo.activity.queueFailed") },
    {
      key: "linked",
      value: `${n(status.groups.linked)}/${n(status.groups.hamlets)}`,
      label: t("zalo.activity.groupsLinked"),
    },
    { key: "disabled", value: n(status.groups.disabled), label: t("zalo.activity.groupsDisabled") },
  ];
  return (
    <section className="card" aria-labelledby="zalo-activity-title" data-testid="zalo-activity">
      <h2 className="card__title" id="zalo-activity-title">
        {t("zalo.activity.title")}
      </h2>
      <ul className="stats stats--compact">
        {items.map((item) => (
          <li key={item.key} className="stats__item" data-testid={`zalo-stat-${item.key}`}>
            <span className="stats__value">{item.value}</span>
            <span className="stats__label">{item.label}</span>
          </li>
        ))}
      </ul>
      <p className="muted small">
        {status.events.lastAt
          ? t("zalo.activity.lastEvent", { time: formatDateTime(status.events.lastAt) })
          : t("zalo.activity.noEvent")}
      </p>
      {status.events.failed24h > 0 || status.queue.failed > 0 ? (
        <p className="notice notice--warning small">{t("zalo.activity.failuresHint")}</p>
      ) : null}
    </section>
  );
}
