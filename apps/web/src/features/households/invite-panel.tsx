import type { THousehold } from "@binhyen/contracts";
import { useState } from "react";
import { CopyField } from "../../components/copy-field";
import { ErrorNotice, Loading, SuccessNotice } from "../../components/status";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { isApiError } from "../../lib/api-client";
import { errorText } from "../../lib/error-text";
import { useQuery } from "../../lib/use-query";
import { useSubmit } from "../../lib/use-submit";
import { absoluteUrl } from "../outreach/outreach-api";
import { createInvite, sendInvite } from "./households-api";

/** The delivery channel asked for; the server answers 503 CHANNEL_UNAVAILABLE until it is enabled. */
const SEND_CHANNEL = "zalo";

function canShare(): boolean {
  return typeof navigator !== "undefined" && typeof navigator.share === "function";
}

/**
 * A personal invitation for one household: QR code, link (copy, share) and "send". Opening the
 * panel creates the invitation.
 */
export function InvitePanel({ household }: { household: THousehold }) {
  const { t, locale } = useI18n();
  const invite = useQuery(`invite:${household.id}`, () => createInvite(household.id));
  const send = useSubmit();
  const [sent, setSent] = useState(false);

  if (invite.status === "error") {
    return <ErrorNotice error={invite.error} onRetry={invite.reload} />;
  }
  if (!invite.data) {
    return <Loading label={t("invite.creating")} />;
  }
  const url = absoluteUrl(invite.data.url);
  const name = household.headName;

  const share = async () => {
    try {
      await navigator.share({
        title: t("invite.shareTitle"),
        text: t("invite.shareText", { name }),
        url,
      });
    } catch {
      // Cancelled by the person, or not allowed: the link is still there to copy.
    }
  };

  const onSend = async () => {
    setSent(false);
    const result = await send.run(() => sendInvite(household.id, SEND_CHANNEL));
    if (result.ok) {
      setSent(true);
    }
  };

  return (
    <div className="invite" data-testid="invite-panel">
      <p className="form-intro">{t("invite.intro", { name })}</p>
      <div className="invite__body">
        <img
          className="qr"
          src={invite.data.qrDataUrl}
          alt={t("invite.qrAlt", { name })}
          width="200"
          height="200"
          data-testid="invite-qr"
        />
        <div className="invite__link">
          <CopyField
            label={t("invite.link")}
            value={url}
            hint={t("invite.expires", { time: formatDateTime(invite.data.expiresAt) })}
            testId="invite-link"
          />
          <div className="form-actions">
            {canShare() ? (
              <button type="button" className="btn btn--secondary" onClick={() => void share()}>
                {t("invite.share")}
              </button>
            ) : null}
            <button
              type="button"
              className="btn btn--primary"
              disabled={send.busy}
              onClick={() => void onSend()}
              data-testid="invite-send"
            >
              {send.busy ? t("invite.sending") : t("invite.send")}
            </button>
          </div>
        </div>
      </div>
      {sent ? <SuccessNotice>{t("invite.sent")}</SuccessNotice> : null}
      {isApiError(send.error, "CHANNEL_UNAVAILABLE") ? (
        <div className="notice notice--warning" role="status" data-testid="channel-unavailable">
          <p>{errorText(send.error, t, locale)}</p>
          {/* The server's Vietnamese message already says what to do instead; otherwise say it here. */}
          {locale === "vi" && send.error.serverMessage ? null : <p>{t("invite.channelHint")}</p>}
        </div>
      ) : send.error ? (
        <ErrorNotice error={send.error} />
      ) : null}
    </div>
  );
}
