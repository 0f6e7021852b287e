import { Link } from "wouter";
import { ErrorNotice, Loading } from "../../components/status";
import { formatDate } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { useQuery } from "../../lib/use-query";
import { listLeaders } from "./handover-api";

/** "Lịch sử trưởng nhóm": who led the group and when, newest first, with the handover records. */
export function LeaderHistory({ groupId }: { groupId: string }) {
  const { t } = useI18n();
  const leaders = useQuery(`leaders:${groupId}`, (signal) => listLeaders(groupId, signal));
  if (leaders.status === "error" && !leaders.data) {
    return <ErrorNotice error={leaders.error} onRetry={leaders.reload} />;
  }
  if (!leaders.data) {
    return <Loading />;
  }
  const items = [...leaders.data.items].sort((a, b) => Date.parse(b.from) - Date.parse(a.from));
  if (items.length === 0) {
    return <p className="muted">{t("leaders.empty")}</p>;
  }
  return (
    <ol className="plain-list leader-history" data-testid="leader-history">
      {items.map((tenure) => (
        <li
          key={`${tenure.userId}-${tenure.from}`}
          className="leader-history__item"
          data-testid="leader-tenure"
        >
          <span className="leader-history__name">
            {tenure.name}
            {tenure.current ? <span className="badge badge--success">{t("leaders.current")}</span> : null}
          </span>
          <span className="leader-history__dates">
            {tenure.to
              ? t("leaders.range", { from: formatDate(tenure.from), to: formatDate(tenure.to) })
              : t("leaders.since", { from: formatDate(tenure.from) })}
          </span>
          {tenure.handoverId ? (
            <Link
              href={`/handovers/${tenure.handoverId}`}
              className="link small"
              data-testid="leader-handover-link"
            >
              {t("leaders.handoverRecord")}
            </Link>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
