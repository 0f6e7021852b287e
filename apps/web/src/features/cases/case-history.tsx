import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { actionLabel } from "../reports/report-labels";
import type { CaseHistoryEntry } from "./cases-api";

/** Who did what and when, from the audit log: never what an identity reveal showed. */
export function CaseHistory({ entries }: { entries: readonly CaseHistoryEntry[] }) {
  const { t } = useI18n();
  if (entries.length === 0) {
    return null;
  }
  return (
    <section className="card" data-testid="case-history">
      <details>
        <summary className="case-history__summary">
          {t("case.history")} ({entries.length})
        </summary>
        <ol className="case-history">
          {entries.map((entry, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the log only grows at its end; entries never move
            <li key={`${entry.at}-${entry.action}-${index}`} className="case-history__item">
              <span className="case-history__action">{actionLabel(entry.action, t)}</span>
              <span className="case-history__meta">
                {entry.actorName ??
                  (entry.action.startsWith("report.")
                    ? t("case.historyReporter")
                    : t("case.historySystem"))}{" "}
                · <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              </span>
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
