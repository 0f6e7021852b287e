import { Link } from "wouter";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import type { TConsoleGroup } from "./moderation-api";
import { postingModeLabel } from "./moderation-labels";

/** Every group of the commune: activity in 7 days, what waits, and whether its leader is late. */
export function ConsoleGroupsTable({
  groups,
  holdAlertHours,
}: {
  groups: TConsoleGroup[];
  holdAlertHours: number;
}) {
  const { t, locale } = useI18n();
  const n = (value: number) => formatNumber(value, locale);
  return (
    <div className="table-wrap">
      <table className="table" data-testid="console-groups">
        <caption className="visually-hidden">{t("console.groupsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("console.group")}</th>
            <th scope="col" className="num">
              {t("console.posts7d")}
            </th>
            <th scope="col" className="num">
              {t("console.held")}
            </th>
            <th scope="col" className="num">
              {t("console.flagged")}
            </th>
            <th scope="col" className="num">
              {t("console.reported")}
            </th>
            <th scope="col">{t("console.oldestHeld")}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr
              key={g.groupId}
              className={g.stale ? "is-stale" : undefined}
              data-testid="console-group-row"
              data-group-id={g.groupId}
            >
              <th scope="row">
                <Link href={`/groups/${g.groupId}/moderation`} className="link">
                  {g.name}
                </Link>
                <span className="table__sub">
                  {postingModeLabel(g.postingMode, t)}
                  {g.leaderName ? ` · ${t("console.leader", { name: g.leaderName })}` : ""}
                </span>
              </th>
              <td className="num" data-testid="console-posts7d">
                {n(g.posts7d)}
              </td>
              <td className="num" data-testid="console-held">
                {n(g.held)}
              </td>
              <td className="num" data-testid="console-flagged">
                {n(g.flagged)}
              </td>
              <td className="num" data-testid="console-reported">
                {n(g.reported)}
              </td>
              <td>
                {g.oldestHeldAt ? (
                  <time dateTime={g.oldestHeldAt}>{formatDateTime(g.oldestHeldAt)}</time>
                ) : (
                  "—"
                )}
                {g.stale ? (
                  <span
                    className="badge badge--danger stale-mark"
                    title={t("console.staleHint", { hours: n(holdAlertHours) })}
                    data-testid="console-stale"
                  >
                    {t("console.stale")}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
