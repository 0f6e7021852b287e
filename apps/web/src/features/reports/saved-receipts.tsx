import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { categoryLabel } from "./report-labels";
import type { SavedReceipt } from "./report-store";

interface SavedReceiptsProps {
  items: SavedReceipt[];
  onOpen: (code: string) => void;
  onForget: (code: string) => void;
}

/** Receipt codes sent from this device, each with "open" and "forget" (a shared phone). */
export function SavedReceipts({ items, onOpen, onForget }: SavedReceiptsProps) {
  const { t } = useI18n();
  if (items.length === 0) {
    return null;
  }
  return (
    <section className="card" data-testid="saved-receipts">
      <h2 className="card__title">{t("follow.recent")}</h2>
      <ul className="people">
        {items.map((item) => (
          <li key={item.code} className="people__item" data-testid="saved-receipt">
            <div className="people__main">
              <span className="people__name receipt__inline">{item.code}</span>
              <span className="people__meta">
                {categoryLabel(item.category, t)} ·{" "}
                {t("follow.savedAt", { time: formatDateTime(item.savedAt) })}
              </span>
            </div>
            <div className="saved-receipt__actions">
              <button
                type="button"
                className="btn btn--secondary btn--small"
                onClick={() => onOpen(item.code)}
              >
                {t("follow.open")}
              </button>
              <button
                type="button"
                className="btn btn--ghost btn--small"
                aria-label={t("follow.forgetNamed", { code: item.code })}
                onClick={() => onForget(item.code)}
              >
                {t("follow.forget")}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <p className="muted small">{t("follow.recentHint")}</p>
    </section>
  );
}
