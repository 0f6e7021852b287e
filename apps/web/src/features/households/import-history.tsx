import type { ReactNode } from "react";
import { EmptyState, ErrorNotice, Loading } from "../../components/status";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { useQuery } from "../../lib/use-query";
import { listImports } from "./households-api";

const STATUS_CLASS = {
  running: "badge badge--info",
  done: "badge badge--success",
  failed: "badge badge--danger",
};

/** Earlier imports of this hamlet: when, which file, and what they did. */
export function ImportHistory({ hamletId, version }: { hamletId: string; version: number }) {
  const { t, locale } = useI18n();
  const history = useQuery(`imports:${hamletId}:${version}`, (signal) => listImports(hamletId, signal));
  const n = (value: number) => formatNumber(value, locale);

  let body: ReactNode;
  if (history.status === "error") {
    body = <ErrorNotice error={history.error} onRetry={history.reload} />;
  } else if (!history.data) {
    body = <Loading />;
  } else if (history.data.items.length === 0) {
    body = <EmptyState>{t("import.historyEmpty")}</EmptyState>;
  } else {
    body = (
      <div className="table-wrap table-wrap--stack">
        <table className="table table--stack" data-testid="import-history">
          <caption className="visually-hidden">{t("import.historyTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("import.historyWhen")}</th>
              <th scope="col">{t("import.historyFile")}</th>
              <th scope="col">{t("import.historyResult")}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.items.map((item) => (
              <tr key={item.importId} data-testid="import-history-row">
                <td data-label={t("import.historyWhen")}>{formatDateTime(item.createdAt)}</td>
                <th scope="row" data-label={t("import.historyFile")} className="import-file-name">
                  {item.fileName}
                </th>
                <td data-label={t("import.historyResult")}>
                  <span className={STATUS_CLASS[item.status]}>{t(`importStatus.${item.status}`)}</span>{" "}
                  <span className="small">
                    {t("import.historyCounts", {
                      imported: n(item.imported),
                      updated: n(item.updated),
                      unchanged: n(item.unchanged),
                      rejected: n(item.rejected),
                    })}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <section className="card" aria-labelledby="import-history-title">
      <h2 className="card__title" id="import-history-title">
        {t("import.historyTitle")}
      </h2>
      {body}
    </section>
  );
}
