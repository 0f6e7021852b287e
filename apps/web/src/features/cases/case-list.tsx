import { Link } from "wouter";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { categoryLabel, kindLabel, stateBadgeClass, stateLabel } from "../reports/report-labels";
import type { CaseListItem } from "./cases-api";
import { DeadlineChip, listDeadline } from "./deadline-chip";

/** The in-box rows: what, which hamlet, when, and the next deadline; never who reported it. */
export function CaseList({ items, selfId }: { items: readonly CaseListItem[]; selfId: string }) {
  const { t } = useI18n();
  return (
    <ul className="case-list" data-testid="case-list">
      {items.map((item) => {
        const next = listDeadline(item.state, item.nextDeadline);
        return (
          <li key={item.id}>
            <Link
              href={`/cases/${item.id}`}
              className={item.urgent ? "card case-item is-urgent" : "card case-item"}
              data-testid="case-row"
              data-case-id={item.id}
            >
              <span className="case-item__head">
                <span className="case-item__title">{categoryLabel(item.category, t)}</span>
                <span className="badges">
                  {item.urgent ? <span className="badge badge--danger">{t("cases.urgent")}</span> : null}
                  <span className={stateBadgeClass(item.state)} data-testid="case-row-state">
                    {stateLabel(item.state, t)}
                  </span>
                </span>
              </span>
              <span className="case-item__excerpt">{item.excerpt}</span>
              <span className="case-item__meta">
                <span>{kindLabel(item.kind, t)}</span>
                {/* "Tin báo nặc danh" already says so. */}
                {item.anonymous && item.kind !== "TIN_BAO_NAC_DANH" ? (
                  <span>{t("cases.anonymous")}</span>
                ) : null}
                <span>{item.hamlet?.name ?? t("cases.wholeCommune")}</span>
                <span>{t("cases.receivedAt", { time: formatDateTime(item.receivedAt) })}</span>
                {item.assigneeUserId === selfId ? (
                  <span className="case-item__mine">{t("cases.assignedToYou")}</span>
                ) : null}
              </span>
              {next ? (
                <span className="case-item__deadlines">
                  <DeadlineChip deadline={next} />
                </span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
