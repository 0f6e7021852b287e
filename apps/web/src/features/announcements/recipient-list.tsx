import { useState } from "react";
import { ErrorNotice, Loading } from "../../components/status";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { useQuery } from "../../lib/use-query";
import { deliveryChannelLabel, deliveryStateLabel } from "./announcement-labels";
import { listRecipients, type RecipientState } from "./announcements-api";

interface RecipientListProps {
  announcementId: string;
  requiresAck: boolean;
  urgent: boolean;
  /** Changes when the page reloads its figures, so the list follows. */
  version: number;
}

/**
 * The households the announcement has not reached yet: not seen, or (when it asks for it) not
 * acknowledged — the list the area officer works through by phone or door to door. An urgent
 * notice says so loudly.
 */
export function RecipientList({ announcementId, requiresAck, urgent, version }: RecipientListProps) {
  const { t, locale } = useI18n();
  const [state, setState] = useState<RecipientState>(requiresAck ? "unacknowledged" : "unseen");
  const list = useQuery(`recipients:${announcementId}:${state}:${version}`, (signal) =>
    listRecipients(announcementId, state, signal),
  );
  const states: RecipientState[] = requiresAck ? ["unacknowledged", "unseen", "all"] : ["unseen", "all"];
  const missing = state !== "all" && list.data ? list.data.total : 0;

  return (
    <section className="card" data-testid="recipients">
      <h2 className="card__title">{t("recipients.title")}</h2>
      <fieldset className="segmented">
        <legend className="visually-hidden">{t("recipients.filter")}</legend>
        {states.map((value) => (
          <label key={value} className={state === value ? "segmented__item is-active" : "segmented__item"}>
            <input
              type="radio"
              name={`recipients-${announcementId}`}
              value={value}
              checked={state === value}
              onChange={() => setState(value)}
              data-testid={`recipients-${value}`}
            />
            <span>{t(`recipients.state.${value}`)}</span>
          </label>
        ))}
      </fieldset>
      {urgent && missing > 0 ? (
        <p className="notice notice--error" role="status" data-testid="recipients-urgent">
          <strong>
            {t(state === "unacknowledged" ? "recipients.urgentUnacked" : "recipients.urgentUnseen", {
              count: formatNumber(missing, locale),
            })}
          </strong>
        </p>
      ) : null}
      {list.status === "error" && !list.data ? (
        <ErrorNotice error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <p className="muted" data-testid="recipients-empty">
          {state === "all" ? t("recipients.none") : t("recipients.allDone")}
        </p>
      ) : (
        <>
          <p className="members__range" data-testid="recipients-total">
            {t("recipients.total", { count: formatNumber(list.data.total, locale) })}
          </p>
          <ul className="people" data-testid="recipient-list">
            {list.data.items.map((r) => (
              <li
                key={`${r.memberId}-${r.group.id}`}
                className="people__item"
                data-testid="recipient-row"
                data-acked={r.ackAt ? "true" : "false"}
              >
                <div className="people__main">
                  <span className="people__name">{r.name}</span>
                  <span className="people__meta">
                    {r.address ? `${r.address} · ` : ""}
                    {r.group.name}
                  </span>
                  <span className="people__meta">
                    {r.ackAt
                      ? t("recipients.ackedAt", { time: formatDateTime(r.ackAt) })
                      : r.readAt
                        ? t("recipients.readAt", { time: formatDateTime(r.readAt) })
                        : r.deliveredAt
                          ? t("recipients.deliveredAt", { time: formatDateTime(r.deliveredAt) })
                          : t("recipients.notDelivered")}
                  </span>
                  {r.channels.length > 0 ? (
                    <span className="people__meta">
                      {r.channels
                        .map(
                          (c) => `${deliveryChannelLabel(c.channel, t)}: ${deliveryStateLabel(c.status, t)}`,
                        )
                        .join(" · ")}
                    </span>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
          {list.data.total > list.data.items.length ? (
            <p className="muted small">
              {t("recipients.partial", {
                shown: formatNumber(list.data.items.length, locale),
                total: formatNumber(list.data.total, locale),
              })}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
