import { useEffect, useRef } from "react";
import { ErrorNotice } from "../../components/status";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { isApiError } from "../../lib/api-client";
import { useQuery } from "../../lib/use-query";
import { getCaseZalo } from "../zalo/zalo-api";

interface ZaloCaseChannelProps {
  caseId: string;
  /** The case's channel says Zalo: a failure to read the window is then worth showing. */
  expected: boolean;
  /** Changes when an officer's message was sent, to count the replies again. */
  version: number;
}

/**
 * A report that came through the commune's Zalo OA: replies go back on Zalo, free for 48 hours
 * after the reporter's last message and impossible after 7 days — then another channel is needed.
 */
export function ZaloCaseChannel({ caseId, expected, version }: ZaloCaseChannelProps) {
  const { t, locale } = useI18n();
  const channel = useQuery(`case-zalo:${caseId}`, (signal) => getCaseZalo(caseId, signal));
  const reload = channel.reload;
  const firstVersion = useRef(version);
  useEffect(() => {
    if (version !== firstVersion.current) {
      reload();
    }
  }, [version, reload]);
  const n = (value: number) => formatNumber(value, locale);

  if (channel.status === "error" && !channel.data) {
    const quiet = isApiError(channel.error, "NOT_FOUND") || isApiError(channel.error, "FORBIDDEN");
    return expected && !quiet ? <ErrorNotice error={channel.error} onRetry={channel.reload} /> : null;
  }
  const data = channel.data;
  if (!data?.viaZalo) {
    return null;
  }
  return (
    <section className="card" aria-labelledby="zalo-case-title" data-testid="zalo-case-channel">
      <h2 className="card__title" id="zalo-case-title">
        {t("zalo.case.title")} <span className="badge badge--info">{t("zalo.case.via")}</span>
      </h2>
      {!data.windowOpen ? (
        <p className="notice notice--warning" role="alert" data-testid="zalo-case-window-closed">
          {t("zalo.case.windowClosed")}
        </p>
      ) : null}
      <dl className="details details--single">
        <div>
          <dt>{t("zalo.case.lastInteraction")}</dt>
          <dd>{data.lastInteractionAt ? formatDateTime(data.lastInteractionAt) : "—"}</dd>
        </div>
        {data.windowOpen && data.freeUntil ? (
          <div>
            <dt>{t("zalo.case.freeUntilLabel")}</dt>
            <dd data-testid="zalo-case-free-until">
              {t("zalo.case.freeUntil", { time: formatDateTime(data.freeUntil) })}
            </dd>
          </div>
        ) : null}
        {data.windowEndsAt ? (
          <div>
            <dt>{t("zalo.case.windowLabel")}</dt>
            <dd data-testid="zalo-case-window-ends">
              {data.windowOpen
                ? t("zalo.case.windowUntil", { time: formatDateTime(data.windowEndsAt) })
                : t("zalo.case.windowEnded", { time: formatDateTime(data.windowEndsAt) })}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t("zalo.case.replies")}</dt>
          <dd data-testid="zalo-case-replies">
            {t("zalo.case.repliesCounts", {
              delivered: n(data.replies.delivered),
              pending: n(data.replies.pending),
              failed: n(data.replies.failed),
            })}
          </dd>
        </div>
      </dl>
      {data.replies.failed > 0 ? <p className="muted small">{t("zalo.case.failedHint")}</p> : null}
    </section>
  );
}
